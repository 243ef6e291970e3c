/**
 * Reconnecting after a lost connection (or a first connect that failed): tries again on the
 * session's scheduler, backing off from the base delay to a cap.
 */
import type { SchedulerLike, Subscription } from 'rxjs';
import { refused, type Result } from '../connectors/port.js';
import { thrownText } from './commands.js';

export const RECONNECT_CAP_MS = 30_000;

export interface ReconnectHost {
  readonly scheduler: SchedulerLike;
  /** The first retry's delay; null turns reconnecting off. */
  readonly baseDelayMs: number | null;
  connect(): Promise<Result<void>>;
  isDisposed(): boolean;
  /** Say that a try failed and when the next one comes. */
  report(message: string): void;
}

export class Reconnector {
  private timer: Subscription | null = null;
  private attempt = 0;

  constructor(private readonly host: ReconnectHost) {}

  get enabled(): boolean {
    return this.host.baseDelayMs !== null;
  }

  /** The delay before the next try. */
  nextDelay(): number {
    return Math.min(RECONNECT_CAP_MS, (this.host.baseDelayMs ?? 0) * 2 ** this.attempt);
  }

  /** Try again after the next delay, unless a try is already scheduled. */
  schedule(): void {
    if (this.timer || this.host.baseDelayMs === null) return;
    const delay = this.nextDelay();
    this.attempt += 1;
    this.timer = this.host.scheduler.schedule(() => {
      this.timer = null;
      if (this.host.isDisposed()) return;
      void this.tryOnce().then((r) => {
        if (r.ok || this.host.isDisposed()) return;
        // A failed or throwing try never ends the loop: the next one comes, later, up to the cap.
        this.host.report(
          `reconnect failed (${r.refusal.reason}${r.refusal.detail ? `: ${r.refusal.detail}` : ''}); next try in ${Math.round(this.nextDelay() / 1000)} s`,
        );
        this.schedule();
      });
    }, delay);
  }

  private async tryOnce(): Promise<Result<void>> {
    try {
      const r = await this.host.connect();
      return typeof r === 'object' && r !== null && typeof r.ok === 'boolean' ? r : refused('network', 'connect answered no Result');
    } catch (e) {
      return refused('network', thrownText(e));
    }
  }

  /** Back online: the next loss starts from the base delay again. */
  reset(): void {
    this.attempt = 0;
  }

  dispose(): void {
    this.timer?.unsubscribe();
    this.timer = null;
  }
}
