/**
 * Call timers: how long the agent has been in preview, on the call, on hold (this hold and in all)
 * and in wrap-up. The server's own timestamps count where it gives them (the accept's `at`, the
 * call's `startedAt` and `connectedAt`); what it does not stamp (a hold, the end of a call) is
 * marked with the clock of whoever applies the change — the session's scheduler — by
 * `advanceMarks` (call-marks.ts; a session keeps the marks from its start). Pure: the marks and
 * `now` are passed in.
 */
import type { WorkflowState } from './machine.js';
import { NO_MARKS, type TimingMarks } from './call-marks.js';

/** Seconds shown by each timer; null where the timer does not apply in this state. */
export interface CallTimes {
  readonly preview: number | null;
  readonly call: number | null;
  /** This hold. */
  readonly hold: number | null;
  /** Every hold of the interaction, this one included; null before the first. */
  readonly holdTotal: number | null;
  readonly wrapup: number | null;
}

const secs = (from: number | null | undefined, now: number): number | null => (from == null ? null : Math.max(0, Math.floor((now - from) / 1000)));

export function callTimes(w: WorkflowState, m: TimingMarks, now: number): CallTimes {
  const mine = m.interactionId !== null && m.interactionId === w.interaction?.id;
  const marks = mine ? m : NO_MARKS;
  const holdNow = marks.heldSince === null ? 0 : Math.max(0, now - marks.heldSince);
  const calling = w.phase === 'dialing' || w.phase === 'connected';
  return {
    preview: w.phase === 'previewing' ? secs(w.interaction?.acceptedAt ?? marks.previewSince, now) : null,
    call: calling && w.call ? secs(w.call.connectedAt ?? w.call.startedAt, now) : null,
    hold: calling && marks.heldSince !== null ? secs(marks.heldSince, now) : null,
    holdTotal: calling && (marks.heldSince !== null || marks.heldMs > 0) ? Math.floor((marks.heldMs + holdNow) / 1000) : null,
    wrapup: w.phase === 'after-call' ? secs(marks.wrapupSince, now) : null,
  };
}

/** `m:ss`, or `h:mm:ss` from an hour on. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/**
 * When a shown timer's whole second next turns (epoch ms), after `now`; null when none runs (a
 * timer that is not counting, such as the total of ended holds, never turns). A display ticks
 * at these instants, so each value changes on its own second and not up to a second late.
 */
export function nextTurn(w: WorkflowState, m: TimingMarks, now: number): number | null {
  const mine = m.interactionId !== null && m.interactionId === w.interaction?.id;
  const marks = mine ? m : NO_MARKS;
  const calling = w.phase === 'dialing' || w.phase === 'connected';
  const origins: (number | null | undefined)[] = [
    w.phase === 'previewing' ? (w.interaction?.acceptedAt ?? marks.previewSince) : null,
    calling && w.call ? (w.call.connectedAt ?? w.call.startedAt) : null,
    calling ? marks.heldSince : null,
    calling && marks.heldSince !== null ? marks.heldSince - marks.heldMs : null,
    w.phase === 'after-call' ? marks.wrapupSince : null,
  ];
  let next: number | null = null;
  for (const o of origins) {
    if (o == null) continue;
    const at = now < o ? o + 1000 : o + (Math.floor((now - o) / 1000) + 1) * 1000;
    if (next === null || at < next) next = at;
  }
  return next;
}
