/**
 * Validation of what servers send, at the connector boundary. A message that does not have
 * the shape of the port's types is reported with the path of the first fault and never
 * reaches the machine.
 */
import { ACTIONS, PHASES, type Action, type Snapshot, type WorkflowEvent } from '../domain/machine.js';
import { isRefusalReason, type Refusal } from '../domain/reasons.js';
import {
  PHONE_TYPES,
  isCallResult,
  type Agent,
  type Call,
  type Campaign,
  type Chain,
  type ContactRecord,
  type Interaction,
  type Target,
} from '../domain/types.js';
import type { ServerMessage, SnapshotAt } from './port.js';

export class Invalid extends Error {
  constructor(readonly path: string, what: string) {
    super(`${path}: ${what}`);
    this.name = 'Invalid';
  }
}

type Obj = Record<string, unknown>;

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Invalid(path, 'expected an object');
  return v as Obj;
}
function str(o: Obj, k: string, path: string, max = 10_000): string {
  const v = o[k];
  if (typeof v !== 'string' || v.length > max) throw new Invalid(`${path}.${k}`, 'expected a string');
  return v;
}
function num(o: Obj, k: string, path: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Invalid(`${path}.${k}`, 'expected a number');
  return v;
}
function int(o: Obj, k: string, path: string, min = 0): number {
  const v = num(o, k, path);
  if (!Number.isInteger(v) || v < min) throw new Invalid(`${path}.${k}`, `expected an integer ≥ ${min}`);
  return v;
}
function bool(o: Obj, k: string, path: string): boolean {
  const v = o[k];
  if (typeof v !== 'boolean') throw new Invalid(`${path}.${k}`, 'expected a boolean');
  return v;
}
function oneOf<T extends string>(o: Obj, k: string, values: readonly T[], path: string): T {
  const v = o[k];
  if (typeof v !== 'string' || !values.includes(v as T)) throw new Invalid(`${path}.${k}`, `expected one of ${values.join(', ')}`);
  return v as T;
}
function arr<T>(o: Obj, k: string, path: string, item: (v: unknown, p: string) => T, max = 1000): T[] {
  const v = o[k];
  if (!Array.isArray(v) || v.length > max) throw new Invalid(`${path}.${k}`, 'expected an array');
  return v.map((x, i) => item(x, `${path}.${k}[${i}]`));
}
function nullable<T>(o: Obj, k: string, path: string, read: (v: unknown, p: string) => T): T | null {
  return o[k] === null || o[k] === undefined ? null : read(o[k], `${path}.${k}`);
}

export function readAgent(v: unknown, path = 'agent'): Agent {
  const o = obj(v, path);
  return {
    id: str(o, 'id', path, 200),
    name: str(o, 'name', path, 500),
    status: oneOf(o, 'status', ['logged-out', 'not-ready', 'ready'] as const, path),
    mediaTypes: arr(o, 'mediaTypes', path, (x, p) => {
      if (typeof x !== 'string') throw new Invalid(p, 'expected a string');
      return x;
    }, 20),
  };
}

function readTarget(v: unknown, path: string): Target {
  const o = obj(v, path);
  return { id: str(o, 'id', path, 200), name: str(o, 'name', path, 500), kind: oneOf(o, 'kind', ['agent', 'queue', 'number'] as const, path) };
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
  };
}

function readFields(v: unknown, path: string): Record<string, string> {
  const o = obj(v, path);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o)) {
    if (typeof x !== 'string') throw new Invalid(`${path}.${k}`, 'expected a string');
    out[k] = x;
  }
  return out;
}

export function readRecord(v: unknown, path = 'record'): ContactRecord {
  const o = obj(v, path);
  const callResult = o.callResult;
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
    timeZone: str(o, 'timeZone', path, 64),
    callFrom,
    callTill,
    callResult: (callResult ?? null) as ContactRecord['callResult'],
    attempts: int(o, 'attempts', path),
    fields: readFields(o.fields, `${path}.fields`),
  };
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
    chain: readChain(o.chain, `${path}.chain`),
    media: oneOf(o, 'media', ['open-media', 'voice'] as const, path),
    owner: o.owner === null ? null : str(o, 'owner', path, 200),
    offeredAt: num(o, 'offeredAt', path),
    acceptDeadline: num(o, 'acceptDeadline', path),
    staleAt: num(o, 'staleAt', path),
    acceptedAt: o.acceptedAt === null ? null : num(o, 'acceptedAt', path),
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
    connectedAt: o.connectedAt === null ? null : num(o, 'connectedAt', path),
    held: bool(o, 'held', path),
    recording: bool(o, 'recording', path),
    parties,
  };
}

export function readSnapshot(v: unknown, path = 'snapshot'): Snapshot {
  const o = obj(v, path);
  return {
    agent: readAgent(o.agent, `${path}.agent`),
    campaign: nullable(o, 'campaign', path, readCampaign),
    interaction: nullable(o, 'interaction', path, readInteraction),
    phase: oneOf(o, 'phase', PHASES, path),
    call: nullable(o, 'call', path, readCall),
  };
}

/** Read one server event. Unknown types are an error of their own kind (see {@link readMessage}). */
export function readEvent(v: unknown, path = 'event'): WorkflowEvent {
  const o = obj(v, path);
  const id = () => str(o, 'interactionId', path, 200);
  switch (o.type) {
    case 'agent':
      return o.campaign === undefined
        ? { type: 'agent', agent: readAgent(o.agent, `${path}.agent`) }
        : { type: 'agent', agent: readAgent(o.agent, `${path}.agent`), campaign: nullable(o, 'campaign', path, readCampaign) };
    case 'offered':
      return { type: 'offered', interaction: readInteraction(o.interaction, `${path}.interaction`), campaign: readCampaign(o.campaign, `${path}.campaign`) };
    case 'accepted':
      return { type: 'accepted', interactionId: id(), owner: str(o, 'owner', path, 200), at: num(o, 'at', path) };
    case 'rejected':
      return { type: 'rejected', interactionId: id(), auto: bool(o, 'auto', path) };
    case 'cancelled':
    case 'done':
    case 'stale':
    case 'closed':
      return { type: o.type, interactionId: id() };
    case 'transferred':
      return { type: 'transferred', interactionId: id(), target: readTarget(o.target, `${path}.target`) };
    case 'dialing':
      return { type: 'dialing', interactionId: id(), call: readCall(o.call, `${path}.call`) };
    case 'connected':
      return { type: 'connected', interactionId: id(), at: num(o, 'at', path) };
    case 'call':
      return { type: 'call', interactionId: id(), call: readCall(o.call, `${path}.call`) };
    case 'call-ended': {
      const r = o.callResult;
      if (r !== null && !isCallResult(r)) throw new Invalid(`${path}.callResult`, 'unknown call result');
      return { type: 'call-ended', interactionId: id(), callResult: r };
    }
    case 'chain':
      return { type: 'chain', interactionId: id(), chain: readChain(o.chain, `${path}.chain`) };
    case 'rescheduled':
      return {
        type: 'rescheduled',
        interactionId: id(),
        at: num(o, 'at', path),
        callbackType: oneOf(o, 'callbackType', ['personal', 'campaign'] as const, path),
      };
    case 'capabilities': {
      const a = o.actions;
      if (a !== null && (!Array.isArray(a) || a.some((x) => !(ACTIONS as readonly unknown[]).includes(x)))) {
        throw new Invalid(`${path}.actions`, 'expected null or a list of actions');
      }
      return { type: 'capabilities', interactionId: id(), actions: a as readonly Action[] | null };
    }
    case 'failed':
      return o.detail === undefined ? { type: 'failed', interactionId: id() } : { type: 'failed', interactionId: id(), detail: str(o, 'detail', path, 2000) };
    default:
      throw new Invalid(`${path}.type`, `unknown event type ${JSON.stringify(o.type)?.slice(0, 60)}`);
  }
}

export function readMessage(v: unknown): ServerMessage {
  const o = obj(v, 'message');
  return { seq: int(o, 'seq', 'message', 1), event: readEvent(o.event, 'message.event') };
}

export function readSnapshotAt(v: unknown): SnapshotAt {
  const o = obj(v, 'answer');
  return { seq: int(o, 'seq', 'answer'), snapshot: readSnapshot(o.snapshot, 'answer.snapshot') };
}

export function readRefusal(v: unknown): Refusal {
  const o = obj(v, 'refusal');
  if (!isRefusalReason(o.reason)) throw new Invalid('refusal.reason', 'unknown reason');
  return o.detail === undefined ? { reason: o.reason } : { reason: o.reason, detail: str(o, 'detail', 'refusal', 2000) };
}

/** Try a reader; on failure say what was wrong instead of throwing. */
export function attempt<T>(read: (v: unknown) => T, v: unknown): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: read(v) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
