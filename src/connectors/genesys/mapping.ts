/**
 * Genesys ⇄ domain, both ways: a preview's user data becomes a {@link ContactRecord} (and an
 * interaction, a call, a chain); record fields go back under the keys the server knows.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { checkPhone, phoneMetadataLoaded } from '../../domain/phone.js';
import { isCallResult, type Call, type Campaign, type Chain, type ContactRecord, type Interaction, type PhoneType, type Target } from '../../domain/types.js';
import { Invalid } from '../validate.js';
import { kvInt, kvText, type KvMap } from './kv.js';
import type { GCall, GInteraction } from './read.js';
import type { Settings } from './settings.js';

export const ENDED_CALL_STATES: ReadonlySet<string> = new Set(['Released', 'Completed', 'Abandoned', 'Cleared']);
export const CONNECTED_CALL_STATES: ReadonlySet<string> = new Set(['Established', 'Held']);

export type Ending = 'reject' | 'reject-auto' | 'cancel' | 'done' | 'transfer';

/** What the connector knows of one outboundpreview interaction. */
export interface Memo {
  readonly id: string;
  g: GInteraction;
  /** The pushed record and the chain's other records, each with its wire pairs. */
  record: ContactRecord;
  extra: ContactRecord[];
  readonly pairs: Map<number, KvMap>;
  activeHandle: number;
  readonly offeredAt: number;
  acceptedAt: number | null;
  rescheduled: { at: number; type: 'personal' | 'campaign' } | null;
  dialed: boolean;
  stale: boolean;
  ending: Ending | null;
  target: Target | null;
  callId: string | null;
  dialHandle: number | null;
  dialNumber: string | null;
  connectedAt: number | null;
  /** Issue 16: the consult of the call, where one was placed (./consult.ts). */
  consult: ConsultMemo | null;
}

/** Issue 16: what the connector knows of a consult call, and how this desk asked it to end. */
export interface ConsultMemo {
  readonly target: Target;
  callId: string | null;
  answered: boolean;
  ending: 'transfer' | 'conference' | 'cancel' | null;
}

export function newMemo(g: GInteraction, record: ContactRecord): Memo {
  return {
    id: g.id,
    g,
    record,
    extra: [],
    pairs: new Map([[record.handle, g.userData]]),
    activeHandle: record.handle,
    offeredAt: g.receivedAt ?? Date.now(),
    acceptedAt: null,
    rescheduled: null,
    dialed: false,
    stale: false,
    ending: null,
    target: null,
    callId: null,
    dialHandle: null,
    dialNumber: null,
    connectedAt: null,
    consult: null,
  };
}

export function phoneTypeOf(code: number | null): PhoneType {
  if (code === 1) return 'home';
  if (code === 2 || code === 3) return 'business';
  if (code === 4) return 'mobile';
  return 'other';
}

/** A stable number for a record handle that is not one (the simulator's hex strings, §7). */
export function alias(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  const s = String(value);
  if (/^\d{1,15}$/.test(s)) return Number(s);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return 1_000_000_000 + (h % 1_000_000_000);
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The region a number is read in: its own where it has a `+`, else the configured default. */
export function countryOf(phone: string, s: Settings): string {
  if (!phone.trim().startsWith('+')) return s.defaultCountry;
  return parsePhoneNumberFromString(phone.trim())?.country ?? s.defaultCountry;
}

/**
 * The one number check, the Chained Records tab's (`checkPhone` in the record's region): Connect
 * dials nothing the tab calls not valid. Before the numbering plans are loaded it lets the server decide.
 */
export function dialable(number: string, country: string): boolean {
  return !phoneMetadataLoaded() || checkPhone(number, country).ok;
}

export function toRecord(ud: KvMap, path: string, s: Settings): ContactRecord {
  const phone = kvText(ud, 'GSW_PHONE');
  if (!phone || phone.length > 64) throw new Invalid(`${path}.GSW_PHONE`, 'expected the number to dial');
  const handlePair = ud.get('GSW_RECORD_HANDLE');
  if (!handlePair || (typeof handlePair.value !== 'string' && typeof handlePair.value !== 'number')) {
    throw new Invalid(`${path}.GSW_RECORD_HANDLE`, 'expected a record handle');
  }
  const unit = s.callWindowUnit === 'minutes' ? 1 : 60;
  const minutes = (key: string, dflt: number) => {
    const v = kvInt(ud, key);
    return v === null ? dflt : Math.max(0, Math.min(1440, Math.floor(v / unit)));
  };
  const zone = kvText(ud, 'GSW_TZ_NAME');
  const fields: Record<string, string> = {};
  for (const [key, pair] of ud) {
    if (key.startsWith('GSW_') || !/^[A-Za-z_][\w.-]*$/.test(key) || key.length > 64) continue;
    const v = pair.value;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
    // The configured name field is the contact's name, which the heading shows.
    if (key === s.nameField) fields.name = String(v).slice(0, 2000);
    else if (key !== 'name' || s.nameField === 'name') fields[key] = String(v).slice(0, 2000);
  }
  const result = kvInt(ud, 'GSW_CALL_RESULT');
  return {
    handle: alias(handlePair.value),
    chainId: Math.max(0, kvInt(ud, 'GSW_CHAIN_ID') ?? 0),
    phone,
    phoneType: phoneTypeOf(kvInt(ud, 'GSW_PHONE_TYPE')),
    country: countryOf(phone, s),
    timeZone: zone && validZone(zone) ? zone : s.defaultTimeZone,
    callFrom: minutes('GSW_FROM', 0),
    // The simulator's all-day window is 0–86340 s: its last minute, 23:59, runs to midnight.
    callTill: minutes('GSW_UNTIL', 1440) >= 1439 ? 1440 : minutes('GSW_UNTIL', 1440),
    callResult: isCallResult(result) ? result : null,
    attempts: Math.max(0, kvInt(ud, 'GSW_ATTEMPTS') ?? 0),
    fields,
  };
}

/** Record fields as the server keys them: the contact's name goes back under the name field. */
export function toGenesysFields(fields: Readonly<Record<string, string>>, s: Settings): [string, string][] {
  return Object.entries(fields).map(([k, v]) => [k === 'name' ? s.nameField : k, v]);
}

export function chainOf(memo: Memo): Chain {
  const records = [memo.record, ...memo.extra.filter((r) => r.handle !== memo.record.handle)];
  const activeHandle = records.some((r) => r.handle === memo.activeHandle) ? memo.activeHandle : memo.record.handle;
  return { chainId: memo.record.chainId, activeHandle, records };
}

export function campaignOf(memo: Memo, s: Settings): Campaign {
  const name = kvText(memo.g.userData, 'GSW_CAMPAIGN_NAME');
  return name && !s.campaignIdSet ? { ...s.campaign, id: name, name: s.campaignNameSet ? s.campaign.name : name } : s.campaign;
}

export function toInteraction(memo: Memo, s: Settings, agentId: string): Interaction {
  const c = s.campaign;
  return {
    id: memo.id,
    campaignId: campaignOf(memo, s).id,
    chain: chainOf(memo),
    media: 'open-media',
    owner: memo.acceptedAt === null ? null : agentId,
    offeredAt: memo.offeredAt,
    acceptDeadline: memo.offeredAt + c.acceptTimeoutSec * 1000,
    staleAt: memo.offeredAt + c.staleTimeoutSec * 1000,
    acceptedAt: memo.acceptedAt,
    rescheduledAt: memo.rescheduled,
  };
}

/** The domain call; the agent is the call's own DN (`phoneNumber`), often not the agent login. */
export function toCall(memo: Memo, c: GCall, agentLogin: string | null): Call {
  const mine = new Set([c.phoneNumber, agentLogin].filter((n): n is string => Boolean(n)));
  const others = c.participants.filter((p) => !p.number || !mine.has(p.number)).length;
  const dest = c.participants.find((p) => p.role === 'RoleDestination')?.number;
  const rec = c.recordingState;
  return {
    number: (c.dnis || dest || memo.dialNumber || memo.record.phone).slice(0, 64),
    handle: memo.dialHandle ?? memo.activeHandle,
    startedAt: c.startedAt ?? Date.now(),
    connectedAt: CONNECTED_CALL_STATES.has(c.state) ? (memo.connectedAt ?? Date.now()) : null,
    held: c.state === 'Held',
    // Drive recording from recordingState, not from the capability list (§10.2).
    recording: rec === 'Recording' || rec === 'Paused',
    parties: Math.max(2, Math.min(3, 1 + others)),
  };
}
