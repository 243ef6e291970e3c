/**
 * Issue 13 in the model-based test: what the agent asked is noted from their own intents (not from
 * the machine's state), and every dial the server records is judged by it:
 * - no dial of a number the agent marked Do Not Call in this interaction (W-25; by the campaign's
 *   scope: the chain's every number, or the marked record's number), while the mark stands;
 * - no dial outside the record's calling window unless the Connect that caused it was confirmed.
 */
import type { WorkflowEvent } from '../../src/domain/machine.js';
import type { Intent } from '../../src/domain/intents.js';
import { checkPhone } from '../../src/domain/phone.js';
import { inCallingWindow } from '../../src/domain/time.js';
import type { Result } from '../../src/connectors/port.js';
import type { Real } from './model-invariants.js';

/** What the agents asked that dials are judged by, per interaction. */
export interface DialNotes {
  /** Interaction id → the numbers (E.164) the agent's standing Do Not Call tick forbids; `all` for the chain scope. */
  readonly marked: Map<string, 'all' | Set<string>>;
  /** Interaction id → was the last Connect sent for it confirmed outside the window? */
  readonly confirmed: Map<string, boolean>;
}

export const newDialNotes = (): DialNotes => ({ marked: new Map(), confirmed: new Map() });

const e164 = (phone: string, country: string) => {
  const p = checkPhone(phone, country);
  return p.ok ? p.e164 : phone;
};

/** Dispatch `intent` for `agent`, noting what it asked: a Connect's confirmation before, a Do Not Call tick once taken. */
export async function dispatchNoted(r: Real, agent: number, intent: Intent): Promise<Result<void>> {
  const session = r.sessions[agent]!;
  const w = session.state.workflow;
  const id = w.interaction?.id;
  if (id && intent.type === 'connect') r.dial.confirmed.set(id, intent.outsideWindow === 'confirmed');
  const result = await session.dispatch(intent);
  if (id && result.ok && intent.type === 'mark-do-not-call') {
    if (!intent.value) r.dial.marked.delete(id);
    else if ((r.server.campaign.doNotCallScope ?? 'chain') === 'chain') r.dial.marked.set(id, 'all');
    else {
      const rec = w.interaction!.chain.records.find((x) => x.handle === w.interaction!.chain.activeHandle)!;
      r.dial.marked.set(id, new Set([e164(rec.phone, rec.country)]));
    }
  }
  return result;
}

/** Judge one recorded event (the server's log, in order); `chain` is the interaction's latest chain. */
export function checkDial(
  r: Real,
  e: WorkflowEvent,
  chain: { records: readonly { handle: number; timeZone: string; callFrom: number; callTill: number }[] } | undefined,
): void {
  if (e.type !== 'dialing') return;
  const marked = r.dial.marked.get(e.interactionId);
  if (marked === 'all' || marked?.has(e.call.number)) throw new Error(`dialed ${e.call.number} of ${e.interactionId} after the agent marked it Do Not Call`);
  const rec = chain?.records.find((x) => x.handle === e.call.handle);
  if (rec && !inCallingWindow(e.call.startedAt, rec) && !r.dial.confirmed.get(e.interactionId)) {
    throw new Error(`dialed ${e.call.number} of ${e.interactionId} outside its calling window, unconfirmed`);
  }
}
