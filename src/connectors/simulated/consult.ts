/**
 * Issue 16: the simulated server's consult (two-step) transfer and conference. The consult call
 * rings for `consultDelayMs`, then the target answers, refuses or does not answer (drawn from
 * `consultOutcomes` with the seed, like the dial outcomes); complete-transfer, complete-conference
 * and cancel-consult do what a switch does. The server's desk runs the session's machine, so what
 * the workflow refuses was refused before this runs (server.ts checks {@link refusalFor}).
 */
import { consultTargets } from '../../domain/consult.js';
import type { WorkflowEvent, WorkflowState } from '../../domain/machine.js';
import { ok, refused, type Command, type Result } from '../port.js';

/** What the consulted target does: answers, refuses the call, or lets it ring out. */
export type ConsultOutcome = 'answer' | 'refuse' | 'no-answer';

export type ConsultCommand = Extract<Command, { type: 'consult' | 'complete-transfer' | 'complete-conference' | 'cancel-consult' }>;

export const isConsultCommand = (c: Command): c is ConsultCommand =>
  c.type === 'consult' || c.type === 'complete-transfer' || c.type === 'complete-conference' || c.type === 'cancel-consult';

/** The server's means, lent for one command. */
export interface ConsultHost {
  now(): number;
  state(): WorkflowState;
  /** Emit as part of the command's answer. */
  emit(e: WorkflowEvent): void;
  /** Emit later, on its own (the target answering). */
  emitLater(e: () => WorkflowEvent | null, delayMs: number): void;
  /** Draw the target's answer. */
  outcome(): ConsultOutcome;
  readonly delayMs: number;
  /** The interaction left the agent (a completed transfer): the next preview follows. */
  finish(): void;
}

/** Run one consult command; answered with `answer` (the messages it caused) unless refused. */
export function simulateConsult<T>(h: ConsultHost, command: ConsultCommand, answer: T): Result<T> {
  const s = h.state();
  const interactionId = command.interactionId;
  switch (command.type) {
    case 'consult': {
      const target = consultTargets(s.campaign).find((t) => t.id === command.targetId);
      if (!target) return refused('unknown-target');
      h.emit({ type: 'consult-dialing', interactionId, target, at: h.now() });
      const outcome = h.outcome();
      h.emitLater(() => {
        const c = h.state().consult;
        if (h.state().interaction?.id !== interactionId || c?.state !== 'ringing' || c.target.id !== target.id) return null;
        if (outcome === 'answer') return { type: 'consult-answered', interactionId, at: h.now() };
        return { type: 'consult-failed', interactionId, failure: outcome === 'refuse' ? 'refused' : 'no-answer' };
      }, h.delayMs);
      return ok(answer);
    }
    case 'complete-transfer':
      h.emit({ type: 'transferred', interactionId, target: s.consult!.target });
      h.finish();
      return ok(answer);
    case 'complete-conference':
      h.emit({ type: 'consult-ended', interactionId, conferenced: true });
      return ok(answer);
    case 'cancel-consult':
      // the consult call is released, then the customer retrieved
      h.emit({ type: 'consult-ended', interactionId, conferenced: false });
      h.emit({ type: 'call', interactionId, call: { ...s.call!, held: false } });
      return ok(answer);
  }
}
