/**
 * The simulated server carried from tab to tab. A real outbound server keeps the agent's desk
 * outside the browser, so a tab that takes over finds the live interaction there. The simulated
 * one lives in page memory: it writes its state as JSON after every message it sends (an
 * {@link ServerImage}), the shared-tabs layer keeps the newest image in every tab, and the tab
 * that takes over builds its server from it — the same desks, calling list, numbering and
 * random draws — and arms again the timers the state calls for (the dial outcome, the
 * auto-reject, the stale mark, the next push).
 */
import { Observable, Subject } from 'rxjs';
import { initialState, transition, type WorkflowEvent } from '../../domain/machine.js';
import type { CallResult, Chain } from '../../domain/types.js';
import type { ServerMessage, SnapshotAt } from '../port.js';
import { Invalid, attempt, readChain, readSnapshotAt } from '../validate.js';
import { SimulatedConnector } from './connector.js';
import { SimulatedServer, type SimulatedServerOptions } from './server.js';

export interface ServerImage {
  readonly v: 1;
  readonly random: number;
  readonly desks: readonly { readonly agentId: string; readonly at: SnapshotAt }[];
  readonly queue: readonly Chain[];
  readonly chains: readonly Chain[];
  readonly doNotCall: readonly string[];
  readonly processed: readonly [number, { readonly callResult: CallResult | null; readonly dispositionCode: string | null }][];
  readonly nextHandle: number;
  readonly nextInteraction: number;
}

/** Read an image another tab sent, with the connectors' own validators; throws {@link Invalid}. */
export function readImage(v: unknown): ServerImage {
  const o = v as Partial<Record<keyof ServerImage, unknown>> | null;
  if (typeof o !== 'object' || o === null || o.v !== 1) throw new Invalid('image', 'expected a simulated server image');
  const int = (x: unknown, path: string): number => {
    if (!Number.isSafeInteger(x)) throw new Invalid(path, 'expected an integer');
    return x as number;
  };
  const list = (x: unknown, path: string): unknown[] => {
    if (!Array.isArray(x) || x.length > 10_000) throw new Invalid(path, 'expected a list');
    return x;
  };
  return {
    v: 1,
    random: int(o.random, 'image.random'),
    desks: list(o.desks, 'image.desks').map((d, i) => {
      const x = d as { agentId?: unknown; at?: unknown };
      if (typeof x?.agentId !== 'string') throw new Invalid(`image.desks.${i}`, 'expected an agent id');
      return { agentId: x.agentId, at: readSnapshotAt(x.at) };
    }),
    queue: list(o.queue, 'image.queue').map((c, i) => readChain(c, `image.queue.${i}`)),
    chains: list(o.chains, 'image.chains').map((c, i) => readChain(c, `image.chains.${i}`)),
    doNotCall: list(o.doNotCall, 'image.doNotCall').map((p) => String(p)),
    processed: list(o.processed, 'image.processed').map((p) => {
      const [chainId, r] = p as [unknown, { callResult?: unknown; dispositionCode?: unknown }];
      return [
        int(chainId, 'image.processed'),
        { callResult: (r?.callResult ?? null) as CallResult | null, dispositionCode: (r?.dispositionCode ?? null) as string | null },
      ];
    }),
    nextHandle: int(o.nextHandle, 'image.nextHandle'),
    nextInteraction: int(o.nextInteraction, 'image.nextInteraction'),
  };
}

export class HandoverServer extends SimulatedServer {
  private readonly changed = new Subject<ServerImage>();
  /** The server's state now, and again after each message it sends. */
  readonly images$: Observable<ServerImage> = new Observable<ServerImage>((subscriber) => {
    subscriber.next(this.copy());
    return this.changed.subscribe(subscriber);
  });

  /** A server from an image (when it reads as one), or a new one. */
  constructor(options: SimulatedServerOptions & { readonly image?: unknown } = {}) {
    super(options);
    const read = options.image === undefined || options.image === null ? null : attempt(readImage, options.image);
    if (read?.ok) this.restore(read.value);
  }

  image(): ServerImage {
    return {
      v: 1,
      random: this.random.s,
      desks: [...this.desks.keys()].map((agentId) => ({ agentId, at: this.snapshot(agentId) })),
      queue: this.queue,
      chains: [...this.chains.values()],
      doNotCall: [...this.doNotCall],
      processed: [...this.processed],
      nextHandle: this.nextHandle,
      nextInteraction: this.nextInteraction,
    };
  }

  protected override emit(agentId: string, event: WorkflowEvent): ServerMessage {
    const message = super.emit(agentId, event);
    if (this.changed.observed) this.changed.next(this.copy());
    return message;
  }

  private copy(): ServerImage {
    return JSON.parse(JSON.stringify(this.image())) as ServerImage;
  }

  private restore(image: ServerImage): void {
    this.random.s = image.random;
    this.queue = [...image.queue];
    this.chains.clear();
    for (const c of image.chains) this.chains.set(c.chainId, c);
    for (const p of image.doNotCall) this.doNotCall.add(p);
    for (const [id, r] of image.processed) this.processed.set(id, r);
    this.nextHandle = image.nextHandle;
    this.nextInteraction = image.nextInteraction;
    for (const { agentId, at } of image.desks) {
      const desk = this.desk(agentId);
      desk.state = transition(initialState(agentId, agentId), { type: 'snapshot', snapshot: at.snapshot });
      desk.seq = at.seq;
      this.rearm(agentId);
    }
  }

  /** The timers a desk's state calls for, from the times the state holds. */
  private rearm(agentId: string): void {
    const s = this.desk(agentId).state;
    const i = s.interaction;
    const now = this.now();
    if (s.phase === 'ringing' && i) {
      this.schedule(agentId, i.acceptDeadline - now + this.opts.acceptGraceMs, () => {
        const st = this.desk(agentId).state;
        if (st.phase === 'ringing' && st.interaction?.id === i.id) this.handle(agentId, { type: 'reject', interactionId: i.id, auto: true });
      });
    }
    if (s.phase === 'dialing' && i && s.call) this.schedule(agentId, s.call.startedAt + this.opts.dialDelayMs - now, () => this.dialOutcome(agentId, i.id));
    if (i) this.armStale(agentId);
    if (!i && s.agent.status === 'ready') this.schedulePush(agentId, this.opts.pushDelayMs);
  }
}

/**
 * The simulated connector of a leader tab: its server built from what the last leader handed
 * over (a new one when nothing was), and the server's images for the next leader.
 */
export function leaderConnector(agentId: string, carried: unknown): { connector: SimulatedConnector; carry$: Observable<ServerImage> } {
  const server = new HandoverServer({ image: carried });
  return { connector: new SimulatedConnector({ agentId, server }), carry$: server.images$ };
}
