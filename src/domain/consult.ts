/**
 * Issue 16: the consult (two-step) transfer and conference, a sub-state of the connected call.
 * The agent consults a target while the customer is on hold; once the target answers the agent
 * completes the transfer (the interaction ends `transferred`), makes it a conference (at most
 * {@link MAX_CONFERENCE_PARTIES} parties: agent, customer, target, W-17), or cancels the consult
 * and retrieves the customer. A consult that the target refused or did not answer stays on the
 * desk as `failed` until the agent cancels it (the customer is still on hold until then).
 * Plain data in, plain data out; the machine (machine.ts) and the rule of what each state offers
 * (actions.ts) read it.
 */
import type { WorkflowState } from './machine.js';
import type { Refusal } from './reasons.js';
import { MAX_CONFERENCE_PARTIES, type Campaign, type Target } from './types.js';

/** Where the consult call stands: the target's phone rings, the agent talks with them, or it ended without them. */
export type ConsultState = 'ringing' | 'talking' | 'failed';
/** Why a consult failed: the target refused it, did not answer, or the consult call was released on their side. */
export type ConsultFailure = 'refused' | 'no-answer' | 'released';

export interface Consult {
  readonly target: Target;
  readonly state: ConsultState;
  readonly startedAt: number;
  readonly answeredAt: number | null;
  /** Present once `state` is `failed`. */
  readonly failure?: ConsultFailure;
}

/** The actions of a consult, offered while connected (see {@link consultRefusal}). */
export const CONSULT_ACTIONS = ['consult', 'complete-transfer', 'complete-conference', 'cancel-consult'] as const;
export type ConsultAction = (typeof CONSULT_ACTIONS)[number];

/** What the server says of the consult call. A completed transfer is the machine's `transferred` event. */
export type ConsultEvent =
  /** The consult call to `target` was placed; the customer is on hold. */
  | { readonly type: 'consult-dialing'; readonly interactionId: string; readonly target: Target; readonly at: number }
  | { readonly type: 'consult-answered'; readonly interactionId: string; readonly at: number }
  | { readonly type: 'consult-failed'; readonly interactionId: string; readonly failure: ConsultFailure }
  /**
   * The consult is over: `conferenced` (the target joined the customer's call: one more party,
   * nobody on hold) or not (cancelled: the customer is retrieved by the call event that follows).
   */
  | { readonly type: 'consult-ended'; readonly interactionId: string; readonly conferenced: boolean };

/** Whom the agent may consult: the campaign's transfer and conference targets, each once. */
export function consultTargets(c: Campaign | null): readonly Target[] {
  if (!c) return [];
  const out: Target[] = [...c.transferTargets];
  for (const t of c.conferenceTargets) if (!out.some((x) => x.id === t.id)) out.push(t);
  return out;
}

const full = (s: WorkflowState, more: number) => (s.call?.parties ?? 2) + more > MAX_CONFERENCE_PARTIES;

/**
 * The consult's part of the one rule of what a connected call offers, for every action; null where
 * the consult has nothing to say. During a consult the customer's call is not the agent's to
 * hold, retrieve, disconnect, transfer or conference in one step: the consult is finished first.
 */
export function consultRefusal(s: WorkflowState, action: string): Refusal | null {
  const c = s.consult ?? null;
  switch (action) {
    case 'consult':
      if (c) return { reason: 'consult-active' };
      if (consultTargets(s.campaign).length === 0) return { reason: 'unknown-target' };
      // a consult adds a party: a full conference (W-17) has no room for a 4th
      return full(s, 1) ? { reason: 'conference-full' } : null;
    case 'cancel-consult':
      return c ? null : { reason: 'not-allowed' };
    case 'complete-transfer':
    case 'complete-conference': {
      if (!c) return { reason: 'not-allowed' };
      if (c.state !== 'talking') return { reason: 'consult-not-answered' };
      // the target was picked from the campaign's transfer and conference targets alike: either end is theirs
      return action === 'complete-conference' && full(s, 1) ? { reason: 'conference-full' } : null;
    }
    case 'hold':
    case 'retrieve':
    case 'disconnect':
    case 'transfer':
    case 'conference':
      return c ? { reason: 'consult-active' } : null;
    default:
      return null;
  }
}

/**
 * The machine's step for a consult event: only on the connected call of this interaction, and only
 * in the order ringing → talking → (failed) → ended. Returns `s` itself when the event does not apply.
 */
export function consultTransition(s: WorkflowState, e: ConsultEvent): WorkflowState {
  if (s.phase !== 'connected' || !s.call || s.interaction?.id !== e.interactionId) return s;
  const c = s.consult ?? null;
  switch (e.type) {
    case 'consult-dialing':
      if (c || full(s, 1)) return s;
      return { ...s, consult: { target: e.target, state: 'ringing', startedAt: e.at, answeredAt: null }, call: { ...s.call, held: true } };
    case 'consult-answered':
      if (c?.state !== 'ringing') return s;
      return { ...s, consult: { ...c, state: 'talking', answeredAt: e.at } };
    case 'consult-failed':
      if (!c || c.state === 'failed') return s;
      return { ...s, consult: { ...c, state: 'failed', failure: e.failure } };
    case 'consult-ended':
      if (!c) return s;
      if (!e.conferenced) return { ...s, consult: null };
      if (c.state !== 'talking') return s;
      // a consult starts with room for one more; a server that showed the third party on the call first counted them already
      return { ...s, consult: null, call: { ...s.call, held: false, parties: Math.min(MAX_CONFERENCE_PARTIES, s.call.parties + 1) } };
  }
}
