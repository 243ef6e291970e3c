/** Issue 16 in the domain's table: the call timers (src/domain/call-timing.ts), pure, on given instants. */
import { expect } from '@open-wc/testing';
import { NO_MARKS, advanceMarks, callTimes, formatDuration, nextTurn, type TimingMarks, type WorkflowState } from '../../src/domain/index.js';
import { transition } from '../../src/domain/machine.js';
import { reach } from '../fixtures/states.js';
import { T0 } from '../fixtures/virtual-time.js';

/** The marks once each state was seen at its instant, in order. */
const seen = (...steps: [WorkflowState, number][]): TimingMarks => steps.reduce((m, [w, at]) => advanceMarks(m, w, at), NO_MARKS);
const held = (w: WorkflowState, on: boolean): WorkflowState => ({ ...w, call: { ...w.call!, held: on } });
const none = { preview: null, call: null, hold: null, holdTotal: null, wrapup: null };

interface Row {
  readonly rule: string;
  readonly check: () => void;
}

const rows: Row[] = [
  {
    rule: 'no timer outside a call’s phases (logged out, Ready, ringing, the ends)',
    check: () => {
      for (const phase of ['logged-out', 'not-ready', 'ready', 'ringing', 'done', 'rejected', 'cancelled', 'transferred', 'stale', 'failed'] as const) {
        const w = reach(phase);
        expect(callTimes(w, seen([w, T0]), T0 + 60_000), phase).to.deep.equal(none);
        expect(nextTurn(w, seen([w, T0]), T0 + 60_000), phase).to.equal(null);
      }
    },
  },
  {
    rule: 'preview: from the server’s accept stamp; from when the desk saw it where the server gave none',
    check: () => {
      const w = reach('previewing'); // accepted at T0 + 2 s
      expect(callTimes(w, seen([w, T0 + 9000]), T0 + 14_999)).to.deep.equal({ ...none, preview: 12 });
      const unstamped = { ...w, interaction: { ...w.interaction!, acceptedAt: null } };
      expect(callTimes(unstamped, seen([unstamped, T0 + 9000]), T0 + 14_999).preview).to.equal(5);
    },
  },
  {
    rule: 'call: from the call’s start while dialing, from its connection once connected',
    check: () => {
      const dialing = reach('dialing'); // started at T0 + 5 s
      expect(callTimes(dialing, seen([dialing, T0 + 6000]), T0 + 7500)).to.deep.equal({ ...none, call: 2 });
      const connected = reach('connected'); // connected at T0 + 8 s
      expect(callTimes(connected, seen([connected, T0 + 9000]), T0 + 8000 + 65_000)).to.deep.equal({ ...none, call: 65 });
    },
  },
  {
    rule: 'hold: this hold from when it began; in all, this hold and those before, shown from the first hold’s start',
    check: () => {
      const c = reach('connected');
      const m1 = seen([c, T0 + 9000], [held(c, true), T0 + 10_000]);
      expect(callTimes(held(c, true), m1, T0 + 10_000)).to.include({ hold: 0, holdTotal: 0 });
      const m2 = advanceMarks(m1, c, T0 + 17_000); // retrieved after 7 s
      expect(callTimes(c, m2, T0 + 20_000)).to.include({ hold: null, holdTotal: 7 });
      const m3 = advanceMarks(m2, held(c, true), T0 + 30_000);
      expect(callTimes(held(c, true), m3, T0 + 33_500)).to.include({ hold: 3, holdTotal: 10 });
    },
  },
  {
    rule: 'wrap-up: from when the call ended; a new interaction starts from zero, no hold carried over',
    check: () => {
      const c = reach('connected');
      const after = reach('after-call');
      const m = seen([c, T0 + 9000], [held(c, true), T0 + 10_000], [c, T0 + 14_000], [after, T0 + 20_000]);
      expect(callTimes(after, m, T0 + 62_000)).to.deep.equal({ ...none, wrapup: 42 });
      const next = reach('connected', { chainIndex: 1 });
      expect(callTimes(next, advanceMarks(m, next, T0 + 90_000), T0 + 95_000).holdTotal).to.equal(null);
      const done = transition(after, { type: 'done', interactionId: after.interaction!.id });
      expect(advanceMarks(m, done, T0 + 70_000)).to.equal(NO_MARKS);
    },
  },
  {
    rule: 'the next turn: the soonest instant a shown value changes, each timer on its own second',
    check: () => {
      const c = reach('connected'); // the call's second turns at …8.000 s
      const m = seen([c, T0 + 9000], [held(c, true), T0 + 10_300]); // the hold's at …0.300 s
      expect(nextTurn(c, seen([c, T0 + 9000]), T0 + 9000)).to.equal(T0 + 10_000);
      expect(nextTurn(held(c, true), m, T0 + 10_300)).to.equal(T0 + 11_000);
      expect(nextTurn(held(c, true), m, T0 + 11_000)).to.equal(T0 + 11_300);
      // ended holds do not count on: no turn of their own
      expect(nextTurn(c, advanceMarks(m, c, T0 + 12_000), T0 + 12_100)).to.equal(T0 + 13_000);
    },
  },
  {
    rule: 'shown as m:ss, h:mm:ss from an hour on',
    check: () => {
      expect([0, 5, 65, 599, 3599, 3600, 3600 + 42, 36_000 + 61].map(formatDuration)).to.deep.equal([
        '0:00',
        '0:05',
        '1:05',
        '9:59',
        '59:59',
        '1:00:00',
        '1:00:42',
        '10:01:01',
      ]);
    },
  },
];

describe('issue 16: the call timers (domain table)', () => {
  for (const row of rows) it(row.rule, row.check);
});
