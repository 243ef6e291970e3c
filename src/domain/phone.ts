/**
 * Phone numbers: validated and normalised with libphonenumber-js (W-9: the agent may add an
 * area code before dialing), so Japanese and other numbers follow their own plans.
 *
 * The library — its parser and its numbering-plan metadata — loads on demand, off the page's
 * initial load: `Session.start()` and the simulated connector await {@link loadPhoneMetadata}
 * before anything is checked. Checking earlier is a programming error and throws.
 */
import type { CountryCode } from 'libphonenumber-js/core';
import type * as PhoneLibrary from './phone-library.js';

let library: typeof PhoneLibrary | null = null;
let loading: Promise<void> | null = null;

/** Load the parser and the numbering plans once; later calls share the same promise. */
export function loadPhoneMetadata(): Promise<void> {
  loading ??= import('./phone-library.js').then((m) => {
    library = m;
  });
  return loading;
}

export function phoneMetadataLoaded(): boolean {
  return library !== null;
}

export type PhoneCheck = { readonly ok: true; readonly e164: string; readonly national: string; readonly international: string } | { readonly ok: false };

/** Parse `input` as dialled in `country` (ISO 3166 alpha-2) or as an international +number. */
export function checkPhone(input: string, country: string): PhoneCheck {
  if (!library) throw new Error('push-preview-elements: phone metadata not loaded; await loadPhoneMetadata() first (Session.start() does).');
  const text = input.trim();
  if (text.length === 0 || text.length > 40 || !/^[+\d\s().\-‐－ー０-９]+$/.test(text)) return { ok: false };
  // Full-width digits and dashes, as Japanese keyboards type them.
  const ascii = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[‐－ー]/g, '-');
  const parsed = library.parse(ascii, country.toUpperCase() as CountryCode, library.metadata);
  if (!parsed || !parsed.isValid()) return { ok: false };
  return {
    ok: true,
    e164: parsed.number,
    national: parsed.formatNational(),
    international: parsed.formatInternational(),
  };
}

/** Two spellings of one number are the same number. */
export function samePhone(a: string, b: string, country: string): boolean {
  const x = checkPhone(a, country);
  const y = checkPhone(b, country);
  return x.ok && y.ok ? x.e164 === y.e164 : a.trim() === b.trim();
}

/** A number as the desk shows it: {@link showPhone}. */
export interface ShownPhone {
  /** National for the contact's region ("03-5678-1234"); the input as given where it is no valid number. */
  readonly text: string;
  /** E.164 ("+81356781234"), or null where the input is no valid number. */
  readonly e164: string | null;
}

/**
 * The one way every element shows a number: national for the contact's region, whatever spelling
 * the server sent ("+81356781234" and "03-5678-1234" both show as "03-5678-1234"). Never throws:
 * before the numbering plans load, or for a number that is not valid, it shows the input as given.
 */
export function showPhone(input: string, country: string): ShownPhone {
  if (!library) return { text: input, e164: null };
  const p = checkPhone(input, country);
  return p.ok ? { text: p.national, e164: p.e164 } : { text: input, e164: null };
}
