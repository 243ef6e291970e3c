/**
 * A tab that mirrors the leader's: its state is the leader's last, its intents go to the leader
 * and wait for the answer addressed to it, its edits go there too (shown here at once, and the
 * leader's drafts taken again once it has applied them all). It never makes a connector.
 */
import type { SchedulerLike, Subscription } from 'rxjs';
import type { Intent } from '../../domain/intents.js';
import { refused, type Result } from '../../connectors/port.js';
import { editDrafts, type DraftEdit } from '../drafts.js';
import type { SessionState } from '../types.js';
import type { Envelope, TabMessage } from './channel.js';

export interface FollowerHost {
  readonly scheduler: SchedulerLike;
  /** How long to wait for the leader's answer before the intent is refused as `timeout`. */
  readonly answerTimeoutMs: number;
  readonly self: string;
  post(message: TabMessage): void;
  current(): SessionState;
  /** `shared` undefined: the refusal shown stays. */
  show(state: SessionState, shared: SessionState['refusal'] | undefined): void;
}

interface Waiting {
  resolve(r: Result<void>): void;
  timer: Subscription;
}

export class FollowerLink {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private edits = 0;
  private acked = 0;

  constructor(private readonly host: FollowerHost) {
    host.post({ kind: 'hello' });
  }

  receive(e: Envelope): void {
    // A new leader counts edits afresh: typing the old one never applied is not waited for.
    if (e.kind === 'leader') this.acked = this.edits;
    else if (e.kind === 'state') {
      this.acked = Math.max(this.acked, e.acks[this.host.self] ?? 0);
      // Typing not yet applied by the leader stays as typed here.
      const state = this.acked < this.edits ? { ...e.state, drafts: this.host.current().drafts } : e.state;
      this.host.show(state, e.state.refusal);
    } else if (e.kind === 'answer' && e.to === this.host.self) {
      this.settle(e.id, e.result);
    }
  }

  dispatch(intent: Intent): Promise<Result<void>> {
    const id = this.nextId++;
    return new Promise<Result<void>>((resolve) => {
      const timer = this.host.scheduler.schedule(
        () => this.settle(id, refused('timeout', 'the tab holding the connection did not answer')),
        this.host.answerTimeoutMs,
      );
      this.waiting.set(id, { resolve, timer });
      this.host.post({ kind: 'intent', id, intent });
    });
  }

  edit(edit: DraftEdit): void {
    const s = this.host.current();
    this.edits += 1;
    this.host.show({ ...s, drafts: editDrafts(s.drafts, edit, s.workflow.interaction) }, undefined);
    this.host.post({ kind: 'edit', seq: this.edits, edit, interactionId: s.workflow.interaction?.id ?? null });
  }

  /** This tab leaves or takes the lead: requests still waiting get no answer from here on. */
  dispose(): void {
    for (const id of [...this.waiting.keys()]) this.settle(id, refused('network', 'the tab holding the connection changed'));
  }

  private settle(id: number, result: Result<void>): void {
    const w = this.waiting.get(id);
    if (!w) return;
    this.waiting.delete(id);
    w.timer.unsubscribe();
    w.resolve(result);
  }
}
