/**
 * Issue 16 in the model-based test: the consult's intents among the random ones (the simulated
 * target answers, refuses or does not answer), and its invariants:
 * - a completed consult transfer ends the interaction exactly once: one `transferred` per
 *   interaction in the server's record, nothing recorded for it afterwards but its `closed`, and
 *   each session enters `transferred` once per interaction;
 * - a consult is only ever on a connected call;
 * - while a consult lasts, neither the session offers nor the server takes Hold, Retrieve,
 *   Disconnect or the one-step Transfer and Conference of the held customer.
 */
import fc from 'fast-check';
import type { SimulatedServer } from '../../src/connectors/simulated/server.js';
import type { Intent } from '../../src/domain/intents.js';
import type { Action, WorkflowState } from '../../src/domain/machine.js';
import type { Session } from '../../src/session/session.js';
import { IntentCmd, settle, step, type Cmd } from './model-commands.js';
import { dispatchNoted } from './model-dial.js';
import { AGENTS, forgetConfirmed, invariants, type Model, type Real } from './model-invariants.js';

/** The simulated server's consult behaviour in the model's runs. */
export const CONSULT_SERVER = { consultOutcomes: ['answer', 'answer', 'refuse', 'no-answer'], consultDelayMs: 300 } as const;

const ONE_STEP: readonly string[] = ['hold', 'retrieve', 'disconnect', 'transfer', 'conference'];

/**
 * The consult's random intents, as one slot among the model's commands (so the other steps keep
 * their weight): Consult a transfer target, a conference target or an unknown one, then each way out.
 */
export function consultCommands(agent: fc.Arbitrary<number>): fc.Arbitrary<Cmd>[] {
  const intents: Intent[] = [
    { type: 'consult', targetId: 'agent-miller' },
    { type: 'consult', targetId: 'sup-tanaka' },
    { type: 'consult', targetId: 'nobody' },
    { type: 'complete-transfer' },
    { type: 'complete-conference' },
    { type: 'cancel-consult' },
  ];
  return [
    fc.tuple(agent, fc.constantFrom(...intents)).map(([a, i]) => new IntentCmd(a, () => i, 'targetId' in i ? `consult(${i.targetId})` : i.type)),
    fc.tuple(agent, fc.constantFrom(...ENDS), fc.constantFrom('agent-miller', 'sup-tanaka')).map(([a, end, target]) => new ConsultWalkCmd(a, end, target)),
  ];
}

const ENDS = ['complete-transfer', 'complete-conference', 'cancel-consult'] as const;

/**
 * A whole consult from wherever the desk is: Accept, Connect (confirmed outside the window), the
 * dial answered, Consult, the target's answer, then `end` (a failed consult is cancelled). Each
 * step only where the workflow is at it; what the rules refuse is refused and nothing follows.
 */
export class ConsultWalkCmd implements Cmd {
  constructor(
    readonly agent: number,
    readonly end: (typeof ENDS)[number],
    readonly target: string,
  ) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    const s = r.sessions[this.agent]!;
    const w = () => s.state.workflow;
    const go = async (intent: Intent) => {
      const result = await settle(r, dispatchNoted(r, this.agent, intent));
      forgetConfirmed(m, r, this.agent, result.ok ? intent : null);
    };
    if (w().phase === 'ringing') await go({ type: 'accept' });
    if (w().phase === 'previewing') await go({ type: 'connect', outsideWindow: 'confirmed' });
    if (w().phase === 'dialing') await step(r, 400);
    if (w().phase === 'connected' && !w().consult) await go({ type: 'consult', targetId: this.target });
    if (w().consult?.state === 'ringing') await step(r, 400);
    const c = w().consult;
    if (c) await go({ type: c.state === 'failed' ? 'cancel-consult' : this.end });
    invariants(r, m);
  }
  toString() {
    return `${AGENTS[this.agent]}:consult-walk(${this.target}, ${this.end})`;
  }
}

/**
 * The guided step's consult, on a connected call: a consult now and then (one step in four), and
 * once the target answered one of its three ends; a failed consult is cancelled. Null otherwise.
 */
export function consultNext(w: WorkflowState, allowed: readonly Action[], pick: number): Action | null {
  if (w.phase !== 'connected') return null;
  const c = w.consult ?? null;
  if (!c) return pick % 4 === 0 && allowed.includes('consult') ? 'consult' : null;
  const way: Action = c.state === 'failed' ? 'cancel-consult' : (['complete-transfer', 'complete-conference', 'cancel-consult'] as const)[pick % 3]!;
  return c.state !== 'ringing' && allowed.includes(way) ? way : null;
}

/** The guided step's intent for a consult action (its target), or null for any other action. */
export function consultIntent(action: string): Intent | null {
  return action === 'consult' ? { type: 'consult', targetId: 'agent-miller' } : null;
}

/** Watch one desk's server record (and its session, where it is one) for the consult's invariants. */
export function watchConsult(server: SimulatedServer, agentId: string, session: Pick<Session, 'state$'> | null, problems: string[]): void {
  const transferred = new Set<string>();
  server.listen(agentId, ({ event: e }) => {
    const id = 'interactionId' in e ? e.interactionId : null;
    if (id === null || !transferred.has(id) || e.type === 'closed') {
      if (e.type === 'transferred') transferred.add(e.interactionId);
      return;
    }
    problems.push(`${agentId}: ${e.type} recorded for ${id} after it was transferred`);
  });
  const handle = server.handle.bind(server);
  server.handle = (a, command) => {
    const consulting = Boolean(server.desk(a).state.consult);
    const answer = handle(a, command);
    if (a === agentId && consulting && answer.ok && ONE_STEP.includes(command.type))
      problems.push(`${agentId}: the server took ${command.type} during a consult`);
    return answer;
  };
  if (!session) return;
  const entered = new Set<string>();
  let prev: string | null = null;
  session.state$.subscribe((s) => {
    const w = s.workflow;
    if (w.consult && w.phase !== 'connected') problems.push(`${agentId}: a consult in ${w.phase}`);
    if (w.consult) for (const a of ONE_STEP) if (s.allowed.has(a as never)) problems.push(`${agentId}: ${a} offered during a consult`);
    if (w.phase === 'transferred' && prev !== 'transferred' && w.interaction) {
      if (entered.has(w.interaction.id)) problems.push(`${agentId}: ${w.interaction.id} ended transferred twice`);
      entered.add(w.interaction.id);
    }
    prev = w.phase;
  });
}
