/**
 * Intents: what the agent asks for. The machine says whether the phase offers it
 * ({@link refusalFor}); {@link checkIntent} adds the rules that depend on what was typed.
 */
import { refusalFor, type Action, type WorkflowState } from './machine.js';
import { checkPhone } from './phone.js';
import type { Refusal } from './reasons.js';
import { callingWindowRefusal, doNotCallRefusal } from './dial-rules.js';
import { inCallingWindow } from './time.js';
import { consultTargets } from './consult.js';
import { PUSH_PREVIEW_MEDIA, activeRecord, type CallResult, type CallbackType, type MediaType, type PhoneType, PHONE_TYPES } from './types.js';

export type Intent =
  | { readonly type: 'login'; readonly mediaTypes: readonly MediaType[] }
  | { readonly type: 'logout' }
  | { readonly type: 'ready' }
  | { readonly type: 'not-ready' }
  | { readonly type: 'accept' }
  | { readonly type: 'reject' }
  | {
      readonly type: 'connect';
      readonly number?: string;
      /** Outside the contact's calling window, the agent's confirmation given on purpose. */
      readonly outsideWindow?: 'confirmed';
    }
  | { readonly type: 'cancel' }
  | { readonly type: 'transfer'; readonly targetId: string }
  | { readonly type: 'conference'; readonly targetId: string }
  | { readonly type: 'hold' }
  | { readonly type: 'retrieve' }
  | { readonly type: 'start-recording' }
  | { readonly type: 'stop-recording' }
  | { readonly type: 'disconnect' }
  | { readonly type: 'update-record'; readonly handle: number; readonly fields: Readonly<Record<string, string>> }
  | { readonly type: 'add-chained-record'; readonly phone: string; readonly phoneType: PhoneType }
  | { readonly type: 'set-active-record'; readonly handle: number }
  | { readonly type: 'reschedule'; readonly at: number; readonly callbackType: CallbackType }
  | { readonly type: 'set-call-result'; readonly callResult: CallResult | null }
  | { readonly type: 'mark-do-not-call'; readonly value: boolean }
  | { readonly type: 'set-disposition'; readonly code: string | null }
  | { readonly type: 'mark-done' }
  /** Issue 16: Mark Done, then Not Ready; if Mark Done is refused the agent's status stays. */
  | { readonly type: 'done-and-stop' }
  /** Issue 16: more time for wrap-up (the campaign says how often and how much). */
  | { readonly type: 'extend-wrapup' }
  /** Issue 16: consult a target first (the customer on hold), then complete, conference or cancel. */
  | { readonly type: 'consult'; readonly targetId: string }
  | { readonly type: 'complete-transfer' }
  | { readonly type: 'complete-conference' }
  | { readonly type: 'cancel-consult' }
  | { readonly type: 'dismiss' };

export type IntentType = Intent['type'];

// Every intent is an action of the machine, by the same name.
type _Same = IntentType extends Action ? (Action extends IntentType ? true : never) : never;
export const intentIsAction: _Same = true;

export const MAX_FIELD_NAME = 64;
export const MAX_FIELD_VALUE = 2000;

// Control characters other than tab and newlines have no place in a record field.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function checkFields(fields: Readonly<Record<string, string>>): Refusal | null {
  for (const [name, value] of Object.entries(fields)) {
    if (
      typeof value !== 'string' ||
      !/^[A-Za-z_][\w.-]*$/.test(name) ||
      name.length > MAX_FIELD_NAME ||
      value.length > MAX_FIELD_VALUE ||
      CONTROL.test(value)
    ) {
      return { reason: 'invalid-field', detail: name };
    }
  }
  return null;
}

export interface IntentContext {
  /** The current time (epoch ms). */
  readonly now: number;
  /** Record edits or a new chained number typed and not yet saved. */
  readonly unsaved: boolean;
  /** The number the agent edited to dial (W-9), when Connect carries none of its own. */
  readonly dialNumber?: string | null;
}

/** Null when the intent may be sent; otherwise the reason, and the state stays as it was. */
export function checkIntent(state: WorkflowState, intent: Intent, ctx: IntentContext): Refusal | null {
  const phaseRefusal = refusalFor(state, intent.type);
  if (phaseRefusal) return phaseRefusal;
  const interaction = state.interaction;
  const campaign = state.campaign;
  const chain = interaction?.chain;
  const record = chain ? activeRecord(chain) : undefined;

  switch (intent.type) {
    case 'login': // W-1
      return intent.mediaTypes.includes(PUSH_PREVIEW_MEDIA) ? null : { reason: 'media-type-required' };
    case 'connect': {
      // W-7, W-9: the number dialed is the intent's, else the agent's edited one, else the record's.
      const number = intent.number ?? ctx.dialNumber ?? undefined;
      if (number !== undefined && record && !checkPhone(number, record.country).ok) return { reason: 'invalid-number', detail: number };
      // W-25: never a Do Not Call number; then the calling window, unless confirmed on purpose.
      return doNotCallRefusal(state, number ?? record?.phone) ?? callingWindowRefusal(state, ctx.now, intent.outsideWindow === 'confirmed');
    }
    case 'conference':
      return campaign?.conferenceTargets.some((t) => t.id === intent.targetId) ? null : { reason: 'unknown-target' };
    case 'consult': // issue 16
      return consultTargets(campaign).some((t) => t.id === intent.targetId) ? null : { reason: 'unknown-target' };
    case 'update-record': // W-12, W-15
      if (!chain?.records.some((r) => r.handle === intent.handle)) return { reason: 'unknown-record' };
      return checkFields(intent.fields);
    case 'add-chained-record': // W-13
      if (!PHONE_TYPES.includes(intent.phoneType)) return { reason: 'invalid-field', detail: 'phoneType' };
      return record && checkPhone(intent.phone, record.country).ok ? null : { reason: 'invalid-number', detail: intent.phone };
    case 'set-active-record': // W-8, W-26
      return chain?.records.some((r) => r.handle === intent.handle) ? null : { reason: 'unknown-record' };
    case 'reschedule': // W-14
      if (!Number.isFinite(intent.at) || intent.at <= ctx.now) return { reason: 'invalid-time' };
      if (!record) return { reason: 'unknown-record' };
      return inCallingWindow(intent.at, record) ? null : { reason: 'outside-calling-window' };
    case 'set-call-result': // W-24
      return intent.callResult === null || campaign?.callResults.includes(intent.callResult) ? null : { reason: 'invalid-field', detail: 'callResult' };
    case 'set-disposition': // W-29
      return intent.code === null || campaign?.dispositionCodes.some((d) => d.code === intent.code)
        ? null
        : { reason: 'invalid-field', detail: 'dispositionCode' };
    case 'cancel': // W-10, W-11: the interaction leaves the desk — nothing typed may go with it
    case 'transfer':
    case 'complete-transfer': // issue 16: as the one-step transfer
      if (intent.type === 'transfer' && !campaign?.transferTargets.some((t) => t.id === intent.targetId)) return { reason: 'unknown-target' };
      return ctx.unsaved ? { reason: 'unsaved-changes' } : null;
    case 'mark-done': // W-28, W-29
    case 'done-and-stop': // issue 16: Mark Done's own rules
      if (campaign && campaign.dispositionRequired && campaign.dispositionCodes.length > 0 && !state.wrapup.dispositionCode) {
        return { reason: 'disposition-required' };
      }
      return ctx.unsaved ? { reason: 'unsaved-changes' } : null;
    default:
      return null;
  }
}
