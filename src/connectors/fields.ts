/**
 * The part of the connector-boundary validation that the session needs by itself (drafts read back
 * from storage): the error type, the caps, `attempt` and the reader of a record's custom fields.
 * The message readers are in ./validate.ts, which only connectors import, so that a page loading
 * the elements without a connector yet does not load them (the CDN build, issue 15).
 */
import { Invalid, obj } from './validate-core.js';

export { Invalid };

/** Caps on what reaches rendering: custom fields per record, characters per field, nesting. */
export const MAX_FIELDS = 100;
export const MAX_FIELD_LENGTH = 2000;
export const MAX_DEPTH = 32;
const FIELD_NAME = /^[A-Za-z_][\w.-]{0,63}$/;

/**
 * What a reader dropped to keep the rest of a message (an oversized field, one too many): said
 * beside the value, never silently. Collected by {@link attempt}.
 */
let dropped: string[] | null = null;
function drop(path: string, what: string): void {
  dropped?.push(`${path}: ${what}`);
}

/** A field name that is plain text and no member of every object (`constructor`, `__proto__`…). */
export function isSafeFieldName(name: string): boolean {
  return FIELD_NAME.test(name) && !(name in Object.prototype);
}

/**
 * A record's custom fields: strings under safe names. What cannot be shown safely (a name like
 * `constructor`, a value over {@link MAX_FIELD_LENGTH}, fields past {@link MAX_FIELDS}) is
 * dropped and said; the other fields are kept.
 */
export function readFields(v: unknown, path: string): Record<string, string> {
  const o = obj(v, path);
  const out: Record<string, string> = {};
  let count = 0;
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (typeof x !== 'string') throw new Invalid(`${path}.${k}`, 'expected a string');
    if (!isSafeFieldName(k)) drop(`${path}.${k.slice(0, 64)}`, 'field name not allowed: dropped');
    else if (x.length > MAX_FIELD_LENGTH) drop(`${path}.${k}`, `longer than ${MAX_FIELD_LENGTH} characters: dropped`);
    else if (++count > MAX_FIELDS) drop(`${path}.${k}`, `more than ${MAX_FIELDS} fields: dropped`);
    else out[k] = x;
  }
  return out;
}

/**
 * Try a reader; on failure say what was wrong instead of throwing. `dropped` lists what was left
 * out to keep the rest (empty when nothing was).
 */
export function attempt<T>(read: (v: unknown) => T, v: unknown): { ok: true; value: T; dropped: readonly string[] } | { ok: false; error: string } {
  const outer = dropped;
  dropped = [];
  try {
    const value = read(v);
    return { ok: true, value, dropped };
  } catch (e) {
    const error = e instanceof RangeError ? 'too deeply nested or too large' : e instanceof Error ? e.message : String(e);
    return { ok: false, error };
  } finally {
    dropped = outer;
  }
}
