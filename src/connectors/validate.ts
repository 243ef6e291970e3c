/**
 * Validation of what servers send, at the connector boundary. A message that does not have
 * the shape of the port's types is reported with the path of the first fault and never
 * reaches the machine. The error type, the caps, `attempt` and `readFields` live in ./fields.ts
 * (the session reads stored drafts with them without loading these readers) and are re-exported.
 */
import { ACTIONS, PHASES, type Action, type Snapshot, type WorkflowEvent } from '../domain/machine.js';
import type { CampaignRun } from '../domain/campaign-status.js';
import { isRefusalReason, type Refusal } from '../domain/reasons.js';
import {
  PHONE_TYPES,
  isCallResult,
  type Agent,
  type Call,
  type AfterCallWork,
  type Campaign,
  type Chain,
  type ContactRecord,
  type Interaction,
} from '../domain/types.js';
import { MAX_DEPTH, readFields } from './fields.js';
import type { ServerMessage, SnapshotAt } from './port.js';
import { readConsult, readConsultEvent, readTarget } from './validate-consult.js';
import { Invalid, arr, bool, int, nullable, num, obj, oneOf, own, str, type Obj } from './validate-core.js';

export { Invalid, MAX_DEPTH, MAX_FIELDS, MAX_FIELD_LENGTH, attempt, isSafeFieldName, readFields } from './fields.js';

/** Is `zone` an IANA time zone this engine knows (what rendering will ask Intl for)? */
const zones = new Map<string, boolean>();
export function isTimeZone(zone: string): boolean {
  let known = zones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = zone.length > 0;
    } catch {
      known = false;
    }
    if (zones.size < 1000) zones.set(zone, known);
  }
  return known;
}

/** Refuse values nested deeper than {@link MAX_DEPTH}, without recursion (no stack overflow). */
export function checkDepth(v: unknown, path = 'message', max = MAX_DEPTH): void {
  const stack: [unknown, number][] = [[v, 0]];
  let seen = 0;
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (typeof x !== 'object' || x === null) continue;
    if (d > max) throw new Invalid(path, `nested deeper than ${max} levels`);
    if (++seen > 100_000) throw new Invalid(path, 'too many values');
    for (const y of Array.isArray(x) ? x : Object.values(x)) if (typeof y === 'object' && y !== null) stack.push([y, d + 1]);
  }
}
export function readAgent(v: unknown, path = 'agent'): Agent {
  const o = obj(v, path);
  return {
    id: str(o, 'id', path, 200),
    name: str(o, 'name', path, 500),
    status: oneOf(o, 'status', ['logged-out', 'not-ready', 'ready'] as const, path),
    mediaTypes: arr(
      o,
      'mediaTypes',
      path,
      (x, p) => {
        if (typeof x !== 'string') throw new Invalid(p, 'expected a string');
        return x;
      },
      20,
    ),
  };
}

export function readCampaign(v: unknown, path = 'campaign'): Campaign {
  const o = obj(v, path);
  return {
    id: str(o, 'id', path, 200),
    name: str(o, 'name', path, 500),
    mode: oneOf(o, 'mode', ['push-preview'] as const, path),
    acceptTimeoutSec: int(o, 'acceptTimeoutSec', path, 1),
    staleTimeoutSec: int(o, 'staleTimeoutSec', path, 1),
    timeoutPolicy: oneOf(o, 'timeoutPolicy', ['reject', 'dial', 'not-ready'] as const, path),
    dispositionCodes: arr(o, 'dispositionCodes', path, (x, p) => {
      const d = obj(x, p);
      return { code: str(d, 'code', p, 100), name: str(d, 'name', p, 500) };
    }),
    dispositionRequired: bool(o, 'dispositionRequired', path),
    callResults: arr(o, 'callResults', path, (x, p) => {
      if (!isCallResult(x)) throw new Invalid(p, 'expected a call result code');
      return x;
    }),
    telephony: oneOf(o, 'telephony', ['sip', 'tdm'] as const, path),
    transferTargets: arr(o, 'transferTargets', path, readTarget),
    conferenceTargets: arr(o, 'conferenceTargets', path, readTarget),
    // optional settings: absent stays absent (the domain's defaults apply)
    ...(own(o, 'doNotCallScope') === undefined ? {} : { doNotCallScope: oneOf(o, 'doNotCallScope', ['record', 'chain'] as const, path) }),
    ...(own(o, 'callingWindowPolicy') === undefined ? {} : { callingWindowPolicy: oneOf(o, 'callingWindowPolicy', ['confirm', 'refuse'] as const, path) }),
    // issue 16: the preview policy and the wrap-up bound
    ...(own(o, 'rejectAllowed') === undefined ? {} : { rejectAllowed: bool(o, 'rejectAllowed', path) }),
    ...(own(o, 'cancelAllowed') === undefined ? {} : { cancelAllowed: bool(o, 'cancelAllowed', path) }),
    ...(own(o, 'afterCallWork') === undefined ? {} : { afterCallWork: readAfterCallWork(own(o, 'afterCallWork'), `${path}.afterCallWork`) }),
  };
}

export function readAfterCallWork(v: unknown, path: string): AfterCallWork {
  const o = obj(v, path);
  const opt = <T>(k: string, read: () => T): Record<string, T> => (own(o, k) === undefined ? {} : { [k]: read() });
  return {
    limitSec: int(o, 'limitSec', path, 1),
    ...opt('defaultDispositionCode', () => str(o, 'defaultDispositionCode', path, 100)),
    ...opt('defaultCallResult', () => {
      const r = own(o, 'defaultCallResult');
      if (!isCallResult(r)) throw new Invalid(`${path}.defaultCallResult`, 'expected a call result code');
      return r;
    }),
    ...opt('extendSec', () => int(o, 'extendSec', path)),
    ...opt('maxExtensions', () => int(o, 'maxExtensions', path)),
    ...opt('onTimeout', () => oneOf(o, 'onTimeout', ['done', 'not-ready'] as const, path)),
  };
}

export function readRecord(v: unknown, path = 'record'): ContactRecord {
  const o = obj(v, path);
  const callResult = own(o, 'callResult');
  if (callResult !== null && callResult !== undefined && !isCallResult(callResult)) throw new Invalid(`${path}.callResult`, 'unknown call result');
  const callFrom = int(o, 'callFrom', path);
  const callTill = int(o, 'callTill', path);
  if (callFrom > 1440 || callTill > 1440) throw new Invalid(`${path}.callFrom`, 'expected minutes of a day');
  return {
    handle: int(o, 'handle', path),
    chainId: int(o, 'chainId', path),
    phone: str(o, 'phone', path, 64),
    phoneType: oneOf(o, 'phoneType', PHONE_TYPES, path),
    country: str(o, 'country', path, 2),
    timeZone: zone(o, path),
    callFrom,
    callTill,
    callResult: (callResult ?? null) as ContactRecord['callResult'],
    attempts: int(o, 'attempts', path),
    fields: readFields(own(o, 'fields'), `${path}.fields`),
  };
}

function zone(o: Obj, path: string): string {
  const z = str(o, 'timeZone', path, 64);
  if (!isTimeZone(z)) throw new Invalid(`${path}.timeZone`, `unknown time zone ${JSON.stringify(z)}`);
  return z;
}

export function readChain(v: unknown, path = 'chain'): Chain {
  const o = obj(v, path);
  const records = arr(o, 'records', path, readRecord, 50);
  const activeHandle = int(o, 'activeHandle', path);
  if (records.length === 0) throw new Invalid(`${path}.records`, 'a chain has at least one record');
  if (!records.some((r) => r.handle === activeHandle)) throw new Invalid(`${path}.activeHandle`, 'not a record of the chain');
  return { chainId: int(o, 'chainId', path), activeHandle, records };
}

export function readInteraction(v: unknown, path = 'interaction'): Interaction {
  const o = obj(v, path);
  return {
    id: str(o, 'id', path, 200),
    campaignId: str(o, 'campaignId', path, 200),
    chain: readChain(own(o, 'chain'), `${path}.chain`),
    media: oneOf(o, 'media', ['open-media', 'voice'] as const, path),
    owner: own(o, 'owner') === null ? null : str(o, 'owner', path, 200),
    offeredAt: num(o, 'offeredAt', path),
    acceptDeadline: num(o, 'acceptDeadline', path),
    staleAt: num(o, 'staleAt', path),
    acceptedAt: own(o, 'acceptedAt') === null ? null : num(o, 'acceptedAt', path),
    rescheduledAt: nullable(o, 'rescheduledAt', path, (x, p) => {
      const r = obj(x, p);
      return { at: num(r, 'at', p), type: oneOf(r, 'type', ['personal', 'campaign'] as const, p) };
    }),
  };
}

export function readCall(v: unknown, path = 'call'): Call {
  const o = obj(v, path);
  const parties = int(o, 'parties', path, 2);
  if (parties > 3) throw new Invalid(`${path}.parties`, 'at most 3 parties');
  return {
    number: str(o, 'number', path, 64),
    handle: int(o, 'handle', path),
    startedAt: num(o, 'startedAt', path),
    connectedAt: own(o, 'connectedAt') === null ? null : num(o, 'connectedAt', path),
    held: bool(o, 'held', path),
    recording: bool(o, 'recording', path),
    parties,
  };
}

export function readSnapshot(v: unknown, path = 'snapshot'): Snapshot {
  const o = obj(v, path);
  return {
    agent: readAgent(own(o, 'agent'), `${path}.agent`),
    campaign: nullable(o, 'campaign', path, readCampaign),
    interaction: nullable(o, 'interaction', path, readInteraction),
    phase: oneOf(o, 'phase', PHASES, path),
    call: nullable(o, 'call', path, readCall),
    ...(own(o, 'campaigns') === undefined ? {} : { campaigns: arr(o, 'campaigns', path, readCampaignRun, 100) }),
    ...(own(o, 'consult') == null ? {} : { consult: readConsult(own(o, 'consult'), `${path}.consult`) }),
  };
}

function readCampaignRun(v: unknown, path: string): CampaignRun {
  const o = obj(v, path);
  return { name: str(o, 'name', path, 200), running: bool(o, 'running', path), pushPreview: bool(o, 'pushPreview', path) };
}

/** Read one server event. Unknown types are an error of their own kind (see {@link readMessage}). */
export function readEvent(v: unknown, path = 'event'): WorkflowEvent {
  const o = obj(v, path);
  const id = () => str(o, 'interactionId', path, 200);
  const type = own(o, 'type');
  switch (type) {
    case 'agent':
      return own(o, 'campaign') === undefined
        ? { type: 'agent', agent: readAgent(own(o, 'agent'), `${path}.agent`) }
        : { type: 'agent', agent: readAgent(own(o, 'agent'), `${path}.agent`), campaign: nullable(o, 'campaign', path, readCampaign) };
    case 'offered':
      return {
        type: 'offered',
        interaction: readInteraction(own(o, 'interaction'), `${path}.interaction`),
        campaign: readCampaign(own(o, 'campaign'), `${path}.campaign`),
      };
    case 'accepted':
      return { type: 'accepted', interactionId: id(), owner: str(o, 'owner', path, 200), at: num(o, 'at', path) };
    case 'rejected':
      return { type: 'rejected', interactionId: id(), auto: bool(o, 'auto', path) };
    case 'cancelled':
    case 'done':
    case 'stale':
    case 'closed':
      return { type, interactionId: id() };
    case 'transferred':
      return { type: 'transferred', interactionId: id(), target: readTarget(own(o, 'target'), `${path}.target`) };
    case 'dialing':
      return { type: 'dialing', interactionId: id(), call: readCall(own(o, 'call'), `${path}.call`) };
    case 'connected':
      return { type: 'connected', interactionId: id(), at: num(o, 'at', path) };
    case 'call':
      return { type: 'call', interactionId: id(), call: readCall(own(o, 'call'), `${path}.call`) };
    case 'call-ended': {
      const r = own(o, 'callResult');
      if (r !== null && !isCallResult(r)) throw new Invalid(`${path}.callResult`, 'unknown call result');
      return own(o, 'at') === undefined
        ? { type: 'call-ended', interactionId: id(), callResult: r }
        : { type: 'call-ended', interactionId: id(), callResult: r, at: num(o, 'at', path) };
    }
    case 'chain':
      return { type: 'chain', interactionId: id(), chain: readChain(own(o, 'chain'), `${path}.chain`) };
    case 'rescheduled':
      return {
        type: 'rescheduled',
        interactionId: id(),
        at: num(o, 'at', path),
        callbackType: oneOf(o, 'callbackType', ['personal', 'campaign'] as const, path),
      };
    case 'capabilities': {
      const a = own(o, 'actions');
      if (a !== null && (!Array.isArray(a) || a.some((x) => !(ACTIONS as readonly unknown[]).includes(x)))) {
        throw new Invalid(`${path}.actions`, 'expected null or a list of actions');
      }
      return { type: 'capabilities', interactionId: id(), actions: a as readonly Action[] | null };
    }
    case 'campaign-status': {
      const status = oneOf(o, 'status', ['running', 'stopped', 'unloaded'] as const, path);
      const campaign = str(o, 'campaign', path, 200);
      return own(o, 'mode') === undefined ? { type, campaign, status } : { type, campaign, status, mode: str(o, 'mode', path, 100) };
    }
    case 'consult-dialing': // issue 16
    case 'consult-answered':
    case 'consult-failed':
    case 'consult-ended':
      return readConsultEvent(o, path);
    case 'failed':
      return own(o, 'detail') === undefined
        ? { type: 'failed', interactionId: id() }
        : { type: 'failed', interactionId: id(), detail: str(o, 'detail', path, 2000) };
    default:
      throw new Invalid(`${path}.type`, `unknown event type ${JSON.stringify(type)?.slice(0, 60)}`);
  }
}

export function readMessage(v: unknown): ServerMessage {
  checkDepth(v, 'message');
  const o = obj(v, 'message');
  const seq = int(o, 'seq', 'message', 1);
  if (!Number.isSafeInteger(seq)) throw new Invalid('message.seq', 'expected a safe integer');
  return { seq, event: readEvent(own(o, 'event'), 'message.event') };
}

export function readSnapshotAt(v: unknown): SnapshotAt {
  checkDepth(v, 'answer');
  const o = obj(v, 'answer');
  return { seq: int(o, 'seq', 'answer'), snapshot: readSnapshot(own(o, 'snapshot'), 'answer.snapshot') };
}

export function readRefusal(v: unknown): Refusal {
  const o = obj(v, 'refusal');
  const reason = own(o, 'reason');
  if (!isRefusalReason(reason)) throw new Invalid('refusal.reason', 'unknown reason');
  return own(o, 'detail') === undefined ? { reason } : { reason, detail: str(o, 'detail', 'refusal', 2000) };
}
