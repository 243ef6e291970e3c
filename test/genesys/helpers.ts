/**
 * Test helpers: a fake Workspace API server per test (through the test runner plugin), a
 * connector signed in to it, and a session over that connector.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { GenesysConnector, type GenesysConnectorOptions } from '../../src/connectors/genesys/index.js';
import type { Campaign } from '../../src/domain/types.js';
import { Session, type SessionState } from '../../src/session/session.js';
import { HANG_MS } from '../fixtures/wait.js';

export interface OcsLogEntry {
  readonly kind: 'ocs';
  readonly transport: 'topic' | 'voice';
  readonly type: string;
  readonly ref: unknown;
  readonly data: Record<string, unknown>;
}
export interface HttpLogEntry {
  readonly kind: 'http';
  readonly method: string;
  readonly path: string;
  readonly body: { data?: Record<string, unknown> };
}
export interface FakeState {
  readonly log: readonly (OcsLogEntry | HttpLogEntry)[];
  readonly activated: { channels?: string[] } | null;
  readonly topicSubscriptions: readonly unknown[];
  readonly dn: { agentState: string };
  readonly interactions: readonly { id: string; state: string }[];
  readonly calls: readonly { id: string; state: string; userData: { key: string; value: unknown }[] }[];
  readonly sessions: number;
  /** Each Bayeux session's handshake, subscriptions and refusal, in order. */
  readonly wire: readonly WireEntry[];
  /** current-session refused with 403 before the session was set up. */
  readonly notReadyRefusals: number;
  /** How many sessions are subscribed to each workspace channel. */
  readonly subscribers: Readonly<Record<string, number>>;
}
export interface WireEntry {
  readonly session: string;
  readonly channel: string;
  readonly subscription?: string;
  readonly refused?: boolean;
  /** The client's own /meta/disconnect. */
  readonly client?: boolean;
}

export class Fake {
  constructor(
    readonly id: number,
    readonly base: string,
  ) {}

  static async start(opts: Record<string, unknown> = {}): Promise<Fake> {
    const r = await executeServerCommand<{ id: number; port: number; prefix: string }, unknown>('genesys-fake', { action: 'start', ...opts });
    // Same host as the page: the session cookies are SameSite=Lax (spec §2.1).
    return new Fake(r.id, `http://${location.hostname}:${r.port}${r.prefix}`);
  }

  cmd<T = unknown>(action: string, args: Record<string, unknown> = {}): Promise<T> {
    return executeServerCommand<T, unknown>('genesys-fake', { action, id: this.id, ...args });
  }

  state(): Promise<FakeState> {
    return this.cmd<FakeState>('state');
  }

  /** The OCS requests about records: all but the login's CampaignStatusRequest (W-2), which {@link ocsAll} has too. */
  async ocs(): Promise<OcsLogEntry[]> {
    return (await this.ocsAll()).filter((e) => e.type !== 'CampaignStatusRequest');
  }

  async ocsAll(): Promise<OcsLogEntry[]> {
    return (await this.state()).log.filter((e): e is OcsLogEntry => e.kind === 'ocs');
  }

  async http(): Promise<HttpLogEntry[]> {
    return (await this.state()).log.filter((e): e is HttpLogEntry => e.kind === 'http');
  }

  stop(): Promise<unknown> {
    return this.cmd('stop');
  }
}

export const TEST_CAMPAIGN: Partial<Campaign> = {
  dispositionCodes: [
    { code: 'SALE', name: 'Sale' },
    { code: 'NO-SALE', name: 'No sale' },
  ],
  dispositionRequired: true,
  transferTargets: [{ id: '+33298025000', name: 'Kate London', kind: 'agent' }],
  conferenceTargets: [{ id: '+33298025011', name: 'Thomas Watson', kind: 'agent' }],
};

export type TestOptions = Partial<GenesysConnectorOptions>;

/** A connector signed in through the authorization-code flow (§2.1 step 6). */
export async function signedInConnector(fake: Fake, opts: TestOptions = {}): Promise<GenesysConnector> {
  const { code } = await fake.cmd<{ code: string }>('sign-in');
  return new GenesysConnector({
    baseUrl: fake.base,
    auth: { kind: 'code', code, redirectUri: location.href },
    agentId: 'JohnSmith',
    campaign: TEST_CAMPAIGN,
    ocs: { topic: '<tenant-id>@<place>' },
    // The connector's own deadlines run on real time: where a test needs one to pass, it is a
    // bound for a hang (a loaded machine answers a local fake in far less); where a test needs one
    // to fire, it sets a short one that still leaves a loaded machine room for the steps before.
    requestTimeoutMs: 10_000,
    ackTimeoutMs: 10_000,
    eventTimeoutMs: 10_000,
    backoffIncrementMs: 100,
    maxBackoffMs: 500,
    debug: () => undefined,
    ...opts,
  });
}

export function sessionOver(connector: GenesysConnector): Session {
  const session = new Session({ connector, storage: null, reconnectDelayMs: 200, gapTimeoutMs: 500 });
  session.state$.subscribe(() => queueMicrotask(wake));
  connector.problems$.subscribe(() => queueMicrotask(wake));
  return session;
}

const wakers = new Set<() => void>();
/** Re-check every pending {@link until} (on each state, message, problem or note). */
export function wake(): void {
  for (const w of [...wakers]) w();
}

/**
 * Wait until the check holds, re-checked on every state change rather than on a short timer
 * (timers of a background page are throttled to a second in Firefox); a slow poll backs it up.
 */
export function until(check: () => boolean, what: string, ms = HANG_MS, describe?: () => unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (e?: Error) => {
      wakers.delete(test);
      clearTimeout(timer);
      clearInterval(poll);
      if (e) reject(e);
      else resolve();
    };
    const test = () => {
      if (check()) done();
    };
    const timer = setTimeout(() => done(new Error(`timed out waiting for ${what}${describe ? `: ${JSON.stringify(describe())}` : ''}`)), ms);
    const poll = setInterval(test, 50);
    wakers.add(test);
    test();
  });
}

export function phaseIs(session: Session, phase: SessionState['workflow']['phase']): Promise<void> {
  return until(
    () => session.state.workflow.phase === phase,
    `phase ${phase}`,
    HANG_MS,
    () => ({
      phase: session.state.workflow.phase,
      refusal: session.state.refusal,
      problem: session.state.problem,
    }),
  );
}

export async function expectOk(r: Promise<{ ok: boolean; refusal?: unknown }>): Promise<void> {
  const x = await r;
  if (!x.ok) throw new Error(`refused: ${JSON.stringify(x.refusal)}`);
}

/** Log in (W-1), go Ready (W-2), get a preview pushed (W-3). */
export async function ringing(fake: Fake, session: Session, preview: Record<string, unknown> = {}): Promise<string> {
  await session.start();
  await expectOk(session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] }));
  await expectOk(session.dispatch({ type: 'ready' }));
  const { id } = await fake.cmd<{ id: string }>('push-preview', preview);
  await phaseIs(session, 'ringing');
  return id;
}

/** …then Accept (W-4) and wait for the chain OCS sent back. */
export async function previewing(fake: Fake, session: Session, preview: Record<string, unknown> = {}): Promise<string> {
  const id = await ringing(fake, session, preview);
  await expectOk(session.dispatch({ type: 'accept' }));
  await until(() => (session.state.workflow.interaction?.chain.records.length ?? 0) >= 2, 'the chained records');
  return id;
}
