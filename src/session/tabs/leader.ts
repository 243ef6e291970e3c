/**
 * The leader tab's side of the channel: the one Session and its connector run here. Its state
 * goes to every tab after each change; intents from other tabs are dispatched here, once, and
 * answered to the tab that sent them; their edits are applied here. A refusal belongs to the tab
 * whose intent it answers: it is not told to the others (and a follower's is not shown here).
 */
import type { Observable, Subscription } from 'rxjs';
import type { IntentType } from '../../domain/intents.js';
import type { DraftEdit } from '../drafts.js';
import type { Session } from '../session.js';
import type { Notice, SessionState } from '../types.js';
import type { Envelope, TabMessage } from './channel.js';

export interface LeaderHost {
  post(message: TabMessage): void;
  /** The tab's own view: the leader's state and the notices that are this tab's. */
  show(state: SessionState, shared: SessionState['refusal']): void;
  tell(notice: Notice): void;
}

export class LeaderLink {
  private readonly subs: Subscription[] = [];
  private readonly acks: Record<string, number> = {};
  /** Intents under way, by type: the tab's own, and other tabs'. */
  private readonly own = new Map<IntentType, number>();
  private readonly remote = new Map<IntentType, number>();
  /** A refusal nobody's intent asked for (the session's own deadline): every tab shows it. */
  private common: SessionState['refusal'] = null;
  private last: SessionState['refusal'] = null;
  private carried: { readonly value: unknown } | null = null;
  /** Typing while the session has no snapshot yet, applied once it has (to the same interaction). */
  private queued: { readonly edit: DraftEdit; readonly interactionId: string | null }[] = [];
  /** Quiet until the session has read the snapshot: the tabs keep showing the desk meanwhile. */
  private live = false;
  private started = false;
  /** The workflow before any snapshot: a snapshot that failed leaves it (and is retried). */
  private readonly before = this.session.state.workflow;

  constructor(
    readonly session: Session,
    private readonly host: LeaderHost,
    carry: Observable<unknown> | undefined,
  ) {
    this.subs.push(
      session.state$.subscribe((s) => this.changed(s)),
      session.notices$.subscribe((n) => this.notice(n)),
    );
    if (carry) this.subs.push(carry.subscribe((c) => ((this.carried = { value: c }), host.post({ kind: 'carry', carry: c }))));
    host.post({ kind: 'leader' });
  }

  /** The session has resumed from the snapshot: from now on every tab shows its state. */
  go(): void {
    this.started = true;
    this.changed(this.session.state);
  }

  /** A message from another tab. */
  receive(e: Envelope): void {
    switch (e.kind) {
      case 'hello':
        // A tab opened later: the desk, and what it would need to take over.
        if (this.carried) this.host.post({ kind: 'carry', carry: this.carried.value });
        return this.live ? this.broadcast(this.session.state) : undefined;
      case 'intent':
        void this.dispatchFor(e.from, e.id, e);
        return;
      case 'edit':
        this.acks[e.from] = Math.max(this.acks[e.from] ?? 0, e.seq);
        this.edit(e.edit, e.interactionId);
        // An edit that changed nothing still acknowledges the tab's typing.
        return this.live ? this.broadcast(this.session.state) : undefined;
      default:
        return;
    }
  }

  /** Typing, here or in another tab (for the interaction that tab showed). */
  edit(edit: DraftEdit, interactionId: string | null): void {
    if (this.live) this.session.edit(edit);
    else this.queued.push({ edit, interactionId });
  }

  get isLive(): boolean {
    return this.live;
  }

  /** This tab's own intent. */
  dispatch(intent: Parameters<Session['dispatch']>[0], signal?: AbortSignal) {
    return this.tracked(this.own, intent.type, () => this.session.dispatch(intent, signal));
  }

  dispose(): void {
    for (const s of this.subs) s.unsubscribe();
  }

  private async dispatchFor(to: string, id: number, e: Extract<Envelope, { kind: 'intent' }>): Promise<void> {
    const result = await this.tracked(this.remote, e.intent.type, () => this.session.dispatch(e.intent));
    this.host.post({ kind: 'answer', to, id, result });
  }

  private async tracked<T>(map: Map<IntentType, number>, type: IntentType, run: () => Promise<T>): Promise<T> {
    map.set(type, (map.get(type) ?? 0) + 1);
    try {
      return await run();
    } finally {
      const n = (map.get(type) ?? 1) - 1;
      if (n > 0) map.set(type, n);
      else map.delete(type);
    }
  }

  private changed(s: SessionState): void {
    if (!this.live && (!this.started || s.workflow === this.before)) return;
    if (!this.live) {
      this.live = true;
      const queued = this.queued;
      this.queued = [];
      // Each applied edit comes back here as a change, and is shown and told like any other.
      for (const q of queued) if (q.interactionId === (s.workflow.interaction?.id ?? null)) this.session.edit(q.edit);
      if (queued.length > 0) return this.changed(this.session.state);
    }
    if (s.refusal !== this.last) {
      this.last = s.refusal;
      this.common = s.refusal && !this.own.has(s.refusal.intent) && !this.remote.has(s.refusal.intent) ? s.refusal : null;
    }
    this.host.show(s, this.common);
    this.broadcast(s);
  }

  private broadcast(s: SessionState): void {
    this.host.post({ kind: 'state', state: { ...s, refusal: this.common }, acks: { ...this.acks } });
  }

  private notice(n: Notice): void {
    // What resuming from the snapshot tells (the phase entered again) was told already.
    if (!this.live) return;
    if (n.kind === 'refused' && this.remote.has(n.intent)) return; // the sender says it
    if (!(n.kind === 'refused' && this.own.has(n.intent))) this.host.post({ kind: 'notice', notice: n });
    this.host.tell(n);
  }
}
