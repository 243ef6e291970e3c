/**
 * A session shared by the tabs of one agent in one browser profile and origin. Every tab opens
 * the agent's channel and asks for the agent's Web Lock; the tab holding it is the leader: it
 * makes the connector and the one {@link Session} (leader.ts), the others mirror its state and
 * send it their intents (follower.ts). When the leader goes (closed, crashed, navigated) the
 * browser hands the lock to a waiting tab, which makes its own connector and resumes from the
 * connector's snapshot as a reload does — with the drafts every tab mirrored put where the
 * reload path reads them, and what the connector hands over (the simulated server's state).
 */
import { Subject, type Observable, type SchedulerLike } from 'rxjs';
import { timeoutScheduler } from '../../connectors/scheduler.js';
import type { Intent } from '../../domain/intents.js';
import type { Connector, Result } from '../../connectors/port.js';
import { draftsKey, editDrafts, saveDrafts, type DraftEdit, type DraftStorage } from '../drafts.js';
import { Session } from '../session.js';
import { StateStore, type CallMarks } from '../store.js';
import type { DeskSession, Notice, SessionOptions, SessionState } from '../types.js';
import { readEnvelope, tabsName, type Envelope, type TabChannel, type TabMessage, type TabPlatform } from './channel.js';
import { FollowerLink } from './follower.js';
import { LeaderLink } from './leader.js';

/** What the leader makes: its connector, and what the connector hands to the next leader. */
export interface LeaderConnector {
  readonly connector: Connector;
  readonly carry$?: Observable<unknown>;
}

export interface SharedSessionOptions {
  readonly agentId: string;
  /** The leader's Session is made with these (the connector comes from {@link connect}). */
  readonly session?: Omit<SessionOptions, 'connector'>;
  readonly platform: TabPlatform;
  /** Called in the leader only, with what the last leader's connector handed over (or null); a rejection leaves the tab offline. */
  readonly connect: (carried: unknown) => Promise<LeaderConnector>;
  /** A tab id (tests); random otherwise. */
  readonly tabId?: string;
}

/** Drafts kept in memory where the page opted out of storage: only to seed a new leader. */
function memoryStorage(): DraftStorage {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

export class SharedSession implements DeskSession {
  readonly sharedTabs = true;
  readonly tabId: string;
  readonly scheduler: SchedulerLike;
  private readonly store: StateStore;
  private readonly notices = new Subject<Notice>();
  private channel: TabChannel | null = null;
  private follower: FollowerLink | null = null;
  private leader: LeaderLink | null = null;
  private carried: unknown = null;
  private local: SessionState['refusal'] = null;
  private shared: SessionState['refusal'] = null;
  private release: (() => void) | null = null;
  private readonly abort = new AbortController();
  private starting: Promise<void> | null = null;
  private firstState: (() => void) | null = null;
  private disposed = false;

  readonly state$: Observable<SessionState>;
  readonly notices$: Observable<Notice>;
  readonly callClock: CallMarks;

  constructor(private readonly options: SharedSessionOptions) {
    this.scheduler = options.session?.scheduler ?? timeoutScheduler;
    this.tabId = options.tabId ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    this.store = new StateStore(options.agentId, this.scheduler.now());
    this.state$ = this.store.state$;
    this.notices$ = this.notices.asObservable();
    this.callClock = this.store.callMarks(() => this.scheduler.now());
  }

  get state(): SessionState {
    return this.store.value;
  }
  get liveSubscriptions(): number {
    return this.store.liveSubscriptions;
  }
  /** The connector, in the leader only. */
  get connector(): Connector | undefined {
    return this.leader?.session.connector;
  }
  get isLeader(): boolean {
    return this.leader !== null;
  }
  /** The Session this tab runs as the leader (a test resyncs it and checks it against the server). */
  get running(): Session | undefined {
    return this.leader?.session;
  }

  select<T>(selector: (s: SessionState) => T, compare?: (a: T, b: T) => boolean): Observable<T> {
    return this.store.select(selector, compare);
  }

  /** Join the agent's tabs; resolves once this tab shows the desk (as leader, or mirroring one). */
  start(): Promise<void> {
    this.starting ??= this.begin();
    return this.starting;
  }

  private begin(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    const name = tabsName(this.options.agentId);
    const shown = new Promise<void>((resolve) => (this.firstState = resolve));
    this.channel = this.options.platform.channel(name);
    this.channel.addEventListener('message', (e) => this.receive(e.data));
    this.follower = this.followerLink();
    void this.options.platform.locks
      .request(name, { signal: this.abort.signal }, () => {
        if (this.disposed) return Promise.resolve();
        return new Promise<void>((release) => {
          this.release = release;
          void this.lead().then(() => this.firstState?.());
        });
      })
      .catch(() => undefined); // aborted: this tab left before its turn came
    return shown;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.abort.abort();
    this.follower?.dispose();
    this.leader?.dispose();
    this.leader?.session.dispose();
    this.release?.();
    this.channel?.close();
    this.notices.complete();
  }

  async dispatch(intent: Intent, signal?: AbortSignal): Promise<Result<void>> {
    const r = this.leader ? await this.leader.dispatch(intent, signal) : this.follower ? await this.follower.dispatch(intent) : null;
    if (!r) return { ok: false, refusal: { reason: 'offline' } };
    this.local = r.ok ? null : { ...r.refusal, intent: intent.type };
    // The leader's session says its own refusals; a follower says what its answer was.
    if (!r.ok && !this.leader) this.notices.next({ kind: 'refused', intent: intent.type, refusal: r.refusal });
    this.show(this.store.value, undefined);
    return r;
  }

  edit(edit: DraftEdit): void {
    const s = this.store.value;
    if (!this.leader) return void this.follower?.edit(edit);
    // Taking over, the session has no snapshot yet: shown as typed now, applied once it has.
    if (!this.leader.isLive) this.show({ ...s, drafts: editDrafts(s.drafts, edit, s.workflow.interaction) }, undefined);
    this.leader.edit(edit, s.workflow.interaction?.id ?? null);
  }

  // -------------------------------------------------------------------------------------------

  private post(message: TabMessage): void {
    if (!this.disposed) this.channel?.postMessage({ ...message, agentId: this.options.agentId, from: this.tabId });
  }

  private receive(data: unknown): void {
    const e: Envelope | null = readEnvelope(data, this.options.agentId, this.tabId);
    if (!e || this.disposed) return;
    if (e.kind === 'carry') this.carried = e.carry;
    else if (this.leader) this.leader.receive(e);
    else if (e.kind === 'notice') this.notices.next({ ...e.notice, mirrored: true });
    else this.follower?.receive(e);
  }

  /** This tab's view: the leader's state, with the refusal of this tab's own last intent. */
  private show(state: SessionState, shared: SessionState['refusal'] | undefined): void {
    if (shared !== undefined) this.shared = shared;
    const refusal = this.local ?? this.shared;
    this.store.next(state.refusal === refusal ? state : { ...state, refusal });
    if (state.connection !== 'offline' || this.leader) this.firstState?.();
  }

  private followerLink(): FollowerLink {
    return new FollowerLink({
      scheduler: this.scheduler,
      answerTimeoutMs: (this.options.session?.commandTimeoutMs ?? 15_000) + 5_000,
      self: this.tabId,
      post: (m) => this.post(m),
      current: () => this.store.value,
      show: (s, shared) => this.show(s, shared),
    });
  }

  /** Take the lead: the connector, the drafts every tab saw, the Session resumed from the snapshot. */
  private async lead(): Promise<void> {
    this.follower?.dispose();
    this.follower = null;
    let made: LeaderConnector;
    try {
      made = await this.options.connect(this.carried);
    } catch {
      return; // no connector (the maker said why): the tab keeps the lock, offline, so no other tab tries in a loop
    }
    const { connector, carry$ } = made;
    if (this.disposed) return void connector.disconnect();
    const rest = this.options.session ?? {};
    const storage = rest.storage === undefined ? defaultStorage() : (rest.storage ?? memoryStorage());
    const mirrored = this.store.value;
    const id = mirrored.workflow.interaction?.id ?? null;
    // Where a reload finds what was typed: the Session takes it back if the interaction is still there.
    if (id !== null) saveDrafts(storage, draftsKey(rest.storageKey, connector.agentId), id, mirrored.drafts);
    const session = new Session({ ...rest, connector, storage });
    this.leader = new LeaderLink(session, { post: (m) => this.post(m), show: (s, shared) => this.show(s, shared), tell: (n) => this.notices.next(n) }, carry$);
    await session.start();
    if (!this.disposed) this.leader.go();
  }
}

function defaultStorage(): DraftStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? memoryStorage() : sessionStorage;
  } catch {
    return memoryStorage();
  }
}
