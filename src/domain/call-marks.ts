/**
 * The marks the call timers (call-timing.ts) count from where the server gives no timestamp: when a
 * hold began, the holds so far, when wrap-up began, taken with the clock of whoever applies the
 * change (the session's scheduler). A session keeps them from its start, so a hold under way
 * before any timer is shown counts from its start. Pure: `at` is passed in.
 */
import { isLivePhase, type WorkflowState } from './machine.js';

/** What the workflow state itself does not keep: when a hold began, holds so far, when wrap-up began. */
export interface TimingMarks {
  readonly interactionId: string | null;
  /** When the present hold began (epoch ms); null when the call is not held. */
  readonly heldSince: number | null;
  /** Milliseconds of the holds that ended, over the interaction's calls. */
  readonly heldMs: number;
  /** When the last call ended and wrap-up began; null outside wrap-up. */
  readonly wrapupSince: number | null;
  /** When the agent took the preview, where the server did not say (`acceptedAt` null). */
  readonly previewSince: number | null;
}

export const NO_MARKS: TimingMarks = { interactionId: null, heldSince: null, heldMs: 0, wrapupSince: null, previewSince: null };

/** The marks once the workflow is `after`, seen at `at` (the applier's clock). */
export function advanceMarks(m: TimingMarks, after: WorkflowState, at: number): TimingMarks {
  const id = isLivePhase(after.phase) ? (after.interaction?.id ?? null) : null;
  if (id === null) return m.interactionId === null ? m : NO_MARKS;
  let next = m.interactionId === id ? m : { ...NO_MARKS, interactionId: id };
  const wasHeld = next.heldSince !== null;
  const held = Boolean(after.call?.held);
  if (held && !wasHeld) next = { ...next, heldSince: at };
  if (!held && wasHeld) next = { ...next, heldSince: null, heldMs: next.heldMs + Math.max(0, at - next.heldSince!) };
  const wrapping = after.phase === 'after-call';
  if (wrapping && next.wrapupSince === null) next = { ...next, wrapupSince: at };
  if (!wrapping && next.wrapupSince !== null) next = { ...next, wrapupSince: null };
  if (after.phase === 'previewing' && next.previewSince === null) next = { ...next, previewSince: at };
  return next;
}
