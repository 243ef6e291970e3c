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
import type { Session } from '../../src/session/session.js';
import { IntentCmd, type Cmd } from './model-commands.js';

/** The simulated server's consult behaviour in the model's runs. */
export const CONSULT_SERVER = { consultOutcomes: ['answer', 'answer', 'refuse', 'no-answer'], consultDelayMs: 300 } as const;

const ONE_STEP: readonly string[] = ['hold', 'retrieve', 'disconnect', 'transfer', 'conference'];

/** The consult's random intents: Consult a transfer or a conference target, then each way out. */
export function consultCommands(agent: fc.Arbitrary<number>): fc.Arbitrary<Cmd>[] {
  const simple = (type: Intent['type']) => agent.map((a) => new IntentCmd(a, () => ({ type }) as Intent, type));
  return [
    fc
      .tuple(agent, fc.constantFrom('agent-miller', 'sup-tanaka', 'nobody'))
      .map(([a, t]) => new IntentCmd(a, () => ({ type: 'consult', targetId: t }), `consult(${t})`)),
    simple('complete-transfer'),
    simple('complete-conference'),
    simple('cancel-consult'),
  ];
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
