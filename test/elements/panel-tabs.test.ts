// The panel's record tabs take the keys of an ARIA tab list: ← and → move to the previous and next
// tab, wrapping at the ends, Home and End to the first and the last; the chosen tab is selected and
// focused. Other keys are left to the page.
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import type { PushPreviewPanel } from '../../src/elements/panel/push-preview-panel.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

describe('<push-preview-panel> record tabs from the keyboard', () => {
  it('← → wrap around the four tabs, Home and End go to the ends, and the chosen tab has focus', async () => {
    const connector = new FixtureConnector(reach('previewing', { at: Date.now() }));
    const panel = await fixture<PushPreviewPanel>(html`<push-preview-panel no-persist .connector=${connector}></push-preview-panel>`);
    await panel.ready();
    const root = panel.shadowRoot!;
    await until(() => root.querySelector('[role="tablist"]'), 'the record tabs shown');
    const selected = () => root.querySelector('[role="tab"][aria-selected="true"]')?.id;
    const focused = () => root.activeElement?.id;
    const press = async (key: string) => {
      const e = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
      (root.querySelector('[role="tab"][aria-selected="true"]') as HTMLElement).dispatchEvent(e);
      await panel.updateComplete;
      return e.defaultPrevented;
    };
    expect(selected()).to.equal('tab-edit');
    const walk: [string, string][] = [
      ['ArrowLeft', 'tab-disposition'],
      ['ArrowRight', 'tab-edit'],
      ['ArrowRight', 'tab-chain'],
      ['ArrowRight', 'tab-reschedule'],
      ['End', 'tab-disposition'],
      ['ArrowRight', 'tab-edit'],
      ['End', 'tab-disposition'],
      ['ArrowLeft', 'tab-reschedule'],
      ['Home', 'tab-edit'],
    ];
    for (const [key, tab] of walk) {
      expect(await press(key), `${key} is the tab list's`).to.equal(true);
      expect(selected(), `after ${key}`).to.equal(tab);
      await until(() => focused() === tab, `${tab} focused after ${key}`);
    }
    expect(await press('a'), 'another key is left to the page').to.equal(false);
    expect(selected()).to.equal('tab-edit');
  });
});
