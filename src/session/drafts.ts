/**
 * What the agent typed and the server has not confirmed yet. Drafts live beside the machine's
 * state, survive failed requests, reconnects and reloads, and are cleared only by the server's
 * confirmation of the very values that were sent.
 */
import type { CallbackType, ContactRecord, Interaction, PhoneType } from '../domain/types.js';

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
      if (record && (record.fields[edit.name] ?? '') === edit.value) delete current[edit.name];
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

function withEntry(
  all: Drafts['fields'],
  handle: number,
  value: Readonly<Record<string, string>>,
): Drafts['fields'] {
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
  for (const [k, v] of Object.entries(current)) if ((saved.fields[k] ?? '') !== v) left[k] = v;
  return { ...drafts, fields: withEntry(drafts.fields, handle, left) };
}

/** Anything typed that Mark Done, Cancel or Transfer would throw away (a callback time picked and not sent too)? */
export function hasUnsaved(drafts: Drafts): boolean {
  return Object.keys(drafts.fields).length > 0 || (drafts.newChained !== null && drafts.newChained.phone.trim() !== '') || drafts.reschedule !== null;
}

export function isEmpty(drafts: Drafts): boolean {
  return !hasUnsaved(drafts) && drafts.dialNumber === null && drafts.reschedule === null && drafts.newChained === null;
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

export function loadDrafts(storage: DraftStorage | null, key: string): Stored | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(key);
    if (!raw) return null;
    const v = JSON.parse(raw) as Stored;
    if (typeof v?.interactionId !== 'string' || typeof v.drafts !== 'object' || v.drafts === null) return null;
    const d = v.drafts;
    return {
      interactionId: v.interactionId,
      drafts: {
        fields: typeof d.fields === 'object' && d.fields !== null ? d.fields : {},
        newChained: d.newChained ?? null,
        dialNumber: typeof d.dialNumber === 'string' ? d.dialNumber : null,
        reschedule: d.reschedule ?? null,
      },
    };
  } catch {
    return null;
  }
}

export function saveDrafts(storage: DraftStorage | null, key: string, interactionId: string | null, drafts: Drafts): void {
  if (!storage) return;
  try {
    if (!interactionId || isEmpty(drafts)) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify({ interactionId, drafts } satisfies Stored));
  } catch {
    // Storage full or blocked: the drafts stay in memory.
  }
}
