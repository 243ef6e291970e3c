/**
 * Wall-clock time in a contact's time zone, with Intl only (no date library): the calling
 * window and Reschedule (W-14) are local to the contact, not to the agent.
 */
import type { ContactRecord, MinuteOfDay } from './types.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export function wallTime(epochMs: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Offset of `timeZone` from UTC at `epochMs`, in ms. */
function offsetAt(epochMs: number, timeZone: string): number {
  const w = wallTime(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant at which it is `date` (YYYY-MM-DD) `time` (HH:MM) in `timeZone`; NaN if malformed. */
export function zonedToEpoch(date: string, time: string, timeZone: string): number {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t || !isValidTimeZone(timeZone)) return Number.NaN;
  const [y, mo, da, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return Number.NaN;
  const guess = Date.UTC(y, mo - 1, da, h, mi);
  let epoch = guess - offsetAt(guess, timeZone);
  epoch = guess - offsetAt(epoch, timeZone); // settle across a DST change
  return epoch;
}

/** `YYYY-MM-DD` and `HH:MM` of an instant in `timeZone`, as a date and a time input take them. */
export function epochToZoned(epochMs: number, timeZone: string): { date: string; time: string } {
  const w = wallTime(epochMs, timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return { date: `${w.year}-${p(w.month)}-${p(w.day)}`, time: `${p(w.hour)}:${p(w.minute)}` };
}

export function minuteOfDay(epochMs: number, timeZone: string): MinuteOfDay {
  const w = wallTime(epochMs, timeZone);
  return w.hour * 60 + w.minute;
}

/** Is `epochMs` inside the record's daily calling window, in the record's time zone? */
export function inCallingWindow(epochMs: number, record: Pick<ContactRecord, 'timeZone' | 'callFrom' | 'callTill'>): boolean {
  const m = minuteOfDay(epochMs, record.timeZone);
  return record.callFrom <= record.callTill ? m >= record.callFrom && m < record.callTill : m >= record.callFrom || m < record.callTill; // a window across midnight
}

export function formatMinuteOfDay(m: MinuteOfDay): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
