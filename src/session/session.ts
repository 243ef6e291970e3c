/**
 * The session store. Intents become connector commands (commands.ts); connector messages go in
 * seq order through the machine (sequencer.ts); timers (auto-reject W-6, stale W-30, the
 * countdown) run on an injectable RxJS scheduler (timers.ts); a lost connection is retried
 * (reconnect.ts); what the agent typed is kept until the server confirms it (drafts.ts).
 */
import { Subject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import { timeoutScheduler } from '../connectors/scheduler.js';
import { actionStatus, enabledActions } from '../domain/availability.js';
import { checkIntent, type Intent, type IntentType } from '../domain/intents.js';
import { isLivePhase, transition, type Action, type Phase, type WorkflowEvent } from '../domain/machine.js';
import { loadPhoneMetadata } from '../domain/phone.js';
import type { Refusal } from '../domain/reasons.js';
import type { Command, ConnectionState, Connector, Result } from '../connectors/port.js';
import { noticeFor } from './announce.js';
import { commandFor, confirmDrafts, isWrapupIntent, within } from './commands.js';
import { EMPTY_DRAFTS, editDrafts, forgetDrafts, hasUnsaved, loadDrafts, saveDrafts, type DraftEdit, type DraftStorage, type Drafts } from './drafts.js';
import { acceptTimedOut, wrapupTimedOut, type DeadlineHost } from './deadlines.js';
import { draftsKey } from './drafts.js';
import { Reconnector } from './reconnect.js';
import { Sequencer } from './sequencer.js';
import { StateStore, type CallMarks } from './store.js';
import { InteractionTimers } from './timers.js';
import type { Notice, SessionOptions, SessionState } from './types.js';

export type { DeskSession, Notice, SessionOptions, SessionState } from './types.js';

const EDITABLE: ReadonlySet<Phase> = new Set(['previewing', 'dialing', 'connected', 'after-call']);

/**
 * How many started sessions use each connector. A page may hand one connector to a new session
 * while the old one leaves (a region re-rendered, a route changed): the last session to leave
 * disconnects it, not the first.
 */
const users = new WeakMap<Connector, number>();

/**
 * Why an action the phase offers cannot be taken now: a request is under way, the connection is
 * not up (nothing would be sent), or the workflow machine blocks it (a full conference,
 * recording on a non-SIP line). One rule for elements and the session: {@link actionStatus}.
 */
export function blockedBy(state: SessionState, action: Action): Refusal | null {
  return actionStatus(facts(state), action).refusal;
}

function facts(s: Pick<SessionState, 'workflow' | 'connection' | 'pending'>) {
  return { workflow: s.workflow, online: s.connection === 'online', pending: s.pending };
}

function defaultStorage(): DraftStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

export class Session {
  readonly connector: Connector;
  readonly scheduler: SchedulerLike;
  private readonly store: StateStore;
  private readonly notices = new Subject<Notice>();
  private readonly storage: DraftStorage | null;
  private readonly storageKey: string;
  private readonly subs: Subscription[] = [];
  private readonly aborts = new Set<AbortController>();
  private readonly sequencer: Sequencer;
  private readonly reconnector: Reconnector;
  private readonly timers: InteractionTimers;
  private started = false;
  private disposed = false;
  private restored: { interactionId: string; drafts: Drafts } | null;
  private lost = false;
  private wasOnline = false;
  private starting: Promise<void> | null = null;
  private readonly commandTimeoutMs: number;
  /** The session's own means for what it does when a deadline passes (./deadlines.ts). */
  private readonly deadlines: DeadlineHost = {
    now: () => this.scheduler.now(),
    state: () => this.state,
    apply: (e) => this.apply(e),
    request: (intent, command, quiet) => this.request(intent, command, undefined, quiet),
    dispatch: (intent) => this.dispatch(intent),
    refuse: (intent, refusal) => this.refuse(intent, refusal),
    later: (work, delayMs) => void this.subs.push(this.scheduler.schedule(() => !this.disposed && work(), delayMs)),
  };

  /** The whole state; every element reads it through {@link select}. */
  readonly state$: Observable<SessionState>;
  /** Announcements for the live region and the host page. */
  readonly notices$: Observable<Notice>;
  /** The call timers' marks (call-clock.ts reads them), on this session's scheduler from its start. */
  readonly callClock: CallMarks;

  constructor(options: SessionOptions) {
    this.connector = options.connector;
    const scheduler = (this.scheduler = options.scheduler ?? timeoutScheduler);
    this.storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.storageKey = draftsKey(options.storageKey, this.connector.agentId);
    const isDisposed = () => this.disposed;
    const deadline = (this.commandTimeoutMs = options.commandTimeoutMs ?? 15_000);
    this.sequencer = new Sequencer({
      scheduler,
      gapTimeoutMs: options.gapTimeoutMs ?? 1000,
      snapshot: () => within(scheduler, deadline, (signal) => this.connector.snapshot(signal)),
      apply: (e) => this.apply(e),
      isDisposed,
      report: (problem) => {
        this.patch({ problem });
        this.notices.next({ kind: 'problem', problem });
      },
    });
    this.reconnector = new Reconnector({
      scheduler,
      baseDelayMs: options.reconnectDelayMs === undefined ? 1000 : options.reconnectDelayMs,
      connect: () => within(scheduler, deadline, (signal) => this.connector.connect(signal)),
      isDisposed,
      report: (message) => {
        const problem = { kind: 'transport', message } as const;
        this.patch({ problem });
        this.notices.next({ kind: 'problem', problem });
      },
    });
    this.timers = new InteractionTimers({
      scheduler,
      warnSecondsLeft: options.warnSecondsLeft ?? 10,
      workflow: () => this.state.workflow,
      apply: (e) => this.apply(e),
      notify: (n) => this.notices.next(n),
      acceptTimedOut: (id) => void acceptTimedOut(this.deadlines, id),
      wrapupTimedOut: (id) => void wrapupTimedOut(this.deadlines, id),
    });
    this.restored = loadDrafts(this.storage, this.storageKey);
    this.store = new StateStore(this.connector.agentId, scheduler.now());
    this.state$ = this.store.state$;
    this.notices$ = this.notices.asObservable();
    this.callClock = this.store.callMarks(() => this.scheduler.now());
  }

  get state(): SessionState {
    return this.store.value;
  }

  /** Live subscriptions to {@link state$}: a leak test expects 0 once every element is gone. */
  get liveSubscriptions(): number {
    return this.store.liveSubscriptions;
  }

  select<T>(selector: (s: SessionState) => T, compare?: (a: T, b: T) => boolean): Observable<T> {
    return this.store.select(selector, compare);
  }

  /** Connect and resume from the server's snapshot of the desk. Resolves once that is done. */
  start(): Promise<void> {
    this.starting ??= this.begin();
    return this.starting;
  }

  private async begin(): Promise<void> {
    if (this.started || this.disposed) return;
    this.started = true;
    users.set(this.connector, (users.get(this.connector) ?? 0) + 1);
    this.subs.push(
      this.connector.messages$.subscribe((m) => this.sequencer.receive(m)),
      this.connector.problems$.subscribe((problem) => {
        this.patch({ problem });
        this.notices.next({ kind: 'problem', problem });
      }),
      this.connector.connection$.subscribe((c) => this.onConnection(c)),
    );
    // The numbering plans load beside the connection, off the page's initial load.
    const connecting = within(this.scheduler, this.commandTimeoutMs, (signal) => this.connector.connect(signal));
    const [r] = await Promise.all([connecting, loadPhoneMetadata()]);
    if (r.ok) await this.resync();
    else if (!this.disposed && this.reconnector.enabled) {
      // Not reachable at first: keep trying, and resync once it answers.
      this.lost = true;
      this.patch({ connection: 'reconnecting' });
      this.reconnector.schedule();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // The element left the page for good: what the agent typed leaves storage with it.
    forgetDrafts(this.storage, this.storageKey);
    for (const a of this.aborts) a.abort();
    for (const s of this.subs) s.unsubscribe();
    this.timers.clear();
    this.sequencer.dispose();
    this.reconnector.dispose();
    const left = (users.get(this.connector) ?? 0) - (this.started ? 1 : 0);
    if (left > 0) users.set(this.connector, left);
    else {
      users.delete(this.connector);
      void this.connector.disconnect();
    }
    this.notices.complete();
  }

  /** Rebuild from the server's snapshot (start, reconnect, a lost message or answer). */
  resync(): Promise<void> {
    return this.sequencer.resync();
  }

  // -------------------------------------------------------------------------------------------
  // Intents

  /** Ask for an action. Refusals leave the state as it was and say why. */
  async dispatch(intent: Intent, signal?: AbortSignal): Promise<Result<void>> {
    const s = this.state;
    const ctx = { now: this.scheduler.now(), unsaved: hasUnsaved(s.drafts), dialNumber: s.drafts.dialNumber };
    // Every intent, wrap-up choices included, waits for the request under way (Mark Done reads
    // the choices when it is sent) and for the connection; then the phase and what was typed.
    if (s.pending !== null) return this.refuse(intent.type, { reason: 'busy' });
    const gate = actionStatus(facts(s), intent.type).refusal;
    if (gate?.reason === 'offline') return this.refuse(intent.type, gate);
    const refusal = checkIntent(s.workflow, intent, ctx);
    if (refusal) return this.refuse(intent.type, refusal);

    if (intent.type === 'done-and-stop') return this.doneAndStop(signal);
    if (!isWrapupIntent(intent)) return this.request(intent.type, commandFor(intent, s.workflow, s.drafts), signal);
    switch (intent.type) {
      case 'extend-wrapup':
        return this.local(intent.type, { type: 'wrapup-extended', interactionId: s.workflow.interaction!.id });
      case 'set-call-result':
        return this.local(intent.type, { type: 'wrapup', patch: { callResult: intent.callResult } });
      case 'mark-do-not-call':
        return this.local(intent.type, { type: 'wrapup', patch: { doNotCall: intent.value } });
      case 'set-disposition':
        return this.local(intent.type, { type: 'wrapup', patch: { dispositionCode: intent.code } });
    }
  }

  /** Issue 16: Mark Done, then Not Ready — only once the server took Mark Done. */
  private async doneAndStop(signal?: AbortSignal): Promise<Result<void>> {
    const s = this.state;
    const done = await this.request('done-and-stop', commandFor({ type: 'mark-done' }, s.workflow, s.drafts), signal);
    if (!done.ok || this.disposed || this.state.workflow.agent.status !== 'ready') return done;
    return this.request('not-ready', { type: 'set-status', status: 'not-ready' }, signal);
  }

  /** Record what the agent typed (kept until the server confirms it). */
  edit(edit: DraftEdit): void {
    const s = this.state;
    // Typing is taken while the agent owns the preview; a stale one is shown read-only.
    if (!s.workflow.interaction || !EDITABLE.has(s.workflow.phase)) return;
    this.patch({ drafts: editDrafts(s.drafts, edit, s.workflow.interaction) });
  }

  private local(intent: IntentType, event: WorkflowEvent): Result<void> {
    const before = this.state.workflow;
    this.apply(event);
    if (this.state.workflow === before) return this.refuse(intent, { reason: 'not-allowed' });
    this.patch({ refusal: null });
    return { ok: true, value: undefined };
  }

  private async request(intent: IntentType, command: Command, signal?: AbortSignal, quiet = false): Promise<Result<void>> {
    const abort = new AbortController();
    const onAbort = () => abort.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.aborts.add(abort);
    // Only the session's own deadline (the auto-reject) may go beside a request under way; the
    // request shown as pending stays the one the agent made.
    const owns = this.state.pending === null;
    if (owns) this.patch({ pending: intent });
    const settle = () => {
      if (owns && !this.disposed && this.state.pending === intent) this.patch({ pending: null });
    };
    try {
      // The session's own deadline: a connector that throws, rejects or never answers is refused.
      const answer = await within(this.scheduler, this.commandTimeoutMs, (inner) => this.connector.send(command, inner), abort.signal);
      if (this.disposed) return { ok: false, refusal: { reason: 'aborted' } };
      if (!answer.ok) {
        settle();
        // The request may have been carried out though its answer was lost: ask the server.
        const reason = answer.refusal.reason;
        // W-25: a number the server refused as Do Not Call is not dialed again from this interaction.
        if (reason === 'do-not-call' && command.type === 'connect')
          this.apply({ type: 'do-not-call', interactionId: command.interactionId, number: command.number });
        if (reason === 'timeout' || reason === 'network' || reason === 'stale' || reason === 'malformed-response') void this.resync();
        return quiet ? answer : this.refuse(intent, answer.refusal);
      }
      for (const m of [...answer.value].sort((a, b) => a.seq - b.seq)) this.sequencer.receive(m);
      // During a resync the answer's messages wait for the snapshot: confirm against what follows it.
      while (this.sequencer.running) await this.sequencer.running;
      if (this.disposed) return { ok: false, refusal: { reason: 'aborted' } };
      const drafts = confirmDrafts(command, this.state.drafts, this.state.workflow);
      if (drafts !== this.state.drafts) this.patch({ drafts });
      settle();
      this.patch({ refusal: null });
      return { ok: true, value: undefined };
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.aborts.delete(abort);
      settle();
    }
  }

  private refuse(intent: IntentType, refusal: Refusal): Result<void> {
    this.patch({ refusal: { ...refusal, intent } });
    this.notices.next({ kind: 'refused', intent, refusal });
    return { ok: false, refusal };
  }

  // -------------------------------------------------------------------------------------------
  // Connection

  private onConnection(c: ConnectionState): void {
    if (c === 'online') this.wasOnline = true;
    // 'offline' before the first connection (a connector's initial value) is no loss.
    if (c === 'offline' && this.started && this.wasOnline && !this.disposed && this.reconnector.enabled) {
      this.lost = true;
      this.patch({ connection: 'reconnecting' });
      this.notices.next({ kind: 'connection', connection: 'reconnecting' });
      this.reconnector.schedule();
      return;
    }
    // While reconnecting the connector says 'connecting'; the agent still sees 'reconnecting'.
    this.patch({ connection: c === 'connecting' && this.lost ? 'reconnecting' : c });
    if (c === 'online' && this.lost) {
      // Back after a loss: whatever happened meanwhile comes from the server's snapshot, and the
      // connector may number its messages afresh (a new epoch).
      this.lost = false;
      this.sequencer.newEpoch();
      this.reconnector.reset();
      this.notices.next({ kind: 'connection', connection: 'online' });
      void this.resync();
    }
  }

  // -------------------------------------------------------------------------------------------
  // State

  private apply(event: WorkflowEvent): void {
    // wrap-up's timer runs from the call's end: the server's time where it says, else the session's
    if ((event.type === 'call-ended' || event.type === 'snapshot') && event.at === undefined) event = { ...event, at: this.scheduler.now() };
    const before = this.state.workflow;
    const after = transition(before, event);
    if (after === before) return;
    let drafts = this.state.drafts;
    const id = after.interaction?.id ?? null;
    if (id !== (before.interaction?.id ?? null)) {
      // A new interaction (or none): drafts from a reload come back if they are its own.
      drafts = this.restored && this.restored.interactionId === id ? this.restored.drafts : EMPTY_DRAFTS;
      this.restored = null;
    }
    // At an end (done, stale, …) whatever is still unsaved stays, read-only, until the interaction
    // leaves the desk: text typed while a Mark Done's answer was lost is shown, not dropped.
    this.patch({ workflow: after, drafts });
    // Logged out: nothing the agent typed stays in storage.
    if (after.agent.status === 'logged-out' && before.agent.status !== 'logged-out') forgetDrafts(this.storage, this.storageKey);
    const notice = noticeFor(before, after, event);
    if (notice) this.notices.next(notice);
    this.timers.sync();
  }

  private patch(p: Partial<SessionState>): void {
    if (this.disposed && p.workflow === undefined && p.pending === undefined && p.connection === undefined) return;
    const prev = this.store.value;
    const next = { ...prev, ...p };
    if (p.workflow !== undefined || p.pending !== undefined || p.connection !== undefined) {
      // Nothing is offered while a request is under way or the server is out of reach.
      next.allowed = enabledActions(facts(next));
    }
    const live = isLivePhase(next.workflow.phase);
    if ((p.drafts !== undefined && p.drafts !== prev.drafts) || live !== isLivePhase(prev.workflow.phase)) {
      // Stored only while the interaction is live on the desk; at its end they stay in memory
      // (shown read-only) and leave storage.
      saveDrafts(this.storage, this.storageKey, live ? (next.workflow.interaction?.id ?? null) : null, next.drafts);
    }
    this.store.next(next);
  }
}
