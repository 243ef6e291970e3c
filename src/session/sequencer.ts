/**
 * Sequencing and resync: server messages are applied in seq order, once each; a gap waits a
 * little for the missing message and then rebuilds the desk from the server's snapshot.
 *
 * It cannot be wedged:
 * - each (re)connection is a new epoch: a connector may number from 1 again, so until the new
 *   epoch's snapshot every message waits, and the snapshot's seq is taken whatever it is;
 * - a message more than {@link MAX_AHEAD} beyond the last one is not held (it would wait for
 *   ever): it is dropped and the desk resynchronised once; a held message the server's snapshots
 *   still do not reach after two of them is dropped too, so no snapshot storm;
 * - a duplicate is one with the seq *and* the content of a message seen: the same seq with other
 *   content means the numbering diverged, and the snapshot decides.
 */
import type { SchedulerLike, Subscription } from 'rxjs';
import type { WorkflowEvent } from '../domain/machine.js';
import { loadPhoneMetadata } from '../domain/phone.js';
import type { ProtocolProblem, Result, ServerMessage, SnapshotAt } from '../connectors/port.js';

export const RESYNC_CAP_MS = 30_000;
/** How far beyond the last applied seq a message may be and still wait for the ones before it. */
export const MAX_AHEAD = 1000;
/** Resyncs a held message may outlive before it is dropped. */
const HELD_RESYNCS = 2;
/** Applied messages remembered by content, to tell a duplicate from a conflict. */
const RECENT = 256;

export interface SequencerHost {
  readonly scheduler: SchedulerLike;
  /** Wait this long for a missing message before resynchronising. */
  readonly gapTimeoutMs: number;
  snapshot(): Promise<Result<SnapshotAt>>;
  apply(event: WorkflowEvent): void;
  isDisposed(): boolean;
  /** A message that was not applied, and why. */
  report(problem: ProtocolProblem): void;
}

const contentOf = (m: ServerMessage): string => JSON.stringify(m.event);

export class Sequencer {
  private seq = 0;
  private readonly early = new Map<number, { m: ServerMessage; resyncs: number }>();
  private readonly recent = new Map<number, string>();
  private gapTimer: Subscription | null = null;
  private syncing = false;
  private syncAgain = false;
  private syncRun: Promise<void> | null = null;
  private retryTimer: Subscription | null = null;
  private retries = 0;
  /** A new epoch began (a (re)connection): the next snapshot sets the numbering. */
  private fresh = false;

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

  /** A (re)connection: the connector may number its messages afresh. Resync follows. */
  newEpoch(): void {
    this.fresh = true;
    this.early.clear();
    this.recent.clear();
  }

  receive(m: ServerMessage): void {
    if (this.host.isDisposed()) return;
    if (this.fresh) {
      this.early.set(m.seq, { m, resyncs: 0 }); // numbered in the new epoch: wait for its snapshot
      return;
    }
    if (m.seq <= this.seq) {
      const seen = this.recent.get(m.seq);
      // Seen with other content: the numbering diverged. The server's snapshot decides.
      if (seen !== undefined && seen !== contentOf(m)) this.conflict(m);
      return; // a duplicate, or already in a snapshot
    }
    if (m.seq > this.seq + MAX_AHEAD) {
      this.host.report({ kind: 'malformed', message: `message seq ${m.seq} is more than ${MAX_AHEAD} ahead of ${this.seq}: dropped, resynchronising` });
      if (!this.syncing) void this.resync();
      return;
    }
    const held = this.early.get(m.seq);
    if (held) {
      if (contentOf(held.m) !== contentOf(m)) this.conflict(m);
      return;
    }
    if (this.syncing || m.seq > this.seq + 1) {
      this.early.set(m.seq, { m, resyncs: 0 });
      if (!this.syncing) this.armGapTimer();
      return;
    }
    this.applyMessage(m);
    this.drainEarly();
  }

  private conflict(m: ServerMessage): void {
    this.host.report({ kind: 'malformed', message: `message seq ${m.seq} came twice with different content: resynchronising` });
    void this.resync();
  }

  private applyMessage(m: ServerMessage): void {
    this.seq = m.seq;
    this.recent.set(m.seq, contentOf(m));
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
    this.host.apply(m.event);
  }

  private drainEarly(): void {
    for (const seq of [...this.early.keys()]) if (seq <= this.seq || seq > this.seq + MAX_AHEAD) this.early.delete(seq);
    let next = this.early.get(this.seq + 1);
    while (next) {
      this.early.delete(next.m.seq);
      this.applyMessage(next.m);
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
    let synced = false;
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
        synced = true;
        this.retries = 0;
        this.retryTimer?.unsubscribe();
        this.retryTimer = null;
        if (this.fresh || r.value.seq >= this.seq) {
          if (this.fresh && r.value.seq < this.seq) this.recent.clear();
          this.fresh = false;
          this.seq = r.value.seq;
          this.host.apply({ type: 'snapshot', snapshot: r.value.snapshot });
        }
      } while (this.syncAgain);
    } finally {
      this.syncing = false;
    }
    if (synced) this.ageHeld();
    this.drainEarly();
    if (this.early.size > 0) this.armGapTimer();
  }

  /** Held messages the server's snapshots do not reach, resync after resync, are dropped. */
  private ageHeld(): void {
    for (const [seq, h] of this.early) {
      if (seq <= this.seq + 1) continue;
      h.resyncs += 1;
      if (h.resyncs >= HELD_RESYNCS) {
        this.early.delete(seq);
        this.host.report({ kind: 'malformed', message: `message seq ${seq} stayed ahead of the server's snapshots (at ${this.seq}): dropped` });
      }
    }
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
