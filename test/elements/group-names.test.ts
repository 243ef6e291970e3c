/**
 * Accurate group names (issue 13): a group is named for what it holds in every phase, not for
 * two of its buttons ("Connect / Disconnect" while it held Transfer and Conference), and no two
 * named groups of the panel share a name (the tab list was named "Preview", as the form is).
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import type { Phase } from '../../src/domain/machine.js';
import type { PushPreviewPanel } from '../../src/elements/panel/push-preview-panel.js';
import { en } from '../../src/i18n/en.js';
import { loadLocale } from '../../src/i18n/index.js';
import { anyHour } from '../fixtures/any-hour.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

const PHASES: Phase[] = ['previewing', 'connected', 'after-call'];

/** Every element with an aria-label through the panel's shadow roots, with its role. */
function named(root: ShadowRoot): { role: string; name: string; el: Element }[] {
  const out: { role: string; name: string; el: Element }[] = [];
  for (const el of root.querySelectorAll('*')) {
    const name = el.getAttribute('aria-label');
    if (name && el.localName !== 'button') out.push({ role: el.getAttribute('role') ?? el.localName, name, el });
    if (el.shadowRoot) out.push(...named(el.shadowRoot));
  }
  return out;
}

describe('group names', () => {
  let ja: typeof en;
  before(async () => {
    ja = await loadLocale('ja');
  });

  for (const lang of ['en', 'ja'] as const) {
    for (const phase of PHASES) {
      it(`${phase} (${lang}): the call controls are named for what they hold; no two groups share a name`, async () => {
        const t = lang === 'en' ? en : ja;
        const connector = new FixtureConnector(anyHour(reach(phase, { at: Date.now() })));
        const panel = await fixture<PushPreviewPanel>(html`<push-preview-panel lang=${lang} no-persist .connector=${connector}></push-preview-panel>`);
        const session = await panel.ready();
        await until(() => session.state.workflow.phase === phase, phase);
        const controls = panel.shadowRoot!.querySelector('call-controls')!;
        await until(() => controls.shadowRoot?.querySelector('[part~="controls"]'), 'call controls shown');
        const group = controls.shadowRoot!.querySelector('[part~="controls"]')!;
        expect(group.getAttribute('role')).to.equal('group');
        expect(group.getAttribute('aria-label')).to.equal(t.callControls);
        // the name names no action the group lacks
        const held = [...group.querySelectorAll('[data-action]')].map((b) => b.textContent!.trim());
        for (const action of [t.connect, t.disconnect, t.transfer, t.conference, t.hold]) {
          if (group.getAttribute('aria-label')!.includes(action)) expect(held, `"${action}" named`).to.include(action);
        }
        const groups = named(panel.shadowRoot!);
        const names = groups.map((g) => `${g.role}: ${g.name}`);
        expect(new Set(groups.map((g) => g.name)).size, names.join(' | ')).to.equal(groups.length);
        const tablist = groups.find((g) => g.role === 'tablist');
        expect(tablist?.name).to.equal(t.recordTabs);
        session.dispose();
      });
    }
  }
});
