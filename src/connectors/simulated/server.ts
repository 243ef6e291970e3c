/**
 * An in-memory outbound server (OCS) with a push preview campaign: a calling list of chains,
 * push to the first Ready agent, reject to the top of the queue, dialing with configurable
 * outcomes, stale records, do-not-call across every list. Deterministic given a seed and a
 * scheduler. Each agent's desk is kept by the same machine the session uses, so the server
 * refuses exactly what the workflow does not offer.
 */
import type { SchedulerLike } from 'rxjs';
import { timeoutScheduler } from '../scheduler.js';
import { checkFields } from '../../domain/intents.js';
import { initialState, isBlockingEnd, isLivePhase, refusalFor, transition, type WorkflowEvent } from '../../domain/machine.js';
import { checkPhone } from '../../domain/phone.js';
import { inCallingWindow } from '../../domain/time.js';
import { CallResult, PUSH_PREVIEW_MEDIA, PHONE_TYPES, activeRecord, type Call, type Campaign, type Chain, type ContactRecord } from '../../domain/types.js';
import { ok, refused, type Command, type Result, type ServerMessage, type SnapshotAt } from '../port.js';
import { Random } from './random.js';
import {
  ACTION_OF,
  OUTCOME_RESULT,
  campaignStatusEvent,
  newInteraction,
  markDoneRefusal,
  rescheduleRefusal,
  serverTimings,
  type ServerTimings,
  type DialOutcome,
  type Desk,
  type SimulatedServerOptions,
} from './server-options.js';
import { DEFAULT_CAMPAIGN, DEFAULT_CONTACTS, buildChains } from './seed-data.js';
import { simulateConsult, type ConsultHost } from './consult.js';

export type { DialOutcome, SimulatedServerOptions } from './server-options.js';

export class SimulatedServer {
  readonly scheduler: SchedulerLike;
  campaign: Campaign;
  protected readonly random: Random;
  protected readonly desks = new Map<string, Desk>();
  /** The calling list, top first. */
  protected queue: Chain[];
  protected readonly chains = new Map<number, Chain>();
  protected readonly doNotCall = new Set<string>();
  protected readonly processed = new Map<number, { callResult: CallResult | null; dispositionCode: string | null }>();
  protected nextHandle = 9001;
  protected nextInteraction = 1;
  protected readonly opts: ServerTimings;
  /** W-2: previews are pushed only while the campaign runs. */
  protected running: boolean;
  dialOutcomes: readonly DialOutcome[];

  constructor(options: SimulatedServerOptions = {}) {
    this.scheduler = options.scheduler ?? timeoutScheduler;
    this.random = new Random(options.seed ?? 1);
    this.campaign = { ...DEFAULT_CAMPAIGN, ...options.campaign };
    this.queue = buildChains(options.contacts ?? DEFAULT_CONTACTS);
    for (const c of this.queue) this.chains.set(c.chainId, c);
    this.dialOutcomes = options.dialOutcomes ?? ['answer'];
    this.running = options.campaignRunning ?? true;
    this.opts = serverTimings(options, this.dialOutcomes);
  }

  now(): number {
    return this.scheduler.now();
  }

  /** The calling list as it stands, top first (for tests, the demo and fault checks). */
  get callingList(): readonly Chain[] {
    return this.queue;
  }
  isDoNotCall(phone: string, country: string): boolean {
    const p = checkPhone(phone, country);
    return this.doNotCall.has(p.ok ? p.e164 : phone);
  }
  processedRecord(chainId: number) {
    return this.processed.get(chainId);
  }

  /** Listen to an agent's desk. The agent exists from the first listener or command on. */
  listen(agentId: string, listener: (m: ServerMessage) => void): () => void {
    const desk = this.desk(agentId);
    desk.listeners.add(listener);
    return () => desk.listeners.delete(listener);
  }

  snapshot(agentId: string): SnapshotAt {
    const d = this.desk(agentId);
    const s = d.state;
    const more = { ...(s.campaigns === undefined ? {} : { campaigns: s.campaigns }), ...(s.consult ? { consult: s.consult } : {}) };
    return { seq: d.seq, snapshot: { agent: s.agent, campaign: s.campaign, interaction: s.interaction, phase: s.phase, call: s.call, ...more } };
  }

  desk(agentId: string): Desk {
    let d = this.desks.get(agentId);
    if (!d) {
      d = { state: initialState(agentId, agentId), seq: 0, listeners: new Set(), timers: [] };
      this.desks.set(agentId, d);
    }
    return d;
  }

  get campaignRunning(): boolean {
    return this.running;
  }
  /** W-2: start or stop the campaign; logged-in desks are told, a start pushes (a preview on a desk stays). */
  setCampaignRunning(running: boolean): void {
    if (running === this.running) return;
    this.running = running;
    for (const [agentId, d] of this.desks) {
      if (d.state.agent.status === 'logged-out') continue;
      this.emit(agentId, campaignStatusEvent(this.campaign, running));
      if (running) this.schedulePush(agentId, 0);
    }
  }

  /** Put a chain at the top of the calling list and push it to the first free Ready agent now. */
  pushNext(): boolean {
    for (const [agentId] of this.desks) if (this.tryPush(agentId)) return true;
    return false;
  }

  // ---------------------------------------------------------------------------------------
  // Commands

  handle(agentId: string, command: Command): Result<readonly ServerMessage[]> {
    const desk = this.desk(agentId);
    const out: ServerMessage[] = [];
    const emit = (e: WorkflowEvent) => out.push(this.emit(agentId, e));
    const s = desk.state;

    if (command.type === 'set-status') {
      const action = command.status === 'ready' ? 'ready' : 'not-ready';
      if (refusalFor(s, action)) return refused('not-allowed');
      emit({ type: 'agent', agent: { ...s.agent, status: command.status } });
      if (command.status === 'ready') this.schedulePush(agentId, 0);
      return ok(out);
    }

    const action = ACTION_OF[command.type];
    if ('interactionId' in command) {
      const i = s.interaction;
      if (!i || i.id !== command.interactionId) {
        return refused(this.ownedByOther(agentId, command.interactionId) ? 'not-owner' : 'unknown-record');
      }
    }
    if (action) {
      // the campaign's preview policy binds the agent's Reject, not the deadline's (issue 16)
      const r = refusalFor(s, action, command.type === 'reject' && command.auto ? 'system' : 'agent');
      if (r) return refused(r.reason);
    }
    const interaction = s.interaction;
    const chain = interaction ? (this.chains.get(interaction.chain.chainId) ?? interaction.chain) : null;

    switch (command.type) {
      case 'login':
        emit({ type: 'agent', agent: { ...s.agent, status: 'not-ready', mediaTypes: [...command.mediaTypes] }, campaign: this.campaign });
        emit(campaignStatusEvent(this.campaign, this.running));
        return ok(out);
      case 'logout':
        emit({ type: 'agent', agent: { ...s.agent, status: 'logged-out', mediaTypes: [] }, campaign: null });
        return ok(out);
      case 'accept':
        emit({ type: 'accepted', interactionId: command.interactionId, owner: agentId, at: this.now() });
        return ok(out);
      case 'reject':
        this.requeue(chain!);
        emit({ type: 'rejected', interactionId: command.interactionId, auto: command.auto });
        this.finish(agentId);
        return ok(out);
      case 'cancel':
        this.requeue(chain!);
        emit({ type: 'cancelled', interactionId: command.interactionId });
        this.finish(agentId);
        return ok(out);
      case 'transfer': {
        const target = this.campaign.transferTargets.find((t) => t.id === command.targetId);
        if (!target) return refused('unknown-target');
        emit({ type: 'transferred', interactionId: command.interactionId, target });
        this.finish(agentId);
        return ok(out);
      }
      case 'connect': {
        const record = chain!.records.find((r) => r.handle === command.handle);
        if (!record) return refused('unknown-record');
        const phone = checkPhone(command.number, record.country);
        if (!phone.ok) return refused('invalid-number', command.number);
        if (this.doNotCall.has(phone.e164)) return refused('do-not-call');
        if (this.opts.enforceCallingWindow && !inCallingWindow(this.now(), record)) return refused('outside-calling-window');
        const updated = this.updateChain(chain!, (r) => (r.handle === record.handle ? { ...r, attempts: r.attempts + 1 } : r), record.handle);
        emit({ type: 'chain', interactionId: command.interactionId, chain: updated });
        const call: Call = { number: phone.e164, handle: record.handle, startedAt: this.now(), connectedAt: null, held: false, recording: false, parties: 2 };
        emit({ type: 'dialing', interactionId: command.interactionId, call });
        this.schedule(agentId, this.opts.dialDelayMs, () => this.dialOutcome(agentId, command.interactionId));
        return ok(out);
      }
      case 'hold':
      case 'retrieve':
        emit({ type: 'call', interactionId: command.interactionId, call: { ...s.call!, held: command.type === 'hold' } });
        return ok(out);
      case 'start-recording':
      case 'stop-recording':
        emit({ type: 'call', interactionId: command.interactionId, call: { ...s.call!, recording: command.type === 'start-recording' } });
        return ok(out);
      case 'conference': {
        if (!this.campaign.conferenceTargets.some((t) => t.id === command.targetId)) return refused('unknown-target');
        emit({ type: 'call', interactionId: command.interactionId, call: { ...s.call!, parties: s.call!.parties + 1 } });
        return ok(out);
      }
      case 'disconnect': {
        this.clearTimers(agentId);
        this.armStale(agentId);
        const callResult = s.phase === 'connected' ? CallResult.Answer : null;
        this.setResult(chain!, s.call!.handle, callResult, command.interactionId, emit);
        emit({ type: 'call-ended', interactionId: command.interactionId, callResult, at: this.now() });
        return ok(out);
      }
      case 'update-record': {
        const bad = checkFields(command.fields);
        if (bad) return refused(bad.reason, bad.detail);
        if (!chain!.records.some((r) => r.handle === command.handle)) return refused('unknown-record');
        const updated = this.updateChain(chain!, (r) => (r.handle === command.handle ? { ...r, fields: { ...r.fields, ...command.fields } } : r));
        emit({ type: 'chain', interactionId: command.interactionId, chain: updated });
        return ok(out);
      }
      case 'add-chained-record': {
        const base = activeRecord(chain!)!;
        const phone = checkPhone(command.phone, base.country);
        if (!phone.ok) return refused('invalid-number', command.phone);
        if (!PHONE_TYPES.includes(command.phoneType)) return refused('invalid-field', 'phoneType');
        if (this.doNotCall.has(phone.e164)) return refused('do-not-call');
        const record: ContactRecord = {
          ...base,
          handle: this.nextHandle++,
          phone: phone.national,
          phoneType: command.phoneType,
          callResult: null,
          attempts: 0,
        };
        const updated: Chain = { ...chain!, records: [...chain!.records, record] };
        this.chains.set(updated.chainId, updated);
        emit({ type: 'chain', interactionId: command.interactionId, chain: updated });
        return ok(out);
      }
      case 'set-active-record': {
        if (!chain!.records.some((r) => r.handle === command.handle)) return refused('unknown-record');
        const updated: Chain = { ...chain!, activeHandle: command.handle };
        this.chains.set(updated.chainId, updated);
        emit({ type: 'chain', interactionId: command.interactionId, chain: updated });
        return ok(out);
      }
      case 'reschedule': {
        const record = chain!.records.find((r) => r.handle === command.handle);
        if (!record) return refused('unknown-record');
        const bad = rescheduleRefusal(record, command.at, this.now());
        if (bad) return bad;
        emit({ type: 'rescheduled', interactionId: command.interactionId, at: command.at, callbackType: command.callbackType });
        return ok(out);
      }
      case 'mark-done': {
        const bad = markDoneRefusal(this.campaign, command);
        if (bad) return bad;
        if (command.doNotCall) this.markDoNotCall(chain!, this.campaign.doNotCallScope === 'record' ? (command.doNotCallHandle ?? chain!.activeHandle) : null);
        const callResult = command.doNotCall ? CallResult.DoNotCall : command.callResult;
        this.processed.set(chain!.chainId, { callResult, dispositionCode: command.dispositionCode });
        emit({ type: 'done', interactionId: command.interactionId });
        this.finish(agentId);
        return ok(out);
      }
      case 'close':
        emit({ type: 'closed', interactionId: command.interactionId });
        this.finish(agentId);
        return ok(out);
      default: // issue 16: the consult's commands (./consult.ts)
        return simulateConsult(this.consultHost(agentId, emit), command, out);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Internals

  private consultHost(agentId: string, emit: (e: WorkflowEvent) => void): ConsultHost {
    const later = (e: () => WorkflowEvent | null, ms: number) => this.schedule(agentId, ms, () => void ((x) => x && this.emit(agentId, x))(e()));
    const { consultOutcomes, consultDelayMs: delayMs } = this.opts;
    const outcome = () => this.random.pick(consultOutcomes);
    return { now: () => this.now(), state: () => this.desk(agentId).state, emit, emitLater: later, outcome, delayMs, finish: () => this.finish(agentId) };
  }

  protected emit(agentId: string, event: WorkflowEvent): ServerMessage {
    const desk = this.desk(agentId);
    desk.state = transition(desk.state, event);
    desk.seq += 1;
    // Messages cross the wire as JSON: each listener gets its own copy.
    const message: ServerMessage = JSON.parse(JSON.stringify({ seq: desk.seq, event }));
    for (const l of desk.listeners) l(JSON.parse(JSON.stringify(message)));
    return message;
  }

  private ownedByOther(agentId: string, interactionId: string): boolean {
    for (const [id, d] of this.desks) if (id !== agentId && d.state.interaction?.id === interactionId) return true;
    return false;
  }

  protected schedule(agentId: string, delay: number, work: () => void): void {
    const desk = this.desk(agentId);
    desk.timers.push(this.scheduler.schedule(work, Math.max(0, delay)));
  }

  private clearTimers(agentId: string): void {
    const desk = this.desk(agentId);
    for (const t of desk.timers) t.unsubscribe();
    desk.timers = [];
  }

  protected schedulePush(agentId: string, delay: number): void {
    this.schedule(agentId, delay, () => this.tryPush(agentId));
  }

  /** W-2: push the first callable chain to a Ready agent who chose the push preview media (W-1). */
  private tryPush(agentId: string): boolean {
    const desk = this.desk(agentId);
    const s = desk.state;
    if (!this.running || s.agent.status !== 'ready' || !s.agent.mediaTypes.includes(PUSH_PREVIEW_MEDIA)) return false;
    if (isLivePhase(s.phase) || isBlockingEnd(s.phase)) return false;
    const chain = this.queue.shift();
    if (!chain) return false;
    const now = this.now();
    const interaction = newInteraction(`ixn-${String(this.nextInteraction++).padStart(4, '0')}`, this.campaign, chain, now);
    this.clearTimers(agentId);
    this.emit(agentId, { type: 'offered', interaction, campaign: this.campaign });
    // A desk that never answers: the server auto-rejects after the deadline and a grace.
    this.schedule(agentId, interaction.acceptDeadline - now + this.opts.acceptGraceMs, () => {
      const st = this.desk(agentId).state;
      if (st.phase === 'ringing' && st.interaction?.id === interaction.id) this.handle(agentId, { type: 'reject', interactionId: interaction.id, auto: true });
    });
    this.armStale(agentId);
    return true;
  }

  /** W-30: an unprocessed preview goes stale at its time; every later request is refused. */
  protected armStale(agentId: string): void {
    const i = this.desk(agentId).state.interaction;
    if (!i) return;
    this.schedule(agentId, i.staleAt - this.now(), () => {
      const st = this.desk(agentId).state;
      if (st.interaction?.id !== i.id || !['ringing', 'previewing', 'after-call'].includes(st.phase)) return;
      const chain = this.chains.get(i.chain.chainId);
      if (chain) this.updateChain(chain, (r) => (r.handle === chain.activeHandle ? { ...r, callResult: CallResult.Stale } : r));
      this.emit(agentId, { type: 'stale', interactionId: i.id });
    });
  }

  /** The dialed contact's phone stops ringing: answered, or `outcome` (drawn from `dialOutcomes` unless given). */
  protected dialOutcome(agentId: string, interactionId: string, given?: DialOutcome): void {
    const st = this.desk(agentId).state;
    if (st.phase !== 'dialing' || st.interaction?.id !== interactionId || !st.call) return;
    const outcome = given ?? this.random.pick(this.dialOutcomes);
    if (outcome === 'answer') {
      this.emit(agentId, { type: 'connected', interactionId, at: this.now() });
      return;
    }
    const chain = this.chains.get(st.interaction.chain.chainId)!;
    const result = OUTCOME_RESULT[outcome];
    this.setResult(chain, st.call.handle, result, interactionId, (e) => this.emit(agentId, e));
    this.emit(agentId, { type: 'call-ended', interactionId, callResult: result, at: this.now() });
    this.armStale(agentId);
  }

  private setResult(chain: Chain, handle: number, callResult: CallResult | null, interactionId: string, emit: (e: WorkflowEvent) => void) {
    if (callResult === null) return;
    const updated = this.updateChain(chain, (r) => (r.handle === handle ? { ...r, callResult } : r));
    emit({ type: 'chain', interactionId, chain: updated });
  }

  private updateChain(chain: Chain, map: (r: ContactRecord) => ContactRecord, activeHandle = chain.activeHandle): Chain {
    const updated: Chain = { ...chain, activeHandle, records: chain.records.map(map) };
    this.chains.set(updated.chainId, updated);
    return updated;
  }

  /** W-5, W-6, W-10: back to the TOP of the queue. */
  private requeue(chain: Chain): void {
    const fresh = this.chains.get(chain.chainId) ?? chain;
    this.queue = [fresh, ...this.queue.filter((c) => c.chainId !== chain.chainId)];
  }

  /** W-25: the contact's numbers (or, by the campaign's record scope, the marked record's) leave every calling list. */
  private markDoNotCall(chain: Chain, only: number | null): void {
    for (const r of chain.records.filter((x) => only === null || x.handle === only)) {
      const p = checkPhone(r.phone, r.country);
      this.doNotCall.add(p.ok ? p.e164 : r.phone);
    }
    this.queue = this.queue.filter((c) => !c.records.some((r) => this.isDoNotCall(r.phone, r.country)));
  }

  /** The agent is free again (unless the end holds them): the next preview follows. */
  private finish(agentId: string): void {
    this.clearTimers(agentId);
    this.schedulePush(agentId, this.opts.pushDelayMs);
  }
}
