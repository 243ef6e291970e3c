/** Issue 16 in the machine's table: the campaign's preview policy, Done and Stop, and the wrap-up timer. */
import { expect } from '@open-wc/testing';
import {
  CallResult,
  allowedActions,
  checkIntent,
  offeredIn,
  previewPolicy,
  refusalFor,
  transition,
  type AfterCallWork,
  type WorkflowState,
} from '../../src/domain/index.js';
import { actionStatus } from '../../src/domain/availability.js';
import { readCampaign } from '../../src/connectors/validate.js';
import { DEFAULT_CAMPAIGN } from '../../src/connectors/simulated/seed-data.js';
import { reach } from '../fixtures/states.js';
import { T0 } from '../fixtures/virtual-time.js';

const ctx = { now: T0, unsaved: false };
const ACW: AfterCallWork = { limitSec: 60, defaultDispositionCode: 'CALLBACK', defaultCallResult: CallResult.NoAnswer, extendSec: 30, maxExtensions: 2 };
/** Wrap-up of a campaign with the timer; the call ended at T0 + 20 s (the fixture's path). */
const wrapup = (acw: Partial<AfterCallWork> = {}): WorkflowState => reach('after-call', { campaign: { afterCallWork: { ...ACW, ...acw } } });
const extend = (s: WorkflowState) => transition(s, { type: 'wrapup-extended', interactionId: s.interaction!.id });
const timeout = (s: WorkflowState) => transition(s, { type: 'wrapup-timeout', interactionId: s.interaction!.id });

interface Row {
  readonly rule: string;
  readonly check: () => void;
}

const rows: Row[] = [
  {
    rule: 'a campaign that disables Reject: shown, refused with the reason, by the agent; the deadline still rejects',
    check: () => {
      const s = reach('ringing', { campaign: { rejectAllowed: false } });
      expect(offeredIn(s, 'reject')).to.equal(true);
      expect(refusalFor(s, 'reject')).to.deep.equal({ reason: 'disabled-by-campaign' });
      expect(checkIntent(s, { type: 'reject' }, ctx)).to.deep.equal({ reason: 'disabled-by-campaign' });
      expect(actionStatus({ workflow: s, online: true, pending: null }, 'reject')).to.deep.equal({
        offered: true,
        shown: true,
        refusal: { reason: 'disabled-by-campaign' },
      });
      expect(allowedActions(s).has('accept')).to.equal(true);
      expect(refusalFor(s, 'reject', 'system')).to.equal(null);
      expect(refusalFor(reach('ringing'), 'reject')).to.equal(null);
    },
  },
  {
    rule: 'a campaign that disables Cancel: refused with the reason; Reject stays the agent’s',
    check: () => {
      const s = reach('previewing', { campaign: { cancelAllowed: false } });
      expect(refusalFor(s, 'cancel')).to.deep.equal({ reason: 'disabled-by-campaign' });
      expect(checkIntent(s, { type: 'cancel' }, ctx)).to.deep.equal({ reason: 'disabled-by-campaign' });
      expect(refusalFor(reach('ringing', { campaign: { cancelAllowed: false } }), 'reject')).to.equal(null);
      expect(refusalFor(reach('previewing'), 'cancel')).to.equal(null);
    },
  },
  {
    rule: 'the policy the host page reads: Reject, Cancel, the timeout action, the wrap-up bound',
    check: () => {
      expect(previewPolicy(DEFAULT_CAMPAIGN)).to.deep.equal({
        reject: true,
        cancel: true,
        timeoutAction: 'reject',
        acceptTimeoutSec: 30,
        afterCallWorkSec: null,
      });
      const c = { ...DEFAULT_CAMPAIGN, rejectAllowed: false, timeoutPolicy: 'dial' as const, afterCallWork: ACW };
      expect(previewPolicy(c)).to.deep.equal({ reject: false, cancel: true, timeoutAction: 'dial', acceptTimeoutSec: 30, afterCallWorkSec: 60 });
    },
  },
  {
    rule: 'the settings cross the wire: read back as sent, a wrong one refused by name',
    check: () => {
      const c = { ...DEFAULT_CAMPAIGN, rejectAllowed: false, cancelAllowed: false, afterCallWork: { ...ACW, onTimeout: 'not-ready' as const } };
      expect(readCampaign(JSON.parse(JSON.stringify(c)))).to.deep.equal(c);
      expect(() => readCampaign({ ...c, rejectAllowed: 'no' })).to.throw(/rejectAllowed/);
      expect(() => readCampaign({ ...c, afterCallWork: { ...ACW, limitSec: -1 } })).to.throw(/limitSec/);
      expect(() => readCampaign({ ...c, afterCallWork: { ...ACW, onTimeout: 'later' } })).to.throw(/onTimeout/);
    },
  },
  {
    rule: 'Done and Stop: offered where Mark Done is, by Mark Done’s rules',
    check: () => {
      for (const p of ['previewing', 'after-call'] as const) expect(offeredIn(reach(p), 'done-and-stop'), p).to.equal(true);
      for (const p of ['ringing', 'connected', 'done'] as const) expect(offeredIn(reach(p), 'done-and-stop'), p).to.equal(false);
      const s = reach('after-call');
      expect(checkIntent(s, { type: 'done-and-stop' }, ctx)).to.deep.equal({ reason: 'disposition-required' });
      expect(checkIntent(s, { type: 'done-and-stop' }, { ...ctx, unsaved: true })).to.deep.equal({ reason: 'disposition-required' });
      const coded = transition(s, { type: 'wrapup', patch: { dispositionCode: 'RENEWED' } });
      expect(checkIntent(coded, { type: 'done-and-stop' }, ctx)).to.equal(null);
      expect(checkIntent(coded, { type: 'done-and-stop' }, { ...ctx, unsaved: true })).to.deep.equal({ reason: 'unsaved-changes' });
    },
  },
  {
    rule: 'the wrap-up timer starts when the call ends, from its time; none without the setting',
    check: () => {
      expect(wrapup().afterCallTimer).to.deep.equal({ deadline: T0 + 20_000 + 60_000, extensions: 0, defaulted: false });
      expect(reach('after-call').afterCallTimer ?? null).to.equal(null);
      expect(reach('previewing', { campaign: { afterCallWork: ACW } }).afterCallTimer ?? null).to.equal(null);
      const s = wrapup();
      expect(actionStatus({ workflow: s, online: true, pending: null }, 'extend-wrapup').shown).to.equal(true);
      expect(actionStatus({ workflow: reach('after-call'), online: true, pending: null }, 'extend-wrapup').shown).to.equal(false);
      expect(refusalFor(reach('after-call'), 'extend-wrapup')).to.deep.equal({ reason: 'not-allowed' });
    },
  },
  {
    rule: 'extend: by the campaign’s seconds, as often as it allows, then refused with the reason',
    check: () => {
      const once = extend(wrapup());
      expect(once.afterCallTimer).to.deep.equal({ deadline: T0 + 110_000, extensions: 1, defaulted: false });
      const twice = extend(once);
      expect(twice.afterCallTimer!.deadline).to.equal(T0 + 140_000);
      expect(refusalFor(twice, 'extend-wrapup')).to.deep.equal({ reason: 'extend-limit' });
      expect(extend(twice)).to.equal(twice);
      const never = wrapup({ extendSec: 0 });
      expect(refusalFor(never, 'extend-wrapup')).to.deep.equal({ reason: 'not-allowed' });
      expect(extend(never)).to.equal(never);
      // one extension where the campaign names the seconds only
      expect(refusalFor(extend(wrapup({ maxExtensions: undefined })), 'extend-wrapup')).to.deep.equal({ reason: 'extend-limit' });
    },
  },
  {
    rule: 'at zero the defaults fill only what the agent left empty, once per interaction',
    check: () => {
      const s = transition(wrapup(), { type: 'wrapup', patch: { callResult: null } });
      const zero = timeout(s);
      expect(zero.wrapup).to.deep.equal({ callResult: CallResult.NoAnswer, doNotCall: false, dispositionCode: 'CALLBACK' });
      expect(zero.afterCallTimer!.defaulted).to.equal(true);
      expect(timeout(zero)).to.equal(zero);
      expect(refusalFor(zero, 'extend-wrapup')).to.deep.equal({ reason: 'not-allowed' });
      // the agent's picks stay (the call result the call ended with, the code picked)
      const picked = timeout(transition(wrapup(), { type: 'wrapup', patch: { dispositionCode: 'RENEWED' } }));
      expect(picked.wrapup).to.deep.equal({ callResult: CallResult.Answer, doNotCall: false, dispositionCode: 'RENEWED' });
      // a default the campaign does not offer is not applied
      expect(timeout(wrapup({ defaultDispositionCode: 'NOPE' })).wrapup.dispositionCode).to.equal(null);
      // not outside wrap-up
      const previewing = reach('previewing', { campaign: { afterCallWork: ACW } });
      expect(timeout(previewing)).to.equal(previewing);
    },
  },
  {
    rule: 'a new preview starts with no timer; a redial keeps what this interaction used up',
    check: () => {
      const used = timeout(extend(wrapup()));
      const id = used.interaction!.id;
      const call = { number: '0312345678', handle: 1001, startedAt: T0, connectedAt: null, held: false, recording: false, parties: 2 };
      const again = transition(transition(used, { type: 'dialing', interactionId: id, call }), {
        type: 'call-ended',
        interactionId: id,
        callResult: null,
        at: T0 + 200_000,
      });
      expect(again.afterCallTimer).to.deep.equal({ deadline: T0 + 260_000, extensions: 1, defaulted: true });
      const closed = transition(transition(again, { type: 'done', interactionId: id }), { type: 'closed', interactionId: id });
      expect(closed.afterCallTimer).to.equal(null);
    },
  },
  {
    rule: 'a desk found in wrap-up by a snapshot gets its wrap-up time from then; the same interaction keeps its own',
    check: () => {
      const s = wrapup();
      const snap = { agent: s.agent, campaign: s.campaign, interaction: s.interaction, phase: s.phase, call: null };
      const fresh = transition(reach('ready', { campaign: { afterCallWork: ACW } }), { type: 'snapshot', snapshot: snap, at: T0 + 500_000 });
      expect(fresh.afterCallTimer).to.deep.equal({ deadline: T0 + 560_000, extensions: 0, defaulted: false });
      const kept = transition(extend(s), { type: 'snapshot', snapshot: snap, at: T0 + 500_000 });
      expect(kept.afterCallTimer).to.deep.equal(extend(s).afterCallTimer);
    },
  },
];

describe('issue 16: preview policy, Done and Stop, the wrap-up timer (machine table)', () => {
  for (const row of rows) it(row.rule, row.check);
});
