/**
 * The connector's options resolved once, with their defaults: every other file reads a
 * {@link Settings}, never the raw options.
 */
import type { CallbackType, Campaign, MediaType, PhoneType, Target } from '../../domain/types.js';
import {
  DEFAULT_ACKS,
  DEFAULT_GENESYS_CAMPAIGN,
  DEFAULT_RECORD_KEYS,
  defaultChannelsFor,
  defaultIsStale,
  defaultRescheduleFields,
  type GenesysAuth,
  type GenesysConnectorOptions,
  type OcsRequestType,
} from './options.js';
import { attempt, readAfterCallWork } from '../validate.js';

export interface OcsSettings {
  readonly transport: 'topic' | 'voice';
  /** The page chose the transport: no fall back from an unrouted topic. */
  readonly transportChosen: boolean;
  readonly subscribeTopic: boolean;
  readonly topic: string;
  readonly acks: Readonly<Record<OcsRequestType, readonly string[]>>;
  readonly recordKeys: readonly string[];
  readonly dispositionKey: string;
  readonly isStale: (reply: ReadonlyMap<string, { readonly value: unknown }>) => boolean;
  readonly requestChainOnAccept: boolean;
  readonly formatDateTime: (epochMs: number) => string;
  readonly rescheduleFields: (
    epochMs: number,
    callbackType: CallbackType,
    formatDateTime: (epochMs: number) => string,
  ) => readonly (readonly [string, unknown])[];
  readonly doNotCallFields: readonly (readonly [string, unknown])[];
  readonly phoneTypeCodes: Readonly<Record<PhoneType, number>>;
  readonly rejectOrder: 'ocs-first' | 'interaction-first';
  readonly campaignStatusApplicationId: number | string | false;
}

export interface Settings {
  /** `{baseUrl}/workspace/v3`, checked. */
  readonly api: string;
  readonly auth: GenesysAuth;
  readonly credentials: 'include' | 'same-origin' | 'omit';
  readonly apiKey: string | null;
  readonly agentId: string;
  readonly channelsFor: (mediaTypes: readonly MediaType[]) => readonly string[];
  readonly autoCompleteCall: boolean;
  readonly cancelToQueue: string | null;
  readonly voiceStatus: boolean;
  readonly ocs: OcsSettings;
  readonly campaign: Campaign;
  /** The page named the campaign's id: the record's campaign name does not replace it. */
  readonly campaignIdSet: boolean;
  readonly campaignNameSet: boolean;
  readonly callWindowUnit: 'seconds' | 'minutes';
  readonly defaultCountry: string;
  readonly defaultTimeZone: string;
  readonly nameField: string;
  readonly dialString: (number: string, country: string) => string;
  readonly destinationOf: (target: Target) => string;
  readonly transferAgentIdOf: (target: Target) => string;
  readonly requestTimeoutMs: number;
  readonly ackTimeoutMs: number;
  readonly eventTimeoutMs: number;
  readonly initTimeoutMs: number;
  readonly initPushWaitMs: number;
  readonly sessionReadyWaitMs: number;
  readonly backoffIncrementMs: number;
  readonly maxBackoffMs: number;
  readonly debug: (message: string, data?: unknown) => void;
}

export const PHONE_TYPE_CODES: Readonly<Record<PhoneType, number>> = { home: 1, business: 2, mobile: 4, other: 0 };

const LOOPBACK = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The Workspace API root for a base URL: absolute, `https:` (or `http:` on the loopback host, or
 * where allowed), with no query, fragment or credentials. Throws a `TypeError` saying what is wrong.
 */
export function workspaceApiUrl(baseUrl: string, allowInsecureHttp = false): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`Genesys connector: baseUrl is not an absolute URL: ${JSON.stringify(String(baseUrl).slice(0, 200))}`);
  }
  if (baseUrl.includes('?') || baseUrl.includes('#')) throw new TypeError('Genesys connector: baseUrl must not have a query or a fragment');
  if (url.username || url.password) throw new TypeError('Genesys connector: baseUrl must not carry credentials');
  if (url.protocol === 'http:') {
    if (!LOOPBACK.test(url.hostname) && !allowInsecureHttp) {
      throw new TypeError('Genesys connector: baseUrl must be https:// (http:// only on the loopback host, or with allowInsecureHttp)');
    }
  } else if (url.protocol !== 'https:') {
    throw new TypeError(`Genesys connector: baseUrl must be https://, not ${url.protocol}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/workspace/v3`;
}

/**
 * Issue 16: the preview policy and the wrap-up bound come from the page (the Workspace API gives
 * neither, spec §6), so they are checked here: a wrong one throws a `TypeError` naming it.
 */
function policyChecked(c: Campaign): Campaign {
  for (const k of ['rejectAllowed', 'cancelAllowed'] as const) {
    if (c[k] !== undefined && typeof c[k] !== 'boolean') throw new TypeError(`Genesys connector: campaign.${k} must be true or false`);
  }
  if (c.afterCallWork === undefined) return c;
  const read = attempt((v) => readAfterCallWork(v, 'campaign.afterCallWork'), c.afterCallWork);
  if (!read.ok) throw new TypeError(`Genesys connector: ${read.error}`);
  return { ...c, afterCallWork: read.value };
}

export function resolveSettings(o: GenesysConnectorOptions): Settings {
  const ocs = o.ocs ?? {};
  const debug = o.debug ?? ((m: string, d?: unknown) => console.debug(m, d ?? ''));
  return {
    api: workspaceApiUrl(o.baseUrl, o.allowInsecureHttp ?? false),
    auth: o.auth ?? { kind: 'session' },
    credentials: o.credentials ?? 'include',
    apiKey: o.apiKey || null,
    agentId: o.agentId ?? 'genesys-agent',
    channelsFor: o.channelsFor ?? defaultChannelsFor,
    autoCompleteCall: o.autoCompleteCall ?? false,
    cancelToQueue: o.cancelToQueue || null,
    voiceStatus: o.voiceStatus !== false,
    ocs: {
      transport: ocs.transport ?? 'topic',
      transportChosen: ocs.transport !== undefined,
      subscribeTopic: ocs.subscribeTopic !== false,
      topic: ocs.topic ?? '{tenantId}@{placeName}',
      acks: { ...DEFAULT_ACKS, ...ocs.acks },
      recordKeys: ocs.recordKeys ?? DEFAULT_RECORD_KEYS,
      dispositionKey: ocs.dispositionKey ?? 'GSW_DISPOSITION_CODE',
      isStale: ocs.isStale ?? defaultIsStale,
      requestChainOnAccept: ocs.requestChainOnAccept !== false,
      formatDateTime: ocs.formatDateTime ?? ((at: number) => new Date(at).toISOString()),
      rescheduleFields: ocs.rescheduleFields ?? defaultRescheduleFields,
      doNotCallFields: ocs.doNotCallFields ?? [],
      phoneTypeCodes: { ...PHONE_TYPE_CODES, ...ocs.phoneTypeCodes },
      rejectOrder: ocs.rejectOrder ?? 'ocs-first',
      campaignStatusApplicationId: ocs.campaignStatusApplicationId ?? 1,
    },
    campaign: policyChecked({ ...DEFAULT_GENESYS_CAMPAIGN, ...o.campaign }),
    campaignIdSet: o.campaign?.id !== undefined,
    campaignNameSet: o.campaign?.name !== undefined,
    callWindowUnit: o.callWindowUnit ?? 'seconds',
    defaultCountry: (o.defaultCountry ?? 'US').toUpperCase(),
    defaultTimeZone: o.defaultTimeZone ?? 'UTC',
    nameField: o.nameField ?? 'name',
    dialString: o.dialString ?? ((n: string) => n.trim()),
    destinationOf: o.destinationOf ?? ((t: Target) => t.id),
    transferAgentIdOf: o.transferAgentIdOf ?? ((t: Target) => t.id),
    requestTimeoutMs: o.requestTimeoutMs ?? 10_000,
    ackTimeoutMs: o.ackTimeoutMs ?? 10_000,
    eventTimeoutMs: o.eventTimeoutMs ?? 10_000,
    initTimeoutMs: o.initTimeoutMs ?? 10_000,
    initPushWaitMs: o.initPushWaitMs ?? 2000,
    sessionReadyWaitMs: o.sessionReadyWaitMs ?? 3000,
    backoffIncrementMs: o.backoffIncrementMs ?? 1000,
    maxBackoffMs: o.maxBackoffMs ?? 30_000,
    debug: (message, data) => debug(`[genesys] ${message}`, data),
  };
}
