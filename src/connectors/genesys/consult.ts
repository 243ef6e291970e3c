/**
 * Issue 16: the consult (two-step) transfer and conference over Genesys (spec §10.2, flow step 20).
 *
 * - Consult: `POST /voice/calls/{parent}/initiate-transfer {destination}`. [SIM] The parent goes
 *   `Held` and a new call comes with `callType:"Consult"` and `parentConnId:<parent>`, `Dialing`.
 *   The simulator never answers a consult; that it goes `Established` when the target answers,
 *   and `Released` when they refuse or do not answer, is [UNVERIFIED]: a consult released before
 *   it was answered is shown as "did not answer" (a refusal cannot be told apart here).
 * - Complete transfer / Make it a conference: `POST /voice/calls/{consult}/complete-transfer` (or
 *   `complete-conference`) with `{parentConnId}`. Both answer 500 in the simulator on an outbound
 *   call [NOT-SIM]; which call id goes in the path (the consult's, as the client spec's docs say)
 *   and what events follow are [UNVERIFIED]. Tolerant: a transfer is done once the parent call is
 *   released (then the interaction follows as after a one-step transfer); a conference once the
 *   consult call is released or the parent shows the third party, in either order.
 *   `initiate-conference` (501 in the simulator) is not used: a consult made by initiate-transfer
 *   offers `complete-conference` in its capabilities [SIM], so one consult serves both ends.
 * - Cancel consult: `release` the consult call (unless it ended already), then `retrieve` the parent.
 */
import type { Command } from '../port.js';
import { need, ixnPath, type Ctx } from './context.js';
import type { Desk } from './desk.js';
import { ENDED_CALL_STATES, type Memo } from './mapping.js';
import type { GCall } from './read.js';
import { Refused, segment } from './rest.js';

export type ConsultCommand = Extract<Command, { type: 'consult' | 'complete-transfer' | 'complete-conference' | 'cancel-consult' }>;

const callPath = (id: string, op: string) => `/voice/calls/${segment(id)}/${op}`;

/** Is `c` the consult call of one of this desk's calls (by its type, or its parent)? */
export function isConsultCall(desk: Desk, c: GCall): boolean {
  if (c.callType === 'Consult') return true;
  return c.parentConnId !== null && [...desk.memos.values()].some((m) => m.callId === c.parentConnId);
}

/** A consult call's news, as workflow events. Never touches the interaction's own call. */
export function onConsultCall(desk: Desk, c: GCall): void {
  const memo = [...desk.memos.values()].find((m) => (m.consult?.callId ?? null) === c.id || (c.parentConnId !== null && m.callId === c.parentConnId));
  if (!memo) return desk.s.debug(`ignored consult call ${c.id}: no call of ours is its parent`);
  if (!memo.consult) {
    // a consult this desk did not place here (another tab, before a reload): its target by the number dialled
    const number = c.dnis ?? c.participants.find((p) => p.role === 'RoleDestination')?.number ?? '';
    const known = [...desk.s.campaign.transferTargets, ...desk.s.campaign.conferenceTargets].find((t) => desk.s.destinationOf(t) === number);
    memo.consult = { target: known ?? { id: number, name: number, kind: 'number' }, callId: c.id, answered: false, ending: null };
  }
  const k = memo.consult;
  k.callId = c.id;
  desk.calls.set(c.id, c);
  const interactionId = memo.id;
  if (ENDED_CALL_STATES.has(c.state)) {
    desk.releasedCalls.add(c.id);
    if (k.ending === 'transfer') return; // the parent's release says it is done
    if (k.ending === 'conference' || k.ending === 'cancel') {
      memo.consult = null;
      desk.emit({ type: 'consult-ended', interactionId, conferenced: k.ending === 'conference' });
      return;
    }
    desk.emit({ type: 'consult-failed', interactionId, failure: k.answered ? 'released' : 'no-answer' });
    return;
  }
  desk.emit({ type: 'consult-dialing', interactionId, target: k.target, at: c.startedAt ?? Date.now() });
  if (c.state === 'Established') {
    k.answered = true;
    desk.emit({ type: 'consult-answered', interactionId, at: Date.now() });
  }
}

export async function consultCommand(ctx: Ctx, command: ConsultCommand, memo: Memo, signal?: AbortSignal): Promise<void> {
  const { s, desk, rest } = ctx;
  const parent = desk.liveCall(memo);
  const consulting = () => desk.state.consult ?? null;
  const body = () => rest.body({ parentConnId: parent.id });
  if (command.type === 'consult') {
    const target = [...s.campaign.transferTargets, ...s.campaign.conferenceTargets].find((t) => t.id === command.targetId);
    if (!target) throw new Refused('unknown-target', command.targetId);
    need(parent.capabilities, 'initiate-transfer');
    memo.consult = { target, callId: null, answered: false, ending: null };
    try {
      await rest.request('POST', callPath(parent.id, 'initiate-transfer'), rest.body({ destination: s.destinationOf(target) }), signal);
      await desk.until(() => consulting() !== null || desk.state.phase !== 'connected', signal, undefined, 'the server did not place the consult call');
    } catch (e) {
      if (!consulting()) memo.consult = null;
      throw e;
    }
    return;
  }
  const k = memo.consult;
  if (!k) throw new Refused('not-allowed', 'no consult');
  const consult = k.callId ? desk.calls.get(k.callId) : undefined;
  const live = consult !== undefined && !ENDED_CALL_STATES.has(consult.state);
  switch (command.type) {
    case 'complete-transfer':
    case 'complete-conference': {
      if (!consult || !live) throw new Refused('consult-not-answered');
      need(consult.capabilities, command.type);
      const conference = command.type === 'complete-conference';
      k.ending = conference ? 'conference' : 'transfer';
      if (!conference) [memo.ending, memo.target] = ['transfer', k.target];
      try {
        await rest.request('POST', callPath(consult.id, command.type), body(), signal);
        if (conference)
          await desk.until(() => consulting() === null || desk.state.phase !== 'connected', signal, undefined, 'the server did not confirm the conference');
        else
          await desk.until(() => desk.releasedCalls.has(parent.id) || !desk.memos.has(memo.id), signal, undefined, 'the server did not confirm the transfer');
      } catch (e) {
        k.ending = null;
        if (!conference) [memo.ending, memo.target] = [null, null];
        throw e;
      }
      if (!conference) await handOver(ctx, memo, signal);
      return;
    }
    case 'cancel-consult': {
      k.ending = 'cancel';
      if (live) {
        await rest.request('POST', callPath(consult.id, 'release'), rest.body({}), signal);
        await desk.until(() => consulting() === null || desk.state.phase !== 'connected', signal, undefined, 'the server did not release the consult');
      } else {
        memo.consult = null;
        desk.emit({ type: 'consult-ended', interactionId: memo.id, conferenced: false });
      }
      const now = desk.calls.get(parent.id) ?? parent;
      if (now.state !== 'Held') return;
      need(now.capabilities, 'retrieve');
      await rest.request('POST', callPath(parent.id, 'retrieve'), rest.body({}), signal);
      await desk.until(() => desk.state.call?.held === false || desk.state.phase !== 'connected', signal);
      return;
    }
  }
}

/** After the call went to the target: the interaction follows it (transfer-agent), else wrap-up with the record to process. */
async function handOver(ctx: Ctx, memo: Memo, signal?: AbortSignal): Promise<void> {
  const { s, desk, rest } = ctx;
  if (!desk.memos.has(memo.id)) return;
  const callEnded = () => {
    const c = memo.callId ? desk.calls.get(memo.callId) : undefined;
    if (c && desk.memos.has(memo.id)) ctx.inbound.callEnded(memo, c);
  };
  const target = memo.target!;
  if (!memo.g.capabilities.includes('transfer')) {
    [memo.ending, memo.target] = [null, null];
    return callEnded();
  }
  try {
    await rest.request('POST', `${ixnPath(memo)}/transfer-agent`, rest.body({ agentId: s.transferAgentIdOf(target) }), signal);
    await desk.until(() => !desk.memos.has(memo.id) || desk.state.phase === 'transferred', signal, undefined, 'the server did not confirm the transfer');
  } catch (e) {
    [memo.ending, memo.target] = [null, null];
    callEnded();
    throw e;
  }
}
