/**
 * Connects an element to the session store found through context: subscribes while the host
 * is connected, re-renders on each change of what it selects, unsubscribes when it leaves.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Subscription } from 'rxjs';
import type { Intent } from '../../domain/intents.js';
import type { Action } from '../../domain/machine.js';
import type { Result } from '../../connectors/port.js';
import type { DraftEdit } from '../../session/drafts.js';
import type { Session, SessionState } from '../../session/session.js';
import { sessionContext } from '../context.js';

type Host = ReactiveControllerHost & HTMLElement;

export class SessionController implements ReactiveController {
  session: Session | undefined;
  state: SessionState | undefined;
  private sub: Subscription | null = null;
  private readonly consumer: ContextConsumer<typeof sessionContext, Host>;

  constructor(private readonly host: Host) {
    host.addController(this);
    this.consumer = new ContextConsumer(host, {
      context: sessionContext,
      subscribe: true,
      callback: (session) => this.use(session),
    });
  }

  /** Use this session directly (a provider's own panel, or a test). */
  use(session: Session | undefined): void {
    if (session === this.session && this.sub) return;
    this.sub?.unsubscribe();
    this.sub = null;
    this.session = session;
    this.state = session?.state;
    if (session && this.host.isConnected) this.subscribe(session);
    this.host.requestUpdate();
  }

  private subscribe(session: Session): void {
    this.sub = session.state$.subscribe((s) => {
      if (s !== this.state) {
        this.state = s;
        this.host.requestUpdate();
      }
    });
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
