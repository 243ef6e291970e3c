/**
 * One phone formatting (issue 13): every element shows a number national for the contact's region
 * ("03-1234-5678"), whatever spelling the server sent ("+81312345678", as a Genesys server or the
 * simulated server's call does).
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import { SimulatedConnector } from '../../src/connectors/simulated/connector.js';
import type { WorkflowState } from '../../src/domain/machine.js';
import { checkPhone, loadPhoneMetadata, showPhone } from '../../src/domain/phone.js';
import type { PushPreviewPanel } from '../../src/elements/panel/push-preview-panel.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { ANY_HOUR_CONTACTS, anyHour } from '../fixtures/any-hour.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

function e164(n: string, country: string): string {
  const p = checkPhone(n, country);
  if (!p.ok) throw new Error(`fixture number ${n} is not valid`);
  return p.e164;
}

/** The same state with every number of the chain, and the call's, spelt E.164. */
function spelledE164(s: WorkflowState): WorkflowState {
  const i = s.interaction!;
  const records = i.chain.records.map((r) => ({ ...r, phone: e164(r.phone, r.country) }));
  const country = records[0]!.country;
  return { ...s, interaction: { ...i, chain: { ...i.chain, records } }, call: s.call ? { ...s.call, number: e164(s.call.number, country) } : null };
}

/** The text of every shadow root under `root`, as one string. */
function shownText(root: Element): string {
  const out: string[] = [];
  const walk = (el: Element) => {
    if (el.shadowRoot) {
      out.push(el.shadowRoot.textContent ?? '');
      for (const input of el.shadowRoot.querySelectorAll('input')) out.push(input.value);
      for (const child of el.shadowRoot.querySelectorAll('*')) walk(child);
    }
  };
  for (const el of [root, ...root.querySelectorAll('*')]) walk(el);
  return out.join('\n');
}

describe('one phone formatting', () => {
  before(() => loadPhoneMetadata());

  it('showPhone: national for the region, E.164 beside it; the input as given where it is not a number', () => {
    expect(showPhone('+81356781234', 'JP')).to.deep.equal({ text: '03-5678-1234', e164: '+81356781234' });
    expect(showPhone('03-5678-1234', 'JP')).to.deep.equal({ text: '03-5678-1234', e164: '+81356781234' });
    expect(showPhone('+14155550100', 'US')).to.deep.equal({ text: '(415) 555-0100', e164: '+14155550100' });
    expect(showPhone('5678-1234', 'JP')).to.deep.equal({ text: '5678-1234', e164: null });
  });

  for (const phase of ['previewing', 'connected'] as const) {
    it(`${phase}: numbers the server spells E.164 show national in every element`, async () => {
      const state = spelledE164(anyHour(reach(phase, { at: Date.now() })));
      const provider = await fixture<PushPreviewSession>(
        html`<push-preview-session no-persist lang="en" .connector=${new FixtureConnector(state)}>
          <push-preview-form></push-preview-form>
          <call-controls></call-controls>
          <chained-records></chained-records>
          <record-editor></record-editor>
        </push-preview-session>`,
      );
      const session = await provider.ready();
      await until(() => session.state.workflow.phase === phase, phase);
      await Promise.all([...provider.children].map((el) => (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete));
      const text = shownText(provider);
      expect(text, 'the active number').to.include('03-1234-5678');
      expect(text, 'the chain').to.include('090-1234-5678');
      expect(text, 'no raw E.164').not.to.match(/\+81\d/);
      if (phase === 'previewing') {
        const setActive = provider.querySelector('chained-records')!.shadowRoot!.querySelector('[data-action="set-active-record"]')!;
        expect(setActive.textContent!.trim()).to.equal('Set Active Record: 090-1234-5678');
      }
      session.dispose();
    });
  }

  it('the call status and the live region say the dialled number national (the simulated server dials E.164; the call stays dialing)', async () => {
    const connector = new SimulatedConnector({ agentId: 'agent-phone', pushDelayMs: 30, dialDelayMs: 600_000, contacts: ANY_HOUR_CONTACTS });
    const panel = await fixture<PushPreviewPanel>(html`<push-preview-panel lang="en" no-persist .connector=${connector}></push-preview-panel>`);
    const session = await panel.ready();
    await session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] });
    await session.dispatch({ type: 'ready' });
    await until(() => session.state.workflow.phase === 'ringing', 'ringing');
    await session.dispatch({ type: 'accept' });
    await session.dispatch({ type: 'connect' });
    await until(() => session.state.workflow.call !== null, 'a call');
    expect(session.state.workflow.call!.number, 'the server dials E.164').to.equal('+81312345678');
    const controls = panel.shadowRoot!.querySelector('call-controls')!;
    const status = () => controls.shadowRoot!.querySelector('[part~="status"] .dial')?.textContent?.trim();
    await until(() => status() !== undefined, 'call status shown');
    expect(status()).to.equal('03-1234-5678');
    const polite = () => panel.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')!.textContent!.trim();
    await until(() => polite() === 'Dialing 03-1234-5678.', 'dialing said', { describe: polite });
    session.dispose();
  });
});
