/**
 * The interaction's timers: the countdown to Accept, the auto-reject at its deadline (W-6) and
 * the stale mark (W-30). Re-armed only when the interaction or its ringing/owned stage changes.
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
}

/** The key timers are armed for: the interaction and whether it still rings. */
export function timerKey(w: WorkflowState): string {
  const i = w.interaction;
  return i && isLivePhase(w.phase) ? `${i.id}:${w.phase === 'ringing' ? 'ringing' : 'owned'}` : '';
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
    this.subs.push(sched.schedule(() => this.host.apply({ type: 'stale', interactionId: i.id }), Math.max(0, i.staleAt - sched.now())));
  }
}
