/**
 * Configuration of the Genesys Workspace API connector. Everything the facts page marks as
 * unverified or as a simulator quirk is a setting here, with the documented value as default.
 */
import type { CallbackType, Campaign, MediaType, PhoneType, Target } from '../../domain/types.js';
import { AGENT_CALL_RESULTS, PUSH_PREVIEW_MEDIA } from '../../domain/types.js';

/** The OCS desktop-protocol requests the connector sends (spec §9.4). */
export type OcsRequestType =
  | 'RecordProcessed'
  | 'RecordReject'
  | 'RequestRecordCancel'
  | 'UpdateCallCompletionStats'
  | 'DoNotCall'
  | 'RecordReschedule'
  | 'ChainedRecordRequest'
  | 'AddRecord';

/** How the page is signed in (spec §2). */
export type GenesysAuth =
  /** The session cookie is already there (a reload, or a proxy that signed in). */
  | { readonly kind: 'session' }
  /** The authorization-code flow came back to the page with `?code=`: initialize the workspace with it. */
  | { readonly kind: 'code'; readonly code: string; readonly redirectUri: string }
  /** A bearer token for `initialize-workspace` (real GWS only; the simulator ignores it). */
  | { readonly kind: 'bearer'; readonly token: string };

export interface GenesysConnectorOptions {
  /**
   * Where the Workspace API lives, e.g. `https://gws.example.com` (no trailing `/workspace/v3`).
   * Refused (the constructor throws) with a query or a fragment, and over `http://` except on the
   * loopback host unless {@link allowInsecureHttp}.
   */
  readonly baseUrl: string;
  /** Allow an `http://` base URL on a host other than the loopback one (a lab, never production). Default false. */
  readonly allowInsecureHttp?: boolean;
  /** Default `{kind: 'session'}`. */
  readonly auth?: GenesysAuth;
  /**
   * Cookies go with every REST request (`include`, the default: a same-site deployment or one
   * behind a proxy), only to the same origin, or never (an API key alone). CometD's long polling
   * (the `cometd` library) always sends credentials: a cross-origin gateway must allow them on
   * `/notifications` (no `Access-Control-Allow-Origin: *` there), whatever this says.
   */
  readonly credentials?: 'include' | 'same-origin' | 'omit';
  /** Sent as `x-api-key` on REST and CometD requests where the deployment uses one. */
  readonly apiKey?: string;
  /** The agent id this connector speaks for; defaults to the signed-in user's userName. */
  readonly agentId?: string;
  /** Workspace channels to activate for the media types chosen at login (W-1). */
  readonly channelsFor?: (mediaTypes: readonly MediaType[]) => readonly string[];
  /**
   * `autoCompleteCall` sent with activate-channels (§4). Default false: a released call stays in
   * current-session until Mark Done completes it, so a reload during wrap-up rebuilds wrap-up.
   */
  readonly autoCompleteCall?: boolean;
  /**
   * Cancel (W-10): after OCS takes RequestRecordCancel, place the interaction in this queue
   * instead of completing it (unverified which a real desktop does). Default: complete it.
   */
  readonly cancelToQueue?: string;
  /** Also set the voice DN Ready / Not Ready with the outboundpreview channel (W-2). Default true. */
  readonly voiceStatus?: boolean;
  readonly ocs?: {
    /**
     * Topic publish on Interaction Server (A) or a T-Server user event on the DN (B). Default
     * `topic`, and when the server answers the topic 501 or 404 (not routed there) the connector
     * says so once (console and `pp-error`) and carries the requests over `voice`. Set it to keep
     * to one transport whatever the server answers.
     */
    readonly transport?: 'topic' | 'voice';
    /** With the topic transport, subscribe to the topic at login (`media/topics/subscribe`). Default true. */
    readonly subscribeTopic?: boolean;
    /**
     * The topic name, unverified (spec §9.2): `{tenantId}`, `{placeName}` and `{agentLogin}` are
     * filled in from the signed-in user. Default `{tenantId}@{placeName}`.
     */
    readonly topic?: string;
    /** The acknowledgement names that mean success, per request (several where unverified). */
    readonly acks?: Partial<Record<OcsRequestType, readonly string[]>>;
    /** The record identifiers copied from the preview into every request. */
    readonly recordKeys?: readonly string[];
    /** User data key of the disposition code sent with RecordProcessed. Default `GSW_DISPOSITION_CODE`. */
    readonly dispositionKey?: string;
    /** Is this error reply a stale record (W-30)? Default: the error text or number mentions stale. */
    readonly isStale?: (reply: ReadonlyMap<string, { readonly value: unknown }>) => boolean;
    /** Ask OCS for the contact's chain after Accept (W-8). Default true. */
    readonly requestChainOnAccept?: boolean;
    /** `GSW_DATE_TIME` of RecordReschedule (format unverified). Default: ISO 8601 in UTC. */
    readonly formatDateTime?: (epochMs: number) => string;
    /**
     * The request fields of RecordReschedule (their names and values are unverified, §9.4).
     * Default {@link defaultRescheduleFields}: `GSW_DATE_TIME` and `GSW_CALLBACK_TYPE` Personal / Campaign.
     */
    readonly rescheduleFields?: (
      epochMs: number,
      callbackType: CallbackType,
      formatDateTime: (epochMs: number) => string,
    ) => readonly (readonly [string, unknown])[];
    /** Extra fields of the DoNotCall request, e.g. its scope (the v3 key is unverified, §9.4). Default none. */
    readonly doNotCallFields?: readonly (readonly [string, unknown])[];
    /** `GSW_PHONE_TYPE` codes sent with AddRecord. Default home 1, business 2, mobile 4, other 0. */
    readonly phoneTypeCodes?: Partial<Record<PhoneType, number>>;
    /** Order of Reject (W-5): tell OCS first, or reject the interaction first. Unverified; default `ocs-first`. */
    readonly rejectOrder?: 'ocs-first' | 'interaction-first';
    /**
     * W-2: the `GSW_APPLICATION_ID` of the `CampaignStatusRequest` sent at login (spec §6); `false`
     * sends none (the status then comes only from OCS's own campaign events). Default `1`, what the
     * simulator's campaign events carry; the value a real OCS wants is unverified.
     */
    readonly campaignStatusApplicationId?: number | string | false;
  };
  /**
   * Settings of the campaign the connector cannot read from the API (timeouts, codes, targets),
   * and the preview policy and wrap-up bound of issue 16 (`rejectAllowed`, `cancelAllowed`,
   * `timeoutPolicy`, `afterCallWork`): the Workspace API has none of them. An interaction whose
   * capabilities lack `reject` is refused `not-offered` besides, whatever is set here.
   */
  readonly campaign?: Partial<Campaign>;
  /** `GSW_FROM`/`GSW_UNTIL` unit (spec §7: seconds from midnight, unverified). Default `seconds`. */
  readonly callWindowUnit?: 'seconds' | 'minutes';
  /**
   * Region (ISO 3166 alpha-2) of numbers without a leading `+`: the Chained Records tab and Connect
   * check a number the same way, read in this region. Default `US`.
   */
  readonly defaultCountry?: string;
  /**
   * The record field the preview heading shows as the contact's name (Genesys records rarely have
   * a `name`), e.g. `CustomerName`; edits to the name go back under that key. Default `name`.
   * Without one the heading shows the number.
   */
  readonly nameField?: string;
  /** Time zone when the record carries no `GSW_TZ_NAME`. Default `UTC`. */
  readonly defaultTimeZone?: string;
  /** The make-call destination for the number Connect dials (W-9: maybe edited). Default: as typed. */
  readonly dialString?: (number: string, country: string) => string;
  /** Where a transfer or conference target is dialled or sent: default its id. */
  readonly destinationOf?: (target: Target) => string;
  /** The `agentId` of `transfer-agent` for a transfer target (not always its DN): default its id. */
  readonly transferAgentIdOf?: (target: Target) => string;
  /** A request (REST leg) with no answer after this long is refused as `timeout`. Default 10 s. */
  readonly requestTimeoutMs?: number;
  /** An OCS request with no acknowledgement after this long is refused as `timeout`. Default 10 s. */
  readonly ackTimeoutMs?: number;
  /** How long to wait for the event that confirms an accepted request. Default 10 s. */
  readonly eventTimeoutMs?: number;
  /** How long connect waits for the workspace initialization after the handshake. Default 10 s. */
  readonly initTimeoutMs?: number;
  /**
   * On a page that comes back on a live session: how long to wait for initialization messages
   * pushed at the handshake before reading the user from current-session (unverified whether a
   * real server pushes them then, §3). Default 2 s.
   */
  readonly initPushWaitMs?: number;
  /**
   * Before reading current-session, how long to wait for the channel states a server sends once
   * the CometD session is set up (the simulator refuses current-session with 403 until then, §12.10).
   * Default 3 s.
   */
  readonly sessionReadyWaitMs?: number;
  /** CometD back-off between reconnect attempts. */
  readonly backoffIncrementMs?: number;
  readonly maxBackoffMs?: number;
  /** Debug notes (unknown messages, full server error bodies and the like). Default: `console.debug`. */
  readonly debug?: (message: string, data?: unknown) => void;
}

export const DEFAULT_ACKS: Readonly<Record<OcsRequestType, readonly string[]>> = {
  RecordProcessed: ['RecordProcessedAcknowledge'],
  RecordReject: ['RecordRejectAcknowledge'],
  RequestRecordCancel: ['RecordCancelAcknowledge', 'RequestRecordCancelAcknowledge'],
  UpdateCallCompletionStats: ['UpdateCallCompletionStatsAcknowledge'],
  DoNotCall: ['DoNotCallAcknowledge'],
  RecordReschedule: ['RecordRescheduleAcknowledge', 'ScheduledRecordRescheduleAcknowledge'],
  ChainedRecordRequest: ['ChainedRecordsDataEnd'],
  AddRecord: ['AddRecordAcknowledge'],
};

export const DEFAULT_RECORD_KEYS = ['GSW_APPLICATION_ID', 'GSW_CAMPAIGN_NAME', 'GSW_CALLING_LIST', 'GSW_RECORD_HANDLE'] as const;

export const DEFAULT_GENESYS_CAMPAIGN: Campaign = {
  id: 'genesys',
  name: 'Push preview',
  mode: 'push-preview',
  acceptTimeoutSec: 30,
  staleTimeoutSec: 30 * 60,
  timeoutPolicy: 'reject',
  dispositionCodes: [],
  dispositionRequired: false,
  callResults: AGENT_CALL_RESULTS,
  telephony: 'sip',
  transferTargets: [],
  conferenceTargets: [],
};

export function defaultChannelsFor(mediaTypes: readonly MediaType[]): string[] {
  return mediaTypes.includes(PUSH_PREVIEW_MEDIA) ? ['voice', 'outboundpreview'] : ['voice'];
}

export function defaultIsStale(reply: ReadonlyMap<string, { readonly value: unknown }>): boolean {
  const text = `${String(reply.get('GSW_ERROR')?.value ?? '')} ${String(reply.get('GSW_USER_EVENT')?.value ?? '')}`;
  return /stale/i.test(text);
}

export function defaultRescheduleFields(at: number, callbackType: CallbackType, formatDateTime: (epochMs: number) => string): [string, unknown][] {
  return [
    ['GSW_DATE_TIME', formatDateTime(at)],
    ['GSW_CALLBACK_TYPE', callbackType === 'personal' ? 'Personal' : 'Campaign'],
  ];
}
