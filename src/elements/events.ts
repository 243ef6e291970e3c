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

export interface InteractionDetail {
  readonly interaction: Interaction;
  readonly campaign: Campaign | null;
  /** The active record of the chain: what a CRM opens its contact page with. */
  readonly record: ContactRecord | undefined;
  readonly phase: Phase;
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
/** An action was refused, by the workflow or the server; nothing changed. */
export class PpRefusedEvent extends PpEvent<{ readonly intent: IntentType; readonly reason: RefusalReason; readonly detail?: string }> {
  static readonly eventName = 'pp-refused';
  constructor(detail: { readonly intent: IntentType; readonly reason: RefusalReason; readonly detail?: string }) {
    super(PpRefusedEvent.eventName, detail);
  }
}
/** The server sent something that could not be trusted; it was ignored. */
export class PpErrorEvent extends PpEvent<ProtocolProblem> {
  static readonly eventName = 'pp-error';
  constructor(detail: ProtocolProblem) {
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

function detailOf(s: WorkflowState): InteractionDetail {
  return { interaction: s.interaction!, campaign: s.campaign, record: s.interaction ? activeRecord(s.interaction.chain) : undefined, phase: s.phase };
}

export function eventFor(n: Notice): Event | null {
  switch (n.kind) {
    case 'offered':
      return new PpPreviewOfferedEvent({ ...detailOf(n.state), policy: previewPolicy(n.state.campaign) });
    case 'accepted':
      return new PpAcceptedEvent(detailOf(n.state));
    case 'rejected':
      return new PpRejectedEvent({ ...detailOf(n.state), auto: n.auto });
    case 'connected':
      return new PpCallConnectedEvent(detailOf(n.state));
    case 'call-ended':
      return new PpCallEndedEvent(detailOf(n.state));
    case 'done':
      return new PpDoneEvent(detailOf(n.state));
    case 'cancelled':
    case 'stale':
    case 'failed':
      return new PpInteractionEndedEvent(detailOf(n.state));
    case 'transferred':
      return new PpInteractionEndedEvent({ ...detailOf(n.state), ...(n.target ? { target: n.target } : {}) });
    case 'refused':
      return new PpRefusedEvent({ intent: n.intent, reason: n.refusal.reason, ...(n.refusal.detail !== undefined ? { detail: n.refusal.detail } : {}) });
    case 'problem':
      return new PpErrorEvent(n.problem);
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
