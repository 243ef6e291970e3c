/**
 * The call timers of a session (domain/call-timing.ts) on its scheduler: the values now and when
 * the next one turns, from the marks the session keeps from its start (store.ts `CallMarks`, so
 * virtual-time tests see exact values and a hold under way before any timer is shown counts from
 * its start). Loaded with `<call-timers>`, the only one that asks: in the CDN build a chunk of its
 * own. A session of another make, which keeps no marks, gets them on first use from `state$`.
 */
import { map } from 'rxjs';
import { timeoutScheduler } from '../connectors/scheduler.js';
import { callTimes, nextTurn, type CallTimes } from '../domain/call-timing.js';
import { trackMarks, type CallMarks } from './store.js';
import type { DeskSession } from './types.js';

export interface CallClock extends CallMarks {
  /** The timers' values now, in whole seconds. */
  times(): CallTimes;
  /** When a shown value next changes (epoch ms on the session's clock); null when none counts. */
  nextTurn(): number | null;
}

const kept = new WeakMap<DeskSession, CallMarks>();

/** The session's call clock: its own marks (or, for a session of another make, marks kept from `state$` from now on), with the timers' values added. */
export function callClock(session: DeskSession): CallClock {
  let marks = session.callClock ?? kept.get(session);
  if (!marks) {
    const scheduler = session.scheduler ?? timeoutScheduler;
    kept.set(session, (marks = trackMarks(session.state$.pipe(map((s) => s.workflow)), () => scheduler.now())));
  }
  const c = marks as CallMarks & Partial<CallClock>;
  c.times ??= () => callTimes(session.state.workflow, c.marks, c.now());
  c.nextTurn ??= () => nextTurn(session.state.workflow, c.marks, c.now());
  return c as CallClock;
}
