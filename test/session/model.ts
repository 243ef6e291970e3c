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
 *   a refusal made on the spot changes neither the workflow nor the drafts;
 * - against an independent reference of the rules (./reference.ts, from the spec, not the machine):
 *   every event the server records, every phase change the session makes, every action it offers;
 * - W-5: a rejected chain is back at the top of the calling list;
 * - every draft kind (fields, the new chained number, the number to dial, the callback time) kept
 *   while its interaction is on the desk and unconfirmed.
 * The invariants are in ./model-invariants.ts, the watchers in ./model-checks.ts.
 */
import fc from 'fast-check';
import { SimulatedServer } from '../../src/connectors/simulated/server.js';
import { SimulatedConnector } from '../../src/connectors/simulated/connector.js';
import type { Action, Phase } from '../../src/domain/machine.js';
import type { ModelReport } from './model-report.js';
import { loadPhoneMetadata } from '../../src/domain/phone.js';
import { epochToZoned, zonedToEpoch } from '../../src/domain/time.js';
import { PUSH_PREVIEW_MEDIA, CallResult } from '../../src/domain/types.js';
import { Session } from '../../src/session/session.js';
import type { Intent } from '../../src/domain/intents.js';
import { TestClock } from '../fixtures/virtual-time.js';
import { watchReference, watchRejectToTop } from './model-checks.js';
import { AGENTS, type ModelSession, type Real } from './model-invariants.js';
import { TabGroup } from './model-tabs.js';
import {
  CALM,
  DoNotCallThenConnectCmd,
  FAULTS,
  FaultCmd,
  IntentCmd,
  LoseLeaderCmd,
  PickThenWaitCmd,
  RaceCmd,
  TimeCmd,
  TypeCmd,
  settle,
  settleOn,
  step,
  type Cmd,
  type TypeKind,
} from './model-commands.js';
import { newDialNotes } from './model-dial.js';
import { POLICIES, watchPolicy } from './model-policy.js';
import { CONSULT_SERVER, consultCommands, consultIntent, consultNext, watchConsult } from './model-consult.js';

export { MUST_REACH, progressProblem, type ModelReport } from './model-report.js';

const w = (r: Real, a: number) => r.sessions[a]!.state.workflow;

const HAPPY: readonly Action[] = ['login', 'ready', 'accept', 'set-disposition', 'connect', 'disconnect', 'mark-done', 'dismiss'];

/** A valid intent for an action the machine allows now (the `pick`-th of them), or null. */
function guided(r: Real, a: number, pick: number): Intent | null {
  const s = r.sessions[a]!.state;
  const allowed: Action[] = [...s.allowed].filter((x) => x !== 'logout');
  if (allowed.length === 0) return null;
  // Most of the time the next step of a whole workflow (issue 16: now and then a consult, ./model-consult.ts); else any offered action.
  const { wrapup, phase } = s.workflow;
  const happy = (h: Action) => allowed.includes(h) && !(h === 'set-disposition' && wrapup.dispositionCode) && !(h === 'connect' && phase === 'after-call');
  const next = consultNext(s.workflow, allowed, pick) ?? HAPPY.find(happy);
  const action = pick < 60 && next ? next : allowed[pick % allowed.length]!;
  const i = s.workflow.interaction;
  const rec = i?.chain.records.find((x) => x.handle === i.chain.activeHandle);
  // an agent on the way to Mark Done sends what they typed first (unsaved drafts refuse it)
  const d = s.drafts;
  if (pick < 60 && d.newChained && allowed.includes('add-chained-record')) return { type: 'add-chained-record', ...d.newChained };
  if (pick < 60 && d.reschedule && rec && allowed.includes('reschedule')) {
    return { type: 'reschedule', at: zonedToEpoch(d.reschedule.date, d.reschedule.time, rec.timeZone), callbackType: d.reschedule.callbackType };
  }
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
    case 'connect':
      // outside the calling window the agent answers the confirmation Connect asked for (issue 13)
      return s.refusal?.intent === 'connect' && s.refusal.reason === 'outside-calling-window-confirm'
        ? { type: 'connect', outsideWindow: 'confirmed' }
        : { type: 'connect' };
    case 'set-disposition':
      return { type: 'set-disposition', code: 'RENEWED' };
    default:
      return consultIntent(action) ?? ({ type: action } as Intent);
  }
}

function commands(tabs: number): fc.Arbitrary<Cmd>[] {
  const agent = fc.integer({ min: 0, max: 1 });
  const simple = (type: Intent['type']) => agent.map((a) => new IntentCmd(a, () => ({ type }) as Intent, type));
  const guide = fc.tuple(agent, fc.nat(100)).map(([a, n]) => new IntentCmd(a, (r) => guided(r, a, n), `guided(${n})`));
  const shortWait = fc.constantFrom(100, 400, 800).map((ms) => new TimeCmd(ms));
  // every draft kind but fields (those are `notes` below): typed, then kept until confirmed
  const typeDraft = fc
    .tuple(
      agent,
      fc.constantFrom<[TypeKind, string]>(
        ['new-chained', '090-1111-2222'],
        ['dial-number', '03-1234-5678'],
        ['dial-number', '+1 201 555 0199'],
        ['reschedule', '10:30'],
        ['reschedule', '18:00'],
      ),
    )
    .map(([a, [k, v]]) => new TypeCmd(a, k, v));
  return [
    // weighted: most steps do something the workflow offers now, so sequences reach wrap-up and done
    guide,
    guide,
    guide,
    guide,
    guide,
    guide,
    guide,
    guide,
    guide,
    guide,
    guide,
    guide,
    shortWait,
    shortWait,
    shortWait,
    shortWait,
    agent.map((a) => new IntentCmd(a, () => ({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] }), 'login')),
    simple('ready'),
    simple('not-ready'),
    simple('accept'),
    simple('accept'),
    simple('reject'),
    fc
      .tuple(agent, fc.constantFrom('', '03-1234-5678', '1234-5678', '+1 201 555 0199'))
      .map(([a, n]) => new IntentCmd(a, () => (n ? { type: 'connect', number: n } : { type: 'connect' }), `connect(${n})`)),
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
    fc
      .tuple(agent, fc.constantFrom('080-2222-3333', '12', '+81 3-1234-5678'))
      .map(([a, p]) => new IntentCmd(a, () => ({ type: 'add-chained-record', phone: p, phoneType: 'mobile' }), `add-chained(${p})`)),
    fc.tuple(agent, fc.integer({ min: 0, max: 2 })).map(
      ([a, k]) =>
        new IntentCmd(
          a,
          (r) => {
            const rec = w(r, a).interaction?.chain.records[k];
            return rec ? { type: 'set-active-record', handle: rec.handle } : null;
          },
          `set-active(${k})`,
        ),
    ),
    fc
      .tuple(agent, fc.integer({ min: 1, max: 72 }))
      .map(([a, h]) => new IntentCmd(a, (r) => ({ type: 'reschedule', at: r.clock.now() + h * 3_600_000, callbackType: 'personal' }), `reschedule(+${h}h)`)),
    fc
      .tuple(agent, fc.constantFrom(CallResult.Answer, CallResult.Busy, CallResult.NoAnswer))
      .map(([a, c]) => new IntentCmd(a, () => ({ type: 'set-call-result', callResult: c }), `call-result(${c})`)),
    fc.tuple(agent, fc.boolean()).map(([a, v]) => new IntentCmd(a, () => ({ type: 'mark-do-not-call', value: v }), `dnc(${v})`)),
    fc
      .tuple(agent, fc.constantFrom('RENEWED', 'CALLBACK'))
      .map(([a, c]) => new IntentCmd(a, () => ({ type: 'set-disposition', code: c }), `disposition(${c})`)),
    simple('mark-done'),
    simple('mark-done'),
    // issue 16: Done and Stop, more wrap-up time; Reject and Cancel are tried above whatever the campaign
    simple('done-and-stop'),
    simple('extend-wrapup'),
    simple('reject'),
    simple('cancel'),
    ...consultCommands(agent), // issue 16: consult, then complete, conference or cancel
    agent.map((a) => new PickThenWaitCmd(a)),
    // W-25, issue 13: tick Do Not Call, maybe another record, then Connect (confirmed): never dialed
    fc.tuple(agent, fc.boolean()).map(([a, other]) => new DoNotCallThenConnectCmd(a, other)),
    fc.tuple(agent, fc.boolean()).map(([a, other]) => new DoNotCallThenConnectCmd(a, other)),
    fc
      .tuple(
        agent,
        fc.constantFrom<Intent>(
          { type: 'mark-do-not-call', value: true },
          { type: 'set-call-result', callResult: CallResult.NoAnswer },
          { type: 'set-disposition', code: 'CALLBACK' },
        ),
      )
      .map(([a, second]) => new RaceCmd(a, { type: 'mark-done' }, second)),
    simple('dismiss'),
    fc.tuple(agent, fc.constantFrom('VIP', 'call after 5', '<b>x</b>')).map(([a, v]) => new TypeCmd(a, 'field', v)),
    typeDraft,
    typeDraft,
    fc.constantFrom(100, 600, 2_000, 31_000, 1_800_000).map((ms) => new TimeCmd(ms)),
    fc.tuple(agent, fc.constantFrom('drop-connection', 'faults-on', 'faults-off') as fc.Arbitrary<FaultCmd['kind']>).map(([a, k]) => new FaultCmd(a, k)),
    ...(tabs ? [fc.boolean().map((b) => new LoseLeaderCmd(b)), fc.constant(new LoseLeaderCmd(true))] : []),
  ];
}

async function setup(seed: number, tabs: number): Promise<Real> {
  const clock = new TestClock();
  // issue 16: the seed's campaign, or one with Reject/Cancel disabled and wrap-up bounded
  const campaign = POLICIES[seed % POLICIES.length]!;
  const server = new SimulatedServer({
    scheduler: clock,
    seed,
    campaign,
    pushDelayMs: 100,
    dialDelayMs: 300,
    dialOutcomes: ['answer', 'answer', 'busy', 'no-answer'],
    ...CONSULT_SERVER,
  });
  const log: Real['log'] = [];
  for (const a of AGENTS) server.listen(a, (m) => log.push({ agent: a, m }));
  const connectors = AGENTS.map((a, k) => new SimulatedConnector({ server, agentId: a, seed: seed + k, faults: FAULTS }));
  const inFlight = AGENTS.map(() => 0);
  // Counts each request in flight at its connector (set once the sessions have started).
  let wrap: ((c: SimulatedConnector, k: number) => void) | null = null;
  // The multi-tab variant: agent-1's tabs; each new leader makes its connector (faults as they were).
  const group: TabGroup | null =
    tabs > 0
      ? new TabGroup(AGENTS[0], clock, seed, (): SimulatedConnector => {
          const c: SimulatedConnector = new SimulatedConnector({ server, agentId: AGENTS[0], seed: seed + 7 * group!.made, faults: connectors[0]!.faults });
          connectors[0] = c;
          wrap?.(c, 0);
          return c;
        })
      : null;
  const initial = group ? Array.from({ length: tabs }, () => group.open()) : [];
  const sessions: ModelSession[] = connectors.map((c, k) =>
    group && k === 0 ? group : new Session({ connector: c, scheduler: clock, storage: null, gapTimeoutMs: 300 }),
  );
  // the server's record and every move and offer of the sessions, against the independent reference
  const problems: string[] = [];
  sessions.forEach((x, k) => (x instanceof Session ? watchReference(server, AGENTS[k]!, x, problems) : undefined));
  for (const t of initial) watchReference(server, AGENTS[0], t, problems);
  watchRejectToTop(server, problems);
  AGENTS.forEach((a, k) => watchConsult(server, a, sessions[k] instanceof Session ? sessions[k] : null, problems));
  await Promise.all([...sessions.map((s) => (s instanceof Session ? settleOn(clock, s.start()) : null)), ...initial.map((t) => settleOn(clock, t.start()))]);
  // agent-1's desk in the multi-tab variant: the group, followed through its leaders
  const policy = watchPolicy(campaign, sessions);
  wrap = (c, k) => {
    policy.watchSend(c, k);
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
  };
  connectors.forEach((c, k) => wrap(c, k));
  return {
    clock,
    server,
    connectors,
    sessions,
    log,
    phases: new Set(),
    checked: 0,
    chains: new Map(),
    ended: new Set(),
    dnc: new Set(),
    completed: 0,
    inFlight,
    problems,
    dial: newDialNotes(),
    policy,
    group,
    handovers: 0,
  };
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
    if (!diverged) {
      const mirror = r.group?.mirrorProblem();
      if (mirror) throw new Error(`agent-1's tabs: ${mirror}`);
      return;
    }
  }
  throw new Error(diverged);
}

export async function runModel({ numRuns, seed, tabs = 0 }: { numRuns: number; seed: number; tabs?: number }): Promise<ModelReport> {
  await loadPhoneMetadata(); // real time, before any virtual clock runs
  const seen = new Set<Phase>();
  let completed = 0;
  let defaulted = 0;
  let attempts = 0;
  let defaultedFirst = 0;
  let handovers = 0;
  let runs = 0; // including the failing one
  const property = fc.asyncProperty(fc.commands(commands(tabs), { maxCommands: 40, size: '+2' }), fc.integer({ min: 1, max: 1_000_000 }), async (cmds, s) => {
    runs += 1;
    const real = await setup(s, tabs);
    try {
      await fc.asyncModelRun(() => ({ model: { typed: new Map() }, real }), cmds);
      await converge(real);
    } finally {
      for (const p of real.phases) seen.add(p);
      completed += real.completed;
      attempts += real.policy.attempts;
      for (const [key, n] of real.policy.defaulted) {
        defaulted += n;
        if (key.startsWith('0:')) defaultedFirst += n;
      }
      handovers += real.handovers;
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
    defaulted,
    attempts,
    defaultedFirst,
    handovers,
  };
}
