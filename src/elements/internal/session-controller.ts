/**
 * Connects an element to the session store found through context: subscribes while the host
 * is connected, re-renders when the state changes, unsubscribes when it leaves.
 *
 * Store-driven renders come at most once per element per animation frame. A server delivers its
 * messages one per task (a socket, CometD, the simulated connector), and lit renders on the
 * microtask after each change, so a burst of messages would render every element once per
 * message, hundreds of times inside one frame. The first change in a frame still renders at once;
 * later ones in the same frame are held until the next frame, which comes before that frame is
 * painted. Only store changes are held: the element's own state (what the agent types or ticks)
 * renders at once, and every render and handler reads the newest store state, held or not.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Subscription } from 'rxjs';
import type { Intent } from '../../domain/intents.js';
import type { Action } from '../../domain/machine.js';
import type { Result } from '../../connectors/port.js';
import type { DraftEdit } from '../../session/drafts.js';
import type { DeskSession, SessionState } from '../../session/session.js';
import { sessionContext } from '../context.js';
import { hydrating, noteServerRendered } from './hydration.js';

type Host = ReactiveControllerHost & HTMLElement;

let renderedThisFrame = new WeakSet<Host>();
let frame: Promise<void> | null = null;

/**
 * Settles at the next animation frame. A hidden page gets no frames (and nothing is painted
 * there): while the page is hidden, or once it turns hidden, a 100 ms timer stands in, and a
 * page shown again gets its frames back. Host events and live-region announcements never wait
 * for it: they come from the session, not from a render. Where there is no DOM (a server
 * render), the timer alone.
 */
function nextFrame(): Promise<void> {
  frame ??= new Promise<void>((resolve) => {
    const doc = typeof document === 'object' ? document : undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const turn = (): void => {
      clearTimeout(timer);
      if (raf) cancelAnimationFrame(raf);
      doc?.removeEventListener('visibilitychange', hidden);
      frame = null;
      renderedThisFrame = new WeakSet();
      resolve();
    };
    const hidden = (): void => {
      if (!raf || doc?.visibilityState !== 'visible') timer ??= setTimeout(turn, 100);
    };
    const raf = doc && typeof requestAnimationFrame === 'function' ? requestAnimationFrame(turn) : 0;
    doc?.addEventListener('visibilitychange', hidden);
    hidden();
  });
  return frame;
}

export class SessionController implements ReactiveController {
  session: DeskSession | undefined;
  /** The newest store state; the element reads {@link state}. */
  private live: SessionState | undefined;
  /** A store-driven render held for the next frame; null when none is held. */
  held: Promise<void> | null = null;
  private rendered: SessionState | undefined;
  private sub: Subscription | null = null;
  private readonly consumer: ContextConsumer<typeof sessionContext, Host>;

  /** The state to render: the newest, except in a hydrating first update (the first state, as the server rendered it). */
  get state(): SessionState | undefined {
    return hydrating(this.host) ? undefined : this.live;
  }

  constructor(private readonly host: Host) {
    noteServerRendered(host);
    host.addController(this);
    this.consumer = new ContextConsumer(host, {
      context: sessionContext,
      subscribe: true,
      callback: (session) => this.use(session),
    });
  }

  /** Use this session directly (a provider's own panel, or a test). */
  use(session: DeskSession | undefined): void {
    if (session === this.session && this.sub) return;
    this.sub?.unsubscribe();
    this.sub = null;
    this.session = session;
    this.live = session?.state;
    if (session && this.host.isConnected) this.subscribe(session);
    this.host.requestUpdate();
  }

  private subscribe(session: DeskSession): void {
    this.sub = session.state$.subscribe((s) => {
      if (s !== this.live) {
        this.live = s;
        this.changed();
      }
    });
  }

  private changed(): void {
    if (!renderedThisFrame.has(this.host)) {
      this.host.requestUpdate();
      return;
    }
    this.held ??= nextFrame().then(() => {
      this.held = null;
      if (this.live !== this.rendered) this.host.requestUpdate();
    });
  }

  /** What this update renders (the first state in a hydrating update). */
  hostUpdate(): void {
    this.rendered = this.state;
  }

  hostUpdated(): void {
    renderedThisFrame.add(this.host);
    void nextFrame();
  }

  hostConnected(): void {
    const session = this.session ?? this.consumer.value;
    if (session && !this.sub) {
      this.session = session;
      this.subscribe(session);
    }
  }

  hostDisconnected(): void {
    this.sub?.unsubscribe();
    this.sub = null;
  }

  can(action: Action): boolean {
    return this.state?.allowed.has(action) ?? false;
  }

  dispatch(intent: Intent): Promise<Result<void>> {
    if (!this.session) return Promise.resolve({ ok: false, refusal: { reason: 'not-allowed' } });
    return this.session.dispatch(intent);
  }

  edit(edit: DraftEdit): void {
    this.session?.edit(edit);
  }
}
