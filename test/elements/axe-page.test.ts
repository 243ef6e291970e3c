/**
 * axe with the best-practice rules on, not only WCAG (issue 13): in every phase, the elements
 * placed on a CRM page under its <h1> (the demo's layout) and the panel alone, in English and
 * Japanese, give no finding — heading-order included (the form's heading once broke it).
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import 'axe-core/axe.min.js';
import '../../src/define/all.js';
import type { Phase } from '../../src/domain/machine.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import type { PushPreviewPanel } from '../../src/elements/panel/push-preview-panel.js';
import { loadLocale } from '../../src/i18n/index.js';
import { anyHour } from '../fixtures/any-hour.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[];
}
declare global {
  interface Window {
    axe: { run(context: Element, options: object): Promise<AxeResult> };
  }
}

const PHASES: Phase[] = ['logged-out', 'not-ready', 'ringing', 'previewing', 'dialing', 'connected', 'after-call', 'stale', 'done'];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function findings(root: Element): Promise<string[]> {
  const r = await window.axe.run(root, { runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations'] });
  return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

async function settled(elements: Element[]): Promise<void> {
  await Promise.all(elements.map((e) => (e as Element & { updateComplete?: Promise<unknown> }).updateComplete));
}

describe('axe, best-practice rules on, in every phase', () => {
  before(() => loadLocale('ja'));

  for (const lang of ['en', 'ja'] as const) {
    for (const phase of PHASES) {
      it(`${phase} (${lang}): every element on a CRM page under its <h1> — no finding`, async () => {
        const connector = new FixtureConnector(anyHour(reach(phase, { at: Date.now() })));
        const main = await fixture<HTMLElement>(
          html`<main lang=${lang}>
            <h1>Contact</h1>
            <push-preview-session no-persist .connector=${connector}>
              <push-preview-indicator></push-preview-indicator>
              <push-preview-agent></push-preview-agent>
              <push-preview-form></push-preview-form>
              <call-controls></call-controls>
              <wrapup-codes></wrapup-codes>
              <section aria-label="Record"><h2>Record</h2><record-editor></record-editor></section>
              <section aria-label="Chain"><h2>Chain</h2><chained-records></chained-records></section>
              <section aria-label="Callback"><h2>Callback</h2><reschedule-picker></reschedule-picker></section>
            </push-preview-session>
          </main>`,
        );
        const provider = main.querySelector<PushPreviewSession>('push-preview-session')!;
        const session = await provider.ready();
        await until(() => session.state.workflow.phase === phase, phase, { sessions: [session] });
        await settled([...provider.children, ...provider.querySelectorAll('section > *')]);
        expect(await findings(main)).to.deep.equal([]);
        session.dispose();
      });

      it(`${phase} (${lang}): the panel under a page's <h1> — no finding`, async () => {
        const connector = new FixtureConnector(anyHour(reach(phase, { at: Date.now() })));
        const main = await fixture<HTMLElement>(
          html`<main lang=${lang}><h1>Contact</h1><push-preview-panel no-persist .connector=${connector}></push-preview-panel></main>`,
        );
        const panel = main.querySelector<PushPreviewPanel>('push-preview-panel')!;
        const session = await panel.ready();
        await until(() => session.state.workflow.phase === phase, phase, { sessions: [session] });
        await panel.updateComplete;
        expect(await findings(main)).to.deep.equal([]);
        session.dispose();
      });
    }
  }
});
