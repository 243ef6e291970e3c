/**
 * The CometD (Bayeux long polling) transport of the Workspace API notifications (spec §3): one
 * `/meta/subscribe` per channel after each handshake and re-handshake, messages handled only
 * from the channel subscribed, the link state from `/meta/connect`, and a best-effort
 * `/meta/disconnect` when the page goes away, so the server does not see two clients after a
 * reload.
 */
import { CometD, type Message } from 'cometd';
import { errorText } from './rest.js';
import type { Settings } from './settings.js';

/** The CometD channels the desk needs (§3); the last two the Genesys client does not subscribe itself. */
export const GENESYS_CHANNELS = [
  '/workspace/v3/initialization',
  '/workspace/v3/voice',
  '/workspace/v3/media',
  '/workspace/v3/media/outboundpreview',
  '/workspace/v3/media/topics',
] as const;

export interface NotificationHandlers {
  /** A message on a subscribed channel. */
  message(channel: string, data: unknown): void;
  /** A new Bayeux session (before its subscriptions are answered). */
  handshake(): void;
  linkUp(): void;
  linkDown(): void;
  problem(message: string, raw?: unknown): void;
}

export class Notifications {
  private cometd: CometD | null = null;
  private readonly onPageHide = () => this.leave();

  constructor(
    private readonly s: Settings,
    private readonly on: NotificationHandlers,
  ) {}

  get running(): boolean {
    return this.cometd !== null && !this.cometd.isDisconnected();
  }

  start(): void {
    this.stop();
    const cometd = this.newCometd();
    const current = () => cometd === this.cometd;
    cometd.addListener('/meta/handshake', (m: Message) => {
      if (!current()) return;
      if (!m.successful) return this.on.linkDown();
      this.on.handshake();
      // A fresh Bayeux session has no subscriptions: one /meta/subscribe per channel, each with its
      // handler. Plain listeners would count as subscriptions in the cometd client and nothing
      // would be sent, so there are none on these channels.
      cometd.clearSubscriptions();
      cometd.batch(() => {
        for (const channel of GENESYS_CHANNELS) {
          cometd.subscribe(
            channel,
            (msg: Message) => {
              if (!current()) return;
              if (msg.channel === channel) this.on.message(channel, msg.data);
              else this.s.debug(`ignored a message on ${String(msg.channel)}: not subscribed there`);
            },
            (reply: Message) => {
              if (current() && !reply.successful) this.on.problem(`the server refused the subscription to ${channel}`, reply.error);
            },
          );
        }
      });
    });
    cometd.addListener('/meta/connect', (m: Message) => {
      if (!current() || cometd.isDisconnected()) return;
      if (m.successful) this.on.linkUp();
      else this.on.linkDown();
    });
    cometd.addListener('/meta/disconnect', () => {
      if (current()) this.on.linkDown();
    });
    this.cometd = cometd;
    globalThis.addEventListener?.('pagehide', this.onPageHide);
    cometd.handshake();
  }

  stop(): void {
    globalThis.removeEventListener?.('pagehide', this.onPageHide);
    const c = this.cometd;
    this.cometd = null;
    if (!c) return;
    try {
      if (!c.isDisconnected()) c.disconnect();
    } catch {
      // Already gone.
    }
  }

  /**
   * The page goes away (or into the back-forward cache): tell the server now. A beacon outlives
   * the page where an XMLHttpRequest would be cancelled; without one, CometD's own disconnect.
   */
  private leave(): void {
    const c = this.cometd;
    if (!c || c.isDisconnected()) return;
    const clientId = c.getClientId();
    if (clientId && typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function') {
      // text/plain: a beacon with another type would need a CORS preflight it cannot make.
      const message = JSON.stringify([{ id: 'pagehide', channel: '/meta/disconnect', clientId }]);
      try {
        navigator.sendBeacon(`${this.s.api}/notifications/disconnect`, new Blob([message], { type: 'text/plain' }));
      } catch (e) {
        this.s.debug(`disconnect beacon: ${errorText(e)}`);
      }
    }
    this.stop();
    this.on.linkDown();
  }

  /**
   * A client for long polling only (§3). Its timers run in a blob-URL worker, which a strict
   * Content-Security-Policy or Trusted Types forbid: then it runs on the page's timers.
   */
  private newCometd(): CometD {
    const headers: Record<string, string> = {};
    if (this.s.apiKey) headers['x-api-key'] = this.s.apiKey;
    const make = (useWorkerScheduler: boolean) => {
      const c = new CometD();
      c.unregisterTransport('websocket');
      c.unregisterTransport('callback-polling');
      c.configure({
        url: `${this.s.api}/notifications`,
        logLevel: 'warn',
        requestHeaders: headers,
        backoffIncrement: this.s.backoffIncrementMs,
        maxBackoff: this.s.maxBackoffMs,
        useWorkerScheduler,
      });
      return c;
    };
    try {
      return make(true);
    } catch (e) {
      this.s.debug(`CometD worker timers unavailable (${errorText(e)}): using page timers`);
      return make(false);
    }
  }
}
