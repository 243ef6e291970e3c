/**
 * The call timers of a session (domain/call-timing.ts) on its scheduler: the marks the workflow
 * state does not keep (a hold's start, wrap-up's start) are taken at each state change with the
 * session's clock, so virtual-time tests see exact values. One clock per session, made on first
 * use: changes before it are seen from then on (a hold under way counts from that moment).
 */
import { distinctUntilChanged, map } from 'rxjs';
import { NO_MARKS, advanceMarks, callTimes, type CallTimes, type TimingMarks } from '../domain/call-timing.js';
import type { Session } from './session.js';

export class CallClock {
  private marks: TimingMarks = NO_MARKS;

  constructor(private readonly session: Session) {
    session.state$
      .pipe(
        map((s) => s.workflow),
        distinctUntilChanged(),
      )
      .subscribe((w) => {
        this.marks = advanceMarks(this.marks, w, session.scheduler.now());
      });
  }

  /** The timers' values now, in whole seconds. */
  times(): CallTimes {
    return callTimes(this.session.state.workflow, this.marks, this.session.scheduler.now());
  }
}

const clocks = new WeakMap<Session, CallClock>();

export function callClock(session: Session): CallClock {
  let c = clocks.get(session);
  if (!c) clocks.set(session, (c = new CallClock(session)));
  return c;
}
