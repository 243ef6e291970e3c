/**
 * The interaction's timers: the countdown to Accept, the auto-reject at its deadline (W-6), the
 * stale mark (W-30) and the wrap-up countdown (issue 16). Re-armed only when the interaction, its
 * ringing/owned stage or the wrap-up deadline changes.
 */
import type { SchedulerAction, SchedulerLike, Subscription } from 'rxjs';
import { isLivePhase, type WorkflowEvent, type WorkflowState } from '../domain/machine.js';
import type { Notice } from './types.js';

export interface TimersHost {
  readonly scheduler: SchedulerLike;
  /** Announce "time running out" when this many seconds are left to Accept. */
  readonly warnSecondsLeft: number;
  workflow(): WorkflowState;
  apply(event: WorkflowEvent): void;
  notify(notice: Notice): void;
  /** The Accept deadline passed for this interaction. */
  acceptTimedOut(interactionId: string): void;
  /** Wrap-up's time is up for this interaction (issue 16). */
  wrapupTimedOut(interactionId: string): void;
}

/** Seconds left of wrap-up at which the agent is told (those the bound leaves room for). */
export const WRAPUP_POINTS: readonly number[] = [60, 30, 10];

/** The running wrap-up timer, if any: in wrap-up, its defaults not yet applied. */
function wrapupTimer(w: WorkflowState) {
  const t = w.afterCallTimer;
  return w.phase === 'after-call' && t && !t.defaulted ? t : null;
}

/** The key timers are armed for: the interaction, whether it still rings, the wrap-up deadline. */
export function timerKey(w: WorkflowState): string {
  const i = w.interaction;
  if (!i || !isLivePhase(w.phase)) return '';
  const acw = wrapupTimer(w);
  return `${i.id}:${w.phase === 'ringing' ? 'ringing' : 'owned'}${acw ? `:acw@${acw.deadline}` : ''}`;
}

export class InteractionTimers {
  private key = '';
  private subs: Subscription[] = [];
  private warned = '';

  constructor(private readonly host: TimersHost) {}

  clear(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
    this.key = '';
  }

  /** Arm the timers the workflow calls for now (nothing when they are already armed). */
  sync(): void {
    const w = this.host.workflow();
    const i = w.interaction;
    const key = timerKey(w);
    if (key === this.key) return;
    this.clear();
    if (!i || !key) return;
    this.key = key;
    const sched = this.host.scheduler;
    if (w.phase === 'ringing') {
      // The countdown: a tick each second until the deadline, then the campaign's policy.
      const tick = () => {
        const now = sched.now();
        this.host.apply({ type: 'tick', at: now });
        const left = Math.ceil((i.acceptDeadline - now) / 1000);
        if (left <= this.host.warnSecondsLeft && left > 0 && this.warned !== i.id && this.host.workflow().phase === 'ringing') {
          this.warned = i.id;
          this.host.notify({ kind: 'time-running-out', state: this.host.workflow(), secondsLeft: left });
        }
      };
      this.subs.push(
        sched.schedule(function (this: SchedulerAction<unknown>) {
          tick();
          this.schedule(undefined, 1000);
        }, 1000),
        sched.schedule(() => this.host.acceptTimedOut(i.id), Math.max(0, i.acceptDeadline - sched.now())),
      );
    }
    const acw = wrapupTimer(w);
    if (acw) this.armWrapup(i.id, acw.deadline);
    this.subs.push(sched.schedule(() => this.host.apply({ type: 'stale', interactionId: i.id }), Math.max(0, i.staleAt - sched.now())));
  }

  /** Issue 16: a tick a second for the countdown, the agent told at set points, the campaign's action at zero. */
  private armWrapup(id: string, deadline: number): void {
    const sched = this.host.scheduler;
    const host = this.host;
    let last = Math.ceil((deadline - sched.now()) / 1000);
    host.apply({ type: 'tick', at: sched.now() });
    this.subs.push(
      sched.schedule(function (this: SchedulerAction<unknown>) {
        const now = sched.now();
        host.apply({ type: 'tick', at: now });
        const left = Math.ceil((deadline - now) / 1000);
        const point = WRAPUP_POINTS.find((p) => last > p && left <= p);
        if (point !== undefined && left > 0 && host.workflow().phase === 'after-call')
          host.notify({ kind: 'wrapup-time', state: host.workflow(), secondsLeft: left });
        last = left;
        if (left > 0) this.schedule(undefined, 1000);
      }, 1000),
      sched.schedule(() => host.wrapupTimedOut(id), Math.max(0, deadline - sched.now())),
    );
  }
}
