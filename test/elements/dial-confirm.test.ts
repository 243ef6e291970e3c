/**
 * Issue 13, defect 2 in the elements: the preview shows the contact's local time against the
 * calling window before Accept, and Connect outside it asks for a confirmation the agent gives on
 * purpose ("Connect anyway"); nothing is dialed before. On the real clock, with a window put
 * around it, so it holds at whatever hour the test runs.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import type { WorkflowState } from '../../src/domain/machine.js';
import { minuteOfDay } from '../../src/domain/time.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { en } from '../../src/i18n/en.js';
import { loadLocale } from '../../src/i18n/index.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

/** The interaction's windows closed now: they open two hours from now, for an hour. */
function closedNow(s: WorkflowState): WorkflowState {
  const i = s.interaction!;
  const records = i.chain.records.map((r) => {
    const from = (minuteOfDay(Date.now(), r.timeZone) + 120) % 1440;
    return { ...r, callFrom: from, callTill: (from + 60) % 1440 };
  });
  return { ...s, interaction: { ...i, chain: { ...i.chain, records } } };
}

async function mountAt(state: WorkflowState, lang = 'en') {
  const connector = new FixtureConnector(state);
  const provider = await fixture<PushPreviewSession>(
    html`<push-preview-session no-persist lang=${lang} .connector=${connector}><push-preview-form></push-preview-form><call-controls></call-controls></push-preview-session>`,
  );
  const session = await provider.ready();
  await until(() => session.state.workflow.phase === state.phase, `session in ${state.phase}`, { sessions: [session] });
  const form = provider.querySelector('push-preview-form')! as HTMLElement & { updateComplete: Promise<unknown> };
  const controls = provider.querySelector('call-controls')! as HTMLElement & { updateComplete: Promise<unknown> };
  await Promise.all([form.updateComplete, controls.updateComplete]);
  return { connector, session, form, controls, provider };
}

describe('the calling window in the elements (issue 13)', () => {
  before(() => loadLocale('ja'));

  it('before Accept the preview says the contact is outside the calling window', async () => {
    const { form } = await mountAt(closedNow(reach('ringing', { at: Date.now() })));
    const mark = await until(() => form.shadowRoot!.querySelector('[part~="window-outside"]'), 'the window mark');
    expect(mark.textContent).to.contain(en.outsideCallingWindow);
    await expect(form).to.be.accessible();
  });

  it('inside the window it says so, and nothing is marked outside', async () => {
    const open = reach('ringing', { at: Date.now() });
    const state = {
      ...open,
      interaction: {
        ...open.interaction!,
        chain: { ...open.interaction!.chain, records: open.interaction!.chain.records.map((r) => ({ ...r, callFrom: 0, callTill: 1440 })) },
      },
    };
    const { form } = await mountAt(state);
    const mark = await until(() => form.shadowRoot!.querySelector('[part~="window"]'), 'the window mark');
    expect(mark.textContent).to.contain(en.insideCallingWindow);
    expect(form.shadowRoot!.querySelector('[part~="window-outside"]')).to.equal(null);
  });

  it('Connect outside it asks first; nothing is dialed until Connect anyway', async () => {
    const { connector, session, controls } = await mountAt(closedNow(reach('previewing', { at: Date.now() })));
    const root = controls.shadowRoot!;
    root.querySelector<HTMLButtonElement>('[data-action="connect"]')!.click();
    await until(() => session.state.refusal?.reason === 'outside-calling-window-confirm', 'Connect asks for a confirmation', { sessions: [session] });
    await controls.updateComplete;
    expect(connector.sent, 'nothing dialed').to.deep.equal([]);
    expect(root.querySelector('[part~="refusal"]')!.textContent).to.contain(en.reasons['outside-calling-window-confirm']);
    const anyway = await until(() => root.querySelector<HTMLButtonElement>('[data-action="connect-anyway"]'), 'Connect anyway shown');
    expect(anyway.textContent!.trim()).to.equal(en.connectAnyway);
    await expect(controls).to.be.accessible();
    anyway.click();
    await until(() => connector.sent.length === 1, 'the confirmed Connect is sent', { sessions: [session] });
    expect(connector.sent[0]).to.deep.include({ type: 'connect' });
  });

  it('in Japanese too', async () => {
    const { session, controls } = await mountAt(closedNow(reach('previewing', { at: Date.now() })), 'ja');
    controls.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="connect"]')!.click();
    const anyway = await until(() => controls.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="connect-anyway"]'), 'Connect anyway shown', {
      sessions: [session],
    });
    expect(anyway.textContent!.trim()).to.equal('時間帯外でも接続');
  });
});
