/**
 * The simulated connector: the embedded default backend. It speaks to a {@link SimulatedServer}
 * as a real connector speaks to a network, with the faults a network has — latency, failed
 * requests, lost answers, dropped, duplicated and reordered messages, disconnects — and it
 * validates every message at the boundary like any other connector.
 */
import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import { loadPhoneMetadata } from '../../domain/phone.js';
import { Random } from './random.js';
import { SimulatedServer, type SimulatedServerOptions } from './server.js';
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
import { attempt, readMessage, readSnapshotAt } from '../validate.js';

export interface Faults {
  /** Delay of each request, answer and message: [min, max] ms. */
  readonly latencyMs: readonly [number, number];
  /** Share of requests lost before they reach the server (answered `network`). */
  readonly failureRate: number;
  /** Share of requests the server carries out whose answer is lost (answered `timeout`). */
  readonly lostAnswerRate: number;
  /** Share of server messages lost on the way. */
  readonly dropRate: number;
  /** Share of server messages delivered twice. */
  readonly duplicateRate: number;
  /** Share of server messages held back and delivered after the next one. */
  readonly reorderRate: number;
}

export const NO_FAULTS: Faults = { latencyMs: [0, 0], failureRate: 0, lostAnswerRate: 0, dropRate: 0, duplicateRate: 0, reorderRate: 0 };

export interface SimulatedConnectorOptions extends SimulatedServerOptions {
  /** Share one server between several connectors (agents); a new one is made otherwise. */
  readonly server?: SimulatedServer;
  readonly agentId?: string;
  readonly faults?: Partial<Faults>;
  /** A request with no answer after this long is refused as `timeout`. */
  readonly requestTimeoutMs?: number;
}

export class SimulatedConnector implements Connector {
  readonly server: SimulatedServer;
  readonly agentId: string;
  faults: Faults;
  private readonly random: Random;
  private readonly requestTimeoutMs: number;
  private readonly messages = new Subject<ServerMessage>();
  private readonly connection = new BehaviorSubject<ConnectionState>('offline');
  private readonly problems = new Subject<ProtocolProblem>();
  private unlisten: (() => void) | null = null;
  private heldBack: unknown = null;
  /** Commands sent (a test counts them: one per action, whichever tab asked). */
  sent = 0;

  readonly messages$: Observable<ServerMessage> = this.messages.asObservable();
  readonly connection$: Observable<ConnectionState> = this.connection.asObservable();
  readonly problems$: Observable<ProtocolProblem> = this.problems.asObservable();

  constructor(options: SimulatedConnectorOptions = {}) {
    this.server = options.server ?? new SimulatedServer(options);
    this.agentId = options.agentId ?? 'agent-1';
    this.faults = { ...NO_FAULTS, ...options.faults };
    this.random = new Random((options.seed ?? 1) ^ 0x5bd1e995);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  setFaults(faults: Partial<Faults>): void {
    this.faults = { ...this.faults, ...faults };
  }

  get connectionState(): ConnectionState {
    return this.connection.value;
  }

  async connect(signal?: AbortSignal): Promise<Result<void>> {
    if (this.connection.value === 'online') return ok(undefined);
    this.connection.next('connecting');
    const [arrived] = await Promise.all([this.travel(signal), loadPhoneMetadata()]);
    if (!arrived) {
      this.connection.next('offline');
      return refused('aborted');
    }
    this.unlisten?.();
    this.unlisten = this.server.listen(this.agentId, (m) => this.deliver(m));
    this.connection.next('online');
    return ok(undefined);
  }

  async disconnect(): Promise<void> {
    this.unlisten?.();
    this.unlisten = null;
    this.heldBack = null;
    this.connection.next('offline');
  }

  /** Fault injection: the network goes away (messages are lost until {@link connect}). */
  dropConnection(): void {
    void this.disconnect();
  }

  /** Fault injection: hand the session a raw message as if the server had sent it. */
  injectRaw(raw: unknown): void {
    this.receive(raw);
  }

  async snapshot(signal?: AbortSignal): Promise<Result<SnapshotAt>> {
    if (this.connection.value !== 'online') return refused('network');
    if (!(await this.travel(signal))) return refused('aborted');
    if (this.random.chance(this.faults.failureRate)) return refused('network');
    const answer = JSON.parse(JSON.stringify(this.server.snapshot(this.agentId)));
    if (!(await this.travel(signal))) return refused('aborted');
    const read = attempt(readSnapshotAt, answer);
    if (!read.ok) {
      this.problems.next({ kind: 'malformed', message: read.error, raw: answer });
      return refused('malformed-response', read.error);
    }
    return ok(read.value);
  }

  async send(command: Command, signal?: AbortSignal): Promise<Result<readonly ServerMessage[]>> {
    this.sent += 1;
    if (this.connection.value !== 'online') return refused('network');
    const started = this.server.now();
    // The request travels; it may be aborted or lost on the way.
    if (!(await this.travel(signal))) return refused('aborted');
    if (this.connection.value !== 'online' || this.random.chance(this.faults.failureRate)) return refused('network');
    const answer = this.server.handle(this.agentId, command);
    // The answer travels back; it may be lost though the server acted.
    if (this.random.chance(this.faults.lostAnswerRate)) return refused('timeout');
    await this.travel();
    if (this.server.now() - started > this.requestTimeoutMs) return refused('timeout');
    if (!answer.ok) return answer;
    const messages: ServerMessage[] = [];
    for (const raw of answer.value) {
      const read = attempt(readMessage, JSON.parse(JSON.stringify(raw)));
      if (!read.ok) {
        this.problems.next({ kind: 'malformed', message: read.error, raw });
        return refused('malformed-response', read.error);
      }
      messages.push(read.value);
    }
    return ok(messages);
  }

  // -----------------------------------------------------------------------------------------

  private deliver(message: ServerMessage): void {
    const f = this.faults;
    if (this.random.chance(f.dropRate)) return;
    const copies = this.random.chance(f.duplicateRate) ? 2 : 1;
    if (this.heldBack === null && this.random.chance(f.reorderRate)) {
      // Held back until the next message overtakes it, or at most a little longer than any latency.
      this.heldBack = message;
      this.server.scheduler.schedule(() => {
        if (this.heldBack !== message) return;
        this.heldBack = null;
        this.later(message);
      }, f.latencyMs[1] + 50);
      return;
    }
    const later = this.heldBack;
    this.heldBack = null;
    for (let i = 0; i < copies; i++) this.later(message);
    if (later !== null) this.later(later);
  }

  private later(raw: unknown): void {
    const [min, max] = this.faults.latencyMs;
    const delay = max > 0 ? this.random.int(min, max) : 0;
    this.server.scheduler.schedule(() => {
      if (this.connection.value === 'online') this.receive(raw);
    }, delay);
  }

  private receive(raw: unknown): void {
    const read = attempt(readMessage, raw);
    if (!read.ok) return this.problems.next({ kind: 'malformed', message: read.error, raw });
    // Parts left out to keep the rest (a field too long, a name like `constructor`) are said.
    for (const d of read.dropped) this.problems.next({ kind: 'malformed', message: d });
    this.messages.next(read.value);
  }

  /** Wait one trip of latency on the server's clock; false when aborted meanwhile. */
  private travel(signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    const [min, max] = this.faults.latencyMs;
    const delay = max > 0 ? this.random.int(min, max) : 0;
    return new Promise((resolve) => {
      const sub = this.server.scheduler.schedule(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(!signal?.aborted);
      }, delay);
      const onAbort = () => {
        sub.unsubscribe();
        resolve(false);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
