/**
 * What the commands work with, and the steps several of them share.
 */
import type { RefusalReason } from '../../domain/reasons.js';
import type { Desk } from './desk.js';
import type { Inbound } from './inbound.js';
import type { KvMap } from './kv.js';
import type { Memo } from './mapping.js';
import type { Ocs } from './ocs.js';
import type { OcsRequestType } from './options.js';
import type { GCall } from './read.js';
import { Refused, segment, type Rest } from './rest.js';
import type { Settings } from './settings.js';

/** What the commands work with. */
export interface Ctx {
  readonly s: Settings;
  readonly desk: Desk;
  readonly rest: Rest;
  readonly ocs: Ocs;
  readonly inbound: Inbound;
  /** The call as current-session lists it now, or null where it lists it no more. */
  readonly serverCall: (callId: string, signal?: AbortSignal) => Promise<GCall | null>;
}

/** Refuse locally when the server's capabilities lack the operation right now. */
export function need(capabilities: readonly string[], op: string, reason: RefusalReason = 'not-allowed'): void {
  if (!capabilities.includes(op)) throw new Refused(reason, `the server does not offer ${op} now`);
}

export const ixnPath = (memo: Memo): string => `/media/outboundpreview/interactions/${segment(memo.id)}`;

/** An OCS request about one of the memo's records; a stale answer makes the interaction stale. */
export function ocsRequest(
  ctx: Ctx,
  type: OcsRequestType,
  memo: Memo,
  handle: number,
  extra: readonly (readonly [string, unknown])[],
  signal?: AbortSignal,
  onRef?: (ref: string) => void,
): Promise<KvMap[]> {
  const pairs = memo.pairs.get(handle) ?? memo.pairs.get(memo.record.handle)!;
  return ctx.ocs.request({ type, pairs, extra, signal, onRef }, () => ctx.desk.markStale(memo));
}

/** Complete the interaction (its record processed or cancelled already) and wait for the server's word. */
export async function completeInteraction(ctx: Ctx, memo: Memo, ending: 'cancel' | 'done', signal?: AbortSignal): Promise<void> {
  const { desk, rest } = ctx;
  memo.ending = ending;
  try {
    await rest.request('POST', `${ixnPath(memo)}/complete`, rest.body({}), signal);
  } catch (e) {
    memo.ending = null;
    throw e;
  }
  const phase = ending === 'cancel' ? 'cancelled' : 'done';
  await desk.until(() => desk.state.phase === phase || desk.state.interaction?.id !== memo.id, signal);
}
