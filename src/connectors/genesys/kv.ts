/**
 * Genesys key/value data ("KV lists"). Servers send user data either as a list of
 * `{key, type, value}` pairs or as a flat object (spec §6, §9.2); types are loose (`"interger"`,
 * booleans typed `str`, hex strings typed `int`), so values are read by their JSON type and
 * the wire pair is kept to echo it back unchanged (GSW_RECORD_HANDLE).
 */
import { Invalid } from '../validate.js';

export interface KvPair {
  readonly key: string;
  readonly type: string;
  readonly value: unknown;
}

/** Key → the last pair with that key (duplicate keys: the last one wins, spec §7). */
export type KvMap = ReadonlyMap<string, KvPair>;

const MAX_PAIRS = 2000;
/** Nested KV lists deeper than this are refused: no real record nests this far, and recursion must stay bounded. */
export const MAX_KV_DEPTH = 32;

function typeOf(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (Array.isArray(value)) return 'kvlist';
  return 'str';
}

/** Read user data in either shape. Absent data is an empty map; anything else throws {@link Invalid}. */
export function readKv(v: unknown, path: string, depth = 0): KvMap {
  const out = new Map<string, KvPair>();
  if (v === undefined || v === null) return out;
  if (depth > MAX_KV_DEPTH) throw new Invalid(path, `key/value lists nested deeper than ${MAX_KV_DEPTH} levels`);
  if (Array.isArray(v)) {
    if (v.length > MAX_PAIRS) throw new Invalid(path, 'too many pairs');
    v.forEach((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Invalid(`${path}[${i}]`, 'expected a pair');
      const p = item as Record<string, unknown>;
      if (typeof p.key !== 'string' || p.key.length === 0 || p.key.length > 200) throw new Invalid(`${path}[${i}].key`, 'expected a key');
      const type = typeof p.type === 'string' ? p.type : typeOf(p.value);
      const value = type === 'kvlist' && Array.isArray(p.value) ? readKv(p.value, `${path}[${i}].value`, depth + 1) : p.value;
      out.set(p.key, { key: p.key, type, value });
    });
    return out;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length > MAX_PAIRS) throw new Invalid(path, 'too many pairs');
    for (const [key, value] of entries) out.set(key, { key, type: typeOf(value), value });
    return out;
  }
  throw new Invalid(path, 'expected a key/value list or an object');
}

/** A value as text, whatever its wire type; null for nested lists and absent keys. */
export function kvText(kv: KvMap, key: string): string | null {
  const v = kv.get(key)?.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** A value as an integer (numbers, or strings of digits); null otherwise. */
export function kvInt(kv: KvMap, key: string): number | null {
  const v = kv.get(key)?.value;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim())) return Number(v.trim());
  return null;
}

/** Build a KV list to send: numbers go as `int`, the rest as `str`, given pairs as they were. */
export function toKvList(entries: Iterable<readonly [string, unknown] | KvPair>): KvPair[] {
  const out: KvPair[] = [];
  for (const e of entries) {
    if (!Array.isArray(e)) {
      out.push(e as KvPair);
      continue;
    }
    const [key, value] = e as readonly [string, unknown];
    if (value === undefined || value === null) continue;
    out.push({ key, type: typeof value === 'number' && Number.isInteger(value) ? 'int' : 'str', value: typeof value === 'number' ? value : String(value) });
  }
  return out;
}

/** Two wire values name the same thing (`1002` and `"1002"` do). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((typeof a === 'number' || typeof a === 'string') && (typeof b === 'number' || typeof b === 'string')) return String(a) === String(b);
  return false;
}
