/**
 * Intents become connector commands, and a command the server took clears the drafts it now
 * holds. Pure functions of the state: the session decides when.
 */
import type { Intent } from '../domain/intents.js';
import type { WorkflowState } from '../domain/machine.js';
import { activeRecord } from '../domain/types.js';
import type { SchedulerLike } from 'rxjs';
import { refused, type Command, type Result } from '../connectors/port.js';
import { confirmFields, type Drafts } from './drafts.js';

/** Intents that change only what the desk holds: the wrap-up choices Mark Done sends, wrap-up's time. */
export type WrapupIntent = Extract<Intent, { type: 'set-call-result' | 'mark-do-not-call' | 'set-disposition' | 'extend-wrapup' }>;
/** Done and Stop is two commands, Mark Done then Not Ready: the session sends them in turn. */
export type CommandIntent = Exclude<Intent, WrapupIntent | { type: 'done-and-stop' }>;

export function isWrapupIntent(intent: Intent): intent is WrapupIntent {
  return intent.type === 'set-call-result' || intent.type === 'mark-do-not-call' || intent.type === 'set-disposition' || intent.type === 'extend-wrapup';
}

export function commandFor(intent: CommandIntent, w: WorkflowState, drafts: Drafts): Command {
  const interactionId = w.interaction?.id ?? '';
  const record = w.interaction ? activeRecord(w.interaction.chain) : undefined;
  switch (intent.type) {
    case 'login':
      return { type: 'login', mediaTypes: intent.mediaTypes };
    case 'logout':
      return { type: 'logout' };
    case 'ready':
    case 'not-ready':
      return { type: 'set-status', status: intent.type };
    case 'reject':
      return { type: 'reject', interactionId, auto: false };
    case 'connect':
      return { type: 'connect', interactionId, handle: record?.handle ?? 0, number: intent.number ?? drafts.dialNumber ?? record?.phone ?? '' };
    case 'transfer':
    case 'conference':
    case 'consult': // issue 16
      return { type: intent.type, interactionId, targetId: intent.targetId };
    case 'update-record':
      return { type: 'update-record', interactionId, handle: intent.handle, fields: intent.fields };
    case 'add-chained-record':
      return { type: 'add-chained-record', interactionId, phone: intent.phone, phoneType: intent.phoneType };
    case 'set-active-record':
      return { type: 'set-active-record', interactionId, handle: intent.handle };
    case 'reschedule':
      return { type: 'reschedule', interactionId, handle: record?.handle ?? 0, at: intent.at, callbackType: intent.callbackType };
    case 'mark-done': {
      // W-25: the mark goes to the record it was ticked for, even after another was made active
      const marked = w.wrapup.doNotCall ? w.doNotCall?.marked : null;
      return { type: 'mark-done', interactionId, ...w.wrapup, ...(marked != null ? { doNotCallHandle: marked } : {}) };
    }
    case 'dismiss':
      return { type: 'close', interactionId };
    default:
      return { type: intent.type, interactionId };
  }
}

/** The drafts left once the server took `command` (the same object when nothing changes). */
export function confirmDrafts(command: Command, d: Drafts, w: WorkflowState): Drafts {
  switch (command.type) {
    case 'update-record':
      return confirmFields(
        d,
        command.handle,
        w.interaction?.chain.records.find((r) => r.handle === command.handle),
      );
    case 'add-chained-record':
      return d.newChained?.phone === command.phone ? { ...d, newChained: null } : d;
    case 'connect':
      return d.dialNumber === command.number ? { ...d, dialNumber: null } : d;
    case 'set-active-record':
      // The number edited for the record that was active is not the new record's (W-8, W-26).
      return d.dialNumber !== null ? { ...d, dialNumber: null } : d;
    case 'reschedule':
      return { ...d, reschedule: null };
    default:
      return d;
  }
}

/** The words of whatever a connector threw, for the refusal's detail. */
export function thrownText(e: unknown): string {
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : 'the connector threw';
  return text.slice(0, 200);
}

function isResult(v: unknown): v is Result<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';
}

/**
 * Run a connector call within the session's own deadline. Whatever the connector does — answers,
 * refuses, throws, rejects or never answers — this settles with a Result: a throw or rejection
 * is a `network` refusal, no answer in `timeoutMs` a `timeout` refusal (the call is aborted), an
 * abort of `outer` an `aborted` one.
 */
export function within<T>(
  scheduler: SchedulerLike,
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<Result<T>>,
  outer?: AbortSignal,
): Promise<Result<T>> {
  return new Promise<Result<T>>((resolve) => {
    const abort = new AbortController();
    let settled = false;
    const finish = (r: Result<T>): void => {
      if (settled) return;
      settled = true;
      timer.unsubscribe();
      outer?.removeEventListener('abort', onOuter);
      resolve(r);
    };
    const onOuter = (): void => {
      abort.abort();
      finish(refused('aborted'));
    };
    const timer = scheduler.schedule(() => {
      abort.abort();
      finish(refused('timeout', `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    if (outer?.aborted) return onOuter();
    outer?.addEventListener('abort', onOuter, { once: true });
    try {
      Promise.resolve(call(abort.signal)).then(
        (r) => finish(isResult(r) ? (r as Result<T>) : refused('malformed-response', 'the connector answered no Result')),
        (e: unknown) => finish(refused('network', thrownText(e))),
      );
    } catch (e) {
      finish(refused('network', thrownText(e)));
    }
  });
}
