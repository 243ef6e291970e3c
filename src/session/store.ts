/**
 * The desk's state as a session holds it, for {@link Session} and the tabs' shared session alike:
 * the offline state it starts from (nothing allowed until connected), the value now, `state$`
 * counting its live subscriptions (a leak test expects 0 once every element is gone), and
 * `select` for one slice of it.
 */
import { BehaviorSubject, Observable, distinctUntilChanged, map } from 'rxjs';
import { NO_MARKS, advanceMarks, type TimingMarks } from '../domain/call-marks.js';
import { initialState, type WorkflowState } from '../domain/machine.js';
import { EMPTY_DRAFTS } from './drafts.js';
import type { SessionState } from './types.js';

export class StateStore {
  private readonly subject: BehaviorSubject<SessionState>;
  private subscribers = 0;
  readonly state$: Observable<SessionState>;

  constructor(agentId: string, now: number) {
    this.subject = new BehaviorSubject<SessionState>({
      workflow: { ...initialState(agentId), now },
      allowed: new Set(), // nothing until connected
      drafts: EMPTY_DRAFTS,
      pending: null,
      refusal: null,
      connection: 'offline',
      problem: null,
    });
    this.state$ = new Observable<SessionState>((subscriber) => {
      this.subscribers += 1;
      const sub = this.subject.subscribe(subscriber);
      return () => {
        this.subscribers -= 1;
        sub.unsubscribe();
      };
    });
  }

  /** The call timers' marks, fed from this store, not through {@link state$} (so not counted in {@link liveSubscriptions}), on the session's clock. */
  callMarks(now: () => number): CallMarks {
    return trackMarks(this.subject.pipe(map((s) => s.workflow)), now);
  }

  get value(): SessionState {
    return this.subject.value;
  }

  next(state: SessionState): void {
    this.subject.next(state);
  }

  /** Live subscriptions to {@link state$}. */
  get liveSubscriptions(): number {
    return this.subscribers;
  }

  select<T>(selector: (s: SessionState) => T, compare?: (a: T, b: T) => boolean): Observable<T> {
    return this.state$.pipe(map(selector), distinctUntilChanged(compare));
  }
}

/**
 * What a session keeps for the call timers from its start: the marks the workflow state does not
 * hold (domain/call-marks.ts), taken at each workflow change on the session's clock. A plain
 * record: call-clock.ts, loaded with `<call-timers>`, adds the timers' values to it.
 */
export interface CallMarks {
  /** The session's clock (its scheduler's `now`). */
  readonly now: () => number;
  /** The marks as of the last workflow change. */
  readonly marks: TimingMarks;
}

/** Marks kept from `workflow$`, seen at `now()`. */
export function trackMarks(workflow$: Observable<WorkflowState>, now: () => number): CallMarks {
  const record = { now, marks: NO_MARKS };
  workflow$.pipe(distinctUntilChanged()).subscribe((w) => (record.marks = advanceMarks(record.marks, w, now())));
  return record;
}
