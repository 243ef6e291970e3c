/**
 * The connector's own copy of the desk, moved by the same pure machine the session uses, and
 * what it knows of the server's interactions and calls. A change goes out as a workflow event
 * only when it changes the desk, so duplicated or late notifications change nothing.
 */
import { BehaviorSubject, Subject } from 'rxjs';
import { initialState, transition, type Action, type Snapshot, type WorkflowEvent, type WorkflowState } from '../../domain/machine.js';
import type { AgentStatus, Campaign, MediaType } from '../../domain/types.js';
import type { ConnectionState, ProtocolProblem, ServerMessage } from '../port.js';
import { attempt, readEvent } from '../validate.js';
import { ENDED_CALL_STATES, chainOf, toCall, type Memo } from './mapping.js';
import type { GCall, GUser } from './read.js';
import { Refused } from './rest.js';
import type { Settings } from './settings.js';
import { sameValue } from './kv.js';

export class Desk {
  readonly messages = new Subject<ServerMessage>();
  readonly connection = new BehaviorSubject<ConnectionState>('offline');
  readonly problems = new Subject<ProtocolProblem>();
  readonly recent: ServerMessage[] = [];
  readonly memos = new Map<string, Memo>();
  /** Interactions this desk is done with: a late event or a rebuild never brings them back. */
  readonly ended = new Set<string>();
  readonly calls = new Map<string, GCall>();
  readonly releasedCalls = new Set<string>();
  private readonly waiters = new Set<() => void>();
  state: WorkflowState;
  seq = 0;
  user: GUser | null = null;
  loggedIn = false;
  mediaTypes: readonly MediaType[] = [];
  /** The outboundpreview channel as last reported. */
  channel: { state: string; timestamp: number | null } | null = null;
  /** Channel states came on this Bayeux session: the server has set the session up (§3). */
  channelsSeen = false;
  /** Notifications handled so far (a snapshot that crossed one asks again). */
  notifications = 0;
  /** The switch's EventError while a dial waits for its call. */
  dialError: string | null = null;

  constructor(
    readonly s: Settings,
    readonly agentId: string,
  ) {
    this.state = initialState(agentId);
  }

  get snapshot(): Snapshot {
    const d = this.state;
    return { agent: d.agent, campaign: d.campaign, interaction: d.interaction, phase: d.phase, call: d.call };
  }

  agentName(): string {
    const u = this.user;
    if (!u) return this.state.agent.name;
    return `${u.firstName} ${u.lastName}`.trim() || u.userName;
  }

  statusOf(state: string | undefined): AgentStatus {
    if (state === 'Ready') return 'ready';
    if (state === 'LoggedOut') return this.loggedIn ? 'not-ready' : 'logged-out';
    return 'not-ready';
  }

  /** The desk's interaction, owned by this agent and not stale; else a refusal. */
  own(id: string): Memo {
    const memo = this.memos.get(id);
    if (!memo || this.state.interaction?.id !== id) throw new Refused('unknown-record');
    if (memo.stale) throw new Refused('stale');
    return memo;
  }

  liveCall(memo: Memo): GCall {
    const c = memo.callId ? this.calls.get(memo.callId) : undefined;
    if (!c || ENDED_CALL_STATES.has(c.state)) throw new Refused('not-allowed', 'no call');
    return c;
  }

  /** The interaction a call belongs to: its known call, the record handle it carries, else the one being dialled. */
  memoOfCall(c: GCall): Memo | undefined {
    const handle = c.userData.get('GSW_RECORD_HANDLE');
    for (const memo of this.memos.values()) {
      if (memo.callId === c.id || (c.previousConnId !== null && memo.callId === c.previousConnId)) return memo;
      if (handle && [...memo.pairs.values()].some((p) => sameValue(p.get('GSW_RECORD_HANDLE')?.value, handle.value))) return memo;
    }
    return [...this.memos.values()].find((m) => m.dialNumber !== null && m.callId === null);
  }

  problem(p: ProtocolProblem): void {
    this.problems.next(p);
    this.wake();
  }

  // -------------------------------------------------------------------------------------------
  // Emitting workflow events

  /** Move the desk; send the event only when it changed something (duplicates change nothing). */
  emit(event: WorkflowEvent): ServerMessage | null {
    const after = transition(this.state, event);
    if (after === this.state) return null;
    const raw: unknown = JSON.parse(JSON.stringify(event));
    const read = attempt(readEvent, raw);
    if (!read.ok) {
      this.problem({ kind: 'malformed', message: read.error, raw });
      return null;
    }
    this.state = after;
    this.seq += 1;
    const message: ServerMessage = { seq: this.seq, event: read.value };
    this.recent.push(message);
    if (this.recent.length > 200) this.recent.shift();
    this.messages.next(message);
    this.wake();
    return message;
  }

  /** Replace the desk with a rebuilt one (a snapshot from current-session). */
  rebuild(snapshot: Snapshot): void {
    this.state = transition(this.state, { type: 'snapshot', snapshot });
    this.wake();
  }

  emitAgent(status: AgentStatus, campaign?: Campaign | null): void {
    const agent = { ...this.state.agent, name: this.agentName(), status, mediaTypes: status === 'logged-out' ? [] : [...this.mediaTypes] };
    this.emit(campaign === undefined ? { type: 'agent', agent } : { type: 'agent', agent, campaign });
  }

  emitChain(memo: Memo): void {
    if (this.state.interaction?.id !== memo.id) return;
    const chain = chainOf(memo);
    if (JSON.stringify(chain) !== JSON.stringify(this.state.interaction.chain)) this.emit({ type: 'chain', interactionId: memo.id, chain });
  }

  emitCall(memo: Memo, c: GCall): void {
    const call = toCall(memo, c, this.user?.agentLogin ?? null);
    if (this.state.phase === 'connected' && JSON.stringify(call) !== JSON.stringify(this.state.call)) {
      this.emit({ type: 'call', interactionId: memo.id, call });
    }
  }

  /**
   * Tell the machine what the server's capability lists allow now (issue 6): the interaction's
   * for Accept / Reject, the live call's for Hold, Retrieve, Conference, Record and Disconnect.
   * Where no live call is known yet, call operations are not restricted.
   */
  emitCapabilities(memo: Memo): void {
    if (this.state.interaction?.id !== memo.id) return;
    const c = memo.callId ? this.calls.get(memo.callId) : undefined;
    const call = c && !ENDED_CALL_STATES.has(c.state) ? c.capabilities : null;
    const ixn = memo.g.capabilities;
    const actions: Action[] = [];
    if (ixn.includes('accept')) actions.push('accept');
    if (ixn.includes('reject')) actions.push('reject');
    const fromCall: [string, Action][] = [
      ['hold', 'hold'],
      ['retrieve', 'retrieve'],
      ['single-step-conference', 'conference'],
      ['release', 'disconnect'],
    ];
    for (const [cap, action] of fromCall) if (call === null || call.includes(cap)) actions.push(action);
    // The list is unreliable for which recording operation applies (§10.2): any of them means recording exists.
    if (call === null || call.some((x) => /-recording$/.test(x))) actions.push('start-recording', 'stop-recording');
    this.emit({ type: 'capabilities', interactionId: memo.id, actions });
  }

  markStale(memo: Memo): void {
    memo.stale = true;
    this.emit({ type: 'stale', interactionId: memo.id });
  }

  // -------------------------------------------------------------------------------------------
  // Waiting on the server

  wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Wait until `done()` holds after some notification; a `timeout` refusal when it never does. */
  until(done: () => boolean, signal?: AbortSignal, ms = this.s.eventTimeoutMs, what = 'no confirmation from the server'): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const finish = (e?: unknown) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        signal?.removeEventListener('abort', onAbort);
        if (e === undefined) resolve();
        else reject(e);
      };
      const check = () => {
        try {
          if (done()) finish();
        } catch (e) {
          finish(e);
        }
      };
      const onAbort = () => finish(new Refused('aborted'));
      const timer = setTimeout(() => finish(new Refused('timeout', what)), ms);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(check);
      if (signal?.aborted) onAbort();
      else check();
    });
  }
}
