// <push-preview-panel> forwards the parts of the elements inside it (exportparts), so a page
// styles them through the panel: push-preview-panel::part(action-connect).
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import type { Phase } from '../../src/domain/machine.js';
import type { PushPreviewPanel } from '../../src/elements/panel/push-preview-panel.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

async function panelAt(phase: Phase): Promise<PushPreviewPanel> {
  const connector = new FixtureConnector(reach(phase, { at: Date.now() }));
  const panel = await fixture<PushPreviewPanel>(html`<push-preview-panel no-persist .connector=${connector}></push-preview-panel>`);
  await panel.ready();
  await until(() => panel.session?.state.workflow.phase === phase, `the panel reaches ${phase}`);
  return panel;
}

/** The elements in the panel's shadow root, once they have rendered. */
async function inner(panel: PushPreviewPanel): Promise<HTMLElement[]> {
  const els = [...panel.shadowRoot!.querySelectorAll<HTMLElement>('*')].filter((el) => el.shadowRoot);
  await Promise.all(els.map((el) => (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete));
  return els;
}

describe('<push-preview-panel> parts', () => {
  let style: HTMLStyleElement;
  beforeEach(() => {
    style = document.createElement('style');
    style.textContent = 'push-preview-panel::part(action-connect) { word-spacing: 11px; } push-preview-panel::part(countdown) { word-spacing: 7px; }';
    document.head.append(style);
  });
  afterEach(() => style.remove());

  it('push-preview-panel::part(action-connect) styles the Connect button inside it', async () => {
    const panel = await panelAt('previewing');
    await until(() => panel.shadowRoot!.querySelector('call-controls')?.shadowRoot?.querySelector('[part~="action-connect"]'), 'Connect shown');
    const controls = panel.shadowRoot!.querySelector('call-controls')!;
    const connect = controls.shadowRoot!.querySelector('[part~="action-connect"]')!;
    expect(getComputedStyle(connect).wordSpacing).to.equal('11px');
    const disconnect = controls.shadowRoot!.querySelector('[part~="action"]:not([part~="action-connect"])');
    if (disconnect) expect(getComputedStyle(disconnect).wordSpacing).to.not.equal('11px');
  });

  it('forwards ::part(countdown) of the form inside it', async () => {
    const panel = await panelAt('ringing');
    await until(() => panel.shadowRoot!.querySelector('push-preview-form')?.shadowRoot?.querySelector('[part~="countdown"]'), 'countdown shown');
    const countdown = panel.shadowRoot!.querySelector('push-preview-form')!.shadowRoot!.querySelector('[part~="countdown"]')!;
    expect(getComputedStyle(countdown).wordSpacing).to.equal('7px');
  });

  for (const phase of ['logged-out', 'ringing', 'previewing', 'connected', 'after-call'] as const) {
    it(`every part rendered inside it is forwarded (${phase})`, async () => {
      const panel = await panelAt(phase);
      const missing = new Set<string>();
      let seen = 0;
      for (const el of await inner(panel)) {
        const forwarded = new Set((el.getAttribute('exportparts') ?? '').split(',').map((x) => x.trim()));
        for (const node of el.shadowRoot!.querySelectorAll('[part]'))
          for (const name of node.getAttribute('part')!.split(/\s+/).filter(Boolean)) {
            seen += 1;
            if (!forwarded.has(name)) missing.add(`<${el.localName}> ${name}`);
          }
      }
      expect(seen).to.be.greaterThan(3);
      expect([...missing]).to.deep.equal([]);
    });
  }
});
