/**
 * The Genesys Workspace API v3 connector: the push preview workflow against a real contact
 * centre. REST for commands, CometD (Bayeux long polling, the maintained `cometd` client) for
 * notifications, OCS desktop-protocol user events for the record, `current-session` to rebuild
 * after a reconnect or a reload. Facts: shared/spec/genesys-workspace-api.md (§ numbers below).
 *
 * The connector keeps its own copy of the desk, moved by the same pure machine the session
 * uses: a Genesys notification becomes the workflow events it implies, and only those that
 * change the desk go out, so duplicated or late notifications change nothing.
 */
import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import { CometD, type Message } from 'cometd';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import {
  initialState,
  isEndPhase,
  transition,
  type Action,
  type Phase,
  type Snapshot,
  type WorkflowEvent,
  type WorkflowState,
} from '../../domain/machine.js';
import type { RefusalReason } from '../../domain/reasons.js';
import {
  PUSH_PREVIEW_MEDIA,
  isCallResult,
  type AgentStatus,
  type Call,
  type CallResult,
  type Campaign,
  type Chain,
  type ContactRecord,
  type Interaction,
  type MediaType,
  type PhoneType,
  type Target,
} from '../../domain/types.js';
import {
  ok,
  refused,
  type Command,
  type ConnectionState,
  type Connector,
  type ProtocolProblem,
  type Result,
  type ServerMessage,
  type SnapshotAt,
} from '../port.js';
import { Invalid, attempt, readEvent } from '../validate.js';
import { kvInt, kvText, sameValue, toKvList, type KvMap, type KvPair } from './kv.js';
import {
  DEFAULT_ACKS,
  DEFAULT_GENESYS_CAMPAIGN,
  DEFAULT_RECORD_KEYS,
  defaultChannelsFor,
  defaultIsStale,
  defaultRescheduleFields,
  type GenesysAuth,
  type GenesysConnectorOptions,
  type OcsRequestType,
} from './options.js';
import { readCurrentSession, readNotification, type GCall, type GInteraction, type GNotification, type GSession, type GUser } from './read.js';

/** The CometD channels the desk needs (§3); the last two the Genesys client does not subscribe itself. */
export const GENESYS_CHANNELS = [
  '/workspace/v3/initialization',
  '/workspace/v3/voice',
  '/workspace/v3/media',
  '/workspace/v3/media/outboundpreview',
  '/workspace/v3/media/topics',
] as const;

const ENDED_CALL_STATES = new Set(['Released', 'Completed', 'Abandoned', 'Cleared']);
const CONNECTED_CALL_STATES = new Set(['Established', 'Held']);

/** A typed refusal thrown inside a command and returned by {@link GenesysConnector.send}. */
class Refused extends Error {
  constructor(readonly reason: RefusalReason, readonly detail?: string) {
    super(detail ?? reason);
  }
}

type Ending = 'reject' | 'reject-auto' | 'cancel' | 'done' | 'transfer';

/** What the connector knows of one outboundpreview interaction. */
interface Memo {
  readonly id: string;
  g: GInteraction;
  /** The pushed record and the chain's other records, each with its wire pairs. */
  record: ContactRecord;
  extra: ContactRecord[];
  readonly pairs: Map<number, KvMap>;
  activeHandle: number;
  readonly offeredAt: number;
  acceptedAt: number | null;
  rescheduled: { at: number; type: 'personal' | 'campaign' } | null;
  dialed: boolean;
  stale: boolean;
  ending: Ending | null;
  target: Target | null;
  callId: string | null;
  dialHandle: number | null;
  dialNumber: string | null;
  connectedAt: number | null;
}

interface PendingOcs {
  readonly onReply: (reply: KvMap) => void;
}

const PHONE_TYPE_CODES: Readonly<Record<PhoneType, number>> = { home: 1, business: 2, mobile: 4, other: 0 };

function phoneTypeOf(code: number | null): PhoneType {
  if (code === 1) return 'home';
  if (code === 2 || code === 3) return 'business';
  if (code === 4) return 'mobile';
  return 'other';
}

/** A stable number for a record handle that is not one (the simulator's hex strings, §7). */
function alias(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  const s = String(value);
  if (/^\d{1,15}$/.test(s)) return Number(s);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return 1_000_000_000 + (h % 1_000_000_000);
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class GenesysConnector implements Connector {
  readonly agentId: string;
  private readonly opts: GenesysConnectorOptions;
  private readonly api: string;
  private readonly messages = new Subject<ServerMessage>();
  private readonly connection = new BehaviorSubject<ConnectionState>('offline');
  private readonly problems = new Subject<ProtocolProblem>();
  private readonly recent: ServerMessage[] = [];
  private readonly memos = new Map<string, Memo>();
  private readonly ended = new Set<string>();
  private readonly calls = new Map<string, GCall>();
  private readonly releasedCalls = new Set<string>();
  private readonly pendingOcs = new Map<string, PendingOcs>();
  /** Chained-record requests answered already: a ChainedRecord overtaken by its DataEnd still counts. */
  private readonly chainRefs = new Map<string, Memo>();
  private readonly waiters = new Set<() => void>();
  private cometd: CometD | null = null;
  private desk: WorkflowState;
  private seq = 0;
  private user: GUser | null = null;
  private initialized = false;
  /** The server said `Failed` on the initialization channel (§4). */
  private initFailed = false;
  /** This page initialized the workspace (a code or a token), rather than coming back on a session. */
  private authenticatedHere = false;
  private authenticated = false;
  private loggedIn = false;
  private mediaTypes: readonly MediaType[] = [];
  private channel: { state: string; timestamp: number | null } | null = null;
  private linkUp = false;
  private closing = false;
  private notifications = 0;
  private nextRef: number;
  private nextOp = 0;
  private dialError: string | null = null;

  readonly messages$: Observable<ServerMessage> = this.messages.asObservable();
  readonly connection$: Observable<ConnectionState> = this.connection.asObservable();
  readonly problems$: Observable<ProtocolProblem> = this.problems.asObservable();

  constructor(options: GenesysConnectorOptions) {
    this.opts = options;
    this.api = `${options.baseUrl.replace(/\/+$/, '')}/workspace/v3`;
    this.agentId = options.agentId ?? 'genesys-agent';
    this.desk = initialState(this.agentId);
    // GSW_REFERENCE_ID: unique integers, also across page reloads.
    this.nextRef = (Date.now() % 1_000_000) * 1000;
  }

  get connectionState(): ConnectionState {
    return this.connection.value;
  }

  private get campaignBase(): Campaign {
    return { ...DEFAULT_GENESYS_CAMPAIGN, ...this.opts.campaign };
  }
  private get requestTimeoutMs(): number {
    return this.opts.requestTimeoutMs ?? 10_000;
  }
  private get ackTimeoutMs(): number {
    return this.opts.ackTimeoutMs ?? 10_000;
  }
  private get eventTimeoutMs(): number {
    return this.opts.eventTimeoutMs ?? 10_000;
  }
  private debug(message: string, data?: unknown): void {
    const note = this.opts.debug ?? ((m: string, d?: unknown) => console.debug(m, d ?? ''));
    note(`[genesys] ${message}`, data);
  }

  // -------------------------------------------------------------------------------------------
  // Connection

  async connect(signal?: AbortSignal): Promise<Result<void>> {
    if (this.connection.value === 'online') return ok(undefined);
    try {
      if (this.cometd && !this.cometd.isDisconnected() && this.initialized) {
        // CometD is already re-handshaking on its own: wait for it.
        await this.until(() => this.connection.value === 'online', signal, this.opts.initTimeoutMs ?? 10_000);
        return ok(undefined);
      }
      this.closing = false;
      if (!this.initialized) this.connection.next('connecting');
      if (!this.authenticated) {
        await this.authenticate(this.opts.auth ?? { kind: 'session' }, signal);
        this.authenticated = true;
      }
      this.initFailed = false;
      this.startCometd();
      const initTimeout = this.opts.initTimeoutMs ?? 10_000;
      await this.until(() => this.initFailed || (this.initialized && this.linkUp) || (this.linkUp && !this.authenticatedHere), signal, initTimeout);
      if (!this.initialized && !this.initFailed) await this.initializedFromSession(signal);
      if (this.initFailed) throw new Refused('server-error', 'the workspace initialization failed');
      if (this.connectionState !== 'online') this.connection.next('online');
      return ok(undefined);
    } catch (e) {
      // Handshake fine but no initialization: the server did not take the session (§3).
      const unsigned = !this.initialized && e instanceof Refused && e.reason === 'timeout';
      const r = unsigned ? refused('network', 'not signed in: the workspace did not initialize') : this.refusalOf(e);
      if (!this.initialized) this.stopCometd();
      if (this.connectionState !== 'offline') this.connection.next('offline');
      return r;
    }
  }

  async disconnect(): Promise<void> {
    this.closing = true;
    this.stopCometd();
    this.linkUp = false;
    if (this.connection.value !== 'offline') this.connection.next('offline');
  }

  /**
   * A page that comes back on a live session (a reload) did not initialize the workspace itself:
   * a server that pushes no initialization messages at the handshake (the simulator does, §3)
   * still gives the signed-in user in current-session. Wait a little for the push, then ask.
   */
  private async initializedFromSession(signal?: AbortSignal): Promise<void> {
    await this.until(() => this.initialized || this.initFailed, signal, this.opts.initPushWaitMs ?? 2000).catch((e: unknown) => {
      if (!(e instanceof Refused) || e.reason !== 'timeout') throw e;
    });
    if (this.initialized || this.initFailed) return;
    const read = attempt(readCurrentSession, await this.currentSession(signal));
    if (!read.ok) throw new Refused('malformed-response', read.error);
    this.debug('no initialization message came: the user is read from current-session');
    this.onUser(read.value.user);
  }

  private onUser(user: GUser): void {
    this.user = user;
    if (!this.initialized) {
      this.initialized = true;
      this.desk = { ...this.desk, agent: { ...this.desk.agent, name: this.agentName() } };
    }
  }

  private async authenticate(auth: GenesysAuth, signal?: AbortSignal): Promise<void> {
    this.authenticatedHere = auth.kind !== 'session';
    if (auth.kind === 'session') return;
    const q = auth.kind === 'code' ? `?code=${encodeURIComponent(auth.code)}&redirect_uri=${encodeURIComponent(auth.redirectUri)}` : '';
    const headers = auth.kind === 'bearer' ? { Authorization: `Bearer ${auth.token}` } : undefined;
    await this.http('POST', `/initialize-workspace${q}`, undefined, signal, headers);
  }

  /**
   * A CometD client for long polling only (§3). Its timers run in a blob-URL worker, which a
   * strict Content-Security-Policy or Trusted Types forbid: then it runs on the page's timers.
   */
  private newCometd(): CometD {
    const headers: Record<string, string> = {};
    if (this.opts.apiKey) headers['x-api-key'] = this.opts.apiKey;
    const make = (useWorkerScheduler: boolean) => {
      const c = new CometD();
      c.unregisterTransport('websocket');
      c.unregisterTransport('callback-polling');
      c.configure({
        url: `${this.api}/notifications`,
        logLevel: 'warn',
        requestHeaders: headers,
        backoffIncrement: this.opts.backoffIncrementMs ?? 1000,
        maxBackoff: this.opts.maxBackoffMs ?? 30_000,
        useWorkerScheduler,
      });
      return c;
    };
    try {
      return make(true);
    } catch (e) {
      this.debug(`CometD worker timers unavailable (${errorText(e)}): using page timers`);
      return make(false);
    }
  }

  private startCometd(): void {
    this.stopCometd();
    const cometd = this.newCometd();
    cometd.addListener('/meta/handshake', (m: Message) => {
      if (cometd !== this.cometd || this.closing) return;
      if (m.successful) {
        // A fresh Bayeux session has no subscriptions (§3): one /meta/subscribe per channel, each
        // with its handler. Plain listeners would count as subscriptions and nothing would be sent.
        cometd.clearSubscriptions();
        cometd.batch(() => {
          for (const channel of GENESYS_CHANNELS) {
            cometd.subscribe(
              channel,
              (msg: Message) => this.onMessage(channel, msg.channel, msg.data),
              (reply: Message) => {
                if (!reply.successful && cometd === this.cometd) this.problems.next({ kind: 'transport', message: `subscription to ${channel} refused`, raw: reply.error });
              },
            );
          }
        });
      } else this.linkDown();
    });
    cometd.addListener('/meta/connect', (m: Message) => {
      if (cometd !== this.cometd || this.closing || cometd.isDisconnected()) return;
      if (m.successful) this.linkUpNow();
      else this.linkDown();
    });
    cometd.addListener('/meta/disconnect', () => {
      if (cometd !== this.cometd || this.closing) return;
      this.linkDown();
    });
    this.cometd = cometd;
    cometd.handshake();
  }

  private stopCometd(): void {
    const c = this.cometd;
    this.cometd = null;
    if (!c) return;
    try {
      if (!c.isDisconnected()) c.disconnect();
    } catch {
      // Already gone.
    }
  }

  private linkUpNow(): void {
    if (this.linkUp) return;
    this.linkUp = true;
    if (this.initialized && this.connection.value !== 'online') {
      this.debug('notifications back');
      this.connection.next('online');
    }
    this.wake();
  }

  private linkDown(): void {
    if (!this.linkUp && this.connection.value !== 'online') return;
    this.linkUp = false;
    if (this.initialized && this.connection.value === 'online') {
      this.debug('notifications lost');
      this.connection.next('offline');
    }
    this.wake();
  }

  // -------------------------------------------------------------------------------------------
  // Snapshot: rebuild from current-session (§4)

  async snapshot(signal?: AbortSignal): Promise<Result<SnapshotAt>> {
    if (this.connection.value !== 'online') return refused('network');
    try {
      for (let round = 0; round < 3; round++) {
        const before = this.notifications;
        const raw = await this.currentSession(signal);
        const read = attempt(readCurrentSession, raw);
        if (!read.ok) {
          this.problems.next({ kind: 'malformed', message: read.error, raw });
          return refused('malformed-response', read.error);
        }
        // Notifications that came while the answer travelled are newer than it: ask again.
        if (this.notifications !== before && round < 2) continue;
        this.reconcile(read.value);
        break;
      }
      return ok({ seq: this.seq, snapshot: this.deskSnapshot() });
    } catch (e) {
      return this.refusalOf(e);
    }
  }

  /** `current-session` answers 403 until the CometD session is set up (§12.10): retry a while. */
  private async currentSession(signal?: AbortSignal): Promise<unknown> {
    const until = Date.now() + this.eventTimeoutMs;
    for (;;) {
      try {
        return await this.http('GET', '/current-session', undefined, signal);
      } catch (e) {
        if (!(e instanceof Refused) || !e.detail?.startsWith('HTTP 403') || Date.now() > until) throw e;
        // It is ready once the channel states are sent: try again on the next notification.
        const seen = this.notifications;
        await this.until(() => this.notifications > seen, signal, 300).catch((x: unknown) => {
          if (x instanceof Refused && x.reason === 'aborted') throw x;
        });
      }
    }
  }

  private deskSnapshot(): Snapshot {
    const d = this.desk;
    return { agent: d.agent, campaign: d.campaign, interaction: d.interaction, phase: d.phase, call: d.call };
  }

  private reconcile(gs: GSession): void {
    this.user ??= gs.user;
    const ch = gs.channels.find((c) => c.name === 'outboundpreview');
    if (ch) this.channel = { state: ch.state, timestamp: ch.timestamp };
    const live: Memo[] = [];
    for (const g of ch?.interactions ?? []) {
      if (g.state === 'Completed' || this.ended.has(g.id) || g.mediatype !== 'outboundpreview') continue;
      try {
        live.push(this.memoFor(g));
      } catch (e) {
        this.problems.next({ kind: 'malformed', message: errorText(e), raw: g });
      }
    }
    // A reload: an agent with an open preview or a Ready channel chose push preview before (W-1).
    if (!this.loggedIn && (ch?.state === 'Ready' || live.length > 0)) {
      this.loggedIn = true;
      if (!this.mediaTypes.includes(PUSH_PREVIEW_MEDIA)) this.mediaTypes = [...this.mediaTypes, PUSH_PREVIEW_MEDIA];
    }
    for (const c of gs.calls) {
      const memo = this.memoOfCall(c);
      if (!memo) continue;
      this.calls.set(c.id, c);
      if (ENDED_CALL_STATES.has(c.state)) this.releasedCalls.add(c.id);
      memo.callId = c.id;
      memo.dialed = true;
      if (CONNECTED_CALL_STATES.has(c.state)) memo.connectedAt ??= c.startedAt ?? Date.now();
    }
    const status = this.loggedIn ? this.statusOf(this.channel?.state) : 'logged-out';
    const agent = { ...this.desk.agent, name: this.agentName(), status, mediaTypes: this.loggedIn ? [...this.mediaTypes] : [] };
    const memo = live.find((m) => m.id === this.desk.interaction?.id) ?? live[0];
    let snapshot: Snapshot;
    if (!memo) {
      const was = this.desk.interaction ? this.memos.get(this.desk.interaction.id) : undefined;
      if (this.loggedIn && this.desk.interaction && isEndPhase(this.desk.phase)) {
        snapshot = { agent, campaign: this.desk.campaign, interaction: this.desk.interaction, phase: this.desk.phase, call: null };
      } else if (this.loggedIn && this.desk.interaction && was?.ending) {
        // Its end notification was lost, but the server finished what we asked.
        snapshot = { agent, campaign: this.desk.campaign, interaction: this.desk.interaction, phase: this.endPhase(was.ending), call: null };
      } else {
        snapshot = { agent, campaign: this.loggedIn ? this.desk.campaign ?? this.campaignBase : null, interaction: null, phase: status, call: null };
      }
    } else {
      const call = memo.callId ? this.calls.get(memo.callId) : undefined;
      let phase: Phase;
      if (memo.stale) phase = 'stale';
      else if (memo.g.state === 'Invited') phase = 'ringing';
      else if (call && call.state === 'Dialing') phase = 'dialing';
      else if (call && CONNECTED_CALL_STATES.has(call.state)) phase = 'connected';
      else phase = memo.dialed ? 'after-call' : 'previewing';
      if (phase !== 'ringing') memo.acceptedAt ??= Date.now();
      const calling = phase === 'dialing' || phase === 'connected';
      const interaction = { ...this.toInteraction(memo), media: calling ? ('voice' as const) : ('open-media' as const) };
      snapshot = { agent, campaign: this.campaignOf(memo), interaction, phase, call: calling && call ? this.toCall(memo, call) : null };
    }
    this.desk = transition(this.desk, { type: 'snapshot', snapshot });
    this.wake();
  }

  // -------------------------------------------------------------------------------------------
  // Notifications (§3)

  private onMessage(subscribed: string, channel: string, data: unknown): void {
    // Only what comes on the channel subscribed to.
    if (channel !== subscribed) {
      this.debug(`ignored a message on ${String(channel)}: not subscribed there`);
      return;
    }
    this.notifications += 1;
    let n: GNotification;
    try {
      n = readNotification(channel, data);
      this.handle(channel, n);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      this.problems.next({ kind: 'malformed', message: `${channel}: ${e.message}`, raw: data });
    } finally {
      this.wake();
    }
  }

  private handle(channel: string, n: GNotification): void {
    switch (n.kind) {
      case 'init':
        if (n.state === 'Complete' && n.user) this.onUser(n.user);
        else if (n.state === 'Failed') {
          this.debug('workspace initialization failed');
          this.initFailed = true;
        }
        return;
      case 'channels':
        for (const c of n.channels) {
          if (c.name !== 'outboundpreview') continue;
          // Only the changed channel comes; an older timestamp is a late duplicate (§5).
          if (this.channel?.timestamp != null && c.timestamp != null && c.timestamp < this.channel.timestamp) continue;
          this.channel = { state: c.state, timestamp: c.timestamp };
          if (!this.loggedIn) continue;
          this.emitAgent(this.statusOf(c.state));
          // A preview pushed while the agent was not Ready rings once they are (W-2).
          for (const memo of this.memos.values()) {
            if (memo.g.state === 'Invited') this.emit({ type: 'offered', interaction: this.toInteraction(memo), campaign: this.campaignOf(memo) });
          }
        }
        return;
      case 'dn':
        return;
      case 'interaction':
        this.onInteraction(n.interaction);
        return;
      case 'call':
        this.onCall(n.call);
        return;
      case 'user-event':
        this.onUserEvent(n.data);
        return;
      case 'error':
        this.debug(`EventError ${n.code ?? ''} ${n.message}`);
        if ([...this.memos.values()].some((m) => m.dialNumber !== null && m.callId === null)) this.dialError = n.message || `error ${n.code}`;
        return;
      case 'unknown':
        this.debug(`ignored ${n.messageType} on ${channel}`);
        return;
    }
  }

  private onInteraction(g: GInteraction): void {
    if (g.mediatype !== 'outboundpreview') {
      this.debug(`ignored a ${g.mediatype} interaction`);
      return;
    }
    if (this.ended.has(g.id)) return;
    // Correlate by ids and state, not by order (§2): a late Invited never takes back an accept,
    // and a known interaction ends whatever its last user data holds.
    const known = this.memos.get(g.id);
    if (known && known.acceptedAt !== null && g.state === 'Invited') {
      this.debug(`ignored a late Invited for ${g.id}: accepted already`);
      return;
    }
    if (known && g.state === 'Completed') {
      this.endInteraction(known);
      return;
    }
    const memo = this.memoFor(g);
    if (g.state === 'Invited') {
      this.emit({ type: 'offered', interaction: this.toInteraction(memo), campaign: this.campaignOf(memo) });
      this.emitCapabilities(memo);
      return;
    }
    if (g.state === 'Completed') {
      this.endInteraction(memo);
      return;
    }
    // Processing (or another owned state): accepted, with what the record now holds.
    memo.acceptedAt ??= Date.now();
    this.emit({ type: 'accepted', interactionId: memo.id, owner: this.agentId, at: memo.acceptedAt });
    this.emitChain(memo);
    this.emitCapabilities(memo);
  }

  private endInteraction(memo: Memo): void {
    const id = memo.id;
    switch (memo.ending) {
      case 'reject':
      case 'reject-auto':
        this.emit({ type: 'rejected', interactionId: id, auto: memo.ending === 'reject-auto' });
        break;
      case 'cancel':
        this.emit({ type: 'cancelled', interactionId: id });
        break;
      case 'done':
        this.emit({ type: 'done', interactionId: id });
        break;
      case 'transfer':
        if (memo.target) this.emit({ type: 'transferred', interactionId: id, target: memo.target });
        break;
      default:
        // Taken away by the server: a preview that rang out, or a desk that lost it.
        if (this.desk.phase === 'ringing') this.emit({ type: 'rejected', interactionId: id, auto: true });
        else this.emit({ type: 'failed', interactionId: id, detail: 'completed by the server' });
    }
    this.ended.add(id);
    this.memos.delete(id);
  }

  private onCall(c: GCall): void {
    const memo = this.memoOfCall(c);
    if (!memo) {
      this.debug(`ignored call ${c.id}: no preview of ours`);
      return;
    }
    if (this.releasedCalls.has(c.id) && !ENDED_CALL_STATES.has(c.state)) return; // late news of an ended call
    this.calls.set(c.id, c);
    memo.callId = c.id;
    memo.dialed = true;
    const id = memo.id;
    if (ENDED_CALL_STATES.has(c.state)) {
      this.releasedCalls.add(c.id);
      if (memo.ending === 'transfer') return; // the transfer ends it
      const code = kvInt(c.userData, 'GSW_CALL_RESULT');
      this.emit({ type: 'call-ended', interactionId: id, callResult: isCallResult(code) ? code : null });
      this.emitCapabilities(memo);
      return;
    }
    this.emit({ type: 'dialing', interactionId: id, call: { ...this.toCall(memo, c), connectedAt: null, held: false } });
    if (CONNECTED_CALL_STATES.has(c.state)) {
      memo.connectedAt ??= Date.now();
      this.emit({ type: 'connected', interactionId: id, at: memo.connectedAt });
      this.emitCall(memo, c);
    }
    this.emitCapabilities(memo);
  }

  private onUserEvent(data: KvMap): void {
    const ref = data.get('GSW_REFERENCE_ID');
    const pending = ref ? this.pendingOcs.get(String(ref.value)) : undefined;
    // A chained record joins the chain as it comes, before or after its ChainedRecordsDataEnd.
    const chained = ref ? this.chainRefs.get(String(ref.value)) : undefined;
    if (chained && data.has('GSW_PHONE') && !data.has('GSW_ERROR')) {
      this.addChained(chained, [data]);
      return;
    }
    if (pending) {
      pending.onReply(data);
      return;
    }
    const name = kvText(data, 'GSW_USER_EVENT') ?? '';
    // An unsolicited word about one of our records (W-30): stale.
    const handle = data.get('GSW_RECORD_HANDLE');
    if (handle && (this.opts.ocs?.isStale ?? defaultIsStale)(data)) {
      for (const memo of this.memos.values()) {
        if ([...memo.pairs.values()].some((p) => sameValue(p.get('GSW_RECORD_HANDLE')?.value, handle.value))) this.markStale(memo);
      }
      return;
    }
    this.debug(`ignored user event ${name || '(unnamed)'}${ref ? ` for reference ${String(ref.value)}` : ''}`);
  }

  // -------------------------------------------------------------------------------------------
  // Building domain data from Genesys data

  private memoFor(g: GInteraction): Memo {
    let memo = this.memos.get(g.id);
    const record = this.toRecord(g.userData, 'interaction.userData');
    if (!memo) {
      memo = {
        id: g.id,
        g,
        record,
        extra: [],
        pairs: new Map([[record.handle, g.userData]]),
        activeHandle: record.handle,
        offeredAt: g.receivedAt ?? Date.now(),
        acceptedAt: null,
        rescheduled: null,
        dialed: false,
        stale: false,
        ending: null,
        target: null,
        callId: null,
        dialHandle: null,
        dialNumber: null,
        connectedAt: null,
      };
      this.memos.set(g.id, memo);
    } else {
      memo.g = g;
      memo.record = { ...record, handle: memo.record.handle, callResult: record.callResult ?? memo.record.callResult };
      memo.pairs.set(memo.record.handle, g.userData);
    }
    return memo;
  }

  private toRecord(ud: KvMap, path: string): ContactRecord {
    const phone = kvText(ud, 'GSW_PHONE');
    if (!phone || phone.length > 64) throw new Invalid(`${path}.GSW_PHONE`, 'expected the number to dial');
    const handlePair = ud.get('GSW_RECORD_HANDLE');
    if (!handlePair || (typeof handlePair.value !== 'string' && typeof handlePair.value !== 'number')) {
      throw new Invalid(`${path}.GSW_RECORD_HANDLE`, 'expected a record handle');
    }
    const unit = this.opts.callWindowUnit === 'minutes' ? 1 : 60;
    const minutes = (key: string, dflt: number) => {
      const v = kvInt(ud, key);
      return v === null ? dflt : Math.max(0, Math.min(1440, Math.floor(v / unit)));
    };
    const zone = kvText(ud, 'GSW_TZ_NAME');
    const fields: Record<string, string> = {};
    for (const [key, pair] of ud) {
      if (key.startsWith('GSW_') || !/^[A-Za-z_][\w.-]*$/.test(key) || key.length > 64) continue;
      const v = pair.value;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[key] = String(v).slice(0, 2000);
    }
    const result = kvInt(ud, 'GSW_CALL_RESULT');
    return {
      handle: alias(handlePair.value),
      chainId: Math.max(0, kvInt(ud, 'GSW_CHAIN_ID') ?? 0),
      phone,
      phoneType: phoneTypeOf(kvInt(ud, 'GSW_PHONE_TYPE')),
      country: this.countryOf(phone),
      timeZone: zone && validZone(zone) ? zone : this.opts.defaultTimeZone ?? 'UTC',
      callFrom: minutes('GSW_FROM', 0),
      callTill: minutes('GSW_UNTIL', 1440),
      callResult: isCallResult(result) ? result : null,
      attempts: Math.max(0, kvInt(ud, 'GSW_ATTEMPTS') ?? 0),
      fields,
    };
  }

  private countryOf(phone: string): string {
    const dflt = (this.opts.defaultCountry ?? 'US').toUpperCase();
    if (!phone.trim().startsWith('+')) return dflt;
    return parsePhoneNumberFromString(phone.trim())?.country ?? dflt;
  }

  private chainOf(memo: Memo): Chain {
    const records = [memo.record, ...memo.extra.filter((r) => r.handle !== memo.record.handle)];
    const activeHandle = records.some((r) => r.handle === memo.activeHandle) ? memo.activeHandle : memo.record.handle;
    return { chainId: memo.record.chainId, activeHandle, records };
  }

  private campaignOf(memo: Memo): Campaign {
    const base = this.campaignBase;
    const name = kvText(memo.g.userData, 'GSW_CAMPAIGN_NAME');
    return name && this.opts.campaign?.id === undefined ? { ...base, id: name, name: this.opts.campaign?.name ?? name } : base;
  }

  private toInteraction(memo: Memo): Interaction {
    const c = this.campaignBase;
    return {
      id: memo.id,
      campaignId: this.campaignOf(memo).id,
      chain: this.chainOf(memo),
      media: 'open-media',
      owner: memo.acceptedAt === null ? null : this.agentId,
      offeredAt: memo.offeredAt,
      acceptDeadline: memo.offeredAt + c.acceptTimeoutSec * 1000,
      staleAt: memo.offeredAt + c.staleTimeoutSec * 1000,
      acceptedAt: memo.acceptedAt,
      rescheduledAt: memo.rescheduled,
    };
  }

  private toCall(memo: Memo, c: GCall): Call {
    // The agent is the call's own DN (`phoneNumber`), which is often not the agent login.
    const mine = new Set([c.phoneNumber, this.user?.agentLogin].filter((n): n is string => Boolean(n)));
    const others = c.participants.filter((p) => !p.number || !mine.has(p.number)).length;
    const dest = c.participants.find((p) => p.role === 'RoleDestination')?.number;
    const rec = c.recordingState;
    return {
      number: (c.dnis || dest || memo.dialNumber || memo.record.phone).slice(0, 64),
      handle: memo.dialHandle ?? memo.activeHandle,
      startedAt: c.startedAt ?? Date.now(),
      connectedAt: CONNECTED_CALL_STATES.has(c.state) ? memo.connectedAt ?? Date.now() : null,
      held: c.state === 'Held',
      // Drive recording from recordingState, not from the capability list (§10.2).
      recording: rec === 'Recording' || rec === 'Paused',
      parties: Math.max(2, Math.min(3, 1 + others)),
    };
  }

  /** The interaction a call belongs to: by the record handle it carries, else the one being dialled. */
  private memoOfCall(c: GCall): Memo | undefined {
    const handle = c.userData.get('GSW_RECORD_HANDLE');
    for (const memo of this.memos.values()) {
      if (memo.callId === c.id) return memo;
      if (handle && [...memo.pairs.values()].some((p) => sameValue(p.get('GSW_RECORD_HANDLE')?.value, handle.value))) return memo;
    }
    return [...this.memos.values()].find((m) => m.dialNumber !== null && m.callId === null);
  }

  private statusOf(state: string | undefined): AgentStatus {
    if (state === 'Ready') return 'ready';
    if (state === 'LoggedOut') return this.loggedIn ? 'not-ready' : 'logged-out';
    return 'not-ready';
  }

  private agentName(): string {
    const u = this.user;
    if (!u) return this.desk.agent.name;
    return `${u.firstName} ${u.lastName}`.trim() || u.userName;
  }

  private endPhase(ending: Ending): Phase {
    return ending === 'reject' || ending === 'reject-auto' ? 'rejected' : ending === 'cancel' ? 'cancelled' : ending === 'done' ? 'done' : 'transferred';
  }

  // -------------------------------------------------------------------------------------------
  // Emitting workflow events

  /** Move the desk; send the event only when it changed something (duplicates change nothing). */
  private emit(event: WorkflowEvent): ServerMessage | null {
    const after = transition(this.desk, event);
    if (after === this.desk) return null;
    const raw: unknown = JSON.parse(JSON.stringify(event));
    const read = attempt(readEvent, raw);
    if (!read.ok) {
      this.problems.next({ kind: 'malformed', message: read.error, raw });
      return null;
    }
    this.desk = after;
    this.seq += 1;
    const message: ServerMessage = { seq: this.seq, event: read.value };
    this.recent.push(message);
    if (this.recent.length > 200) this.recent.shift();
    this.messages.next(message);
    this.wake();
    return message;
  }

  private emitAgent(status: AgentStatus, campaign?: Campaign | null): void {
    const agent = { ...this.desk.agent, name: this.agentName(), status, mediaTypes: status === 'logged-out' ? [] : [...this.mediaTypes] };
    this.emit(campaign === undefined ? { type: 'agent', agent } : { type: 'agent', agent, campaign });
  }

  private emitChain(memo: Memo): void {
    if (this.desk.interaction?.id !== memo.id) return;
    const chain = this.chainOf(memo);
    if (JSON.stringify(chain) !== JSON.stringify(this.desk.interaction.chain)) this.emit({ type: 'chain', interactionId: memo.id, chain });
  }

  private emitCall(memo: Memo, c: GCall): void {
    const call = this.toCall(memo, c);
    if (this.desk.phase === 'connected' && JSON.stringify(call) !== JSON.stringify(this.desk.call)) {
      this.emit({ type: 'call', interactionId: memo.id, call });
    }
  }

  /**
   * Tell the machine what the server's capability lists allow now (issue 6): the interaction's
   * for Accept / Reject, the live call's for Hold, Retrieve, Conference, Record and Disconnect.
   * Where no live call is known yet, call operations are not restricted.
   */
  private emitCapabilities(memo: Memo): void {
    if (this.desk.interaction?.id !== memo.id) return;
    const c = memo.callId ? this.calls.get(memo.callId) : undefined;
    const call = c && !ENDED_CALL_STATES.has(c.state) ? c.capabilities : null;
    const ixn = memo.g.capabilities;
    const actions: Action[] = [];
    if (ixn.includes('accept')) actions.push('accept');
    if (ixn.includes('reject')) actions.push('reject');
    const fromCall: [string, Action][] = [['hold', 'hold'], ['retrieve', 'retrieve'], ['single-step-conference', 'conference'], ['release', 'disconnect']];
    for (const [cap, action] of fromCall) if (call === null || call.includes(cap)) actions.push(action);
    // The list is unreliable for which recording operation applies (§10.2): any of them means recording exists.
    if (call === null || call.some((x) => /-recording$/.test(x))) actions.push('start-recording', 'stop-recording');
    this.emit({ type: 'capabilities', interactionId: memo.id, actions });
  }

  private markStale(memo: Memo): void {
    memo.stale = true;
    this.emit({ type: 'stale', interactionId: memo.id });
  }

  // -------------------------------------------------------------------------------------------
  // Commands

  async send(command: Command, signal?: AbortSignal): Promise<Result<readonly ServerMessage[]>> {
    if (this.connection.value !== 'online') return refused('network');
    const from = this.seq;
    try {
      await this.perform(command, signal);
      return ok(this.recent.filter((m) => m.seq > from));
    } catch (e) {
      return this.refusalOf(e);
    }
  }

  /**
   * Pause or resume the recording of the interaction's call, where the call's capabilities
   * allow it (W-20). Outside the port: the workflow knows recording only as on or off, and a
   * paused call still counts as recording.
   */
  async pauseRecording(interactionId: string, pause: boolean, signal?: AbortSignal): Promise<Result<void>> {
    if (this.connection.value !== 'online') return refused('network');
    try {
      const memo = this.ownMemo(interactionId);
      const call = this.liveCall(memo);
      const op = pause ? 'pause-recording' : 'resume-recording';
      // From recordingState, not the capability list, which servers have been seen to get wrong
      // after a resume (§10.2).
      if (call.recordingState !== (pause ? 'Recording' : 'Paused')) throw new Refused('recording-unavailable', `the call is not ${pause ? 'recording' : 'paused'}`);
      await this.http('POST', `/voice/calls/${encodeURIComponent(call.id)}/${op}`, {}, signal);
      const want = pause ? 'Paused' : 'Recording';
      await this.until(() => this.calls.get(call.id)?.recordingState === want, signal);
      return ok(undefined);
    } catch (e) {
      return this.refusalOf(e);
    }
  }

  /** The server's recording state of the interaction's call (`Recording`, `Paused`, `Stopped`), if any. */
  recordingState(interactionId: string): string | null {
    const memo = this.memos.get(interactionId);
    const call = memo?.callId ? this.calls.get(memo.callId) : undefined;
    return call?.recordingState ?? null;
  }

  private async perform(command: Command, signal?: AbortSignal): Promise<void> {
    switch (command.type) {
      case 'login':
        return this.login(command.mediaTypes, signal);
      case 'logout':
        // The voice DN was made Ready with the channel (W-2): leave it Not Ready, not taking calls.
        if (this.opts.voiceStatus !== false) {
          await this.http('POST', '/voice/not-ready', { data: {} }, signal).catch((e: unknown) => {
            if (e instanceof Refused && e.reason === 'aborted') throw e;
            this.debug('voice not-ready at logout failed', e);
          });
        }
        await this.http('POST', '/media/outboundpreview/logout', { data: {} }, signal);
        this.emitAgent('logged-out', null);
        this.loggedIn = false;
        return;
      case 'set-status': {
        const op = command.status === 'ready' ? 'ready' : 'not-ready';
        if (this.opts.voiceStatus !== false) await this.http('POST', `/voice/${op}`, { data: {} }, signal);
        await this.http('POST', `/media/outboundpreview/${op}`, { data: {} }, signal);
        await this.until(() => this.desk.agent.status === command.status, signal);
        return;
      }
      case 'close': {
        // Off the desk. A stale or failed preview still open on the server is completed there
        // (best effort), so a later rebuild from current-session does not bring it back.
        this.ownMemoOrEnded(command.interactionId);
        const memo = this.memos.get(command.interactionId);
        if (memo) {
          this.ended.add(memo.id);
          this.memos.delete(memo.id);
          if (memo.g.capabilities.includes('complete')) {
            await this.http('POST', `/media/outboundpreview/interactions/${encodeURIComponent(memo.id)}/complete`, this.body({}), signal).catch((e: unknown) =>
              this.debug(`complete on close: ${errorText(e)}`),
            );
          }
        }
        this.emit({ type: 'closed', interactionId: command.interactionId });
        return;
      }
      default:
        return this.onInteractionCommand(command, signal);
    }
  }

  private async login(mediaTypes: readonly MediaType[], signal?: AbortSignal): Promise<void> {
    const u = this.user;
    const channels = [...(this.opts.channelsFor ?? defaultChannelsFor)(mediaTypes)];
    const answer = await this.http(
      'POST',
      '/activate-channels',
      { data: { agentId: u?.agentLogin || u?.userName, placeName: u?.defaultPlace, channels, autoCompleteCall: this.opts.autoCompleteCall ?? false } },
      signal,
    );
    const got = (answer as { data?: { channels?: unknown } } | null)?.data?.channels;
    if (Array.isArray(got) && channels.includes('outboundpreview') && !got.includes('outboundpreview')) {
      throw new Refused('media-type-required', 'the server did not activate outboundpreview');
    }
    await this.subscribeTopic(signal);
    this.loggedIn = true;
    this.mediaTypes = [...mediaTypes];
    this.emitAgent(this.statusOf(this.channel?.state), this.campaignBase);
  }

  private ownMemoOrEnded(id: string): void {
    if (this.desk.interaction?.id !== id) throw new Refused('unknown-record');
  }

  private ownMemo(id: string): Memo {
    const memo = this.memos.get(id);
    if (!memo || this.desk.interaction?.id !== id) throw new Refused('unknown-record');
    if (memo.stale) throw new Refused('stale');
    return memo;
  }

  /** Refuse locally when the server's capabilities lack the operation right now. */
  private need(capabilities: readonly string[], op: string, reason: RefusalReason = 'not-allowed'): void {
    if (!capabilities.includes(op)) throw new Refused(reason, `the server does not offer ${op} now`);
  }

  private liveCall(memo: Memo): GCall {
    const c = memo.callId ? this.calls.get(memo.callId) : undefined;
    if (!c || ENDED_CALL_STATES.has(c.state)) throw new Refused('not-allowed', 'no call');
    return c;
  }

  private async onInteractionCommand(command: Exclude<Command, { type: 'login' | 'logout' | 'set-status' | 'close' }>, signal?: AbortSignal): Promise<void> {
    const memo = this.ownMemo(command.interactionId);
    const ixn = `/media/outboundpreview/interactions/${encodeURIComponent(memo.id)}`;
    switch (command.type) {
      case 'accept': // W-4
        this.need(memo.g.capabilities, 'accept');
        await this.http('POST', `${ixn}/accept`, this.body({}), signal);
        await this.until(() => this.desk.phase !== 'ringing' || this.desk.interaction?.id !== memo.id, signal);
        if (this.opts.ocs?.requestChainOnAccept !== false) {
          this.requestChain(memo).catch((e: unknown) => this.debug(`chained records: ${errorText(e)}`));
        }
        return;
      case 'reject': {
        // W-5, W-6: the record goes back to OCS, the interaction is rejected.
        this.need(memo.g.capabilities, 'reject');
        const first = this.opts.ocs?.rejectOrder ?? 'ocs-first';
        memo.ending = command.auto ? 'reject-auto' : 'reject';
        try {
          if (first === 'ocs-first') await this.ocs('RecordReject', memo, memo.record.handle, [], signal);
          await this.http('POST', `${ixn}/reject`, this.body({}), signal);
          if (first !== 'ocs-first') await this.ocs('RecordReject', memo, memo.record.handle, [], signal);
        } catch (e) {
          memo.ending = null;
          throw e;
        }
        await this.until(() => this.desk.phase === 'rejected' || this.desk.interaction?.id !== memo.id, signal);
        return;
      }
      case 'cancel': { // W-10
        // After OCS takes the cancel, the interaction is completed, or placed in a queue where
        // the deployment says so (which a real desktop does is unverified, flow step 11).
        const queue = this.opts.cancelToQueue;
        this.need(memo.g.capabilities, queue ? 'place-in-queue' : 'complete');
        await this.ocs('RequestRecordCancel', memo, memo.record.handle, [], signal);
        if (!queue) return this.complete(memo, 'cancel', 'cancelled', signal);
        await this.http('POST', `/media/outboundpreview/interactions/${encodeURIComponent(memo.id)}/place-in-queue`, this.body({ queue }), signal);
        // No event follows a place-in-queue (§8): the interaction has left this desk.
        memo.ending = 'cancel';
        this.endInteraction(memo);
        return;
      }
      case 'transfer': {
        // W-11, W-18, W-23
        const target = this.campaignBase.transferTargets.find((t) => t.id === command.targetId);
        if (!target) throw new Refused('unknown-target', command.targetId);
        const destination = (this.opts.destinationOf ?? ((t: Target) => t.id))(target);
        const call = memo.callId ? this.calls.get(memo.callId) : undefined;
        const onCall = call && !ENDED_CALL_STATES.has(call.state);
        if (onCall) this.need(call.capabilities, 'single-step-transfer');
        else this.need(memo.g.capabilities, 'transfer');
        memo.ending = 'transfer';
        memo.target = target;
        try {
          if (onCall) await this.http('POST', `/voice/calls/${encodeURIComponent(call.id)}/single-step-transfer`, this.body({ destination }), signal);
        } catch (e) {
          memo.ending = null;
          throw e;
        }
        if (memo.g.capabilities.includes('transfer')) {
          const agentId = (this.opts.transferAgentIdOf ?? ((t: Target) => t.id))(target);
          const handOff = this.http('POST', `${ixn}/transfer-agent`, this.body({ agentId }), signal);
          if (onCall) {
            // The call has gone to the target: the interaction follows it as best it can (the
            // simulator never answers transfer-agent, §8); the desk does not wait on it.
            handOff.catch((e: unknown) => this.debug('transfer-agent after the call transfer failed', e));
          } else {
            try {
              await handOff;
            } catch (e) {
              memo.ending = null;
              throw e;
            }
          }
        }
        this.emit({ type: 'transferred', interactionId: memo.id, target });
        return;
      }
      case 'connect': {
        // W-7, W-9, W-16, W-26: dial the chosen number with the record's identifiers attached.
        const pairs = memo.pairs.get(command.handle);
        if (!pairs) throw new Refused('unknown-record');
        const keys = this.opts.ocs?.recordKeys ?? DEFAULT_RECORD_KEYS;
        const userData = toKvList(keys.map((k) => pairs.get(k)).filter((p): p is KvPair => p !== undefined));
        memo.dialHandle = command.handle;
        memo.dialNumber = command.number;
        memo.callId = null;
        this.dialError = null;
        try {
          const record = this.chainOf(memo).records.find((r) => r.handle === command.handle) ?? memo.record;
          const destination = (this.opts.dialString ?? ((n: string) => n.trim()))(command.number, record.country);
          await this.http('POST', '/voice/make-call', this.body({ destination, userData }), signal);
          await this.until(() => {
            if (this.dialError) throw new Refused('server-error', this.dialError);
            return this.desk.phase !== 'previewing' && this.desk.phase !== 'after-call';
          }, signal);
        } catch (e) {
          if (memo.callId === null) memo.dialNumber = null;
          throw e;
        }
        return;
      }
      case 'hold':
      case 'retrieve': {
        // W-19
        const call = this.liveCall(memo);
        this.need(call.capabilities, command.type);
        await this.http('POST', `/voice/calls/${encodeURIComponent(call.id)}/${command.type}`, this.body({}), signal);
        await this.until(() => this.desk.call?.held === (command.type === 'hold') || this.desk.phase !== 'connected', signal);
        return;
      }
      case 'start-recording':
      case 'stop-recording': {
        // W-20: the capability list is unreliable for recording (§10.2); only its absence counts.
        const call = this.liveCall(memo);
        if (!call.capabilities.some((c) => /-recording$/.test(c))) throw new Refused('recording-unavailable', 'the server offers no recording on this call');
        await this.http('POST', `/voice/calls/${encodeURIComponent(call.id)}/${command.type}`, {}, signal);
        await this.until(() => this.desk.call?.recording === (command.type === 'start-recording') || this.desk.phase !== 'connected', signal);
        return;
      }
      case 'conference': {
        // W-17: a single-step conference with the target (at most 3 parties, the machine checks).
        const target = this.campaignBase.conferenceTargets.find((t) => t.id === command.targetId);
        if (!target) throw new Refused('unknown-target', command.targetId);
        const call = this.liveCall(memo);
        this.need(call.capabilities, 'single-step-conference');
        const before = this.desk.call?.parties ?? 2;
        const destination = (this.opts.destinationOf ?? ((t: Target) => t.id))(target);
        await this.http('POST', `/voice/calls/${encodeURIComponent(call.id)}/single-step-conference`, this.body({ destination }), signal);
        await this.until(() => (this.desk.call?.parties ?? 0) > before || this.desk.phase !== 'connected', signal);
        return;
      }
      case 'disconnect': {
        // W-22
        const call = this.liveCall(memo);
        this.need(call.capabilities, 'release');
        await this.http('POST', `/voice/calls/${encodeURIComponent(call.id)}/release`, this.body({}), signal);
        await this.until(() => this.desk.phase !== 'dialing' && this.desk.phase !== 'connected', signal);
        return;
      }
      case 'update-record': {
        // W-12, W-15: OCS takes the fields under their send_attribute keys; the preview shows them.
        const fields = Object.entries(command.fields);
        await this.ocs('UpdateCallCompletionStats', memo, command.handle, fields, signal);
        const patch = (r: ContactRecord) => (r.handle === command.handle ? { ...r, fields: { ...r.fields, ...command.fields } } : r);
        memo.record = patch(memo.record);
        memo.extra = memo.extra.map(patch);
        if (command.handle === memo.record.handle && memo.g.capabilities.includes('update-user-data')) {
          await this.http('POST', `${ixn}/update-user-data`, this.body({ userData: toKvList(fields) }), signal).catch((e: unknown) =>
            this.debug(`update-user-data: ${errorText(e)}`),
          );
        }
        this.emitChain(memo);
        return;
      }
      case 'add-chained-record': {
        // W-13
        const base = this.chainOf(memo).records.find((r) => r.handle === memo.activeHandle) ?? memo.record;
        const [reply] = (await this.ocs('AddRecord', memo, base.handle, [
          ['GSW_PHONE', command.phone],
          ['GSW_PHONE_TYPE', { ...PHONE_TYPE_CODES, ...this.opts.ocs?.phoneTypeCodes }[command.phoneType]],
          ['GSW_CHAIN_ID', base.chainId],
        ], signal)).slice(-1);
        const basePairs = memo.pairs.get(base.handle)!;
        const sent = basePairs.get('GSW_RECORD_HANDLE');
        const got = reply?.get('GSW_RECORD_HANDLE');
        const added = { ...base, phone: command.phone, phoneType: command.phoneType, callResult: null, attempts: 0 };
        if (got && !sameValue(got.value, sent?.value)) {
          const handle = alias(got.value);
          memo.pairs.set(handle, new Map(basePairs).set('GSW_RECORD_HANDLE', got));
          memo.extra = [...memo.extra.filter((r) => r.handle !== handle), { ...added, handle }];
          this.emitChain(memo);
          return;
        }
        // The acknowledgement did not name the new record (its shape is unverified, §9.4): the chain
        // as OCS now holds it does. A record handle is never invented: until OCS names it, the
        // number is shown but cannot be dialed or made active (unknown-record).
        const before = new Set(this.chainOf(memo).records.map((r) => r.handle));
        await this.requestChain(memo).catch((e: unknown) => this.debug(`chained records after AddRecord: ${errorText(e)}`));
        if (this.chainOf(memo).records.some((r) => !before.has(r.handle))) return;
        const handle = alias(`new:${command.phone}`);
        memo.extra = [...memo.extra.filter((r) => r.handle !== handle), { ...added, handle }];
        this.emitChain(memo);
        return;
      }
      case 'set-active-record':
        // W-8, W-26: which record Connect dials; OCS learns it from the call's user data.
        if (!memo.pairs.has(command.handle)) throw new Refused('unknown-record');
        memo.activeHandle = command.handle;
        this.emitChain(memo);
        return;
      case 'reschedule': {
        // W-14
        const format = this.opts.ocs?.formatDateTime ?? ((at: number) => new Date(at).toISOString());
        const fields = this.opts.ocs?.rescheduleFields ?? defaultRescheduleFields;
        await this.ocs('RecordReschedule', memo, command.handle, fields(command.at, command.callbackType, format), signal);
        memo.rescheduled = { at: command.at, type: command.callbackType };
        this.emit({ type: 'rescheduled', interactionId: memo.id, at: command.at, callbackType: command.callbackType });
        return;
      }
      case 'mark-done': {
        // W-25, W-28, W-29: Do Not Call first, then RecordProcessed with the result; then complete.
        this.need(memo.g.capabilities, 'complete');
        const handle = memo.dialHandle ?? memo.activeHandle;
        if (command.doNotCall) await this.ocs('DoNotCall', memo, handle, this.opts.ocs?.doNotCallFields ?? [], signal);
        const result: CallResult | null = command.doNotCall ? 51 : command.callResult;
        await this.ocs('RecordProcessed', memo, handle, [
          ['GSW_CALL_RESULT', result],
          [this.opts.ocs?.dispositionKey ?? 'GSW_DISPOSITION_CODE', command.dispositionCode],
        ], signal);
        // Calls are not auto-completed (autoCompleteCall false; the simulator never does, §10.2).
        const call = memo.callId ? this.calls.get(memo.callId) : undefined;
        if (call && call.state === 'Released' && call.capabilities.includes('complete')) {
          await this.http('POST', `/voice/calls/${encodeURIComponent(call.id)}/complete`, {}, signal).catch((e: unknown) => this.debug(`complete call: ${errorText(e)}`));
        }
        await this.complete(memo, 'done', 'done', signal);
        return;
      }
    }
  }

  private async complete(memo: Memo, ending: Ending, phase: Phase, signal?: AbortSignal): Promise<void> {
    memo.ending = ending;
    try {
      await this.http('POST', `/media/outboundpreview/interactions/${encodeURIComponent(memo.id)}/complete`, this.body({}), signal);
    } catch (e) {
      memo.ending = null;
      throw e;
    }
    await this.until(() => this.desk.phase === phase || this.desk.interaction?.id !== memo.id, signal);
  }

  private async requestChain(memo: Memo): Promise<void> {
    const replies = await this.ocs('ChainedRecordRequest', memo, memo.record.handle, [['GSW_CHAIN_ID', memo.record.chainId]], undefined, (ref) => {
      this.chainRefs.set(ref, memo);
      if (this.chainRefs.size > 20) this.chainRefs.delete(this.chainRefs.keys().next().value!);
    });
    this.addChained(memo, replies);
  }

  private addChained(memo: Memo, replies: readonly KvMap[]): void {
    for (const reply of replies) {
      if (!reply.has('GSW_PHONE')) continue;
      const record = this.toRecord(reply, 'ChainedRecord');
      if (record.handle === memo.record.handle) continue;
      // A chained record shares the preview's identifiers (application, campaign, list) unless it says otherwise.
      memo.pairs.set(record.handle, new Map([...(memo.pairs.get(memo.record.handle) ?? []), ...reply]));
      memo.extra = [...memo.extra.filter((r) => r.handle !== record.handle), { ...record, fields: { ...memo.record.fields, ...record.fields } }];
    }
    this.emitChain(memo);
  }

  // -------------------------------------------------------------------------------------------
  // OCS requests (§9): a fresh GSW_REFERENCE_ID each, answered only by the reply carrying it.

  private async ocs(
    type: OcsRequestType,
    memo: Memo,
    handle: number,
    extra: readonly (readonly [string, unknown])[],
    signal?: AbortSignal,
    onRef?: (ref: string) => void,
  ): Promise<KvMap[]> {
    const pairs = memo.pairs.get(handle) ?? memo.pairs.get(memo.record.handle)!;
    const ref = ++this.nextRef;
    onRef?.(String(ref));
    const keys = this.opts.ocs?.recordKeys ?? DEFAULT_RECORD_KEYS;
    const content = toKvList([
      ['GSW_AGENT_REQ_TYPE', type],
      ...keys.map((k) => pairs.get(k)).filter((p): p is KvPair => p !== undefined),
      ['GSW_REFERENCE_ID', ref],
      ...extra,
    ]);
    const acks = this.opts.ocs?.acks?.[type] ?? DEFAULT_ACKS[type];
    const isStale = this.opts.ocs?.isStale ?? defaultIsStale;
    const replies: KvMap[] = [];
    let resolve!: (r: KvMap[]) => void;
    let reject!: (e: unknown) => void;
    const answered = new Promise<KvMap[]>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Registered before the request goes: the reply may come before the HTTP answer (§1).
    this.pendingOcs.set(String(ref), {
      onReply: (reply) => {
        const name = kvText(reply, 'GSW_USER_EVENT') ?? '';
        if (reply.has('GSW_ERROR') || reply.has('GSW_ERROR_NUMBER') || isStale(reply)) {
          const text = kvText(reply, 'GSW_ERROR') ?? `${name} ${kvText(reply, 'GSW_ERROR_NUMBER') ?? ''}`.trim();
          if (isStale(reply)) {
            this.markStale(memo);
            reject(new Refused('stale', text));
          } else reject(new Refused('server-error', text || 'refused by the outbound server'));
        } else if (acks.includes(name)) {
          resolve([...replies, reply]);
        } else if (type === 'ChainedRecordRequest' && reply.has('GSW_PHONE')) {
          replies.push(reply);
        } else {
          reject(new Refused('server-error', `unexpected reply ${name || '(unnamed)'} to ${type}`));
        }
      },
    });
    // An acknowledgement that never comes is a timeout, not a hang.
    const timer = setTimeout(() => reject(new Refused('timeout', `no acknowledgement of ${type}`)), this.ackTimeoutMs);
    const onAbort = () => reject(new Refused('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const transport = this.opts.ocs?.transport ?? 'topic';
      const sent =
        transport === 'voice'
          ? this.http('POST', '/voice/send-user-event', this.body({ userData: content }), signal)
          : this.http('POST', `/media/topics/${this.topic()}/publish`, this.body({ eventContent: content }), signal);
      sent.catch(reject);
      return await answered;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      this.pendingOcs.delete(String(ref));
    }
  }

  private topicName(): string {
    const u = this.user;
    return (this.opts.ocs?.topic ?? '{tenantId}@{placeName}')
      .replace('{tenantId}', u?.tenantDBID ?? '')
      .replace('{placeName}', u?.defaultPlace ?? '')
      .replace('{agentLogin}', u?.agentLogin ?? '');
  }

  private topic(): string {
    return encodeURIComponent(this.topicName()).replace(/%40/g, '@');
  }

  /**
   * Subscribe to the OCS topic so its replies reach this client (§9.2, `media/topics/subscribe`).
   * Whether a real server needs it is unverified: a failure is a debug note, not a failed login.
   */
  private async subscribeTopic(signal?: AbortSignal): Promise<void> {
    if ((this.opts.ocs?.transport ?? 'topic') !== 'topic' || this.opts.ocs?.subscribeTopic === false) return;
    try {
      await this.http('POST', '/media/topics/subscribe', { data: { topicList: [{ key: 'topic', type: 'str', value: this.topicName() }] } }, signal);
    } catch (e) {
      if (e instanceof Refused && e.reason === 'aborted') throw e;
      this.debug('topic subscription failed; OCS replies may still come', e);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Plumbing: HTTP, waiting, refusals

  private body(data: Record<string, unknown>): { operationId: string; data: Record<string, unknown> } {
    this.nextOp += 1;
    return { operationId: `pp-${Date.now().toString(36)}-${this.nextOp}`, data };
  }

  private async http(method: 'GET' | 'POST', path: string, body: unknown, signal?: AbortSignal, extraHeaders?: Record<string, string>): Promise<unknown> {
    if (signal?.aborted) throw new Refused('aborted');
    const ctl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, this.requestTimeoutMs);
    const onAbort = () => ctl.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.opts.apiKey) headers['x-api-key'] = this.opts.apiKey;
    try {
      const res = await fetch(`${this.api}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: this.opts.credentials ?? 'include',
        signal: ctl.signal,
      });
      const text = await res.text();
      if (!res.ok) {
        let message = text.slice(0, 300);
        try {
          const j = JSON.parse(text) as { message?: unknown; status?: { message?: unknown } };
          message = String(j.status?.message ?? j.message ?? message);
        } catch {
          // Not JSON (an HTML error page): keep the text.
        }
        throw new Refused('server-error', `HTTP ${res.status}${message ? `: ${message}` : ''}`);
      }
      if (text.trim() === '') return null;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new Refused('malformed-response', `${path}: not JSON`);
      }
    } catch (e) {
      if (e instanceof Refused) throw e;
      if (timedOut) throw new Refused('timeout', `${path}: no answer`);
      if (signal?.aborted) throw new Refused('aborted');
      throw new Refused('network', errorText(e));
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Wait until `done()` holds after some notification; `timeout` refusal when it never does. */
  private until(done: () => boolean, signal?: AbortSignal, ms = this.eventTimeoutMs): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const finish = (e?: unknown) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        signal?.removeEventListener('abort', onAbort);
        if (e === undefined) resolve();
        else reject(e);
      };
      const check = () => {
        try {
          if (done()) finish();
        } catch (e) {
          finish(e);
        }
      };
      const onAbort = () => finish(new Refused('aborted'));
      const timer = setTimeout(() => finish(new Refused('timeout', 'no confirmation from the server')), ms);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(check);
      if (signal?.aborted) onAbort();
      else check();
    });
  }

  private refusalOf(e: unknown): { ok: false; refusal: { reason: RefusalReason; detail?: string } } {
    if (e instanceof Refused) return refused(e.reason, e.detail);
    if (e instanceof Invalid) {
      this.problems.next({ kind: 'malformed', message: e.message });
      return refused('malformed-response', e.message);
    }
    return refused('network', errorText(e));
  }
}

export function createGenesysConnector(options: GenesysConnectorOptions): GenesysConnector {
  return new GenesysConnector(options);
}
