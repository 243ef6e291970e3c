/**
 * What the session does itself when a deadline passes: the accept timeout (W-6, by the campaign's
 * policy) and the end of wrap-up's time (issue 16: the defaults, then Mark Done or Not Ready; a
 * refused Mark Done is shown and retried once). The session hands in its own means.
 */
import type { Intent, IntentType } from '../domain/intents.js';
import type { WorkflowEvent } from '../domain/machine.js';
import { onTimeoutOf } from '../domain/policy.js';
import type { Refusal } from '../domain/reasons.js';
import type { Command, Result } from '../connectors/port.js';
import type { SessionState } from './types.js';

/** How long after a refused Mark Done at wrap-up's end it is sent once more. */
export const WRAPUP_RETRY_MS = 5000;

export interface DeadlineHost {
  now(): number;
  state(): SessionState;
  apply(event: WorkflowEvent): void;
  request(intent: IntentType, command: Command, quiet?: boolean): Promise<Result<void>>;
  dispatch(intent: Intent): Promise<Result<void>>;
  refuse(intent: IntentType, refusal: Refusal): Result<void>;
  /** Run `work` after `delayMs` unless the session is disposed first. */
  later(work: () => void, delayMs: number): void;
}

const here = (s: SessionState, phase: string, id: string) => s.workflow.phase === phase && s.workflow.interaction?.id === id;

/**
 * W-6: Accept not clicked in time. The campaign's policy decides; the seed's default rejects.
 * The deadline is the session's own: it fires even while a request is under way (an Accept
 * sent at the last moment), and if the server took the interaction first the reject it
 * refuses changes nothing and is not shown as an error.
 */
export async function acceptTimedOut(host: DeadlineHost, interactionId: string): Promise<void> {
  const s = host.state();
  if (!here(s, 'ringing', interactionId) || s.pending === 'reject') return;
  host.apply({ type: 'tick', at: host.now() });
  const policy = s.workflow.campaign?.timeoutPolicy ?? 'reject';
  if (policy === 'dial') {
    // One request at a time: no Accept beside the one under way. The agent is told the deadline
    // passed (a timeout refusal, nothing else changed); the server's own deadline decides.
    if (s.pending !== null) return void host.refuse('accept', { reason: 'timeout' });
    const accepted = await host.request('accept', { type: 'accept', interactionId });
    if (accepted.ok) await host.dispatch({ type: 'connect' });
    return;
  }
  const rejected = await host.request('reject', { type: 'reject', interactionId, auto: true }, true);
  if (!rejected.ok && here(host.state(), 'ringing', interactionId)) host.refuse('reject', rejected.refusal);
  if (policy === 'not-ready' && host.state().workflow.agent.status === 'ready') await host.dispatch({ type: 'not-ready' });
}

/**
 * Issue 16: wrap-up's time is up. The campaign's defaults fill what the agent left empty (once
 * per interaction: the machine says so); then Mark Done is sent — refused, it is shown and sent
 * once more after {@link WRAPUP_RETRY_MS} — or, by the campaign's setting, the agent is set Not Ready.
 */
export async function wrapupTimedOut(host: DeadlineHost, interactionId: string): Promise<void> {
  if (!here(host.state(), 'after-call', interactionId)) return;
  host.apply({ type: 'tick', at: host.now() });
  const before = host.state().workflow;
  host.apply({ type: 'wrapup-timeout', interactionId });
  const after = host.state().workflow;
  if (after === before) return;
  if (onTimeoutOf(after.campaign) === 'not-ready') {
    if (after.agent.status === 'ready') await host.dispatch({ type: 'not-ready' });
    return;
  }
  const first = await host.dispatch({ type: 'mark-done' });
  if (first.ok) return;
  host.later(() => {
    if (here(host.state(), 'after-call', interactionId)) void host.dispatch({ type: 'mark-done' });
  }, WRAPUP_RETRY_MS);
}
