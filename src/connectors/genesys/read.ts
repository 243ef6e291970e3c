/**
 * Readers for what the Workspace API sends (spec §3–§10). Each throws {@link Invalid} with the
 * path of the first fault: a malformed message is reported and never applied. Unknown message
 * types are a result of their own, so they can be ignored with a note.
 */
import { Invalid } from '../validate.js';
import { readKv, type KvMap } from './kv.js';

type Obj = Record<string, unknown>;

export interface GUser {
  readonly userName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly agentLogin: string;
  readonly defaultPlace: string;
  readonly tenantDBID: string;
}

export interface GInteraction {
  readonly id: string;
  readonly state: string;
  readonly mediatype: string;
  readonly capabilities: readonly string[];
  readonly userData: KvMap;
  /** Epoch ms, where the date string parses. */
  readonly receivedAt: number | null;
}

export interface GParticipant {
  readonly number: string | null;
  readonly role: string | null;
}

export interface GCall {
  readonly id: string;
  /** The call's id before a transfer or conference changed it (the Genesys client follows it). */
  readonly previousConnId: string | null;
  /** Issue 16: `Consult` for the consult call of a two-step transfer, with its held parent's id (§10.2). */
  readonly callType: string | null;
  readonly parentConnId: string | null;
  readonly state: string;
  readonly capabilities: readonly string[];
  readonly userData: KvMap;
  readonly participants: readonly GParticipant[];
  readonly recordingState: string | null;
  readonly dnis: string | null;
  /** The agent's own DN on this call (§10: not the dialled number). */
  readonly phoneNumber: string | null;
  readonly startedAt: number | null;
}

export interface GChannel {
  readonly name: string;
  readonly state: string;
  readonly timestamp: number | null;
  readonly interactions: readonly GInteraction[] | null;
}

export interface GDn {
  readonly agentState: string;
  readonly switchName: string | null;
  readonly timestamp: number | null;
}

export type GNotification =
  | { readonly kind: 'init'; readonly state: string; readonly user: GUser | null }
  | { readonly kind: 'interaction'; readonly notificationType: string; readonly interaction: GInteraction; readonly operationId: string | null }
  | { readonly kind: 'call'; readonly notificationType: string; readonly call: GCall }
  | { readonly kind: 'channels'; readonly channels: readonly GChannel[] }
  | { readonly kind: 'dn'; readonly dn: GDn }
  | { readonly kind: 'user-event'; readonly data: KvMap }
  | { readonly kind: 'error'; readonly code: number | null; readonly message: string }
  | { readonly kind: 'unknown'; readonly messageType: string };

export interface GSession {
  readonly user: GUser;
  readonly dn: GDn | null;
  readonly channels: readonly GChannel[];
  readonly calls: readonly GCall[];
}

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Invalid(path, 'expected an object');
  return v as Obj;
}
function str(o: Obj, k: string, path: string, max = 2000): string {
  const v = o[k];
  if (typeof v !== 'string' || v.length === 0 || v.length > max) throw new Invalid(`${path}.${k}`, 'expected a string');
  return v;
}
/** An id used in REST paths: never `.` or `..`, which a URL resolves away (issue 12). */
function id(o: Obj, path: string): string {
  const v = str(o, 'id', path, 200);
  if (v === '.' || v === '..') throw new Invalid(`${path}.id`, 'not a usable id');
  return v;
}
function optStr(o: Obj, k: string, path: string, max = 2000): string | null {
  const v = o[k];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.length > max) throw new Invalid(`${path}.${k}`, 'expected a string');
  return v;
}
function text(o: Obj, k: string): string {
  const v = o[k];
  return typeof v === 'string' ? v.slice(0, 500) : typeof v === 'number' ? String(v) : '';
}
function strings(o: Obj, k: string, path: string): string[] {
  const v = o[k];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > 200 || !v.every((x) => typeof x === 'string')) throw new Invalid(`${path}.${k}`, 'expected a list of strings');
  return v as string[];
}
function date(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

export function readUser(v: unknown, path = 'user'): GUser {
  const o = obj(v, path);
  return {
    userName: str(o, 'userName', path, 200),
    firstName: text(o, 'firstName'),
    lastName: text(o, 'lastName'),
    agentLogin: text(o, 'agentLogin'),
    defaultPlace: text(o, 'defaultPlace'),
    tenantDBID: text(o, 'tenantDBID'),
  };
}

export function readInteraction(v: unknown, path = 'interaction'): GInteraction {
  const o = obj(v, path);
  return {
    id: id(o, path),
    state: str(o, 'state', path, 100),
    mediatype: optStr(o, 'mediatype', path, 100) ?? 'outboundpreview',
    capabilities: strings(o, 'capabilities', path),
    userData: readKv(o.userData, `${path}.userData`),
    receivedAt: date(o.receivedAt),
  };
}

export function readCall(v: unknown, path = 'call'): GCall {
  const o = obj(v, path);
  const parts = o.participants;
  if (parts !== undefined && parts !== null && (!Array.isArray(parts) || parts.length > 50)) throw new Invalid(`${path}.participants`, 'expected a list');
  return {
    id: id(o, path),
    previousConnId: optStr(o, 'previousConnId', path, 200),
    callType: optStr(o, 'callType', path, 100),
    parentConnId: optStr(o, 'parentConnId', path, 200),
    state: str(o, 'state', path, 100),
    capabilities: strings(o, 'capabilities', path),
    userData: readKv(o.userData, `${path}.userData`),
    participants: ((parts as unknown[] | undefined) ?? []).map((p, i) => {
      const q = obj(p, `${path}.participants[${i}]`);
      return { number: optStr(q, 'number', path, 100), role: optStr(q, 'role', path, 100) };
    }),
    recordingState: optStr(o, 'recordingState', path, 100),
    dnis: optStr(o, 'dnis', path, 100),
    phoneNumber: optStr(o, 'phoneNumber', path, 100),
    startedAt: date(o.startedAt),
  };
}

function readChannel(v: unknown, path: string): GChannel {
  const o = obj(v, path);
  const ixns = o.interactions;
  if (ixns !== undefined && ixns !== null && !Array.isArray(ixns)) throw new Invalid(`${path}.interactions`, 'expected a list');
  return {
    name: str(o, 'name', path, 100),
    state: str(o, 'state', path, 100),
    timestamp: date(o.timestamp),
    interactions: Array.isArray(ixns) ? ixns.map((x, i) => readInteraction(x, `${path}.interactions[${i}]`)) : null,
  };
}

function readDn(v: unknown, path: string): GDn {
  const o = obj(v, path);
  return { agentState: str(o, 'agentState', path, 100), switchName: optStr(o, 'switchName', path, 200), timestamp: date(o.timestamp) };
}

/** Read one CometD message's `data`. */
export function readNotification(channel: string, v: unknown): GNotification {
  const o = obj(v, 'data');
  const type = o.messageType;
  if (typeof type !== 'string') throw new Invalid('data.messageType', 'expected a string');
  // The initialization channel's `state` is what counts (`Complete`, `Failed`), whatever the
  // message type: only Progress and Complete were seen (§4).
  const init = channel.endsWith('/initialization') || type.startsWith('WorkspaceInitialization');
  switch (init ? 'WorkspaceInitialization' : type) {
    case 'WorkspaceInitialization': {
      const state = typeof o.state === 'string' ? o.state : type === 'WorkspaceInitializationComplete' ? 'Complete' : 'Executing';
      const d = o.data;
      const user = typeof d === 'object' && d !== null && (d as Obj).user !== undefined ? readUser((d as Obj).user, 'data.data.user') : null;
      return { kind: 'init', state, user };
    }
    case 'InteractionStateChanged':
      return {
        kind: 'interaction',
        notificationType: typeof o.notificationType === 'string' ? o.notificationType : 'StatusChange',
        interaction: readInteraction(o.interaction, 'data.interaction'),
        operationId: typeof o.operationId === 'string' ? o.operationId : null,
      };
    case 'CallStateChanged':
      return {
        kind: 'call',
        notificationType: typeof o.notificationType === 'string' ? o.notificationType : 'StateChange',
        call: readCall(o.call, 'data.call'),
      };
    case 'ChannelStateChanged': {
      const media = obj(o.media, 'data.media');
      if (!Array.isArray(media.channels)) throw new Invalid('data.media.channels', 'expected a list');
      return { kind: 'channels', channels: media.channels.map((c, i) => readChannel(c, `data.media.channels[${i}]`)) };
    }
    case 'DnStateChanged':
      return { kind: 'dn', dn: readDn(o.dn, 'data.dn') };
    case 'EventUserEvent': {
      // Topic replies carry `eventContent`, DN user events `userData` (spec §9.2).
      const raw = o.eventContent !== undefined ? o.eventContent : o.userData;
      if (raw === undefined || raw === null) throw new Invalid('data.userData', 'expected user data');
      return { kind: 'user-event', data: readKv(raw, channel.endsWith('/topics') ? 'data.eventContent' : 'data.userData') };
    }
    case 'EventError': {
      const e = obj(o.error, 'data.error');
      return { kind: 'error', code: typeof e.errorCode === 'number' ? e.errorCode : null, message: text(e, 'errorMessage') };
    }
    default:
      return { kind: 'unknown', messageType: type.slice(0, 100) };
  }
}

/** Read `GET current-session`'s answer. */
export function readCurrentSession(v: unknown): GSession {
  const o = obj(v, 'answer');
  const data = obj(o.data, 'answer.data');
  const userObj = obj(data.user, 'answer.data.user');
  const user = readUser(userObj, 'answer.data.user');
  const active = userObj.activeSession === undefined || userObj.activeSession === null ? null : obj(userObj.activeSession, 'answer.data.user.activeSession');
  if (!active) return { user, dn: null, channels: [], calls: [] };
  const p = 'answer.data.user.activeSession';
  const media = active.media === undefined || active.media === null ? { channels: [] } : obj(active.media, `${p}.media`);
  const channels = media.channels ?? [];
  if (!Array.isArray(channels)) throw new Invalid(`${p}.media.channels`, 'expected a list');
  const calls = active.calls ?? [];
  if (!Array.isArray(calls)) throw new Invalid(`${p}.calls`, 'expected a list');
  return {
    user,
    dn: active.dn === undefined || active.dn === null ? null : readDn(active.dn, `${p}.dn`),
    channels: channels.map((c, i) => readChannel(c, `${p}.media.channels[${i}]`)),
    calls: calls.map((c, i) => readCall(c, `${p}.calls[${i}]`)),
  };
}
