/**
 * Sequencing and resync: server messages are applied in seq order, once each; a gap waits a
 * little for the missing message and then rebuilds the desk from the server's snapshot.
 */
import type { SchedulerLike, Subscription } from 'rxjs';
import type { WorkflowEvent } from '../domain/machine.js';
import { loadPhoneMetadata } from '../domain/phone.js';
import type { Result, ServerMessage, SnapshotAt } from '../connectors/port.js';

export const RESYNC_CAP_MS = 30_000;

export interface SequencerHost {
  readonly scheduler: SchedulerLike;
  /** Wait this long for a missing message before resynchronising. */
  readonly gapTimeoutMs: number;
  snapshot(): Promise<Result<SnapshotAt>>;
  apply(event: WorkflowEvent): void;
  isDisposed(): boolean;
}

export class Sequencer {
  private seq = 0;
  private readonly early = new Map<number, ServerMessage>();
  private gapTimer: Subscription | null = null;
  private syncing = false;
  private syncAgain = false;
  private syncRun: Promise<void> | null = null;
  private retryTimer: Subscription | null = null;
  private retries = 0;

  constructor(private readonly host: SequencerHost) {}

  /** The seq of the last message applied (or included in the last snapshot). */
  get last(): number {
    return this.seq;
  }

  /** Messages held for a missing one before them. */
  get held(): number {
    return this.early.size;
  }

  /** The resync under way, if any. */
  get running(): Promise<void> | null {
    return this.syncRun;
  }

  receive(m: ServerMessage): void {
    if (this.host.isDisposed() || m.seq <= this.seq) return; // a duplicate, or already in a snapshot
    if (this.syncing || m.seq > this.seq + 1) {
      this.early.set(m.seq, m);
      if (!this.syncing) this.armGapTimer();
      return;
    }
    this.seq = m.seq;
    this.host.apply(m.event);
    this.drainEarly();
  }

  private drainEarly(): void {
    for (const seq of [...this.early.keys()]) if (seq <= this.seq) this.early.delete(seq);
    let next = this.early.get(this.seq + 1);
    while (next) {
      this.early.delete(next.seq);
      this.seq = next.seq;
      this.host.apply(next.event);
      next = this.early.get(this.seq + 1);
    }
    if (this.early.size === 0) {
      this.gapTimer?.unsubscribe();
      this.gapTimer = null;
    }
  }

  private armGapTimer(): void {
    if (this.gapTimer) return;
    this.gapTimer = this.host.scheduler.schedule(() => {
      this.gapTimer = null;
      if (this.early.size > 0) void this.resync();
    }, this.host.gapTimeoutMs);
  }

  /** Rebuild from the server's snapshot (start, reconnect, a lost message or answer). */
  resync(): Promise<void> {
    if (this.host.isDisposed()) return Promise.resolve();
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncRun ?? Promise.resolve();
    }
    const run = this.runResync().finally(() => {
      if (this.syncRun === run) this.syncRun = null;
    });
    this.syncRun = run;
    return run;
  }

  private async runResync(): Promise<void> {
    this.syncing = true;
    try {
      // Nothing is shown before the numbering plans are there to check what is typed.
      await loadPhoneMetadata();
      do {
        this.syncAgain = false;
        const r = await this.host.snapshot();
        if (this.host.isDisposed()) return;
        if (!r.ok) {
          // No snapshot (refused, thrown, or no answer within the deadline): try again later.
          this.scheduleRetry();
          break;
        }
        this.retries = 0;
        this.retryTimer?.unsubscribe();
        this.retryTimer = null;
        if (r.value.seq >= this.seq) {
          this.seq = r.value.seq;
          this.host.apply({ type: 'snapshot', snapshot: r.value.snapshot });
        }
      } while (this.syncAgain);
    } finally {
      this.syncing = false;
    }
    this.drainEarly();
    if (this.early.size > 0) this.armGapTimer();
  }

  /** A resync that got no snapshot is retried, backing off from the gap timeout to 30 s. */
  private scheduleRetry(): void {
    if (this.retryTimer) return;
    const delay = Math.min(RESYNC_CAP_MS, this.host.gapTimeoutMs * 2 ** this.retries);
    this.retries += 1;
    this.retryTimer = this.host.scheduler.schedule(() => {
      this.retryTimer = null;
      void this.resync();
    }, delay);
  }

  dispose(): void {
    this.gapTimer?.unsubscribe();
    this.gapTimer = null;
    this.retryTimer?.unsubscribe();
    this.retryTimer = null;
  }
}
