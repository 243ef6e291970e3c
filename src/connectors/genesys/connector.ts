/**
 * The Genesys Workspace API v3 connector: the push preview workflow against a real contact
 * centre. REST for commands (rest.ts), CometD for notifications (cometd.ts, inbound.ts), OCS
 * desktop-protocol user events for the record (ocs.ts), `current-session` to rebuild after a
 * reconnect or a reload (signin.ts, reconcile.ts). Facts: shared/spec/genesys-workspace-api.md.
 *
 * The connector keeps its own copy of the desk (desk.ts), moved by the same pure machine the
 * session uses: a Genesys notification becomes the workflow events it implies, and only those
 * that change the desk go out, so duplicated or late notifications change nothing.
 */
import type { Observable } from 'rxjs';
import type { RefusalReason } from '../../domain/reasons.js';
import { loadPhoneMetadata } from '../../domain/phone.js';
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
import { Invalid, attempt } from '../validate.js';
import { pauseRecording } from './call-commands.js';
import { Notifications } from './cometd.js';
import { perform } from './commands.js';
import type { Ctx } from './context.js';
import { Desk } from './desk.js';
import { Inbound } from './inbound.js';
import { Ocs } from './ocs.js';
import type { GenesysConnectorOptions } from './options.js';
import { readCurrentSession, type GCall } from './read.js';
import { reconcile } from './reconcile.js';
import { addChained } from './record-commands.js';
import { Refused, Rest, errorText } from './rest.js';
import { resolveSettings, type Settings } from './settings.js';
import { SignIn } from './signin.js';

export { GENESYS_CHANNELS } from './cometd.js';

export class GenesysConnector implements Connector {
  readonly agentId: string;
  private readonly s: Settings;
  private readonly desk: Desk;
  private readonly rest: Rest;
  private readonly ocs: Ocs;
  private readonly signIn: SignIn;
  private readonly inbound: Inbound;
  private readonly notifications: Notifications;
  private readonly ctx: Ctx;
  private linkUp = false;
  private closing = false;
  /** The connect in progress: a second caller (the page and the session) shares it. */
  private connecting: Promise<Result<void>> | null = null;

  readonly messages$: Observable<ServerMessage>;
  readonly connection$: Observable<ConnectionState>;
  readonly problems$: Observable<ProtocolProblem>;

  /** Throws a `TypeError` for a base URL it will not use (see {@link GenesysConnectorOptions.baseUrl}). */
  constructor(options: GenesysConnectorOptions) {
    const s = resolveSettings(options);
    this.s = s;
    this.agentId = s.agentId;
    const desk = new Desk(s, s.agentId);
    this.desk = desk;
    this.rest = new Rest(s);
    this.ocs = new Ocs(s, this.rest, { user: () => desk.user, problem: (message) => desk.problem({ kind: 'transport', message }) });
    this.signIn = new SignIn(s, this.rest, desk);
    this.inbound = new Inbound(desk, this.signIn, this.ocs, (memo, replies) => addChained(this.ctx, memo, replies));
    this.ctx = { s, desk, rest: this.rest, ocs: this.ocs, inbound: this.inbound, serverCall: (id, signal) => this.serverCall(id, signal) };
    this.notifications = new Notifications(s, {
      message: (channel, data) => this.inbound.message(channel, data),
      handshake: () => {
        desk.channelsSeen = false;
      },
      linkUp: () => this.onLinkUp(),
      linkDown: () => this.onLinkDown(),
      problem: (message, raw) => desk.problem({ kind: 'transport', message, raw }),
    });
    this.messages$ = desk.messages.asObservable();
    this.connection$ = desk.connection.asObservable();
    this.problems$ = desk.problems.asObservable();
  }

  get connectionState(): ConnectionState {
    return this.desk.connection.value;
  }

  // -------------------------------------------------------------------------------------------
  // Connection

  connect(signal?: AbortSignal): Promise<Result<void>> {
    if (this.desk.connection.value === 'online') return Promise.resolve(ok(undefined));
    this.connecting ??= this.connectNow(signal).finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connectNow(signal?: AbortSignal): Promise<Result<void>> {
    const { desk, signIn, s } = this;
    try {
      await loadPhoneMetadata();
      if (this.notifications.running && signIn.initialized) {
        // CometD is already re-handshaking on its own: wait for it.
        await desk.until(() => desk.connection.value === 'online', signal, s.initTimeoutMs);
        return ok(undefined);
      }
      this.closing = false;
      if (!signIn.initialized) desk.connection.next('connecting');
      await signIn.authenticate(signal);
      signIn.failed = false;
      this.notifications.start();
      await desk.until(() => signIn.failed || (signIn.initialized && this.linkUp) || (this.linkUp && !signIn.here), signal, s.initTimeoutMs);
      if (!signIn.initialized && !signIn.failed) await signIn.fromSession(signal);
      if (signIn.failed) throw new Refused('server-error', 'the workspace initialization failed');
      if (this.connectionState !== 'online') desk.connection.next('online');
      return ok(undefined);
    } catch (e) {
      // Handshake fine but no initialization: the server did not take the session (§3).
      const unsigned = !signIn.initialized && e instanceof Refused && e.reason === 'timeout';
      const r = unsigned ? refused('network', 'not signed in: the workspace did not initialize') : this.refusalOf(e);
      if (!signIn.initialized) this.notifications.stop();
      if (this.connectionState !== 'offline') desk.connection.next('offline');
      return r;
    }
  }

  async disconnect(): Promise<void> {
    this.closing = true;
    this.notifications.stop();
    this.linkUp = false;
    if (this.desk.connection.value !== 'offline') this.desk.connection.next('offline');
  }

  private onLinkUp(): void {
    const { desk } = this;
    if (this.closing || this.linkUp) return;
    this.linkUp = true;
    if (this.signIn.initialized && desk.connection.value !== 'online') {
      this.s.debug('notifications back');
      desk.connection.next('online');
    }
    desk.wake();
  }

  private onLinkDown(): void {
    const { desk } = this;
    if (this.closing || (!this.linkUp && desk.connection.value !== 'online')) return;
    this.linkUp = false;
    if (this.signIn.initialized && desk.connection.value === 'online') {
      this.s.debug('notifications lost');
      desk.connection.next('offline');
    }
    desk.wake();
  }

  // -------------------------------------------------------------------------------------------
  // Snapshot: rebuild from current-session (§4)

  async snapshot(signal?: AbortSignal): Promise<Result<SnapshotAt>> {
    if (this.desk.connection.value !== 'online') return refused('network');
    try {
      await this.resync(signal);
      return ok({ seq: this.desk.seq, snapshot: this.desk.snapshot });
    } catch (e) {
      return this.refusalOf(e);
    }
  }

  private async resync(signal?: AbortSignal): Promise<void> {
    for (let round = 0; round < 3; round++) {
      const before = this.desk.notifications;
      const raw = await this.signIn.currentSession(signal);
      const read = attempt(readCurrentSession, raw);
      if (!read.ok) {
        this.desk.problem({ kind: 'malformed', message: read.error, raw });
        throw new Refused('malformed-response', read.error);
      }
      // Notifications that came while the answer travelled are newer than it: ask again.
      if (this.desk.notifications !== before && round < 2) continue;
      reconcile(this.desk, read.value);
      return;
    }
  }

  private async serverCall(callId: string, signal?: AbortSignal): Promise<GCall | null> {
    const read = attempt(readCurrentSession, await this.signIn.currentSession(signal));
    if (!read.ok) throw new Refused('malformed-response', read.error);
    return read.value.calls.find((c) => c.id === callId) ?? null;
  }

  // -------------------------------------------------------------------------------------------
  // Commands

  async send(command: Command, signal?: AbortSignal): Promise<Result<readonly ServerMessage[]>> {
    if (this.desk.connection.value !== 'online') return refused('network');
    const from = this.desk.seq;
    try {
      await perform(this.ctx, command, signal);
      return ok(this.desk.recent.filter((m) => m.seq > from));
    } catch (e) {
      return this.refusalOf(e);
    }
  }

  /**
   * Pause or resume the recording of the interaction's call, where the call's state allows it
   * (W-20). Outside the port: the workflow knows recording only as on or off, and a paused call
   * still counts as recording.
   */
  async pauseRecording(interactionId: string, pause: boolean, signal?: AbortSignal): Promise<Result<void>> {
    if (this.desk.connection.value !== 'online') return refused('network');
    try {
      await pauseRecording(this.ctx, this.desk.own(interactionId), pause, signal);
      return ok(undefined);
    } catch (e) {
      return this.refusalOf(e);
    }
  }

  /** The server's recording state of the interaction's call (`Recording`, `Paused`, `Stopped`), if any. */
  recordingState(interactionId: string): string | null {
    const memo = this.desk.memos.get(interactionId);
    const call = memo?.callId ? this.desk.calls.get(memo.callId) : undefined;
    return call?.recordingState ?? null;
  }

  private refusalOf(e: unknown): { ok: false; refusal: { reason: RefusalReason; detail?: string } } {
    if (e instanceof Refused) return refused(e.reason, e.detail);
    if (e instanceof Invalid) {
      this.desk.problem({ kind: 'malformed', message: e.message });
      return refused('malformed-response', e.message);
    }
    return refused('network', errorText(e).slice(0, 200));
  }
}

export function createGenesysConnector(options: GenesysConnectorOptions): GenesysConnector {
  return new GenesysConnector(options);
}
