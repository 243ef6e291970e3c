/**
 * The session store. Intents become connector commands; connector messages go through the
 * machine; timers (auto-reject W-6, stale W-30, the countdown) run on an injectable RxJS
 * scheduler; what the agent typed is kept until the server confirms it.
 */
import {
  BehaviorSubject,
  Observable,
  Subject,
  asyncScheduler,
  distinctUntilChanged,
  map,
  type SchedulerAction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import { checkIntent, type Intent, type IntentType } from '../domain/intents.js';
import {
  allowedActions,
  initialState,
  isLivePhase,
  refusalFor,
  transition,
  type Action,
  type Phase,
  type WorkflowEvent,
  type WorkflowState,
} from '../domain/machine.js';
import { loadPhoneMetadata } from '../domain/phone.js';
import type { Refusal } from '../domain/reasons.js';
import { activeRecord, type Target } from '../domain/types.js';
import type { Command, ConnectionState, Connector, ProtocolProblem, Result, ServerMessage } from '../connectors/port.js';
import {
  EMPTY_DRAFTS,
  confirmFields,
  editDrafts,
  hasUnsaved,
  loadDrafts,
  saveDrafts,
  type DraftEdit,
  type DraftStorage,
  type Drafts,
} from './drafts.js';

export interface SessionState {
  readonly workflow: WorkflowState;
  /** What the machine offers now, less anything while a request is under way. */
  readonly allowed: ReadonlySet<Action>;
  readonly drafts: Drafts;
  /** The request under way, if any (no double submit). */
  readonly pending: IntentType | null;
  /** The last refusal, until the next intent succeeds. */
  readonly refusal: (Refusal & { readonly intent: IntentType }) | null;
  readonly connection: ConnectionState | 'reconnecting';
  /** The last message from the server that could not be trusted. */
  readonly problem: ProtocolProblem | null;
}

/** Things worth telling the agent (live region) and the host page (events). */
export type Notice =
  | { readonly kind: 'offered' | 'accepted' | 'dialing' | 'connected' | 'call-ended' | 'done' | 'stale' | 'cancelled' | 'failed'; readonly state: WorkflowState }
  | { readonly kind: 'rejected'; readonly state: WorkflowState; readonly auto: boolean }
  | { readonly kind: 'transferred'; readonly state: WorkflowState; readonly target: Target | undefined }
  | { readonly kind: 'time-running-out'; readonly state: WorkflowState; readonly secondsLeft: number }
  | { readonly kind: 'refused'; readonly intent: IntentType; readonly refusal: Refusal }
  | { readonly kind: 'problem'; readonly problem: ProtocolProblem }
  | { readonly kind: 'connection'; readonly connection: SessionState['connection'] };

export interface SessionOptions {
  readonly connector: Connector;
  /** Timers run on it; tests pass a virtual-time scheduler. */
  readonly scheduler?: SchedulerLike;
  /** Where drafts survive a reload; `null` opts out. Defaults to sessionStorage where there is one. */
  readonly storage?: DraftStorage | null;
  readonly storageKey?: string;
  /** Wait this long for a missing message before resynchronising from a snapshot. */
  readonly gapTimeoutMs?: number;
  /** Announce "time running out" when this many seconds are left to Accept. */
  readonly warnSecondsLeft?: number;
  /** Reconnect after a lost connection, backing off from this delay to 30 s. */
  readonly reconnectDelayMs?: number | null;
}

const EDITABLE: ReadonlySet<Phase> = new Set(['previewing', 'dialing', 'connected', 'after-call']);
const COMMAND_FREE: ReadonlySet<IntentType> = new Set(['set-call-result', 'mark-do-not-call', 'set-disposition']);

/**
 * How many started sessions use each connector. A page may hand one connector to a new session
 * while the old one leaves (a region re-rendered, a route changed): the last session to leave
 * disconnects it, not the first.
 */
const users = new WeakMap<Connector, number>();

/**
 * Why an action the phase offers cannot be taken now: the connection is not up (nothing would
 * be sent), or the workflow machine blocks it (a full conference, recording on a non-SIP line).
 */
export function blockedBy(state: SessionState, action: Action): Refusal | null {
  return state.connection === 'online' ? refusalFor(state.workflow, action) : { reason: 'offline' };
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
  private readonly store: BehaviorSubject<SessionState>;
  private readonly notices = new Subject<Notice>();
  private readonly storage: DraftStorage | null;
  private readonly storageKey: string;
  private readonly gapTimeoutMs: number;
  private readonly warnSecondsLeft: number;
  private readonly reconnectDelayMs: number | null;
  private readonly subs: Subscription[] = [];
  private readonly aborts = new Set<AbortController>();
  private timers: { key: string; subs: Subscription[] } = { key: '', subs: [] };
  private gapTimer: Subscription | null = null;
  private reconnectTimer: Subscription | null = null;
  private reconnectAttempt = 0;
  private seq = 0;
  private readonly early = new Map<number, ServerMessage>();
  private syncing = false;
  private syncAgain = false;
  private started = false;
  private disposed = false;
  private restored: { interactionId: string; drafts: Drafts } | null;
  private warned = '';
  private subscribers = 0;

  /** The whole state; every element reads it through {@link select}. */
  readonly state$: Observable<SessionState>;
  /** Announcements for the live region and the host page. */
  readonly notices$: Observable<Notice>;

  constructor(options: SessionOptions) {
    this.connector = options.connector;
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.storageKey = `${options.storageKey ?? 'push-preview-drafts'}:${this.connector.agentId}`;
    this.gapTimeoutMs = options.gapTimeoutMs ?? 1000;
    this.warnSecondsLeft = options.warnSecondsLeft ?? 10;
    this.reconnectDelayMs = options.reconnectDelayMs === undefined ? 1000 : options.reconnectDelayMs;
    this.restored = loadDrafts(this.storage, this.storageKey);
    const workflow = { ...initialState(this.connector.agentId), now: this.scheduler.now() };
    this.store = new BehaviorSubject<SessionState>({
      workflow,
      allowed: new Set(), // nothing until connected
      drafts: EMPTY_DRAFTS,
      pending: null,
      refusal: null,
      connection: 'offline',
      problem: null,
    });
    this.state$ = new Observable<SessionState>((subscriber) => {
      this.subscribers += 1;
      const sub = this.store.subscribe(subscriber);
      return () => {
        this.subscribers -= 1;
        sub.unsubscribe();
      };
    });
    this.notices$ = this.notices.asObservable();
  }

  get state(): SessionState {
    return this.store.value;
  }

  /** Live subscriptions to {@link state$}: a leak test expects 0 once every element is gone. */
  get liveSubscriptions(): number {
    return this.subscribers;
  }

  select<T>(selector: (s: SessionState) => T, compare?: (a: T, b: T) => boolean): Observable<T> {
    return this.state$.pipe(map(selector), distinctUntilChanged(compare));
  }

  private starting: Promise<void> | null = null;

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
      this.connector.messages$.subscribe((m) => this.receive(m)),
      this.connector.problems$.subscribe((problem) => {
        this.patch({ problem });
        this.notices.next({ kind: 'problem', problem });
      }),
      this.connector.connection$.subscribe((c) => this.onConnection(c)),
    );
    // The numbering plans load beside the connection, off the page's initial load.
    const [r] = await Promise.all([this.connector.connect(), loadPhoneMetadata()]);
    if (r.ok) await this.resync();
    else if (!this.disposed && this.reconnectDelayMs !== null) {
      // Not reachable at first: keep trying, and resync once it answers.
      this.lost = true;
      this.patch({ connection: 'reconnecting' });
      this.scheduleReconnect();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const a of this.aborts) a.abort();
    for (const s of this.subs) s.unsubscribe();
    this.clearTimers();
    this.gapTimer?.unsubscribe();
    this.reconnectTimer?.unsubscribe();
    const left = (users.get(this.connector) ?? 0) - (this.started ? 1 : 0);
    if (left > 0) users.set(this.connector, left);
    else {
      users.delete(this.connector);
      void this.connector.disconnect();
    }
    this.notices.complete();
  }

  // -------------------------------------------------------------------------------------------
  // Intents

  /** Ask for an action. Refusals leave the state as it was and say why. */
  async dispatch(intent: Intent, signal?: AbortSignal): Promise<Result<void>> {
    const s = this.state;
    const ctx = { now: this.scheduler.now(), unsaved: hasUnsaved(s.drafts), dialNumber: s.drafts.dialNumber };
    if (!COMMAND_FREE.has(intent.type)) {
      if (s.pending !== null) return this.refuse(intent.type, { reason: 'busy' });
      // Nothing is sent before the connection is up (the first connect, or a reconnect).
      if (s.connection !== 'online') return this.refuse(intent.type, { reason: 'offline' });
    }
    const refusal = checkIntent(s.workflow, intent, ctx);
    if (refusal) return this.refuse(intent.type, refusal);

    switch (intent.type) {
      case 'set-call-result':
        return this.local(intent.type, { type: 'wrapup', patch: { callResult: intent.callResult } });
      case 'mark-do-not-call':
        return this.local(intent.type, { type: 'wrapup', patch: { doNotCall: intent.value } });
      case 'set-disposition':
        return this.local(intent.type, { type: 'wrapup', patch: { dispositionCode: intent.code } });
      default:
        return this.request(intent.type, this.commandFor(intent), signal);
    }
  }

  /** Record what the agent typed (kept until the server confirms it). */
  edit(edit: DraftEdit): void {
    const s = this.state;
    // Typing is taken while the agent owns the preview; a stale one is shown read-only.
    if (!s.workflow.interaction || !EDITABLE.has(s.workflow.phase)) return;
    this.patch({ drafts: editDrafts(s.drafts, edit, s.workflow.interaction) });
  }

  private commandFor(intent: Exclude<Intent, { type: 'set-call-result' | 'mark-do-not-call' | 'set-disposition' }>): Command {
    const w = this.state.workflow;
    const interactionId = w.interaction?.id ?? '';
    const record = w.interaction ? activeRecord(w.interaction.chain) : undefined;
    switch (intent.type) {
      case 'login':
        return { type: 'login', mediaTypes: intent.mediaTypes };
      case 'logout':
        return { type: 'logout' };
      case 'ready':
      case 'not-ready':
        return { type: 'set-status', status: intent.type };
      case 'reject':
        return { type: 'reject', interactionId, auto: false };
      case 'connect':
        return { type: 'connect', interactionId, handle: record?.handle ?? 0, number: intent.number ?? this.state.drafts.dialNumber ?? record?.phone ?? '' };
      case 'transfer':
      case 'conference':
        return { type: intent.type, interactionId, targetId: intent.targetId };
      case 'update-record':
        return { type: 'update-record', interactionId, handle: intent.handle, fields: intent.fields };
      case 'add-chained-record':
        return { type: 'add-chained-record', interactionId, phone: intent.phone, phoneType: intent.phoneType };
      case 'set-active-record':
        return { type: 'set-active-record', interactionId, handle: intent.handle };
      case 'reschedule':
        return { type: 'reschedule', interactionId, handle: record?.handle ?? 0, at: intent.at, callbackType: intent.callbackType };
      case 'mark-done':
        return { type: 'mark-done', interactionId, ...w.wrapup };
      case 'dismiss':
        return { type: 'close', interactionId };
      default:
        return { type: intent.type, interactionId };
    }
  }

  private local(intent: IntentType, event: WorkflowEvent): Result<void> {
    const before = this.state.workflow;
    this.apply(event);
    if (this.state.workflow === before) return this.refuse(intent, { reason: 'not-allowed' });
    this.patch({ refusal: null });
    return { ok: true, value: undefined };
  }

  private async request(intent: IntentType, command: Command, signal?: AbortSignal): Promise<Result<void>> {
    const abort = new AbortController();
    const onAbort = () => abort.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.aborts.add(abort);
    this.patch({ pending: intent });
    try {
      const answer = await this.connector.send(command, abort.signal);
      if (this.disposed) return { ok: false, refusal: { reason: 'aborted' } };
      if (!answer.ok) {
        this.patch({ pending: null });
        // The request may have been carried out though its answer was lost: ask the server.
        const reason = answer.refusal.reason;
        if (reason === 'timeout' || reason === 'network' || reason === 'stale' || reason === 'malformed-response') void this.resync();
        return this.refuse(intent, answer.refusal);
      }
      for (const m of [...answer.value].sort((a, b) => a.seq - b.seq)) this.receive(m);
      // During a resync the answer's messages wait for the snapshot: confirm against what follows it.
      while (this.syncRun) await this.syncRun;
      if (this.disposed) return { ok: false, refusal: { reason: 'aborted' } };
      this.confirm(command);
      this.patch({ pending: null, refusal: null });
      return { ok: true, value: undefined };
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.aborts.delete(abort);
      if (this.state.pending === intent && !this.disposed) this.patch({ pending: null });
    }
  }

  /** The server took the command: drop the drafts it now holds. */
  private confirm(command: Command): void {
    const s = this.state;
    let d = s.drafts;
    switch (command.type) {
      case 'update-record':
        d = confirmFields(d, command.handle, s.workflow.interaction?.chain.records.find((r) => r.handle === command.handle));
        break;
      case 'add-chained-record':
        if (d.newChained?.phone === command.phone) d = { ...d, newChained: null };
        break;
      case 'connect':
        if (d.dialNumber === command.number) d = { ...d, dialNumber: null };
        break;
      case 'set-active-record':
        // The number edited for the record that was active is not the new record's (W-8, W-26).
        if (d.dialNumber !== null) d = { ...d, dialNumber: null };
        break;
      case 'reschedule':
        d = { ...d, reschedule: null };
        break;
      default:
        return;
    }
    this.patch({ drafts: d });
  }

  private refuse(intent: IntentType, refusal: Refusal): Result<void> {
    this.patch({ refusal: { ...refusal, intent } });
    this.notices.next({ kind: 'refused', intent, refusal });
    return { ok: false, refusal };
  }

  // -------------------------------------------------------------------------------------------
  // Messages from the server

  private receive(m: ServerMessage): void {
    if (this.disposed || m.seq <= this.seq) return; // a duplicate, or already in a snapshot
    if (this.syncing || m.seq > this.seq + 1) {
      this.early.set(m.seq, m);
      if (!this.syncing) this.armGapTimer();
      return;
    }
    this.seq = m.seq;
    this.apply(m.event);
    this.drainEarly();
  }

  private drainEarly(): void {
    for (const seq of [...this.early.keys()]) if (seq <= this.seq) this.early.delete(seq);
    let next = this.early.get(this.seq + 1);
    while (next) {
      this.early.delete(next.seq);
      this.seq = next.seq;
      this.apply(next.event);
      next = this.early.get(this.seq + 1);
    }
    if (this.early.size === 0) {
      this.gapTimer?.unsubscribe();
      this.gapTimer = null;
    }
  }

  private armGapTimer(): void {
    if (this.gapTimer) return;
    this.gapTimer = this.scheduler.schedule(() => {
      this.gapTimer = null;
      if (this.early.size > 0) void this.resync();
    }, this.gapTimeoutMs);
  }

  /** Rebuild from the server's snapshot (start, reconnect, a lost message or answer). */
  resync(): Promise<void> {
    if (this.disposed) return Promise.resolve();
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

  private syncRun: Promise<void> | null = null;

  private async runResync(): Promise<void> {
    this.syncing = true;
    try {
      // Nothing is shown before the numbering plans are there to check what is typed.
      await loadPhoneMetadata();
      do {
        this.syncAgain = false;
        const r = await this.connector.snapshot();
        if (this.disposed) return;
        if (r.ok && r.value.seq >= this.seq) {
          this.seq = r.value.seq;
          this.apply({ type: 'snapshot', snapshot: r.value.snapshot });
        }
      } while (this.syncAgain);
    } finally {
      this.syncing = false;
    }
    this.drainEarly();
    if (this.early.size > 0) this.armGapTimer();
  }

  private onConnection(c: ConnectionState): void {
    if (c === 'online') this.wasOnline = true;
    // 'offline' before the first connection (a connector's initial value) is no loss.
    if (c === 'offline' && this.started && this.wasOnline && !this.disposed && this.reconnectDelayMs !== null) {
      this.lost = true;
      this.patch({ connection: 'reconnecting' });
      this.notices.next({ kind: 'connection', connection: 'reconnecting' });
      this.scheduleReconnect();
      return;
    }
    // While reconnecting the connector says 'connecting'; the agent still sees 'reconnecting'.
    this.patch({ connection: c === 'connecting' && this.lost ? 'reconnecting' : c });
    if (c === 'online' && this.lost) {
      // Back after a loss: whatever happened meanwhile comes from the server's snapshot.
      this.lost = false;
      this.reconnectAttempt = 0;
      this.notices.next({ kind: 'connection', connection: 'online' });
      void this.resync();
    }
  }

  private lost = false;
  private wasOnline = false;

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.reconnectDelayMs === null) return;
    const delay = Math.min(30_000, this.reconnectDelayMs * 2 ** this.reconnectAttempt);
    this.reconnectAttempt += 1;
    this.reconnectTimer = this.scheduler.schedule(() => {
      this.reconnectTimer = null;
      if (this.disposed) return;
      void this.connector.connect().then((r) => {
        if (!r.ok && !this.disposed) this.scheduleReconnect();
      });
    }, delay);
  }

  // -------------------------------------------------------------------------------------------
  // State

  private apply(event: WorkflowEvent): void {
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
    this.announce(before, after, event);
    this.syncTimers();
  }

  private patch(p: Partial<SessionState>): void {
    if (this.disposed && p.workflow === undefined && p.pending === undefined && p.connection === undefined) return;
    const prev = this.store.value;
    const next = { ...prev, ...p };
    if (p.workflow !== undefined || p.pending !== undefined || p.connection !== undefined) {
      // Nothing is offered while a request is under way or the server is out of reach.
      next.allowed = next.pending === null && next.connection === 'online' ? allowedActions(next.workflow) : new Set();
    }
    if (p.drafts !== undefined && p.drafts !== prev.drafts) {
      saveDrafts(this.storage, this.storageKey, next.workflow.interaction?.id ?? null, next.drafts);
    }
    this.store.next(next);
  }

  private announce(before: WorkflowState, after: WorkflowState, event: WorkflowEvent): void {
    if (before.phase === after.phase) return;
    const entered: Partial<Record<Phase, Notice['kind']>> = {
      ringing: 'offered',
      previewing: 'accepted',
      dialing: 'dialing',
      connected: 'connected',
      'after-call': 'call-ended',
      done: 'done',
      stale: 'stale',
      cancelled: 'cancelled',
      failed: 'failed',
    };
    if (after.phase === 'rejected') {
      this.notices.next({ kind: 'rejected', state: after, auto: event.type === 'rejected' ? event.auto : false });
    } else if (after.phase === 'transferred') {
      this.notices.next({ kind: 'transferred', state: after, target: after.ended?.target });
    } else {
      const kind = entered[after.phase];
      if (kind) this.notices.next({ kind, state: after } as Notice);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Timers: countdown, auto-reject (W-6), stale (W-30)

  private clearTimers(): void {
    for (const s of this.timers.subs) s.unsubscribe();
    this.timers = { key: '', subs: [] };
  }

  private syncTimers(): void {
    const w = this.state.workflow;
    const i = w.interaction;
    const key = i && isLivePhase(w.phase) ? `${i.id}:${w.phase === 'ringing' ? 'ringing' : 'owned'}` : '';
    if (key === this.timers.key) return;
    this.clearTimers();
    if (!i || !key) return;
    this.timers.key = key;
    const sched = this.scheduler;
    if (w.phase === 'ringing') {
      // The countdown: a tick each second until the deadline, then the campaign's policy.
      const tick = () => {
        const now = sched.now();
        this.apply({ type: 'tick', at: now });
        const left = Math.ceil((i.acceptDeadline - now) / 1000);
        if (left <= this.warnSecondsLeft && left > 0 && this.warned !== i.id && this.state.workflow.phase === 'ringing') {
          this.warned = i.id;
          this.notices.next({ kind: 'time-running-out', state: this.state.workflow, secondsLeft: left });
        }
      };
      this.timers.subs.push(
        sched.schedule(function (this: SchedulerAction<unknown>) {
          tick();
          this.schedule(undefined, 1000);
        }, 1000),
        sched.schedule(() => void this.onAcceptTimeout(i.id), Math.max(0, i.acceptDeadline - sched.now())),
      );
    }
    this.timers.subs.push(
      sched.schedule(() => this.apply({ type: 'stale', interactionId: i.id }), Math.max(0, i.staleAt - sched.now())),
    );
  }

  /** W-6: Accept not clicked in time. The campaign's policy decides; the seed's default rejects. */
  private async onAcceptTimeout(interactionId: string): Promise<void> {
    const s = this.state;
    if (s.workflow.phase !== 'ringing' || s.workflow.interaction?.id !== interactionId || s.pending !== null) return;
    this.apply({ type: 'tick', at: this.scheduler.now() });
    const policy = s.workflow.campaign?.timeoutPolicy ?? 'reject';
    if (policy === 'dial') {
      const accepted = await this.request('accept', { type: 'accept', interactionId });
      if (accepted.ok) await this.dispatch({ type: 'connect' });
      return;
    }
    await this.request('reject', { type: 'reject', interactionId, auto: true });
    if (policy === 'not-ready' && this.state.workflow.agent.status === 'ready') {
      await this.dispatch({ type: 'not-ready' });
    }
  }
}
