/**
 * The multi-tab variant of the model-based test: agent-1 works in several tabs sharing one
 * session (src/session/tabs/). Intents and typing come from random tabs; the leader tab is lost
 * at random (a tab closed or crashed) and another takes over, resuming from the server's
 * snapshot. In memory: Web Locks and BroadcastChannel stand-ins with the browser's semantics
 * (one holder per lock name, granted in request order, released when the holder goes; messages
 * structured-cloned, in order, to every other channel of the name, never to the sender).
 */
import { Observable, Subject, defer, filter, from, merge, mergeMap, takeUntil } from 'rxjs';
import type { SimulatedConnector } from '../../src/connectors/simulated/connector.js';
import { Random } from '../../src/connectors/simulated/random.js';
import type { Intent } from '../../src/domain/intents.js';
import type { DraftEdit } from '../../src/session/drafts.js';
import type { TabChannel, TabLocks, TabPlatform } from '../../src/session/tabs/channel.js';
import { SharedSession } from '../../src/session/tabs/shared.js';
import type { SessionState } from '../../src/session/types.js';
import type { TestClock } from '../fixtures/virtual-time.js';

export class MemoryTabs implements TabPlatform {
  private readonly held = new Map<string, { queue: (() => void)[]; busy: boolean }>();
  private readonly channels = new Map<string, Set<MemoryChannel>>();

  readonly locks: TabLocks = {
    request: (name, options, callback) =>
      new Promise((resolve, reject) => {
        const lock = this.held.get(name) ?? { queue: [], busy: false };
        this.held.set(name, lock);
        const grant = () => {
          lock.busy = true;
          options.signal?.removeEventListener('abort', onAbort);
          void callback({ name })
            .then(resolve, reject)
            .finally(() => {
              lock.busy = false;
              lock.queue.shift()?.();
            });
        };
        const onAbort = () => {
          const k = lock.queue.indexOf(grant);
          if (k >= 0) lock.queue.splice(k, 1);
          reject(new Error('AbortError'));
        };
        options.signal?.addEventListener('abort', onAbort, { once: true });
        if (lock.busy) lock.queue.push(grant);
        else grant();
      }),
  };

  channel(name: string): TabChannel {
    const all = this.channels.get(name) ?? new Set();
    this.channels.set(name, all);
    const ch = new MemoryChannel(
      (data) => {
        const copy = structuredClone(data);
        for (const other of all) if (other !== ch) queueMicrotask(() => other.deliver(copy));
      },
      () => all.delete(ch),
    );
    all.add(ch);
    return ch;
  }
}

class MemoryChannel implements TabChannel {
  private readonly listeners: ((e: { data: unknown }) => void)[] = [];
  private closed = false;
  constructor(
    private readonly send: (data: unknown) => void,
    private readonly leave: () => void,
  ) {}
  postMessage(message: unknown): void {
    if (!this.closed) this.send(message);
  }
  addEventListener(_type: 'message', listener: (e: { data: unknown }) => void): void {
    this.listeners.push(listener);
  }
  deliver(data: unknown): void {
    if (!this.closed) for (const l of this.listeners) l({ data });
  }
  close(): void {
    this.closed = true;
    this.leave();
  }
}

/** One agent's tabs. The model reads the tab it last used (the one the agent looks at). */
export class TabGroup {
  readonly tabs: SharedSession[] = [];
  /** Connectors made, one per leader: never one in a follower. */
  made = 0;
  private used: SharedSession | undefined;
  private readonly platform = new MemoryTabs();
  private readonly opened = new Subject<SharedSession>();
  private readonly closed = new Subject<SharedSession>();
  /**
   * The desk as the leader tab shows it, whichever tab leads (tabs opened later included): what
   * the group's one Session does, across handovers — e.g. the wrap-up defaults, applied once.
   */
  readonly state$: Observable<SessionState> = defer(() => merge(from([...this.tabs]), this.opened)).pipe(
    mergeMap((t) =>
      t.state$.pipe(
        filter(() => t.isLeader),
        takeUntil(this.closed.pipe(filter((c) => c === t))),
      ),
    ),
  );
  private readonly random: Random;

  constructor(
    private readonly agentId: string,
    private readonly clock: TestClock,
    seed: number,
    private readonly makeConnector: () => SimulatedConnector,
  ) {
    this.random = new Random(seed ^ 0x7ab5);
  }

  open(): SharedSession {
    const tab = new SharedSession({
      agentId: this.agentId,
      platform: this.platform,
      tabId: `tab-${this.tabs.length + this.made}-${this.random.int(0, 1e6)}`,
      session: { scheduler: this.clock, storage: null, gapTimeoutMs: 300 },
      connect: () => {
        this.made += 1;
        return Promise.resolve({ connector: this.makeConnector() });
      },
    });
    this.tabs.push(tab);
    this.opened.next(tab);
    void tab.start();
    return tab;
  }

  get leader(): SharedSession | undefined {
    return this.tabs.find((t) => t.isLeader);
  }

  /** The tab the model reads and the next intent comes from; another is picked once it is answered. */
  private current(): SharedSession {
    if (!this.used || !this.tabs.includes(this.used)) this.pick();
    return this.used!;
  }
  private pick(): void {
    this.used = this.tabs[this.random.int(0, this.tabs.length - 1)]!;
  }

  get state(): SessionState {
    return this.current().state;
  }
  dispatch(intent: Intent, signal?: AbortSignal) {
    const answer = this.current().dispatch(intent, signal);
    void answer.then(() => this.pick());
    return answer;
  }
  /** Typing comes from a tab picked now (the model reads what was typed in that tab's view). */
  edit(edit: DraftEdit): void {
    this.pick();
    this.current().edit(edit);
  }
  resync(): Promise<void> {
    return this.leader?.running?.resync() ?? Promise.resolve();
  }
  dispose(): void {
    for (const t of this.tabs) t.dispose();
  }

  /** The leader tab goes (closed or crashed); a new tab may open in its place. */
  loseLeader(reopen: boolean): void {
    const leader = this.leader;
    if (!leader) return;
    leader.dispose();
    this.closed.next(leader);
    this.tabs.splice(this.tabs.indexOf(leader), 1);
    if (this.used === leader) this.used = undefined;
    if (reopen || this.tabs.length === 0) this.open();
  }

  /** Every tab shows the leader's desk (phase, interaction, drafts); one connector, in the leader. */
  mirrorProblem(): string | null {
    const leader = this.leader;
    if (!leader?.running) return 'no tab holds the connection';
    const mine = leader.state;
    for (const t of this.tabs) {
      if (t !== leader && t.connector) return 'a follower holds a connector';
      const s = t.state;
      if (s.workflow.phase !== mine.workflow.phase || s.workflow.interaction?.id !== mine.workflow.interaction?.id) {
        return `a tab shows ${s.workflow.phase}/${s.workflow.interaction?.id}, the leader ${mine.workflow.phase}/${mine.workflow.interaction?.id}`;
      }
      if (JSON.stringify(s.drafts) !== JSON.stringify(mine.drafts)) return `a tab shows other drafts than the leader's`;
    }
    return null;
  }
}
