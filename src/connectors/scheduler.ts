/**
 * The scheduler timers run on when a session or the simulated server is given none: setTimeout
 * and the wall clock (Date.now). An RxJS SchedulerLike, so that a test passes a virtual-time one
 * instead; rxjs's own asyncScheduler would bring its AsyncScheduler, AsyncAction and interval
 * provider into what the CDN loads up front. As with rxjs, a work may run again by
 * `this.schedule(state, delay)`, and unsubscribing cancels what is pending (also from inside the
 * work). A work that throws throws out of its timer, as rxjs's does.
 */
import { Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';

export const timeoutScheduler: SchedulerLike = {
  now: () => Date.now(),
  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay?: number, state?: T): Subscription {
    let id: ReturnType<typeof setTimeout> | undefined;
    const action = new Subscription(() => clearTimeout(id)) as SchedulerAction<T>;
    action.schedule = (next?: T, ms = 0) => {
      clearTimeout(id);
      if (!action.closed) id = setTimeout(() => work.call(action, next), ms);
      return action;
    };
    return action.schedule(state, delay);
  },
};
