/**
 * Why an action was refused. The elements translate these codes into the agent's language;
 * the server's own text, when there is one, travels beside the code as `detail`.
 */
export const REFUSAL_REASONS = [
  /** The action is not offered in this phase of the workflow. */
  'not-allowed',
  /** Another request of this session is still under way (no double submit). */
  'busy',
  /** W-1: no push preview media type chosen at login. */
  'media-type-required',
  /** W-29: a disposition code must be picked before Mark Done. */
  'disposition-required',
  /** Record edits or a new chained number are not saved yet. */
  'unsaved-changes',
  /** W-17: the conference already has three parties. */
  'conference-full',
  /** Issue 16: a consult is under way; it is completed or cancelled first. */
  'consult-active',
  /** Issue 16: the consulted target has not answered (or refused): nothing to complete yet. */
  'consult-not-answered',
  /** W-20: recording needs a SIP line. */
  'recording-unavailable',
  'invalid-number',
  'invalid-field',
  'invalid-time',
  'outside-calling-window',
  /** Connect outside the contact's calling window: sent only once the agent confirms it on purpose. */
  'outside-calling-window-confirm',
  /** Connect outside the contact's calling window, where the campaign never dials outside it. */
  'calling-window-closed',
  /** W-25: the number (or, by the campaign's scope, the contact) is marked Do Not Call. */
  'do-not-call',
  /** Issue 16: the campaign does not let the agent take this action (Reject or Cancel). */
  'disabled-by-campaign',
  /** Issue 16: wrap-up was extended as often as the campaign allows. */
  'extend-limit',
  /** W-30: the record went stale; the server refuses every request about it. */
  'stale',
  'not-owner',
  /** The server's own capability list lacks the action right now. */
  'not-offered',
  'unknown-record',
  'unknown-target',
  'timeout',
  /** No connection to the server right now (not yet, or lost and being retried): nothing was sent. */
  'offline',
  'network',
  'aborted',
  'server-error',
  'malformed-response',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === 'string' && (REFUSAL_REASONS as readonly string[]).includes(value);
}

export interface Refusal {
  readonly reason: RefusalReason;
  /** The server's or validator's own words, if any (shown under the translated reason). */
  readonly detail?: string;
}
