/**
 * Sign-in and workspace initialization (spec §2, §4): initialize-workspace with the page's code or
 * token, the initialization messages on CometD, and current-session — which is also how a page
 * that comes back on a live session (a reload) learns who is signed in.
 */
import { attempt } from '../validate.js';
import type { Desk } from './desk.js';
import { readCurrentSession, type GUser } from './read.js';
import { Refused, isAbort, type Rest } from './rest.js';
import type { Settings } from './settings.js';

export class SignIn {
  /** The signed-in user is known: from the initialization, or current-session. */
  initialized = false;
  /** The server said `Failed` on the initialization channel (§4). */
  failed = false;
  /** This page initialized the workspace (a code or a token), rather than coming back on a session. */
  here = false;
  private done = false;

  constructor(
    private readonly s: Settings,
    private readonly rest: Rest,
    private readonly desk: Desk,
  ) {}

  /**
   * Initialize the workspace once per connector. An authorization code is single-use: a code the
   * server refuses (a reload that re-sent it) leaves the page on the session cookie it already
   * has, which the handshake then proves or refuses.
   */
  async authenticate(signal?: AbortSignal): Promise<void> {
    if (this.done) return;
    const auth = this.s.auth;
    if (auth.kind !== 'session') {
      const q = auth.kind === 'code' ? `?code=${encodeURIComponent(auth.code)}&redirect_uri=${encodeURIComponent(auth.redirectUri)}` : '';
      const headers = auth.kind === 'bearer' ? { Authorization: `Bearer ${auth.token}` } : undefined;
      try {
        await this.rest.request('POST', `/initialize-workspace${q}`, undefined, signal, headers);
        this.here = true;
      } catch (e) {
        const refusedCode = auth.kind === 'code' && e instanceof Refused && (e.status === 401 || e.status === 403);
        if (!refusedCode) throw e;
        this.s.debug('the authorization code was refused (used already?): resuming on the session cookie');
      }
    }
    this.done = true;
  }

  onUser(user: GUser): void {
    this.desk.user = user;
    if (!this.initialized) {
      this.initialized = true;
      this.desk.state = { ...this.desk.state, agent: { ...this.desk.state.agent, name: this.desk.agentName() } };
    }
  }

  /**
   * A page that comes back on a live session did not initialize the workspace itself: a server
   * that pushes no initialization then (the simulator does, §3) still gives the signed-in user in
   * current-session. Wait a little for the push, then ask.
   */
  async fromSession(signal?: AbortSignal): Promise<void> {
    await this.desk
      .until(() => this.initialized || this.failed, signal, this.s.initPushWaitMs)
      .catch((e: unknown) => {
        if (!(e instanceof Refused) || e.reason !== 'timeout') throw e;
      });
    if (this.initialized || this.failed) return;
    const read = attempt(readCurrentSession, await this.currentSession(signal));
    if (!read.ok) throw new Refused('malformed-response', read.error);
    this.s.debug('no initialization message came: the user is read from current-session');
    this.onUser(read.value.user);
  }

  /**
   * `GET current-session`. A server may refuse it (403) until it has set up the CometD session and
   * sent the channel states (§12.10): wait for those first, so a normal sign-in asks once and logs
   * no error; then retry a refusal on each notification for a while.
   */
  async currentSession(signal?: AbortSignal): Promise<unknown> {
    await this.desk
      .until(() => this.desk.channelsSeen, signal, this.s.sessionReadyWaitMs)
      .catch((e: unknown) => {
        if (isAbort(e)) throw e;
      });
    const until = Date.now() + this.s.eventTimeoutMs;
    for (;;) {
      try {
        return await this.rest.request('GET', '/current-session', undefined, signal);
      } catch (e) {
        if (!(e instanceof Refused) || e.status !== 403 || Date.now() > until) throw e;
        const seen = this.desk.notifications;
        await this.desk
          .until(() => this.desk.notifications > seen, signal, 300)
          .catch((x: unknown) => {
            if (isAbort(x)) throw x;
          });
      }
    }
  }
}
