/**
 * The model and commands of the model-based test (shared by the browser test and the soak script).
 * Invariants checked after every command:
 * - one owner per record: no chain on two desks, nor on a desk and in the calling list;
 * - nothing dialed after a reject, a stale mark or do-not-call;
 * - no Mark Done without a required disposition code;
 * - no draft lost on a failed or dropped request (while its interaction is on the desk);
 * - the session's state is always one the machine can be in, and settles to the server's;
 * - from the server's record history: what the agent saw applied at Mark Done is what the server
 *   recorded; nothing accepted after reject or stale; calls of 2..3 parties; no recording off SIP;
 *   no Do Not Call chain left in the calling list; at most one request in flight per session;
 *   a refusal made on the spot changes neither the workflow nor the drafts.
 */
import fc from 'fast-check';
import { SimulatedServer } from '../../src/connectors/simulated/server.js';
import { SimulatedConnector, type Faults } from '../../src/connectors/simulated/connector.js';
import type { ServerMessage } from '../../src/connectors/port.js';
import { AGENT_PHASES, PHASES, isConsistent, type Action, type Phase } from '../../src/domain/machine.js';
import { checkPhone, loadPhoneMetadata } from '../../src/domain/phone.js';
import { epochToZoned, zonedToEpoch } from '../../src/domain/time.js';
import { PUSH_PREVIEW_MEDIA, CallResult, type Chain } from '../../src/domain/types.js';
import { Session } from '../../src/session/session.js';
import type { Intent } from '../../src/domain/intents.js';
import { TestClock } from '../fixtures/virtual-time.js';

const AGENTS = ['agent-1', 'agent-2'] as const;

interface Real {
  readonly clock: TestClock;
  readonly server: SimulatedServer;
  readonly connectors: SimulatedConnector[];
  readonly sessions: Session[];
  /** Every message each agent's desk produced, in order. */
  readonly log: { agent: string; m: ServerMessage }[];
  readonly phases: Set<Phase>;
  /** Incremental checking of the log: how far, and what was learnt. */
  checked: number;
  readonly chains: Map<string, Chain>;
  readonly ended: Set<string>;
  readonly dnc: Set<string>;
  /** Interactions the server recorded done (completed). */
  completed: number;
  /** Requests in flight per agent, and the most seen at once. */
  readonly inFlight: number[];
}

interface Model {
  /** What the agent typed and has not seen confirmed: agent → {interactionId, handle, name, value}. */
  typed: Map<number, { interactionId: string; handle: number; name: string; value: string }>;
}

async function step(r: Real, ms: number): Promise<void> {
  await r.clock.advance(ms);
}

async function settle<T>(r: Real, p: Promise<T>): Promise<T> {
  let done = false;
  void p.finally(() => (done = true));
  for (let i = 0; !done && i < 400; i++) await r.clock.advance(25);
  return p;
}

/** The phases and ends a run must reach to show it got somewhere (not every action refused). */
export const MUST_REACH: readonly Phase[] = ['ringing', 'previewing', 'dialing', 'connected', 'after-call', 'done', 'rejected'];

/** Why a report shows the runs did not get anywhere, or null. `minCompleted` per run on average. */
export function progressProblem(report: ModelReport, minCompletedPerRun = 0.02): string | null {
  const missing = MUST_REACH.filter((p) => !report.phasesSeen.includes(p));
  if (missing.length) return `runs never reached ${missing.join(', ')}`;
  const min = Math.ceil(report.numRuns * minCompletedPerRun);
  if (report.completed < min) return `only ${report.completed} interactions completed in ${report.numRuns} runs (at least ${min} expected)`;
  return null;
}

function invariants(r: Real, m: Model): void {
  // the session's state is one the machine can be in
  for (const s of r.sessions) {
    const w = s.state.workflow;
    r.phases.add(w.phase);
    if (!PHASES.includes(w.phase)) throw new Error(`unknown phase ${w.phase}`);
    if ((AGENT_PHASES as readonly string[]).includes(w.phase) !== (w.interaction === null)) throw new Error(`interaction presence wrong in ${w.phase}`);
    if (!isConsistent({ agent: w.agent, campaign: w.campaign, interaction: w.interaction, phase: w.phase, call: w.call })) {
      throw new Error(`inconsistent state ${w.phase}`);
    }
  }
  // one owner per record
  const held = new Map<number, string>();
  for (const a of AGENTS) {
    const st = r.server.desk(a).state;
    if (st.interaction && !['done', 'rejected', 'cancelled', 'transferred'].includes(st.phase)) {
      const c = st.interaction.chain.chainId;
      if (held.has(c)) throw new Error(`chain ${c} on two desks`);
      held.set(c, a);
      if (st.phase !== 'stale' && st.phase !== 'failed' && r.server.callingList.some((q) => q.chainId === c)) {
        throw new Error(`chain ${c} both on a desk and in the calling list`);
      }
    }
  }
  // nothing dialed after reject, stale or do-not-call; no done without a required code
  for (; r.checked < r.log.length; r.checked++) {
    const e = r.log[r.checked]!.m.event;
    if (e.type === 'offered') r.chains.set(e.interaction.id, e.interaction.chain);
    if (e.type === 'chain') r.chains.set(e.interactionId, e.chain);
    if (e.type === 'accepted' && r.ended.has(e.interactionId)) throw new Error(`accepted ${e.interactionId} after reject/stale`);
    if (e.type === 'call' && (e.call.parties > 3 || e.call.parties < 2)) throw new Error(`a call of ${e.call.parties} parties`);
    if (e.type === 'call' && e.call.recording && r.server.campaign.telephony !== 'sip') throw new Error('recording on a non-SIP line');
    if (e.type === 'rejected' || e.type === 'stale') r.ended.add(e.interactionId);
    if (e.type === 'dialing') {
      if (r.ended.has(e.interactionId)) throw new Error(`dialed ${e.interactionId} after reject/stale`);
      if (r.dnc.has(e.call.number)) throw new Error(`dialed ${e.call.number} after do-not-call`);
    }
    if (e.type === 'done') {
      r.completed += 1;
      const chain = r.chains.get(e.interactionId)!;
      const processed = r.server.processedRecord(chain.chainId);
      // what the agent saw applied is what the server recorded (call result, Do Not Call, code)
      const k = AGENTS.indexOf(r.log[r.checked]!.agent as (typeof AGENTS)[number]);
      const seen = r.sessions[k]!.state.workflow;
      if (seen.interaction?.id === e.interactionId && seen.phase === 'done' && processed) {
        const expected = seen.wrapup.doNotCall ? CallResult.DoNotCall : seen.wrapup.callResult;
        if (processed.callResult !== expected || processed.dispositionCode !== seen.wrapup.dispositionCode) {
          throw new Error(`the agent saw ${JSON.stringify(seen.wrapup)} applied, the server recorded ${JSON.stringify(processed)}`);
        }
      }
      if (r.server.campaign.dispositionRequired && !processed?.dispositionCode) throw new Error('done without a required disposition code');
      if (processed?.callResult === CallResult.DoNotCall) {
        for (const rec of chain.records) {
          const p = checkPhone(rec.phone, rec.country);
          if (p.ok) r.dnc.add(p.e164);
        }
      }
    }
  }
  // Do Not Call across every list: no chain with a Do Not Call number waits in the calling list
  for (const c of r.server.callingList) {
    for (const rec of c.records) {
      const p = checkPhone(rec.phone, rec.country);
      if (p.ok && r.dnc.has(p.e164)) throw new Error(`chain ${c.chainId} still in the calling list after Do Not Call`);
    }
  }
  // at most one request in flight per session (the session's own auto-reject aside)
  for (const n of r.inFlight) if (n > 1) throw new Error(`${n} requests in flight at once`);
  // no draft lost while its interaction is on the desk and unconfirmed
  for (const [i, t] of m.typed) {
    const s = r.sessions[i]!.state;
    const w = s.workflow;
    if (w.interaction?.id !== t.interactionId) continue;
    const saved = w.interaction.chain.records.find((x) => x.handle === t.handle)?.fields[t.name];
    if (saved === t.value) continue;
    if (s.drafts.fields[t.handle]?.[t.name] !== t.value) throw new Error(`draft ${t.name}=${t.value} lost in ${w.phase}`);
  }
}

type Cmd = fc.AsyncCommand<Model, Real>;

class IntentCmd implements Cmd {
  constructor(readonly agent: number, readonly make: (r: Real, agent: number) => Intent | null, readonly label: string) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    const intent = this.make(r, this.agent);
    if (intent) {
      const session = r.sessions[this.agent]!;
      const before = session.state;
      const p = session.dispatch(intent);
      const refusedAtOnce = session.state.pending === before.pending ? session.state : null;
      const result = await settle(r, p);
      // a refusal made on the spot (nothing sent) changes neither the workflow nor the drafts
      if (!result.ok && refusedAtOnce && refusedAtOnce.workflow !== before.workflow && !['network', 'timeout'].includes(result.refusal.reason)) {
        throw new Error(`refused ${intent.type} (${result.refusal.reason}) changed the state`);
      }
      if (!result.ok && refusedAtOnce && refusedAtOnce.drafts !== before.drafts) throw new Error(`refused ${intent.type} changed the drafts`);
    }
    // typed drafts are confirmed only by the server
    for (const [i, t] of m.typed) {
      const w = r.sessions[i]!.state.workflow;
      const saved = w.interaction?.chain.records.find((x) => x.handle === t.handle)?.fields[t.name];
      if (w.interaction?.id !== t.interactionId || saved === t.value) m.typed.delete(i);
    }
    invariants(r, m);
  }
  toString() {
    return `${AGENTS[this.agent]}:${this.label}`;
  }
}

/** A request, and before its answer another intent (a wrap-up choice made while Mark Done is under way). */
class RaceCmd implements Cmd {
  constructor(readonly agent: number, readonly first: Intent, readonly second: Intent) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    const s = r.sessions[this.agent]!;
    const a = s.dispatch(this.first);
    const b = s.dispatch(this.second);
    await settle(r, Promise.all([a, b]));
    invariants(r, m);
  }
  toString() {
    return `${AGENTS[this.agent]}:race(${this.first.type}, ${JSON.stringify(this.second)})`;
  }
}

class TypeCmd implements Cmd {
  constructor(readonly agent: number, readonly value: string) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    const s = r.sessions[this.agent]!;
    const i = s.state.workflow.interaction;
    if (i && ['previewing', 'dialing', 'connected', 'after-call'].includes(s.state.workflow.phase)) {
      s.edit({ kind: 'field', handle: i.chain.activeHandle, name: 'notes', value: this.value });
      const saved = i.chain.records.find((x) => x.handle === i.chain.activeHandle)?.fields.notes;
      if (saved !== this.value) m.typed.set(this.agent, { interactionId: i.id, handle: i.chain.activeHandle, name: 'notes', value: this.value });
    }
    invariants(r, m);
  }
  toString() {
    return `${AGENTS[this.agent]}:type(${this.value})`;
  }
}

class TimeCmd implements Cmd {
  constructor(readonly ms: number) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    await step(r, this.ms);
    invariants(r, m);
  }
  toString() {
    return `wait(${this.ms})`;
  }
}

class FaultCmd implements Cmd {
  constructor(readonly agent: number, readonly kind: 'drop-connection' | 'faults-on' | 'faults-off') {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    const c = r.connectors[this.agent]!;
    if (this.kind === 'drop-connection') c.dropConnection();
    else c.setFaults(this.kind === 'faults-on' ? FAULTS : CALM);
    await step(r, 50);
    invariants(r, m);
  }
  toString() {
    return `${AGENTS[this.agent]}:${this.kind}`;
  }
}

const FAULTS: Faults = { latencyMs: [0, 60], failureRate: 0.15, lostAnswerRate: 0.1, dropRate: 0.1, duplicateRate: 0.15, reorderRate: 0.15 };
const CALM: Faults = { latencyMs: [0, 20], failureRate: 0, lostAnswerRate: 0, dropRate: 0, duplicateRate: 0, reorderRate: 0 };

const w = (r: Real, a: number) => r.sessions[a]!.state.workflow;

const HAPPY: readonly Action[] = ['login', 'ready', 'accept', 'set-disposition', 'connect', 'disconnect', 'mark-done', 'dismiss'];

/** A valid intent for an action the machine allows now (the `pick`-th of them), or null. */
function guided(r: Real, a: number, pick: number): Intent | null {
  const s = r.sessions[a]!.state;
  const allowed: Action[] = [...s.allowed].filter((x) => x !== 'logout');
  if (allowed.length === 0) return null;
  // Most of the time take the next step of a whole workflow; otherwise any offered action.
  const next = HAPPY.find(
    (h) => allowed.includes(h) && !(h === 'set-disposition' && s.workflow.wrapup.dispositionCode) && !(h === 'connect' && s.workflow.phase === 'after-call'),
  );
  const action = pick < 60 && next ? next : allowed[pick % allowed.length]!;
  const i = s.workflow.interaction;
  const rec = i?.chain.records.find((x) => x.handle === i.chain.activeHandle);
  switch (action) {
    case 'login':
      return { type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] };
    case 'transfer':
      return { type: 'transfer', targetId: 'agent-sato' };
    case 'conference':
      return { type: 'conference', targetId: 'sup-tanaka' };
    case 'update-record':
      return rec ? { type: 'update-record', handle: rec.handle, fields: s.drafts.fields[rec.handle] ?? { notes: `n${pick}` } } : null;
    case 'add-chained-record':
      return { type: 'add-chained-record', phone: rec?.country === 'US' ? '(415) 555-0100' : '080-2222-3333', phoneType: 'mobile' };
    case 'set-active-record': {
      const other = i?.chain.records.find((x) => x.handle !== i.chain.activeHandle);
      return other ? { type: 'set-active-record', handle: other.handle } : null;
    }
    case 'reschedule': {
      if (!rec) return null;
      const tomorrow = epochToZoned(r.clock.now() + 86_400_000, rec.timeZone).date;
      return { type: 'reschedule', at: zonedToEpoch(tomorrow, '12:00', rec.timeZone), callbackType: pick % 2 ? 'personal' : 'campaign' };
    }
    case 'set-call-result':
      return { type: 'set-call-result', callResult: CallResult.Busy };
    case 'mark-do-not-call':
      return { type: 'mark-do-not-call', value: pick % 5 === 0 };
    case 'set-disposition':
      return { type: 'set-disposition', code: 'RENEWED' };
    default:
      return { type: action } as Intent;
  }
}

function commands(): fc.Arbitrary<Cmd>[] {
  const agent = fc.integer({ min: 0, max: 1 });
  const simple = (type: Intent['type']) => agent.map((a) => new IntentCmd(a, () => ({ type }) as Intent, type));
  const guide = fc.tuple(agent, fc.nat(100)).map(([a, n]) => new IntentCmd(a, (r) => guided(r, a, n), `guided(${n})`));
  const shortWait = fc.constantFrom(100, 400, 800).map((ms) => new TimeCmd(ms));
  return [
    // weighted: most steps do something the workflow offers now, so sequences reach wrap-up and done
    guide, guide, guide, guide, guide, guide, guide, guide, guide, guide, guide, guide,
    shortWait, shortWait, shortWait, shortWait,
    agent.map((a) => new IntentCmd(a, () => ({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] }), 'login')),
    simple('ready'),
    simple('not-ready'),
    simple('accept'),
    simple('accept'),
    simple('reject'),
    fc.tuple(agent, fc.constantFrom('', '03-1234-5678', '1234-5678', '+1 201 555 0199')).map(
      ([a, n]) => new IntentCmd(a, () => (n ? { type: 'connect', number: n } : { type: 'connect' }), `connect(${n})`),
    ),
    simple('connect'),
    simple('cancel'),
    agent.map((a) => new IntentCmd(a, () => ({ type: 'transfer', targetId: 'agent-sato' }), 'transfer')),
    agent.map((a) => new IntentCmd(a, () => ({ type: 'conference', targetId: 'sup-tanaka' }), 'conference')),
    simple('hold'),
    simple('retrieve'),
    simple('start-recording'),
    simple('disconnect'),
    simple('disconnect'),
    agent.map(
      (a) =>
        new IntentCmd(
          a,
          (r) => {
            const i = w(r, a).interaction;
            const d = r.sessions[a]!.state.drafts.fields[i?.chain.activeHandle ?? -1];
            return i ? { type: 'update-record', handle: i.chain.activeHandle, fields: d ?? { notes: 'saved' } } : null;
          },
          'update-record',
        ),
    ),
    fc.tuple(agent, fc.constantFrom('080-2222-3333', '12', '+81 3-1234-5678')).map(
      ([a, p]) => new IntentCmd(a, () => ({ type: 'add-chained-record', phone: p, phoneType: 'mobile' }), `add-chained(${p})`),
    ),
    fc.tuple(agent, fc.integer({ min: 0, max: 2 })).map(
      ([a, k]) =>
        new IntentCmd(a, (r) => {
          const rec = w(r, a).interaction?.chain.records[k];
          return rec ? { type: 'set-active-record', handle: rec.handle } : null;
        }, `set-active(${k})`),
    ),
    fc.tuple(agent, fc.integer({ min: 1, max: 72 })).map(
      ([a, h]) => new IntentCmd(a, (r) => ({ type: 'reschedule', at: r.clock.now() + h * 3_600_000, callbackType: 'personal' }), `reschedule(+${h}h)`),
    ),
    fc.tuple(agent, fc.constantFrom(CallResult.Answer, CallResult.Busy, CallResult.NoAnswer)).map(
      ([a, c]) => new IntentCmd(a, () => ({ type: 'set-call-result', callResult: c }), `call-result(${c})`),
    ),
    fc.tuple(agent, fc.boolean()).map(([a, v]) => new IntentCmd(a, () => ({ type: 'mark-do-not-call', value: v }), `dnc(${v})`)),
    fc.tuple(agent, fc.constantFrom('RENEWED', 'CALLBACK')).map(([a, c]) => new IntentCmd(a, () => ({ type: 'set-disposition', code: c }), `disposition(${c})`)),
    simple('mark-done'),
    simple('mark-done'),
    fc
      .tuple(agent, fc.constantFrom<Intent>({ type: 'mark-do-not-call', value: true }, { type: 'set-call-result', callResult: CallResult.NoAnswer }, { type: 'set-disposition', code: 'CALLBACK' }))
      .map(([a, second]) => new RaceCmd(a, { type: 'mark-done' }, second)),
    simple('dismiss'),
    fc.tuple(agent, fc.constantFrom('VIP', 'call after 5', '<b>x</b>')).map(([a, v]) => new TypeCmd(a, v)),
    fc.constantFrom(100, 600, 2_000, 31_000, 1_800_000).map((ms) => new TimeCmd(ms)),
    fc.tuple(agent, fc.constantFrom('drop-connection', 'faults-on', 'faults-off') as fc.Arbitrary<FaultCmd['kind']>).map(([a, k]) => new FaultCmd(a, k)),
  ];
}

async function setup(seed: number): Promise<Real> {
  const clock = new TestClock();
  const server = new SimulatedServer({ scheduler: clock, seed, pushDelayMs: 100, dialDelayMs: 300, dialOutcomes: ['answer', 'answer', 'busy', 'no-answer'] });
  const log: Real['log'] = [];
  for (const a of AGENTS) server.listen(a, (m) => log.push({ agent: a, m }));
  const connectors = AGENTS.map((a, k) => new SimulatedConnector({ server, agentId: a, seed: seed + k, faults: FAULTS }));
  const sessions = connectors.map((c) => new Session({ connector: c, scheduler: clock, storage: null, gapTimeoutMs: 300 }));
  await Promise.all(sessions.map((s) => settleOn(clock, s.start())));
  const inFlight = AGENTS.map(() => 0);
  connectors.forEach((c, k) => {
    const send = c.send.bind(c);
    c.send = async (command, signal) => {
      const auto = command.type === 'reject' && command.auto;
      if (!auto) inFlight[k]! += 1;
      try {
        return await send(command, signal);
      } finally {
        if (!auto) inFlight[k]! -= 1;
      }
    };
  });
  return { clock, server, connectors, sessions, log, phases: new Set(), checked: 0, chains: new Map(), ended: new Set(), dnc: new Set(), completed: 0, inFlight };
}

async function settleOn<T>(clock: TestClock, p: Promise<T>): Promise<T> {
  let done = false;
  void p.finally(() => (done = true));
  for (let i = 0; !done && i < 400; i++) await clock.advance(25);
  return p;
}

/**
 * After the faults stop, every session settles to what the server says. A ready agent is never
 * still (a preview rings, times out, is pushed again), so the comparison is retried over a few
 * short steps: a request or message in flight clears, a real divergence stays.
 */
async function converge(r: Real): Promise<void> {
  for (const c of r.connectors) c.setFaults(CALM);
  await step(r, 35_000);
  await Promise.all(r.sessions.map((s) => settle(r, s.resync())));
  let diverged = '';
  for (let attempt = 0; attempt < 6; attempt++) {
    await step(r, 250);
    diverged = '';
    for (let k = 0; k < AGENTS.length; k++) {
      const mine = r.sessions[k]!.state.workflow;
      const theirs = r.server.desk(AGENTS[k]!).state;
      const samePhase = mine.phase === theirs.phase || (mine.phase === 'failed' && theirs.interaction === null);
      if (!samePhase || (theirs.interaction !== null && mine.interaction?.id !== theirs.interaction.id)) {
        diverged += `${AGENTS[k]} did not settle: session ${mine.phase}/${mine.interaction?.id} vs server ${theirs.phase}/${theirs.interaction?.id} (pending ${r.sessions[k]!.state.pending}) `;
      }
    }
    if (!diverged) return;
  }
  throw new Error(diverged);
}

export interface ModelReport {
  readonly failed: boolean;
  readonly numRuns: number;
  readonly message: string;
  readonly phasesSeen: Phase[];
  /** Interactions completed (Mark Done recorded by the server) over all runs. */
  readonly completed: number;
}

export async function runModel({ numRuns, seed }: { numRuns: number; seed: number }): Promise<ModelReport> {
  await loadPhoneMetadata(); // real time, before any virtual clock runs
  const seen = new Set<Phase>();
  let completed = 0;
  let runs = 0; // including the failing one
  const property = fc.asyncProperty(fc.commands(commands(), { maxCommands: 40, size: '+2' }), fc.integer({ min: 1, max: 1_000_000 }), async (cmds, s) => {
    runs += 1;
    const real = await setup(s);
    try {
      await fc.asyncModelRun(() => ({ model: { typed: new Map() }, real }), cmds);
      await converge(real);
    } finally {
      for (const p of real.phases) seen.add(p);
      completed += real.completed;
      for (const x of real.sessions) x.dispose();
    }
  });
  const result = await fc.check(property, { numRuns, seed, endOnFailure: true });
  return {
    failed: result.failed,
    numRuns: result.numRuns,
    message: result.failed ? `${String(result.errorInstance)}\n${fc.defaultReportMessage(result) ?? 'failed'} (after ${runs} runs)` : '',
    phasesSeen: [...seen],
    completed,
  };
}

