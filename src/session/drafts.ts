/**
 * What the agent typed and the server has not confirmed yet. Drafts live beside the machine's
 * state, survive failed requests, reconnects and reloads, and are cleared only by the server's
 * confirmation of the very values that were sent.
 */
import { PHONE_TYPES, type CallbackType, type ContactRecord, type Interaction, type PhoneType } from '../domain/types.js';
import { Invalid, attempt, readFields } from '../connectors/fields.js';
import { epochToZoned, formatMinuteOfDay } from '../domain/time.js';

export interface RescheduleDraft {
  /** `YYYY-MM-DD` and `HH:MM` in the contact's time zone. */
  readonly date: string;
  readonly time: string;
  readonly callbackType: CallbackType;
}

export interface Drafts {
  /** Record edits by record handle: field name → typed value (W-12). */
  readonly fields: Readonly<Record<number, Readonly<Record<string, string>>>>;
  /** A new chained number being typed (W-13). */
  readonly newChained: { readonly phone: string; readonly phoneType: PhoneType } | null;
  /** The number to dial, edited from the active record's (W-9). */
  readonly dialNumber: string | null;
  readonly reschedule: RescheduleDraft | null;
}

export const EMPTY_DRAFTS: Drafts = { fields: {}, newChained: null, dialNumber: null, reschedule: null };

export type DraftEdit =
  | { readonly kind: 'field'; readonly handle: number; readonly name: string; readonly value: string }
  | { readonly kind: 'new-chained'; readonly value: Drafts['newChained'] }
  | { readonly kind: 'dial-number'; readonly value: string | null }
  | { readonly kind: 'reschedule'; readonly value: RescheduleDraft | null }
  /** Throw away the edits of one record, or all drafts. */
  | { readonly kind: 'discard'; readonly handle?: number };

export function editDrafts(drafts: Drafts, edit: DraftEdit, interaction: Interaction | null): Drafts {
  switch (edit.kind) {
    case 'field': {
      const record = interaction?.chain.records.find((r) => r.handle === edit.handle);
      const current = { ...(drafts.fields[edit.handle] ?? {}) };
      // Typing back the saved value is no edit at all.
      if (record && (Object.hasOwn(record.fields, edit.name) ? record.fields[edit.name] : '') === edit.value) delete current[edit.name];
      else current[edit.name] = edit.value;
      return { ...drafts, fields: withEntry(drafts.fields, edit.handle, current) };
    }
    case 'new-chained':
      return { ...drafts, newChained: edit.value };
    case 'dial-number':
      return { ...drafts, dialNumber: edit.value };
    case 'reschedule':
      return { ...drafts, reschedule: edit.value };
    case 'discard':
      return edit.handle === undefined ? EMPTY_DRAFTS : { ...drafts, fields: withEntry(drafts.fields, edit.handle, {}) };
  }
}

function withEntry(all: Drafts['fields'], handle: number, value: Readonly<Record<string, string>>): Drafts['fields'] {
  const next = { ...all } as Record<number, Readonly<Record<string, string>>>;
  if (Object.keys(value).length === 0) delete next[handle];
  else next[handle] = value;
  return next;
}

/** Drop the field edits the server now holds (values typed since then stay). */
export function confirmFields(drafts: Drafts, handle: number, saved: ContactRecord | undefined): Drafts {
  const current = drafts.fields[handle];
  if (!current || !saved) return drafts;
  const left: Record<string, string> = {};
  for (const [k, v] of Object.entries(current)) if ((Object.hasOwn(saved.fields, k) ? saved.fields[k] : '') !== v) left[k] = v;
  return { ...drafts, fields: withEntry(drafts.fields, handle, left) };
}

/** Anything typed that Mark Done, Cancel or Transfer would throw away (a callback time picked and not sent too)? */
export function hasUnsaved(drafts: Drafts): boolean {
  return Object.keys(drafts.fields).length > 0 || (drafts.newChained !== null && drafts.newChained.phone.trim() !== '') || drafts.reschedule !== null;
}

/**
 * What the Reschedule picker shows (W-14): what the agent typed; else the callback time already
 * set, as it was set; else tomorrow, an hour into the record's calling window.
 */
export function rescheduleShown(drafts: Drafts, interaction: Interaction, record: ContactRecord, now: number): RescheduleDraft {
  if (drafts.reschedule) return drafts.reschedule;
  const set = interaction.rescheduledAt;
  if (set) return { ...epochToZoned(set.at, record.timeZone), callbackType: set.type };
  return { date: epochToZoned(now + 86_400_000, record.timeZone).date, time: formatMinuteOfDay((record.callFrom + 60) % 1440), callbackType: 'personal' };
}

export function isEmpty(drafts: Drafts): boolean {
  return !hasUnsaved(drafts) && drafts.dialNumber === null && drafts.reschedule === null && drafts.newChained === null;
}

/** The storage key of an agent's drafts. */
export const draftsKey = (storageKey: string | undefined, agentId: string): string => `${storageKey ?? 'push-preview-drafts'}:${agentId}`;

/** Remove what is stored (logout, dispose). */
export function forgetDrafts(storage: DraftStorage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // blocked storage: nothing was kept there either
  }
}

/** Storage the drafts are kept in across a reload (sessionStorage in a browser). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface Stored {
  readonly interactionId: string;
  readonly drafts: Drafts;
}

/**
 * Read what storage holds with the validator's own code (the same caps and field-name rules as
 * a server's records): a part of the wrong shape is dropped, the valid parts are kept.
 */
export function readStored(v: unknown): Stored {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Invalid('drafts', 'expected an object');
  const o = v as Record<string, unknown>;
  const id = own(o, 'interactionId');
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) throw new Invalid('drafts.interactionId', 'expected a string');
  const d = own(o, 'drafts');
  if (typeof d !== 'object' || d === null || Array.isArray(d)) throw new Invalid('drafts.drafts', 'expected an object');
  const r = d as Record<string, unknown>;
  const part = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch {
      return fallback;
    }
  };
  const fields: Record<number, Readonly<Record<string, string>>> = {};
  const f = own(r, 'fields');
  if (typeof f === 'object' && f !== null && !Array.isArray(f)) {
    for (const [k, x] of Object.entries(f)) {
      const handle = Number(k);
      if (!Number.isSafeInteger(handle) || handle < 0 || String(handle) !== k) continue;
      const read = part(() => readFields(x, `drafts.fields.${k}`), null);
      if (read && Object.keys(read).length > 0) fields[handle] = read;
    }
  }
  const text = (x: unknown, max: number): string => {
    if (typeof x !== 'string' || x.length > max) throw new Invalid('drafts', 'expected a string');
    return x;
  };
  const nc = own(r, 'newChained');
  const rs = own(r, 'reschedule');
  const dial = own(r, 'dialNumber');
  return {
    interactionId: id,
    drafts: {
      fields,
      newChained: part(() => {
        const c = nc as Record<string, unknown>;
        const phoneType = own(c, 'phoneType');
        if (!PHONE_TYPES.includes(phoneType as PhoneType)) throw new Invalid('drafts.newChained', 'phone type');
        return { phone: text(own(c, 'phone'), 64), phoneType: phoneType as PhoneType };
      }, null),
      dialNumber: dial === null ? null : part(() => text(dial, 64), null),
      reschedule: part(() => {
        const x = rs as Record<string, unknown>;
        const date = text(own(x, 'date'), 10);
        const time = text(own(x, 'time'), 5);
        const callbackType = own(x, 'callbackType');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time) || (callbackType !== 'personal' && callbackType !== 'campaign')) {
          throw new Invalid('drafts.reschedule', 'expected a date, a time and a callback type');
        }
        return { date, time, callbackType };
      }, null),
    },
  };
}

function own(o: Record<string, unknown>, k: string): unknown {
  return typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

export function loadDrafts(storage: DraftStorage | null, key: string): Stored | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(key);
    if (!raw) return null;
    const read = attempt(readStored, JSON.parse(raw));
    if (read.ok) return read.value;
    storage.removeItem(key); // not ours, or corrupt: nothing to restore
    return null;
  } catch {
    return null;
  }
}

/**
 * Keep the drafts of the interaction on the desk across a reload. `interactionId` null (no
 * interaction, or one that has ended) removes them: personal data is kept no longer than needed.
 */
export function saveDrafts(storage: DraftStorage | null, key: string, interactionId: string | null, drafts: Drafts): void {
  if (!storage) return;
  try {
    if (!interactionId || isEmpty(drafts)) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify({ interactionId, drafts } satisfies Stored));
  } catch {
    // Storage full or blocked: the drafts stay in memory.
  }
}
