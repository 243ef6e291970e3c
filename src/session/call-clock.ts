/**
 * The call timers of a session (domain/call-timing.ts) on its scheduler: the marks the workflow
 * state does not keep (a hold's start, wrap-up's start) are taken at each state change with the
 * session's clock, so virtual-time tests see exact values. A session makes its clock when it is
 * made (so a hold under way before any timer is shown counts from its start) and feeds it from its
 * own store, not through `state$` (the clock is not a subscriber an element must release).
 */
import { distinctUntilChanged, map, type Observable } from 'rxjs';
import { timeoutScheduler } from '../connectors/scheduler.js';
import { NO_MARKS, advanceMarks, callTimes, nextTurn, type CallTimes, type TimingMarks } from '../domain/call-timing.js';
import type { WorkflowState } from '../domain/machine.js';
import type { DeskSession } from './types.js';

export class CallClock {
  private marks: TimingMarks = NO_MARKS;

  constructor(
    workflow$: Observable<WorkflowState>,
    /** The session's clock (its scheduler's `now`). */
    readonly now: () => number,
    private readonly workflow: () => WorkflowState,
  ) {
    workflow$.pipe(distinctUntilChanged()).subscribe((w) => {
      this.marks = advanceMarks(this.marks, w, now());
    });
  }

  /** The timers' values now, in whole seconds. */
  times(): CallTimes {
    return callTimes(this.workflow(), this.marks, this.now());
  }

  /** When a shown value next changes (epoch ms on the session's clock); null when none counts. */
  nextTurn(): number | null {
    return nextTurn(this.workflow(), this.marks, this.now());
  }
}

const clocks = new WeakMap<DeskSession, CallClock>();

/** The session's call clock: its own, or (a session of another make) one made on first use from `state$`. */
export function callClock(session: DeskSession): CallClock {
  if (session.callClock) return session.callClock;
  let c = clocks.get(session);
  if (!c) {
    const scheduler = session.scheduler ?? timeoutScheduler;
    const workflow$ = session.state$.pipe(map((s) => s.workflow));
    clocks.set(
      session,
      (c = new CallClock(
        workflow$,
        () => scheduler.now(),
        () => session.state.workflow,
      )),
    );
  }
  return c;
}
