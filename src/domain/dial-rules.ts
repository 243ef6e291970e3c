/**
 * The rules of what may be dialed, beyond the phase: Do Not Call (W-25) and the contact's calling
 * window. One place, read by {@link refusalFor} (the Connect control) and {@link checkIntent} (the
 * number actually dialed), so every connector gets them. Plain data in, plain data out.
 */
import type { WorkflowState } from './machine.js';
import { checkPhone, phoneMetadataLoaded } from './phone.js';
import type { Refusal } from './reasons.js';
import { formatMinuteOfDay, inCallingWindow, minuteOfDay } from './time.js';
import { CallResult, activeRecord, type ContactRecord, type DoNotCallMarks, type DoNotCallScope } from './types.js';

export const NO_DNC_MARKS: DoNotCallMarks = { marked: null, numbers: [] };

/** The campaign's Do Not Call scope; `chain` unless it says otherwise (W-25: the contact leaves every list). */
export function doNotCallScope(state: WorkflowState): DoNotCallScope {
  return state.campaign?.doNotCallScope ?? 'chain';
}

/** One spelling of a number for comparing: E.164 where it parses, else its digits. */
function numberKey(number: string, country: string): string {
  if (phoneMetadataLoaded()) {
    const p = checkPhone(number, country);
    if (p.ok) return p.e164;
  }
  return number.replace(/[^\d+]/g, '');
}

/** Is this record Do Not Call by itself: the agent's tick for it, or the server's call result? */
function recordMarked(state: WorkflowState, r: ContactRecord): boolean {
  const marks = state.doNotCall ?? NO_DNC_MARKS;
  if (r.callResult === CallResult.DoNotCall) return true;
  if (state.wrapup.doNotCall && marks.marked === r.handle) return true;
  const key = numberKey(r.phone, r.country);
  return marks.numbers.some((n) => numberKey(n, r.country) === key);
}

/**
 * W-25: may `number` (or, without one, the active record's number) be dialed from this interaction?
 * `chain` scope: no number at all once any record of the chain is marked or a number was refused as
 * Do Not Call; `record` scope: not a marked record (whatever number is typed for it), and no number
 * that is a marked record's or one the server refused.
 */
export function doNotCallRefusal(state: WorkflowState, number?: string): Refusal | null {
  const chain = state.interaction?.chain;
  const record = chain ? activeRecord(chain) : undefined;
  if (!chain || !record) return null;
  const marks = state.doNotCall ?? NO_DNC_MARKS;
  const marked = chain.records.filter((r) => recordMarked(state, r));
  if (doNotCallScope(state) === 'chain') return marked.length > 0 || marks.numbers.length > 0 ? { reason: 'do-not-call' } : null;
  if (marked.some((r) => r.handle === record.handle)) return { reason: 'do-not-call' };
  if (number === undefined) return null;
  const key = numberKey(number, record.country);
  const blocked = [...marked.map((r) => r.phone), ...marks.numbers].some((n) => numberKey(n, record.country) === key);
  return blocked ? { reason: 'do-not-call', detail: number } : null;
}

/** The contact's local time and window now, as the agent is shown them: `01:24 (09:00–21:00)`. */
export function callingWindowText(record: Pick<ContactRecord, 'timeZone' | 'callFrom' | 'callTill'>, now: number): string {
  return `${formatMinuteOfDay(minuteOfDay(now, record.timeZone))} (${formatMinuteOfDay(record.callFrom)}–${formatMinuteOfDay(record.callTill)})`;
}

/**
 * Connect outside the active record's calling window: refused outright where the campaign says
 * `refuse`; otherwise sent only when the agent confirmed on purpose (`confirmed`), else refused
 * with `outside-calling-window-confirm` (the element turns that into a confirmation).
 */
export function callingWindowRefusal(state: WorkflowState, now: number, confirmed: boolean): Refusal | null {
  const chain = state.interaction?.chain;
  const record = chain ? activeRecord(chain) : undefined;
  if (!record || inCallingWindow(now, record)) return null;
  const detail = callingWindowText(record, now);
  if ((state.campaign?.callingWindowPolicy ?? 'confirm') === 'refuse') return { reason: 'calling-window-closed', detail };
  return confirmed ? null : { reason: 'outside-calling-window-confirm', detail };
}
