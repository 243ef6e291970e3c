/**
 * Checks of the model-based test (test/session/model.ts) kept apart from its commands:
 * - the independent reference (./reference.ts): every event the server records and every phase
 *   change and offer the session makes are checked against the rules as the spec states them;
 * - W-5 reject-to-top: a rejected chain is back at the TOP of the calling list the moment the
 *   server takes the reject (before the next push can take it);
 * - every draft kind (record fields, the new chained number, the number to dial, the callback
 *   time): none lost while its interaction is on the desk and the server has not confirmed it.
 */
import type { SimulatedServer } from '../../src/connectors/simulated/server.js';
import type { Intent } from '../../src/domain/intents.js';
import type { Drafts } from '../../src/session/drafts.js';
import type { Session } from '../../src/session/session.js';
import type { SessionState } from '../../src/session/types.js';
import { ReferenceDesk, offerProblem } from './reference.js';

/** Watch one desk: the server's record and the session, both against the reference. */
export function watchReference(server: SimulatedServer, agentId: string, session: Pick<Session, 'state$'>, problems: string[]): ReferenceDesk {
  const ref = new ReferenceDesk();
  server.listen(agentId, (m) => {
    const broke = ref.apply(m.event);
    if (broke) problems.push(`${agentId}: the server recorded what the rules do not allow: ${broke}`);
  });
  let prev: SessionState | null = null;
  session.state$.subscribe((s) => {
    const w = s.workflow;
    if (prev && prev.workflow.phase !== w.phase && !ref.movable(prev.workflow.phase, w.phase, w.interaction?.id ?? null)) {
      problems.push(`${agentId}: the session moved ${prev.workflow.phase} → ${w.phase} (${w.interaction?.id ?? '-'}): no rule of the reference does that`);
    }
    const offered = offerProblem(w.phase, w.agent.status, s.allowed);
    if (offered) problems.push(`${agentId}: ${offered}`);
    prev = s;
  });
  return ref;
}

/** W-5: after the server takes a reject, the chain is at the top of the calling list. */
export function watchRejectToTop(server: SimulatedServer, problems: string[]): void {
  const handle = server.handle.bind(server);
  server.handle = (agentId, command) => {
    const chainId = server.desk(agentId).state.interaction?.chain.chainId;
    const answer = handle(agentId, command);
    if (answer.ok && answer.value.some((m) => m.event.type === 'rejected') && server.callingList[0]?.chainId !== chainId) {
      const at = server.callingList.findIndex((c) => c.chainId === chainId);
      problems.push(`W-5: rejected chain ${chainId} is at ${at} of the calling list, not its top`);
    }
    return answer;
  };
}

/** One thing the agent typed and the server has not confirmed. */
export type Typed =
  | { readonly kind: 'field'; readonly interactionId: string; readonly handle: number; readonly name: string; readonly value: string }
  | { readonly kind: 'new-chained'; readonly interactionId: string; readonly phone: string }
  | { readonly kind: 'dial-number'; readonly interactionId: string; readonly value: string }
  | { readonly kind: 'reschedule'; readonly interactionId: string; readonly date: string; readonly time: string };

/** What typing `value` as a draft of `kind` on the interaction's active record (`handle`) means. */
export function typedOf(kind: Typed['kind'], value: string, interactionId: string, handle: number): Typed {
  switch (kind) {
    case 'field':
      return { kind: 'field', interactionId, handle, name: 'notes', value };
    case 'new-chained':
      return { kind: 'new-chained', interactionId, phone: value };
    case 'dial-number':
      return { kind: 'dial-number', interactionId, value };
    case 'reschedule':
      return { kind: 'reschedule', interactionId, date: '2026-12-02', time: value };
  }
}

export const typedKey = (agent: number, t: Typed) => `${agent}:${t.kind}${t.kind === 'field' ? `:${t.handle}:${t.name}` : ''}`;

/** Is what was typed still in the drafts (or, for fields, saved by the server)? */
export function draftKept(s: SessionState, t: Typed): boolean {
  const d: Drafts = s.drafts;
  switch (t.kind) {
    case 'field': {
      const saved = s.workflow.interaction?.chain.records.find((x) => x.handle === t.handle)?.fields[t.name];
      return saved === t.value || d.fields[t.handle]?.[t.name] === t.value;
    }
    case 'new-chained':
      return d.newChained?.phone === t.phone;
    case 'dial-number':
      return d.dialNumber === t.value;
    case 'reschedule':
      return d.reschedule?.date === t.date && d.reschedule.time === t.time;
  }
}

/** Has the server confirmed it (so the session may drop it)? `intent` answered ok just now, if any. */
export function confirmed(s: SessionState, t: Typed, intent: Intent | null): boolean {
  if (s.workflow.interaction?.id !== t.interactionId) return true; // off the desk: no longer watched
  switch (t.kind) {
    case 'field':
      return s.workflow.interaction.chain.records.find((x) => x.handle === t.handle)?.fields[t.name] === t.value;
    case 'new-chained':
      return intent?.type === 'add-chained-record' && intent.phone === t.phone;
    case 'dial-number':
      // dialed as typed, or another record made active (its number is not this one's: W-8, W-26)
      return (intent?.type === 'connect' && (intent.number === undefined || intent.number === t.value)) || intent?.type === 'set-active-record';
    case 'reschedule':
      return intent?.type === 'reschedule';
  }
}

/** Any problem the watchers saw, and every typed draft still there while its interaction is on the desk. */
export function checkWatched(problems: string[], typed: Map<string, { agent: number; t: Typed }>, sessions: readonly { readonly state: SessionState }[]): void {
  if (problems.length) throw new Error(problems[0]);
  for (const { agent, t } of typed.values()) {
    const s = sessions[agent]!.state;
    if (s.workflow.interaction?.id !== t.interactionId) continue;
    if (!draftKept(s, t)) throw new Error(`draft ${JSON.stringify(t)} lost in ${s.workflow.phase}`);
  }
}
