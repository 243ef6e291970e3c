/**
 * The campaign's policy for the preview and for wrap-up (issue 16): whether Reject and Cancel are
 * the agent's to take, what the accept timeout does, and the after-call work timer (its bound,
 * extensions and the defaults applied at zero). Read by {@link refusalFor} and the machine, so the
 * elements, the session and the simulated server refuse alike. Plain data in, plain data out.
 */
import type { Refusal } from './reasons.js';
import type { AfterCallTimer, AfterCallTimeout, Campaign, TimeoutPolicy, Wrapup } from './types.js';

/** The preview policy as the host page reads it (a property, and `pp-preview-offered`'s detail). */
export interface PreviewPolicy {
  /** May the agent Reject the ringing preview? */
  readonly reject: boolean;
  /** May the agent Cancel an accepted preview (W-10)? */
  readonly cancel: boolean;
  /** What the accept timeout does (W-6): return the record to the queue, dial it, or set the agent Not Ready. */
  readonly timeoutAction: TimeoutPolicy;
  readonly acceptTimeoutSec: number;
  /** The wrap-up bound in seconds, or null when there is none. */
  readonly afterCallWorkSec: number | null;
}

export function previewPolicy(c: Campaign | null): PreviewPolicy {
  return {
    reject: c?.rejectAllowed !== false,
    cancel: c?.cancelAllowed !== false,
    timeoutAction: c?.timeoutPolicy ?? 'reject',
    acceptTimeoutSec: c?.acceptTimeoutSec ?? 0,
    afterCallWorkSec: c?.afterCallWork ? c.afterCallWork.limitSec : null,
  };
}

/** Reject or Cancel where the campaign takes them from the agent; null otherwise. */
export function policyRefusal(c: Campaign | null, action: string): Refusal | null {
  if (action === 'reject' && c?.rejectAllowed === false) return { reason: 'disabled-by-campaign' };
  if (action === 'cancel' && c?.cancelAllowed === false) return { reason: 'disabled-by-campaign' };
  return null;
}

/** How often the agent may extend wrap-up, and by how many seconds each time (0: not at all). */
export function extensionsOf(c: Campaign | null): { readonly max: number; readonly sec: number } {
  const acw = c?.afterCallWork;
  const sec = acw?.extendSec && acw.extendSec > 0 ? acw.extendSec : 0;
  return { sec, max: sec ? Math.max(0, acw?.maxExtensions ?? 1) : 0 };
}

export function onTimeoutOf(c: Campaign | null): AfterCallTimeout {
  return c?.afterCallWork?.onTimeout ?? 'done';
}

/** The timer a call's end starts (at `at`), keeping what this interaction already used up. */
export function startTimer(c: Campaign | null, at: number, before: AfterCallTimer | null | undefined): AfterCallTimer | null {
  const acw = c?.afterCallWork;
  if (!acw || !(acw.limitSec > 0)) return null;
  return { deadline: at + acw.limitSec * 1000, extensions: before?.extensions ?? 0, defaulted: before?.defaulted ?? false };
}

/** Why wrap-up cannot be extended now: no timer, its time is up, or no extension left. */
export function extendRefusal(c: Campaign | null, timer: AfterCallTimer | null | undefined): Refusal | null {
  const { max } = extensionsOf(c);
  if (!timer || max === 0 || timer.defaulted) return { reason: 'not-allowed' };
  return timer.extensions >= max ? { reason: 'extend-limit' } : null;
}

/**
 * The defaults at zero: only what is still empty is filled, with values the campaign offers; the
 * agent's own picks stay.
 */
export function withDefaults(c: Campaign | null, w: Wrapup): Wrapup {
  const acw = c?.afterCallWork;
  if (!c || !acw) return w;
  const code = acw.defaultDispositionCode;
  const result = acw.defaultCallResult;
  return {
    ...w,
    dispositionCode: w.dispositionCode ?? (code !== undefined && c.dispositionCodes.some((d) => d.code === code) ? code : null),
    callResult: w.callResult ?? (result !== undefined && c.callResults.includes(result) ? result : null),
  };
}
