/**
 * Which action each state of the workflow offers, and why one is refused: the single rule
 * elements show, hide or disable their controls from. Rules carry the W-ids of
 * shared/spec/workflow.md.
 */
import type { Phase, WorkflowState } from './machine.js';
import type { Refusal } from './reasons.js';
import { doNotCallRefusal } from './dial-rules.js';
import { extendRefusal, policyRefusal } from './policy.js';
import { MAX_CONFERENCE_PARTIES } from './types.js';
import { CONSULT_ACTIONS, consultRefusal } from './consult.js';

/** Every action an agent can take. Each is offered only where {@link refusalFor} says so. */
export const ACTIONS = [
  'login',
  'logout',
  'ready',
  'not-ready',
  'accept',
  'reject',
  'connect',
  'cancel',
  'transfer',
  'conference',
  'hold',
  'retrieve',
  'start-recording',
  'stop-recording',
  'disconnect',
  'update-record',
  'add-chained-record',
  'reschedule',
  'set-active-record',
  'set-call-result',
  'mark-do-not-call',
  'set-disposition',
  'mark-done',
  /** Issue 16: Mark Done, then set the agent Not Ready (only once Mark Done is taken). */
  'done-and-stop',
  /** Issue 16: more time for wrap-up, as often and as long as the campaign allows. */
  'extend-wrapup',
  /** Issue 16: consult a target (the customer on hold), then complete, conference or cancel (consult.ts). */
  'consult',
  'complete-transfer',
  'complete-conference',
  'cancel-consult',
  'dismiss',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Which actions each phase offers, by the source's own words. The comments are the W-ids.
 * Conditions that depend on more than the phase are in {@link refusalFor}.
 */
const PHASE_ACTIONS: Readonly<Record<Phase, readonly Action[]>> = {
  'logged-out': ['login'], // W-1
  'not-ready': ['ready', 'logout'], // W-2
  ready: ['not-ready', 'logout'], // W-2
  ringing: ['accept', 'reject'], // W-3, W-4, W-5, W-6
  previewing: [
    'connect', // W-7
    'set-active-record', // W-8
    'cancel', // W-10
    'transfer', // W-11
    'update-record', // W-12, W-15 (Edit, then Update Record; W-9 edits the number to dial)
    'add-chained-record', // W-13
    'reschedule', // W-14
    'set-disposition', // W-29: a code can be picked without dialing
    'mark-done', // W-28, W-29
    'done-and-stop', // issue 16: Mark Done and Not Ready in one
  ],
  dialing: ['disconnect', 'update-record', 'add-chained-record', 'reschedule'], // W-16, W-21
  connected: [
    'conference', // W-17
    'transfer', // W-18
    'hold', // W-19
    'retrieve', // W-19
    'start-recording', // W-20
    'stop-recording', // W-20
    'update-record', // W-21
    'add-chained-record', // W-21
    'reschedule', // W-21
    'disconnect', // W-22
    ...CONSULT_ACTIONS, // issue 16: the two-step transfer and conference
  ],
  'after-call': [
    'transfer', // W-23
    'set-call-result', // W-24
    'mark-do-not-call', // W-25
    'set-active-record', // W-26
    'connect', // W-26: dial the newly active record
    'add-chained-record', // W-27
    'reschedule', // W-27
    'update-record', // W-21 carries on into wrap-up
    'set-disposition', // W-29
    'mark-done', // W-28, W-29
    'done-and-stop', // issue 16
    'extend-wrapup', // issue 16: the after-call work timer
  ],
  done: ['dismiss', 'logout'],
  rejected: ['dismiss', 'logout'],
  cancelled: ['dismiss', 'logout'],
  transferred: ['dismiss', 'logout'],
  stale: ['dismiss'], // W-30: nothing but closing it
  failed: ['dismiss'],
};

/** Agent status changes are offered in every phase once logged in. */
function statusAction(state: WorkflowState, action: Action): boolean {
  if (state.agent.status === 'logged-out') return false;
  if (action === 'ready') return state.agent.status === 'not-ready';
  if (action === 'not-ready') return state.agent.status === 'ready';
  return false;
}

/**
 * Does this phase offer `action` at all? Controls not offered are absent; controls offered but
 * refused for another reason ({@link refusalFor}) are shown disabled with that reason.
 */
export function offeredIn(state: WorkflowState, action: Action): boolean {
  if (action === 'ready' || action === 'not-ready') return statusAction(state, action);
  return PHASE_ACTIONS[state.phase].includes(action);
}

/**
 * Why `action` is not offered in `state`, or null when it is. The single rule of what each
 * state allows: elements show, hide or disable their controls from it. `by: 'system'` is the
 * desk's own deadline (the auto-reject of W-6): the campaign's policy binds the agent, not it.
 */
export function refusalFor(state: WorkflowState, action: Action, by: 'agent' | 'system' = 'agent'): Refusal | null {
  if (action === 'ready' || action === 'not-ready') {
    return statusAction(state, action) ? null : { reason: 'not-allowed' };
  }
  if (!PHASE_ACTIONS[state.phase].includes(action)) {
    return { reason: state.phase === 'stale' ? 'stale' : 'not-allowed' };
  }
  const local = (by === 'agent' ? policyRefusal(state.campaign, action) : null) ?? consultRefusal(state, action) ?? workflowRefusal(state, action);
  if (local) return local;
  // The server's capabilities, where it states them, have the last word.
  if (state.serverActions && SERVER_GATED.includes(action) && !state.serverActions.includes(action)) return { reason: 'not-offered' };
  return null;
}

/** What the workflow itself says beyond the phase (conference size, SIP, targets, chain). */
function workflowRefusal(state: WorkflowState, action: Action): Refusal | null {
  const call = state.call;
  switch (action) {
    case 'conference':
      return call && call.parties >= MAX_CONFERENCE_PARTIES ? { reason: 'conference-full' } : null; // W-17
    case 'hold':
      return call?.held ? { reason: 'not-allowed' } : null; // W-19
    case 'retrieve':
      return call?.held ? null : { reason: 'not-allowed' }; // W-19
    case 'start-recording':
    case 'stop-recording':
      if (state.campaign?.telephony !== 'sip') return { reason: 'recording-unavailable' }; // W-20
      return (action === 'start-recording') === Boolean(call?.recording) ? { reason: 'not-allowed' } : null;
    case 'transfer':
      return state.campaign && state.campaign.transferTargets.length > 0 ? null : { reason: 'unknown-target' };
    case 'set-disposition':
      return state.campaign && state.campaign.dispositionCodes.length > 0 ? null : { reason: 'not-allowed' };
    case 'set-active-record':
      return state.interaction && state.interaction.chain.records.length > 1 ? null : { reason: 'not-allowed' };
    case 'connect':
      return doNotCallRefusal(state); // W-25: the active record (the number to dial: checkIntent)
    case 'extend-wrapup':
      return extendRefusal(state.campaign, state.afterCallTimer); // issue 16
    default:
      return null;
  }
}

export function allowedActions(state: WorkflowState): ReadonlySet<Action> {
  return new Set(ACTIONS.filter((a) => refusalFor(state, a) === null));
}

/** Actions a server's capability lists speak for (Genesys: the interaction's and the call's). */
export const SERVER_GATED: readonly Action[] = ['accept', 'reject', 'hold', 'retrieve', 'conference', 'start-recording', 'stop-recording', 'disconnect'];
