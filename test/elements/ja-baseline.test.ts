/**
 * Labels and values share a baseline (issue 13): in Japanese the labels of the preview's details
 * (現地時刻, 発信可能時間帯 …) sat lower than their values, because the CJK font's taller ascent
 * pushed a label's first baseline down while the row aligned its cells at the top. Each label's
 * baseline is measured with an empty inline-block put at the start of its text (an empty
 * inline-block sits on the baseline), against its value's.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { loadLocale } from '../../src/i18n/index.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

function baseline(cell: Element): number {
  const probe = document.createElement('span');
  probe.style.cssText = 'display:inline-block;width:0;height:0;margin:0;padding:0;border:0';
  cell.prepend(probe);
  const y = probe.getBoundingClientRect().bottom;
  probe.remove();
  return y;
}

describe('label and value baselines', () => {
  before(() => loadLocale('ja'));

  for (const lang of ['ja', 'en'] as const) {
    it(`${lang}: each label of the preview's details sits on its value's baseline`, async () => {
      const provider = await fixture<PushPreviewSession>(
        html`<push-preview-session no-persist lang=${lang} .connector=${new FixtureConnector(reach('previewing', { at: Date.now() }))}>
          <push-preview-form></push-preview-form>
        </push-preview-session>`,
      );
      const session = await provider.ready();
      await until(() => session.state.workflow.phase === 'previewing', 'previewing');
      const form = provider.querySelector('push-preview-form')!;
      await until(() => form.shadowRoot!.querySelectorAll('dt').length > 3, 'details shown');
      await form.updateComplete;
      await document.fonts.ready;
      const labels = [...form.shadowRoot!.querySelectorAll('dt')];
      const off: string[] = [];
      for (const dt of labels) {
        const dd = dt.nextElementSibling!;
        const d = baseline(dt) - baseline(dd);
        if (Math.abs(d) > 0.5) off.push(`${dt.textContent!.trim()}: ${d.toFixed(1)} px`);
      }
      expect(off, 'labels off their values’ baseline').to.deep.equal([]);
      session.dispose();
    });
  }
});
