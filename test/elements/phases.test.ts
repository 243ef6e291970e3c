/**
 * One shared suite for every element: in every phase (and the variants that change what is
 * offered), each action control is present exactly where the machine offers it, disabled exactly
 * where it refuses it, sends its command when enabled, is refused (nothing sent) when disabled,
 * and the element passes axe.
 */
import { expect, fixture } from '@open-wc/testing';
import { html, unsafeStatic } from 'lit/static-html.js';
import '../../src/define/all.js';
import { actionStatus } from '../../src/domain/availability.js';
import { PHASES, type Action, type WorkflowState } from '../../src/domain/machine.js';
import { checkIntent } from '../../src/domain/intents.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import type { DeskSession } from '../../src/session/session.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { anyHour } from '../fixtures/any-hour.js';
import { reach, type Reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

const ELEMENTS: { tag: string; actions: Action[] }[] = [
  { tag: 'push-preview-agent', actions: ['login', 'ready', 'not-ready', 'logout'] },
  { tag: 'push-preview-form', actions: ['accept', 'reject', 'dismiss'] },
  {
    tag: 'call-controls',
    actions: [
      'connect',
      'cancel',
      'transfer',
      'conference',
      'hold',
      'retrieve',
      'start-recording',
      'stop-recording',
      'disconnect',
      'consult',
      'complete-transfer',
      'complete-conference',
      'cancel-consult',
    ],
  },
  { tag: 'chained-records', actions: ['set-active-record', 'add-chained-record'] },
  { tag: 'record-editor', actions: ['update-record'] },
  { tag: 'reschedule-picker', actions: ['reschedule'] },
  { tag: 'wrapup-codes', actions: ['mark-done', 'done-and-stop', 'extend-wrapup'] },
];

const VARIANTS: { name: string; phase: (typeof PHASES)[number]; opts: Reach }[] = [
  ...PHASES.map((phase) => ({ name: phase, phase, opts: {} })),
  { name: 'connected, held (W-19)', phase: 'connected', opts: { held: true } },
  { name: 'connected, recording (W-20)', phase: 'connected', opts: { recording: true } },
  { name: 'connected, TDM line (W-20)', phase: 'connected', opts: { campaign: { telephony: 'tdm' } } },
  { name: 'connected, conference full (W-17)', phase: 'connected', opts: { parties: 3 } },
  { name: 'after-call, no disposition codes (W-28)', phase: 'after-call', opts: { campaign: { dispositionCodes: [], dispositionRequired: false } } },
  { name: 'previewing, single-number chain', phase: 'previewing', opts: { chainIndex: 3 } },
  // issue 16: the campaign's preview policy and a bounded, extendable wrap-up
  { name: 'ringing, Reject disabled by the campaign', phase: 'ringing', opts: { campaign: { rejectAllowed: false, timeoutPolicy: 'dial' } } },
  { name: 'previewing, Cancel disabled by the campaign', phase: 'previewing', opts: { campaign: { cancelAllowed: false } } },
  {
    name: 'after-call, wrap-up bounded and extendable',
    phase: 'after-call',
    opts: { campaign: { dispositionRequired: false, afterCallWork: { limitSec: 600, extendSec: 60, maxExtensions: 1 } } },
  },
];

const COMMAND: Partial<Record<Action, string>> = { ready: 'set-status', 'not-ready': 'set-status', dismiss: 'close', 'done-and-stop': 'mark-done' };
/** Actions the desk takes itself, sending nothing (issue 16: more wrap-up time). */
const LOCAL: readonly Action[] = ['extend-wrapup'];

/** The one domain rule the elements render from: offered, shown, and why not enabled. */
function status(session: DeskSession, a: Action) {
  const s = session.state;
  return actionStatus({ workflow: s.workflow, online: s.connection === 'online', pending: s.pending }, a);
}

async function mountIn(tag: string, state: WorkflowState) {
  const connector = new FixtureConnector(state);
  const t = unsafeStatic(tag);
  const provider = await fixture<PushPreviewSession>(
    html`<push-preview-session no-persist lang="en" .connector=${connector}><${t}></${t}></push-preview-session>`,
  );
  const session = await provider.ready();
  await until(() => session.state.workflow.phase === state.phase, `session in ${state.phase}`);
  const el = provider.querySelector(tag) as HTMLElement & { updateComplete: Promise<unknown> };
  await el.updateComplete;
  return { el, session, connector };
}

for (const { tag, actions } of ELEMENTS) {
  describe(`<${tag}> in every phase`, () => {
    for (const v of VARIANTS) {
      it(`${v.name}: controls follow the machine; enabled ones send, disabled ones are refused; accessible`, async () => {
        const state = anyHour(reach(v.phase, { at: Date.now(), ...v.opts })); // Connect dials at any hour the test runs
        const { el, session, connector } = await mountIn(tag, state);
        const root = el.shadowRoot!;
        for (const a of actions) {
          const buttons = root.querySelectorAll<HTMLButtonElement>(`[data-action="${a}"]`);
          expect(buttons.length > 0, `${a} shown`).to.equal(status(session, a).shown);
          if (buttons.length === 0) continue;
          const refusal = status(session, a).refusal;
          expect(buttons[0]!.getAttribute('aria-disabled'), `${a} disabled`).to.equal(refusal ? 'true' : 'false');
          if (refusal && refusal.reason !== 'not-allowed') {
            expect(buttons[0]!.getAttribute('aria-describedby'), `${a} says why`).to.be.a('string');
          }
        }
        await expect(el).to.be.accessible();
        // Click every shown control once, in a fresh session each time would be slow: one click per
        // control, checking what it did, with the state unchanged by the fixture server.
        for (const a of actions) {
          const button = root.querySelector<HTMLButtonElement>(`[data-action="${a}"]`);
          if (!button) continue;
          if (a === 'add-chained-record')
            session.edit({
              kind: 'new-chained',
              value: { phone: state.interaction?.chain.records[0]?.country === 'US' ? '(415) 555-0100' : '080-2222-3333', phoneType: 'mobile' },
            });
          await el.updateComplete;
          const before = connector.sent.length;
          const refusalBefore = status(session, a).refusal;
          root.querySelector<HTMLButtonElement>(`[data-action="${a}"]`)!.click();
          await until(() => session.state.pending === null, 'request settled');
          await el.updateComplete;
          // a local action changes the desk (an extension used up): judge it by the state it was clicked in
          const refusal = LOCAL.includes(a) ? refusalBefore : status(session, a).refusal;
          const payloadRefusal =
            a === 'mark-done' || a === 'done-and-stop' ? checkIntent(session.state.workflow, { type: a }, { now: 0, unsaved: false }) : null;
          if (refusal || payloadRefusal) {
            expect(connector.sent.length, `${a} sends nothing when refused`).to.equal(before);
            const reason = (refusal ?? payloadRefusal)!.reason;
            expect(session.state.refusal, `${a} refusal`).to.deep.include({ intent: a, reason });
            expect(root.querySelector('[part~="refusal"]')?.textContent, `${a} reason shown`).to.be.a('string').and.not.equal('');
          } else if (LOCAL.includes(a)) {
            expect(connector.sent.length, `${a} sends nothing: the desk takes it`).to.equal(before);
          } else {
            // Done and Stop: Mark Done, then Not Ready where the agent is Ready
            expect(connector.sent.length, `${a} sends`).to.equal(before + (a === 'done-and-stop' && session.state.workflow.agent.status === 'ready' ? 2 : 1));
            expect(connector.sent[before]!.type).to.equal(COMMAND[a] ?? a);
          }
        }
        expect(session.state.workflow.phase, 'fixture server changes nothing').to.equal(state.phase);
      });
    }
  });
}
