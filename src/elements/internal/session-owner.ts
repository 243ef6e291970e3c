/**
 * Owns a session for a region of the page: makes it from a connector (the simulated one when
 * none is given, loaded on demand), starts it, provides it through context, re-dispatches its
 * notices as host events, and disposes of it when the region leaves the page for good.
 */
import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Subscription } from 'rxjs';
import type { Connector, ConnectorFactory } from '../../connectors/port.js';
import { Session, type DeskSession } from '../../session/session.js';
import { sessionContext } from '../context.js';
import { bridgeEvents } from '../events.js';
import { say } from './say.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface OwnerConfig {
  connector?: Connector | undefined;
  /** Makes the connector (in the leader tab only, where tabs share): used when `connector` is not set. */
  connectorFactory?: ConnectorFactory | undefined;
  agentId: string;
  persist: boolean;
  /** Share the session (the default's, or the factory's) with the agent's other tabs (where the browser can). */
  sharedTabs: boolean;
}

/** Does `c` look like a connector (the port's members)? Guards against a host page's mistake. */
export function isConnector(c: unknown): c is Connector {
  const x = c as Partial<Connector> | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.send === 'function' &&
    typeof x.snapshot === 'function' &&
    typeof x.connect === 'function' &&
    typeof x.disconnect === 'function' &&
    typeof x.messages$?.subscribe === 'function' &&
    typeof x.connection$?.subscribe === 'function' &&
    typeof x.problems$?.subscribe === 'function' &&
    typeof x.agentId === 'string'
  );
}

/** The factory, when the page gave a function (the element refused anything else already). */
export function validFactory(f: unknown): ConnectorFactory | undefined {
  return typeof f === 'function' ? (f as ConnectorFactory) : undefined;
}

/** The factory's connector for `agentId`, or null (said on the console) when it threw or gave something else. */
export async function makeWith(factory: ConnectorFactory, agentId: string): Promise<Connector | null> {
  try {
    const c: unknown = await factory(agentId);
    if (isConnector(c)) return c;
    say('error', 'factoryGaveNoConnector');
  } catch (e) {
    say('error', 'factoryThrew', e);
  }
  return null;
}

export class SessionOwner implements ReactiveController {
  readonly provider: ContextProvider<typeof sessionContext, Host>;
  session: DeskSession | undefined;
  /** A session handed in from outside (not ours to dispose of). */
  private external: DeskSession | undefined;
  private owned = false;
  private bridge: Subscription | null = null;
  private making: Promise<DeskSession | undefined> | null = null;
  private generation = 0;
  /** The `connectorFactory` the session was made with (undefined: none, or `connector` was set). */
  factory: ConnectorFactory | undefined;
  /** The session runs on the simulated server made because no connector was given (issue 15). */
  defaulted = false;

  constructor(
    private readonly host: Host,
    private readonly config: () => OwnerConfig & { enabled: boolean },
  ) {
    host.addController(this);
    this.provider = new ContextProvider(host, { context: sessionContext });
  }

  /** Resolves with the session once it exists, is connected and has read the server's state. */
  async ready(): Promise<DeskSession> {
    const session = this.session ?? (this.making ? ((await this.making) ?? (await this.ready())) : await this.make());
    await session.start();
    return session;
  }

  /** Provide another session (from a provider above, or the host page). */
  adopt(session: DeskSession | undefined): void {
    if (session === this.external) return;
    this.external = session;
    if (session) {
      this.teardown();
      this.set(session, false);
    } else if (this.host.isConnected) {
      void this.make();
    }
  }

  hostConnected(): void {
    if (!this.session && !this.external && this.config().enabled) void this.make();
  }

  hostDisconnected(): void {
    // A move within the page is a disconnect and a connect in one task: keep the session then.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.teardown();
    });
  }

  /** Is there a session, or one on its way? */
  get active(): boolean {
    return this.session !== undefined || this.making !== null;
  }

  /** Make a new session (e.g. after the connector changed). A connector that is not one is refused. */
  async remake(): Promise<DeskSession | undefined> {
    const connector = this.config().connector;
    if (connector !== undefined && !isConnector(connector)) {
      say('error', 'notConnector');
      return this.session;
    }
    this.teardown();
    return this.make();
  }

  private async make(): Promise<DeskSession> {
    const gen = ++this.generation;
    const current = () => gen === this.generation && !this.external;
    const making = (async (): Promise<DeskSession | undefined> => {
      let connector = this.config().connector;
      if (connector !== undefined && !isConnector(connector)) connector = undefined;
      let defaulted = false;
      const factory = connector ? undefined : validFactory(this.config().connectorFactory);
      this.factory = factory;
      const shared = connector ? null : await this.sharedTabs(factory);
      if (!current()) return undefined;
      if (shared) {
        this.set(shared, true);
        // without a factory the tabs' shared session runs on the simulated server: a default, as below
        this.defaulted = !factory;
        void shared.start();
        return shared;
      }
      if (!connector && factory) {
        // Not shared (no-shared-tabs, or no Web Locks): this tab is its own leader.
        const made = await makeWith(factory, this.config().agentId);
        if (!current()) return undefined;
        if (!made) return new Promise<never>(() => undefined); // said on the console; nothing to run
        connector = made;
      }
      if (!connector) {
        const { SimulatedConnector } = await import('../../connectors/simulated/connector.js');
        if (!current()) return undefined;
        // The host may have been given a connector while the default was loading (a real one only).
        const late = this.config().connector;
        defaulted = !isConnector(late);
        connector = isConnector(late) ? late : new SimulatedConnector({ agentId: this.config().agentId });
      }
      if (!current()) return undefined;
      const session = new Session(this.config().persist ? { connector } : { connector, storage: null });
      this.set(session, true);
      this.defaulted = defaulted;
      void session.start();
      return session;
    })();
    this.making = making;
    const session = await making;
    if (this.making === making) this.making = null;
    return session ?? this.ready();
  }

  /** The session shared with the agent's other tabs (loaded on demand), or null: not shared. */
  private async sharedTabs(factory: ConnectorFactory | undefined): Promise<DeskSession | null> {
    const { agentId, persist, sharedTabs } = this.config();
    // Not even loaded where the browser cannot share (no Web Locks: not a secure context, say).
    return sharedTabs && globalThis.navigator?.locks ? (await import('./shared-tabs.js')).sharedSession(agentId, persist, factory) : null;
  }

  private set(session: DeskSession, owned: boolean): void {
    this.session = session;
    this.defaulted = false;
    this.owned = owned;
    this.bridge?.unsubscribe();
    // Only the owner speaks for a session: a borrowed one is bridged by its own provider.
    this.bridge = owned ? bridgeEvents(session, this.host) : null;
    this.provider.setValue(session);
    this.host.requestUpdate();
  }

  private teardown(): void {
    this.generation++;
    this.bridge?.unsubscribe();
    this.bridge = null;
    if (this.session && this.owned) this.session.dispose();
    if (this.session) this.provider.setValue(undefined);
    this.session = undefined;
    this.owned = false;
    this.defaulted = false;
  }
}
