/**
 * The one rule of "is this action offered, is it enabled, and if not, why": elements render their
 * controls from it (absent, disabled with the reason, enabled), the session refuses intents with
 * it, and the tests check both against it. Plain data in, plain data out.
 */
import { ACTIONS, offeredIn, refusalFor, type Action, type WorkflowState } from './machine.js';
import type { Refusal } from './reasons.js';
import { extensionsOf } from './policy.js';
import { consultTargets } from './consult.js';

/** What besides the workflow decides: the connection and the request under way. */
export interface DeskFacts {
  readonly workflow: WorkflowState;
  /** Is the connection to the server up (nothing is sent otherwise)? */
  readonly online: boolean;
  /** The request under way, if any: every action waits for it (no double submit, no race). */
  readonly pending: Action | null;
}

export interface ActionStatus {
  /** Does the phase offer the action at all? Controls not offered are absent. */
  readonly offered: boolean;
  /** Is its control shown (offered, and the variant the state calls for: Hold or Retrieve…)? */
  readonly shown: boolean;
  /** Why it cannot be taken now; null when it can. Shown controls with a refusal are disabled. */
  readonly refusal: Refusal | null;
}

/** The control an element shows for an offered action, where the state picks one of a pair. */
function shownIn(w: WorkflowState, action: Action): boolean {
  const c = w.campaign;
  const consulting = Boolean(w.consult);
  switch (action) {
    // issue 16: during a consult the customer's one-step controls give way to the consult's
    case 'consult':
      return !consulting && consultTargets(c).length > 0;
    case 'complete-transfer':
    case 'complete-conference':
    case 'cancel-consult':
      return consulting;
  }
  if (consulting && (action === 'hold' || action === 'retrieve' || action === 'transfer' || action === 'conference')) return false;
  switch (action) {
    case 'hold':
      return !w.call?.held;
    case 'retrieve':
      return Boolean(w.call?.held);
    case 'start-recording':
      return !w.call?.recording;
    case 'stop-recording':
      return Boolean(w.call?.recording);
    case 'set-active-record':
      return (w.interaction?.chain.records.length ?? 0) > 1;
    case 'transfer':
      return (c?.transferTargets.length ?? 0) > 0;
    case 'conference':
      return (c?.conferenceTargets.length ?? 0) > 0;
    case 'extend-wrapup':
      return extensionsOf(c).max > 0 && Boolean(w.afterCallTimer);
    default:
      return true;
  }
}

export function actionStatus(facts: DeskFacts, action: Action): ActionStatus {
  const w = facts.workflow;
  const offered = offeredIn(w, action);
  const shown = offered && shownIn(w, action);
  const refusal: Refusal | null = !offered
    ? refusalFor(w, action)
    : facts.pending !== null
      ? { reason: 'busy' }
      : !facts.online
        ? { reason: 'offline' }
        : refusalFor(w, action);
  return { offered, shown, refusal };
}

/** Every action that can be taken now. */
export function enabledActions(facts: DeskFacts): ReadonlySet<Action> {
  return new Set(ACTIONS.filter((a) => actionStatus(facts, a).refusal === null));
}
