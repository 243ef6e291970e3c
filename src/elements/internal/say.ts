/**
 * Tell the page's developer something on the console (a refused connector, the simulated
 * fallback, a bad attribute). The caller has decided already, at once; only the text waits: it is
 * in messages.ts, loaded on demand the first time, and logged once loaded, in the order said.
 */
import type * as Texts from './messages.js';

type Kind = 'warn' | 'error';
type Args<K extends Kind, N extends keyof (typeof Texts)[K]> = (typeof Texts)[K][N] extends (...a: infer A) => unknown ? A : never;

let said: Promise<void> = Promise.resolve();

/** Log `messages[kind][key](...args)` with `console[kind]` once the texts have loaded. */
export function say<K extends Kind, N extends keyof (typeof Texts)[K]>(kind: K, key: N, ...args: Args<K, N>): void {
  said = said
    .then(() => import('./messages.js'))
    .then((m) => console[kind](...[(m[kind][key] as (...a: unknown[]) => unknown)(...args)].flat()))
    .catch(() => undefined); // the texts could not load (offline): nothing to say, and nothing thrown into the page
}

/** Resolves once everything said so far is on the console (tests await it before they look). */
export const allSaid = (): Promise<void> => said;
