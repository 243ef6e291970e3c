/**
 * The agent's commands on the server (spec §5, §8, §10, §11): each checked against what the
 * server offers now, sent, and done only when the server's events say so — an accepted request
 * the server never confirms is a `timeout` refusal and the desk stays where it was.
 */
import type { MediaType } from '../../domain/types.js';
import type { Command } from '../port.js';
import { callCommand, type CallCommand } from './call-commands.js';
import { consultCommand } from './consult.js';
import { requestCampaignStatus } from './campaigns.js';
import { completeInteraction, ixnPath, need, ocsRequest, type Ctx } from './context.js';
import { ENDED_CALL_STATES, type Memo } from './mapping.js';
import { recordCommand, requestChain, type RecordCommand } from './record-commands.js';
import { Refused, errorText, isAbort, segment } from './rest.js';

export async function perform(ctx: Ctx, command: Command, signal?: AbortSignal): Promise<void> {
  const { s, desk, rest } = ctx;
  switch (command.type) {
    case 'login':
      return login(ctx, command.mediaTypes, signal);
    case 'logout':
      // The voice DN was made Ready with the channel (W-2): leave it Not Ready, not taking calls.
      if (s.voiceStatus) {
        await rest.request('POST', '/voice/not-ready', { data: {} }, signal).catch((e: unknown) => {
          if (isAbort(e)) throw e;
          s.debug('voice not-ready at logout failed', e);
        });
      }
      await rest.request('POST', '/media/outboundpreview/logout', { data: {} }, signal);
      desk.emitAgent('logged-out', null);
      desk.loggedIn = false;
      return;
    case 'set-status': {
      const op = command.status === 'ready' ? 'ready' : 'not-ready';
      if (s.voiceStatus) await rest.request('POST', `/voice/${op}`, { data: {} }, signal);
      await rest.request('POST', `/media/outboundpreview/${op}`, { data: {} }, signal);
      await desk.until(() => desk.state.agent.status === command.status, signal);
      return;
    }
    case 'close': {
      // Off the desk. A stale preview still open on the server is completed there (best effort),
      // so a later rebuild does not bring it back; any other is left as the server holds it: no
      // interaction is completed here without its record processed.
      if (desk.state.interaction?.id !== command.interactionId) throw new Refused('unknown-record');
      const memo = desk.memos.get(command.interactionId);
      if (memo) {
        desk.ended.add(memo.id);
        desk.memos.delete(memo.id);
        if (memo.stale && memo.g.capabilities.includes('complete')) {
          await rest.request('POST', `${ixnPath(memo)}/complete`, rest.body({}), signal).catch((e: unknown) => s.debug(`complete on close: ${errorText(e)}`));
        }
      }
      desk.emit({ type: 'closed', interactionId: command.interactionId });
      return;
    }
    case 'accept':
    case 'reject':
    case 'cancel':
    case 'transfer':
      return interactionCommand(ctx, command, desk.own(command.interactionId), signal);
    case 'connect':
    case 'hold':
    case 'retrieve':
    case 'start-recording':
    case 'stop-recording':
    case 'conference':
    case 'disconnect':
      return callCommand(ctx, command satisfies CallCommand, desk.own(command.interactionId), signal);
    case 'consult': // issue 16: the two-step transfer and conference (./consult.ts)
    case 'complete-transfer':
    case 'complete-conference':
    case 'cancel-consult':
      return consultCommand(ctx, command, desk.own(command.interactionId), signal);
    default:
      return recordCommand(ctx, command satisfies RecordCommand, desk.own(command.interactionId), signal);
  }
}

async function login(ctx: Ctx, mediaTypes: readonly MediaType[], signal?: AbortSignal): Promise<void> {
  const { s, desk } = ctx;
  const u = desk.user;
  const channels = [...s.channelsFor(mediaTypes)];
  const answer = await ctx.rest.request(
    'POST',
    '/activate-channels',
    { data: { agentId: u?.agentLogin || u?.userName, placeName: u?.defaultPlace, channels, autoCompleteCall: s.autoCompleteCall } },
    signal,
  );
  const got = (answer as { data?: { channels?: unknown } } | null)?.data?.channels;
  if (Array.isArray(got) && channels.includes('outboundpreview') && !got.includes('outboundpreview')) {
    throw new Refused('media-type-required', 'the server did not activate outboundpreview');
  }
  await ctx.ocs.subscribeTopic(signal);
  desk.loggedIn = true;
  desk.mediaTypes = [...mediaTypes];
  desk.emitAgent(desk.statusOf(desk.channel?.state), s.campaign);
  await requestCampaignStatus(s, ctx.rest, signal); // W-2, spec §11 step 6
}

type InteractionCommand = Extract<Command, { type: 'accept' | 'reject' | 'cancel' | 'transfer' }>;

async function interactionCommand(ctx: Ctx, command: InteractionCommand, memo: Memo, signal?: AbortSignal): Promise<void> {
  const { s, desk, rest } = ctx;
  const ixn = ixnPath(memo);
  const here = () => desk.state.interaction?.id === memo.id;
  switch (command.type) {
    case 'accept': // W-4
      need(memo.g.capabilities, 'accept');
      await rest.request('POST', `${ixn}/accept`, rest.body({}), signal);
      await desk.until(() => desk.state.phase !== 'ringing' || !here(), signal);
      if (s.ocs.requestChainOnAccept) {
        requestChain(ctx, memo).catch((e: unknown) => s.debug(`chained records: ${errorText(e)}`));
      }
      return;
    case 'reject': {
      // W-5, W-6: the record goes back to OCS, the interaction is rejected.
      need(memo.g.capabilities, 'reject');
      memo.ending = command.auto ? 'reject-auto' : 'reject';
      try {
        if (s.ocs.rejectOrder === 'ocs-first') await ocsRequest(ctx, 'RecordReject', memo, memo.record.handle, [], signal);
        await rest.request('POST', `${ixn}/reject`, rest.body({}), signal);
        if (s.ocs.rejectOrder !== 'ocs-first') await ocsRequest(ctx, 'RecordReject', memo, memo.record.handle, [], signal);
      } catch (e) {
        memo.ending = null;
        // The countdown ran out and the reject could not be made (refused, or cut off by the
        // session's deadline): never left ringing at 0 s with Accept still offered; the agent sees
        // why and dismisses it.
        if (command.auto && desk.memos.has(memo.id)) {
          const why = e instanceof Refused ? (e.detail ?? e.reason) : errorText(e);
          desk.emit({ type: 'failed', interactionId: memo.id, detail: `the automatic reject could not be sent (${why})` });
        }
        throw e;
      }
      await desk.until(() => desk.state.phase === 'rejected' || !here(), signal);
      return;
    }
    case 'cancel': {
      // W-10: after OCS takes the cancel, the interaction is completed, or placed in a queue where
      // the deployment says so (which a real desktop does is unverified, flow step 11).
      const queue = s.cancelToQueue;
      need(memo.g.capabilities, queue ? 'place-in-queue' : 'complete');
      await ocsRequest(ctx, 'RequestRecordCancel', memo, memo.record.handle, [], signal);
      if (!queue) return completeInteraction(ctx, memo, 'cancel', signal);
      await rest.request('POST', `${ixn}/place-in-queue`, rest.body({ queue }), signal);
      // No event follows a place-in-queue (§8): the interaction has left this desk.
      memo.ending = 'cancel';
      ctx.inbound.endInteraction(memo);
      return;
    }
    case 'transfer':
      return transfer(ctx, memo, command.targetId, signal);
  }
}

/**
 * W-11, W-18, W-23: transfer before dialing hands the interaction over (transfer-agent); while
 * connected the call goes first (single-step-transfer), then the interaction follows it. Each leg
 * is done when the server's events say so: the call released, the interaction gone from this desk.
 */
async function transfer(ctx: Ctx, memo: Memo, targetId: string, signal?: AbortSignal): Promise<void> {
  const { s, desk, rest } = ctx;
  const target = s.campaign.transferTargets.find((t) => t.id === targetId);
  if (!target) throw new Refused('unknown-target', targetId);
  const call = memo.callId ? desk.calls.get(memo.callId) : undefined;
  const onCall = call !== undefined && !ENDED_CALL_STATES.has(call.state);
  if (onCall) need(call.capabilities, 'single-step-transfer');
  else need(memo.g.capabilities, 'transfer');
  const gone = () => !desk.memos.has(memo.id);
  const undo = () => {
    memo.ending = null;
    memo.target = null;
  };
  memo.ending = 'transfer';
  memo.target = target;
  if (onCall) {
    try {
      await rest.request('POST', `/voice/calls/${segment(call.id)}/single-step-transfer`, rest.body({ destination: s.destinationOf(target) }), signal);
      await desk.until(() => desk.releasedCalls.has(call.id) || gone(), signal, undefined, 'the server did not confirm the transfer of the call');
    } catch (e) {
      undo();
      throw e;
    }
  }
  const callEnded = () => {
    // The call has gone to the target: this desk is in wrap-up, with the record still to process.
    const c = call && desk.calls.get(call.id);
    if (c && !gone()) ctx.inbound.callEnded(memo, c);
  };
  if (gone()) return;
  if (!memo.g.capabilities.includes('transfer')) {
    undo();
    callEnded();
    return;
  }
  try {
    await rest.request('POST', `${ixnPath(memo)}/transfer-agent`, rest.body({ agentId: s.transferAgentIdOf(target) }), signal);
    await desk.until(() => gone() || desk.state.phase === 'transferred', signal, undefined, 'the server did not confirm the transfer');
  } catch (e) {
    undo();
    if (onCall) callEnded();
    throw e;
  }
}
