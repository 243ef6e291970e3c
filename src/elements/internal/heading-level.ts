/**
 * The `heading-level` attribute of the elements that render a heading (issue 13): the level the
 * page needs under its own headings, 1–6, default 2 (under the page's `<h1>`).
 */
import { say } from './say.js';

export const DEFAULT_HEADING_LEVEL = 2;

const warned = new WeakMap<Element, unknown>();

/** `value` when it is a whole number from 1 to 6; else the default, with one console warning per bad value. */
export function headingLevel(host: Element, value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (Number.isInteger(n) && n >= 1 && n <= 6) return n;
  if (warned.get(host) !== value) {
    warned.set(host, value);
    say('warn', 'headingLevel', host.localName, value);
  }
  return DEFAULT_HEADING_LEVEL;
}
