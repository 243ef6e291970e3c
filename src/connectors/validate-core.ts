/**
 * The primitive readers of untrusted server data (validate.ts): each checks one value by its
 * path and throws {@link Invalid} saying what is wrong there.
 */
export class Invalid extends Error {
  constructor(
    readonly path: string,
    what: string,
  ) {
    super(`${path}: ${what}`);
    this.name = 'Invalid';
  }
}

export type Obj = Record<string, unknown>;

export function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Invalid(path, 'expected an object');
  return v as Obj;
}
/** Own properties only: nothing inherited (`constructor`, `toString`) is ever read as data. */
export function own(o: Obj, k: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

export function str(o: Obj, k: string, path: string, max = 10_000): string {
  const v = own(o, k);
  if (typeof v !== 'string' || v.length > max) throw new Invalid(`${path}.${k}`, 'expected a string');
  return v;
}
export function num(o: Obj, k: string, path: string): number {
  const v = own(o, k);
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Invalid(`${path}.${k}`, 'expected a number');
  return v;
}
export function int(o: Obj, k: string, path: string, min = 0): number {
  const v = num(o, k, path);
  if (!Number.isInteger(v) || v < min) throw new Invalid(`${path}.${k}`, `expected an integer ≥ ${min}`);
  return v;
}
export function bool(o: Obj, k: string, path: string): boolean {
  const v = own(o, k);
  if (typeof v !== 'boolean') throw new Invalid(`${path}.${k}`, 'expected a boolean');
  return v;
}
export function oneOf<T extends string>(o: Obj, k: string, values: readonly T[], path: string): T {
  const v = own(o, k);
  if (typeof v !== 'string' || !values.includes(v as T)) throw new Invalid(`${path}.${k}`, `expected one of ${values.join(', ')}`);
  return v as T;
}
export function arr<T>(o: Obj, k: string, path: string, item: (v: unknown, p: string) => T, max = 1000): T[] {
  const v = own(o, k);
  if (!Array.isArray(v) || v.length > max) throw new Invalid(`${path}.${k}`, 'expected an array');
  return v.map((x, i) => item(x, `${path}.${k}[${i}]`));
}
export function nullable<T>(o: Obj, k: string, path: string, read: (v: unknown, p: string) => T): T | null {
  const v = own(o, k);
  return v === null || v === undefined ? null : read(v, `${path}.${k}`);
}
