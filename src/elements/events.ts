/**
 * Events for the host page. Each is a class with a typed `detail`; all bubble and cross shadow
 * roots, and carry the `pp-` prefix. A CRM listens on the provider (or any ancestor):
 *
 * ```js
 * document.addEventListener('pp-preview-offered', (e) => openContact(e.detail.record));
 * ```
 */
import type { Subscription } from 'rxjs';
import type { IntentType } from '../domain/intents.js';
import type { Phase, WorkflowState } from '../domain/machine.js';
import { previewPolicy, type PreviewPolicy } from '../domain/policy.js';
import type { RefusalReason } from '../domain/reasons.js';
import { activeRecord, type Campaign, type ContactRecord, type Interaction, type Target } from '../domain/types.js';
import type { ProtocolProblem } from '../connectors/port.js';
import type { DeskSession, Notice } from '../session/session.js';

export interface InteractionDetail extends PrimaryDetail {
  readonly interaction: Interaction;
  readonly campaign: Campaign | null;
  /** The active record of the chain: what a CRM opens its contact page with. */
  readonly record: ContactRecord | undefined;
  readonly phase: Phase;
}

/** What every host event's detail carries besides its own fields. */
export interface PrimaryDetail {
  /**
   * True in exactly one of the agent's tabs sharing a session (the tab holding the connection;
   * for `pp-refused`, the tab whose action was refused), false in the others, which fire the
   * event too so that each page can update its own view. Always true where the session is not
   * shared. Do what must happen once per event — log the call in the CRM — only where it is true.
   */
  readonly primary: boolean;
}

abstract class PpEvent<D> extends Event {
  constructor(
    type: string,
    readonly detail: D,
  ) {
    super(type, { bubbles: true, composed: true, cancelable: false });
  }
}

/**
 * A preview was pushed to the agent and is ringing (W-3). `detail.policy` is the campaign's
 * preview policy (issue 16): whether Reject and Cancel are the agent's, what the timeout does.
 */
export class PpPreviewOfferedEvent extends PpEvent<InteractionDetail & { readonly policy: PreviewPolicy }> {
  static readonly eventName = 'pp-preview-offered';
  constructor(detail: InteractionDetail & { readonly policy: PreviewPolicy }) {
    super(PpPreviewOfferedEvent.eventName, detail);
  }
}
/** The agent accepted the preview (W-4). */
export class PpAcceptedEvent extends PpEvent<InteractionDetail> {
  static readonly eventName = 'pp-accepted';
  constructor(detail: InteractionDetail) {
    super(PpAcceptedEvent.eventName, detail);
  }
}
/** The preview was rejected by the agent or by the timeout (W-5, W-6). */
export class PpRejectedEvent extends PpEvent<InteractionDetail & { readonly auto: boolean }> {
  static readonly eventName = 'pp-rejected';
  constructor(detail: InteractionDetail & { readonly auto: boolean }) {
    super(PpRejectedEvent.eventName, detail);
  }
}
/** The contact answered (W-16). */
export class PpCallConnectedEvent extends PpEvent<InteractionDetail> {
  static readonly eventName = 'pp-call-connected';
  constructor(detail: InteractionDetail) {
    super(PpCallConnectedEvent.eventName, detail);
  }
}
/** The call ended; wrap-up begins (W-22). */
export class PpCallEndedEvent extends PpEvent<InteractionDetail> {
  static readonly eventName = 'pp-call-ended';
  constructor(detail: InteractionDetail) {
    super(PpCallEndedEvent.eventName, detail);
  }
}
/** The interaction left the desk: done, cancelled, transferred, stale or failed. */
export class PpInteractionEndedEvent extends PpEvent<InteractionDetail & { readonly target?: Target }> {
  static readonly eventName = 'pp-interaction-ended';
  constructor(detail: InteractionDetail & { readonly target?: Target }) {
    super(PpInteractionEndedEvent.eventName, detail);
  }
}
/** Mark Done succeeded (W-28, W-29). */
export class PpDoneEvent extends PpEvent<InteractionDetail> {
  static readonly eventName = 'pp-done';
  constructor(detail: InteractionDetail) {
    super(PpDoneEvent.eventName, detail);
  }
}
export interface RefusedDetail extends PrimaryDetail {
  readonly intent: IntentType;
  readonly reason: RefusalReason;
  readonly detail?: string;
}

/** An action was refused, by the workflow or the server; nothing changed. */
export class PpRefusedEvent extends PpEvent<RefusedDetail> {
  static readonly eventName = 'pp-refused';
  constructor(detail: RefusedDetail) {
    super(PpRefusedEvent.eventName, detail);
  }
}
/** The server sent something that could not be trusted; it was ignored. */
export class PpErrorEvent extends PpEvent<ProtocolProblem & PrimaryDetail> {
  static readonly eventName = 'pp-error';
  constructor(detail: ProtocolProblem & PrimaryDetail) {
    super(PpErrorEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pp-preview-offered': PpPreviewOfferedEvent;
    'pp-accepted': PpAcceptedEvent;
    'pp-rejected': PpRejectedEvent;
    'pp-call-connected': PpCallConnectedEvent;
    'pp-call-ended': PpCallEndedEvent;
    'pp-interaction-ended': PpInteractionEndedEvent;
    'pp-done': PpDoneEvent;
    'pp-refused': PpRefusedEvent;
    'pp-error': PpErrorEvent;
  }
}

function detailOf(s: WorkflowState, primary: boolean): InteractionDetail {
  return {
    interaction: s.interaction!,
    campaign: s.campaign,
    record: s.interaction ? activeRecord(s.interaction.chain) : undefined,
    phase: s.phase,
    primary,
  };
}

export function eventFor(n: Notice): Event | null {
  const primary = n.mirrored !== true;
  switch (n.kind) {
    case 'offered':
      return new PpPreviewOfferedEvent({ ...detailOf(n.state, primary), policy: previewPolicy(n.state.campaign) });
    case 'accepted':
      return new PpAcceptedEvent(detailOf(n.state, primary));
    case 'rejected':
      return new PpRejectedEvent({ ...detailOf(n.state, primary), auto: n.auto });
    case 'connected':
      return new PpCallConnectedEvent(detailOf(n.state, primary));
    case 'call-ended':
      return new PpCallEndedEvent(detailOf(n.state, primary));
    case 'done':
      return new PpDoneEvent(detailOf(n.state, primary));
    case 'cancelled':
    case 'stale':
    case 'failed':
      return new PpInteractionEndedEvent(detailOf(n.state, primary));
    case 'transferred':
      return new PpInteractionEndedEvent({ ...detailOf(n.state, primary), ...(n.target ? { target: n.target } : {}) });
    case 'refused':
      return new PpRefusedEvent({
        intent: n.intent,
        reason: n.refusal.reason,
        ...(n.refusal.detail !== undefined ? { detail: n.refusal.detail } : {}),
        primary,
      });
    case 'problem':
      return new PpErrorEvent({ ...n.problem, primary });
    default:
      return null;
  }
}

/** Re-dispatch a session's notices as DOM events on `target`. */
export function bridgeEvents(session: DeskSession, target: EventTarget): Subscription {
  return session.notices$.subscribe((n) => {
    const e = eventFor(n);
    if (e) target.dispatchEvent(e);
  });
}
