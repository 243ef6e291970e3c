/** Issue 16: the consult (two-step) transfer and conference — machine table rows for every transition. */
import { expect } from '@open-wc/testing';
import { allowedActions, checkIntent, refusalFor, transition, type Action, type WorkflowEvent, type WorkflowState } from '../../src/domain/index.js';
import { actionStatus } from '../../src/domain/availability.js';
import { reach } from '../fixtures/states.js';
import { T0 } from '../fixtures/virtual-time.js';

const ctx = { now: T0, unsaved: false };
const ID = 'ixn-1';
const miller = { id: 'agent-miller', name: 'Dana Miller', kind: 'agent' } as const;
const allows = (s: WorkflowState, a: Action) => allowedActions(s).has(a);
const shown = (s: WorkflowState, a: Action) => actionStatus({ workflow: s, online: true, pending: null }, a).shown;
const dialing: WorkflowEvent = { type: 'consult-dialing', interactionId: ID, target: miller, at: T0 + 10_000 };
const answered: WorkflowEvent = { type: 'consult-answered', interactionId: ID, at: T0 + 12_000 };

interface Row {
  readonly rule: string;
  readonly check: () => void;
}

const rows: Row[] = [
  {
    rule: 'connected, no consult: Consult is offered among the targets; the consult actions are not',
    check: () => {
      const s = reach('connected');
      expect(allows(s, 'consult')).to.equal(true);
      for (const a of ['complete-transfer', 'complete-conference', 'cancel-consult'] as const) {
        expect(refusalFor(s, a), a).to.deep.equal({ reason: 'not-allowed' });
        expect(shown(s, a), a).to.equal(false);
      }
      expect(checkIntent(s, { type: 'consult', targetId: 'agent-miller' }, ctx)).to.equal(null);
      expect(checkIntent(s, { type: 'consult', targetId: 'sup-tanaka' }, ctx)).to.equal(null); // a conference target too
      expect(checkIntent(s, { type: 'consult', targetId: 'nobody' }, ctx)).to.deep.equal({ reason: 'unknown-target' });
    },
  },
  {
    rule: 'consult dialing: the customer is held, the target rings; only Cancel consult is enabled among the consult actions',
    check: () => {
      const s = transition(reach('connected'), dialing);
      expect(s.consult).to.deep.equal({ target: miller, state: 'ringing', startedAt: T0 + 10_000, answeredAt: null });
      expect(s.call!.held).to.equal(true);
      expect(s.phase).to.equal('connected');
      expect(allows(s, 'cancel-consult')).to.equal(true);
      expect(refusalFor(s, 'complete-transfer')).to.deep.equal({ reason: 'consult-not-answered' });
      expect(refusalFor(s, 'complete-conference')).to.deep.equal({ reason: 'consult-not-answered' });
      expect(refusalFor(s, 'consult')).to.deep.equal({ reason: 'consult-active' });
      expect(transition(s, dialing)).to.equal(s); // no second consult
    },
  },
  {
    rule: 'during a consult the customer call is not held, retrieved, disconnected, transferred or conferenced in one step',
    check: () => {
      for (const c of ['ringing', 'talking', 'failed'] as const) {
        const s = reach('connected', { consult: c });
        for (const a of ['hold', 'retrieve', 'disconnect', 'transfer', 'conference'] as const) {
          expect(refusalFor(s, a), `${c} ${a}`).to.deep.equal({ reason: 'consult-active' });
        }
        expect(shown(s, 'hold') || shown(s, 'retrieve') || shown(s, 'transfer') || shown(s, 'conference'), c).to.equal(false);
        expect(shown(s, 'disconnect'), c).to.equal(true); // shown disabled, with its reason
        expect(refusalFor(s, 'mark-done'), c).to.deep.equal({ reason: 'not-allowed' }); // no Mark Done mid-consult
        expect(refusalFor(s, 'update-record'), c).to.equal(null); // the record stays the agent's
      }
    },
  },
  {
    rule: 'consult answered: Complete transfer, Make it a conference and Cancel consult are enabled',
    check: () => {
      const s = transition(transition(reach('connected'), dialing), answered);
      expect(s.consult!.state).to.equal('talking');
      expect(s.consult!.answeredAt).to.equal(T0 + 12_000);
      for (const a of ['complete-transfer', 'complete-conference', 'cancel-consult'] as const) expect(allows(s, a), a).to.equal(true);
      expect(transition(s, answered)).to.equal(s);
      expect(checkIntent(s, { type: 'complete-transfer' }, { ...ctx, unsaved: true })).to.deep.equal({ reason: 'unsaved-changes' });
    },
  },
  {
    rule: 'complete transfer: the interaction ends transferred to the consulted target, the consult gone with it',
    check: () => {
      const s = transition(reach('connected', { consult: 'talking' }), { type: 'transferred', interactionId: ID, target: miller });
      expect(s.phase).to.equal('transferred');
      expect(s.ended).to.deep.equal({ target: miller });
      expect(s.consult).to.equal(null);
      expect(s.call).to.equal(null);
    },
  },
  {
    rule: 'make it a conference: three parties, nobody held; no 4th party is consulted',
    check: () => {
      const s = transition(reach('connected', { consult: 'talking' }), { type: 'consult-ended', interactionId: ID, conferenced: true });
      expect(s.consult).to.equal(null);
      expect(s.call!.parties).to.equal(3);
      expect(s.call!.held).to.equal(false);
      expect(refusalFor(s, 'consult')).to.deep.equal({ reason: 'conference-full' });
      expect(transition(s, dialing)).to.equal(s);
    },
  },
  {
    rule: 'a conference is made only of an answered consult',
    check: () => {
      const s = reach('connected', { consult: 'ringing' });
      expect(transition(s, { type: 'consult-ended', interactionId: ID, conferenced: true })).to.equal(s);
    },
  },
  {
    rule: 'the target refuses or does not answer: the consult fails, the customer stays held until Cancel consult',
    check: () => {
      const s = transition(reach('connected', { consult: 'ringing' }), { type: 'consult-failed', interactionId: ID, failure: 'refused' });
      expect(s.consult!.state).to.equal('failed');
      expect(s.consult!.failure).to.equal('refused');
      expect(s.call!.held).to.equal(true);
      expect(refusalFor(s, 'complete-transfer')).to.deep.equal({ reason: 'consult-not-answered' });
      expect(allows(s, 'cancel-consult')).to.equal(true);
      expect(transition(s, answered)).to.equal(s); // a failed consult is not answered later
      expect(transition(s, { type: 'consult-failed', interactionId: ID, failure: 'no-answer' })).to.equal(s);
    },
  },
  {
    rule: 'cancel consult: the consult ends; the customer is retrieved by the call that follows, Hold offered again',
    check: () => {
      const s = transition(reach('connected', { consult: 'talking' }), { type: 'consult-ended', interactionId: ID, conferenced: false });
      expect(s.consult).to.equal(null);
      expect(s.call!.parties).to.equal(2);
      const back = transition(s, { type: 'call', interactionId: ID, call: { ...s.call!, held: false } });
      expect(allows(back, 'hold')).to.equal(true);
      expect(allows(back, 'consult')).to.equal(true);
    },
  },
  {
    rule: 'a consult is only ever of the connected call of this interaction',
    check: () => {
      for (const phase of ['previewing', 'dialing', 'after-call'] as const) {
        const s = reach(phase);
        expect(transition(s, dialing), phase).to.equal(s);
        expect(refusalFor(s, 'consult'), phase).to.deep.equal({ reason: 'not-allowed' });
      }
      const c = reach('connected');
      expect(transition(c, { ...dialing, interactionId: 'other' })).to.equal(c);
      expect(transition(c, answered)).to.equal(c);
      expect(transition(c, { type: 'consult-ended', interactionId: ID, conferenced: false })).to.equal(c);
    },
  },
  {
    rule: 'the customer hangs up mid-consult: wrap-up, and the consult is gone',
    check: () => {
      const s = transition(reach('connected', { consult: 'talking' }), { type: 'call-ended', interactionId: ID, callResult: null, at: T0 + 30_000 });
      expect(s.phase).to.equal('after-call');
      expect(s.consult).to.equal(null);
    },
  },
  {
    rule: 'a snapshot brings the server’s consult, and none where it has none',
    check: () => {
      const s = reach('connected', { consult: 'talking' });
      const snap = { agent: s.agent, campaign: s.campaign, interaction: s.interaction, phase: s.phase, call: s.call };
      expect(transition(s, { type: 'snapshot', snapshot: snap }).consult).to.equal(null);
      expect(transition(reach('connected'), { type: 'snapshot', snapshot: { ...snap, consult: s.consult } }).consult).to.deep.equal(s.consult);
    },
  },
];

describe('workflow machine: consult transfer and conference (issue 16)', () => {
  for (const r of rows) it(r.rule, r.check);
});
