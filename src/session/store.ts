/**
 * The desk's state as a session holds it, for {@link Session} and the tabs' shared session alike:
 * the offline state it starts from (nothing allowed until connected), the value now, `state$`
 * counting its live subscriptions (a leak test expects 0 once every element is gone), and
 * `select` for one slice of it.
 */
import { BehaviorSubject, Observable, distinctUntilChanged, map } from 'rxjs';
import { initialState } from '../domain/machine.js';
import { CallClock } from './call-clock.js';
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

  /** A call clock fed from this store, not through {@link state$} (so not counted in {@link liveSubscriptions}), on the session's clock. */
  callClock(now: () => number): CallClock {
    return new CallClock(this.subject.pipe(map((s) => s.workflow)), now, () => this.subject.value.workflow);
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
