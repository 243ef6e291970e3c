/**
 * The push preview domain: agents, campaigns, records, chains and interactions.
 * Plain data, no lit and no DOM: this folder runs in Node and in the browser alike.
 */

/** Media types an agent may choose at login (W-1). `voice-preview` is the push preview one. */
export type MediaType = string;
export const PUSH_PREVIEW_MEDIA: MediaType = 'voice-preview';

export type AgentStatus = 'logged-out' | 'not-ready' | 'ready';

export interface Agent {
  readonly id: string;
  readonly name: string;
  readonly status: AgentStatus;
  /** Media types chosen at login; push preview needs {@link PUSH_PREVIEW_MEDIA} among them (W-1). */
  readonly mediaTypes: readonly MediaType[];
}

/** What happens when Accept is not clicked in time (W-6). The seed's default is `reject`. */
export type TimeoutPolicy = 'reject' | 'dial' | 'not-ready';

/** Telephony of the agent's line: recording is available only on SIP (W-20). */
export type Telephony = 'sip' | 'tdm';

export interface DispositionCode {
  readonly code: string;
  /** Label as configured on the server (untrusted text). */
  readonly name: string;
}

/** A party the interaction can be transferred to, or conferenced with. */
export interface Target {
  readonly id: string;
  readonly name: string;
  readonly kind: 'agent' | 'queue' | 'number';
}

export interface Campaign {
  readonly id: string;
  readonly name: string;
  readonly mode: 'push-preview';
  /** Seconds the agent has to Accept before the auto-reject (W-6). */
  readonly acceptTimeoutSec: number;
  /** Seconds after which an unprocessed preview is stale (W-30). */
  readonly staleTimeoutSec: number;
  readonly timeoutPolicy: TimeoutPolicy;
  readonly dispositionCodes: readonly DispositionCode[];
  /** Mark Done is refused until a code is picked (W-29). */
  readonly dispositionRequired: boolean;
  /** The call results the agent may pick (W-24), as outbound server codes. */
  readonly callResults: readonly CallResult[];
  readonly telephony: Telephony;
  readonly transferTargets: readonly Target[];
  readonly conferenceTargets: readonly Target[];
  /**
   * W-25: what a Do Not Call mark (the agent's, or the server's) keeps this desk from dialing.
   * `chain` (the default: the spec removes the *contact* from every list): no number of the
   * chain is dialed again from this interaction; `record`: the marked record and its number only.
   */
  readonly doNotCallScope?: DoNotCallScope;
  /**
   * Connect outside the active record's calling window: `confirm` (the default) sends it only when
   * the agent confirmed on purpose; `refuse` never sends it.
   */
  readonly callingWindowPolicy?: CallingWindowPolicy;
  /** Preview policy (issue 16): may the agent Reject a ringing preview? Absent means yes. */
  readonly rejectAllowed?: boolean;
  /** Preview policy (issue 16): may the agent Cancel an accepted preview (W-10)? Absent means yes. */
  readonly cancelAllowed?: boolean;
  /** A bound on wrap-up (issue 16); absent: wrap-up takes as long as the agent needs. */
  readonly afterCallWork?: AfterCallWork;
}

/** What happens when wrap-up's time is up: Mark Done with the defaults, or the agent set Not Ready. */
export type AfterCallTimeout = 'done' | 'not-ready';

/** The after-call work timer of a campaign (issue 16). */
export interface AfterCallWork {
  /** Seconds of wrap-up from the end of the call. */
  readonly limitSec: number;
  /** Filled in at zero when the agent picked no code (one of the campaign's codes). */
  readonly defaultDispositionCode?: string;
  /** Filled in at zero when no call result is set (one of the campaign's call results). */
  readonly defaultCallResult?: CallResult;
  /** Seconds one extension adds; absent or 0: wrap-up cannot be extended. */
  readonly extendSec?: number;
  /** How often the agent may extend (default 1 where {@link extendSec} is set). */
  readonly maxExtensions?: number;
  /** At zero: `done` (the default) sends Mark Done; `not-ready` sets the agent Not Ready instead. */
  readonly onTimeout?: AfterCallTimeout;
}

/** The wrap-up countdown of the interaction on the desk (issue 16). */
export interface AfterCallTimer {
  /** When wrap-up's time is up (epoch ms). */
  readonly deadline: number;
  readonly extensions: number;
  /** The defaults were applied at zero: once per interaction, never again. */
  readonly defaulted: boolean;
}

export type DoNotCallScope = 'record' | 'chain';
export type CallingWindowPolicy = 'confirm' | 'refuse';

/**
 * Call results as the outbound server (OCS) codes them. The numbers are the server's,
 * so they travel unchanged to a real backend.
 */
export const CallResult = {
  Busy: 6,
  NoAnswer: 7,
  AnsweringMachine: 9,
  Fax: 17,
  Unknown: 28,
  Answer: 33,
  WrongParty: 40,
  Stale: 46,
  DoNotCall: 51,
  CancelRecord: 52,
  WrongNumber: 53,
} as const;
export type CallResult = (typeof CallResult)[keyof typeof CallResult];
export const CALL_RESULTS: readonly CallResult[] = Object.values(CallResult);
/** The outcomes an agent picks from after a call (W-24); Stale, Do Not Call and Cancel Record are set otherwise. */
export const AGENT_CALL_RESULTS: readonly CallResult[] = [
  CallResult.Answer,
  CallResult.Busy,
  CallResult.NoAnswer,
  CallResult.AnsweringMachine,
  CallResult.Fax,
  CallResult.WrongParty,
  CallResult.WrongNumber,
  CallResult.Unknown,
];
export function isCallResult(value: unknown): value is CallResult {
  return typeof value === 'number' && (CALL_RESULTS as readonly number[]).includes(value);
}

export type PhoneType = 'home' | 'mobile' | 'business' | 'other';
export const PHONE_TYPES: readonly PhoneType[] = ['home', 'mobile', 'business', 'other'];

/** Minutes after local midnight, in the record's own time zone. */
export type MinuteOfDay = number;

export interface ContactRecord {
  /** The server's record handle. */
  readonly handle: number;
  readonly chainId: number;
  readonly phone: string;
  readonly phoneType: PhoneType;
  /** ISO 3166 region of the number, used to validate and normalise it (W-9). */
  readonly country: string;
  /** IANA time zone of the contact. */
  readonly timeZone: string;
  /** Daily calling window, local to {@link timeZone}: from (inclusive) … till (exclusive). */
  readonly callFrom: MinuteOfDay;
  readonly callTill: MinuteOfDay;
  readonly callResult: CallResult | null;
  readonly attempts: number;
  /** Custom fields of the record (name, company, notes…): untrusted text, shown as text only. */
  readonly fields: Readonly<Record<string, string>>;
}

/** One contact's records linked together; one record is active (W-8, W-26). */
export interface Chain {
  readonly chainId: number;
  readonly activeHandle: number;
  readonly records: readonly ContactRecord[];
}

export type InteractionMedia = 'open-media' | 'voice';

export interface Interaction {
  readonly id: string;
  readonly campaignId: string;
  readonly chain: Chain;
  readonly media: InteractionMedia;
  /** The agent id that owns it once accepted (W-4); null while ringing. */
  readonly owner: string | null;
  readonly offeredAt: number;
  /** When the auto-reject fires unless accepted (W-6); epoch ms. */
  readonly acceptDeadline: number;
  /** When the server marks it stale unless processed (W-30); epoch ms. */
  readonly staleAt: number;
  readonly acceptedAt: number | null;
  /** The callback time set by Reschedule (W-14), if any. */
  readonly rescheduledAt: { readonly at: number; readonly type: CallbackType } | null;
}

export type CallbackType = 'personal' | 'campaign';

export interface Call {
  readonly number: string;
  readonly handle: number;
  readonly startedAt: number;
  readonly connectedAt: number | null;
  readonly held: boolean;
  readonly recording: boolean;
  /** Parties on the call, the agent included: 2 for a plain call, at most 3 in conference (W-17). */
  readonly parties: number;
}

/** The agent's wrap-up choices, sent with Mark Done (W-24, W-25, W-29). */
export interface Wrapup {
  readonly callResult: CallResult | null;
  readonly doNotCall: boolean;
  readonly dispositionCode: string | null;
}

/** W-25: what this interaction must not dial, beyond the records the server marked Do Not Call. */
export interface DoNotCallMarks {
  /** The record active when the agent ticked Mark Do Not Call, while the tick stands; else null. */
  readonly marked: number | null;
  /** Numbers the server refused to dial as Do Not Call during this interaction, as they were sent. */
  readonly numbers: readonly string[];
}

export const MAX_CONFERENCE_PARTIES = 3;

export function activeRecord(chain: Chain): ContactRecord | undefined {
  return chain.records.find((r) => r.handle === chain.activeHandle);
}
