/**
 * The desk rebuilt from `current-session` (spec §4): after a reconnect or a reload, because events
 * are not replayed, the server's open interactions and calls say where the workflow is.
 */
import { isEndPhase, type Phase, type Snapshot } from '../../domain/machine.js';
import { PUSH_PREVIEW_MEDIA } from '../../domain/types.js';
import type { Desk } from './desk.js';
import { memoFor } from './inbound.js';
import { CONNECTED_CALL_STATES, ENDED_CALL_STATES, campaignOf, toCall, toInteraction, type Ending, type Memo } from './mapping.js';
import type { GSession } from './read.js';
import { errorText } from './rest.js';

function endPhase(ending: Ending): Phase {
  return ending === 'reject' || ending === 'reject-auto' ? 'rejected' : ending === 'cancel' ? 'cancelled' : ending === 'done' ? 'done' : 'transferred';
}

export function reconcile(desk: Desk, gs: GSession): void {
  const s = desk.s;
  desk.user ??= gs.user;
  const ch = gs.channels.find((c) => c.name === 'outboundpreview');
  if (ch) desk.channel = { state: ch.state, timestamp: ch.timestamp };
  const live: Memo[] = [];
  for (const g of ch?.interactions ?? []) {
    if (g.state === 'Completed' || desk.ended.has(g.id) || g.mediatype !== 'outboundpreview') continue;
    try {
      live.push(memoFor(desk, g));
    } catch (e) {
      desk.problem({ kind: 'malformed', message: errorText(e), raw: g });
    }
  }
  // A reload: an agent with an open preview or a Ready channel chose push preview before (W-1).
  if (!desk.loggedIn && (ch?.state === 'Ready' || live.length > 0)) {
    desk.loggedIn = true;
    if (!desk.mediaTypes.includes(PUSH_PREVIEW_MEDIA)) desk.mediaTypes = [...desk.mediaTypes, PUSH_PREVIEW_MEDIA];
  }
  for (const c of gs.calls) {
    // issue 16: a consult call is never taken for the interaction's own; the consult is not rebuilt
    // here (it shows again with the consult call's next event, see ./consult.ts)
    if (c.callType === 'Consult') continue;
    const memo = desk.memoOfCall(c);
    if (!memo) continue;
    desk.calls.set(c.id, c);
    if (ENDED_CALL_STATES.has(c.state)) desk.releasedCalls.add(c.id);
    memo.callId = c.id;
    memo.dialed = true;
    if (CONNECTED_CALL_STATES.has(c.state)) memo.connectedAt ??= c.startedAt ?? Date.now();
  }
  // A call of ours the server no longer lists has ended.
  for (const memo of live) {
    if (memo.callId && !gs.calls.some((c) => c.id === memo.callId)) {
      const c = desk.calls.get(memo.callId);
      if (c && !ENDED_CALL_STATES.has(c.state)) desk.calls.set(c.id, { ...c, state: 'Released', capabilities: [] });
      desk.releasedCalls.add(memo.callId);
    }
  }
  const status = desk.loggedIn ? desk.statusOf(desk.channel?.state) : 'logged-out';
  const w = desk.state;
  const agent = { ...w.agent, name: desk.agentName(), status, mediaTypes: desk.loggedIn ? [...desk.mediaTypes] : [] };
  const memo = live.find((m) => m.id === w.interaction?.id) ?? live[0];
  let snapshot: Snapshot;
  if (!memo) {
    const was = w.interaction ? desk.memos.get(w.interaction.id) : undefined;
    if (desk.loggedIn && w.interaction && isEndPhase(w.phase)) {
      snapshot = { agent, campaign: w.campaign, interaction: w.interaction, phase: w.phase, call: null };
    } else if (desk.loggedIn && w.interaction && was?.ending) {
      // Its end notification was lost, but the server finished what we asked.
      snapshot = { agent, campaign: w.campaign, interaction: w.interaction, phase: endPhase(was.ending), call: null };
    } else {
      snapshot = { agent, campaign: desk.loggedIn ? (w.campaign ?? s.campaign) : null, interaction: null, phase: status, call: null };
    }
  } else {
    const call = memo.callId ? desk.calls.get(memo.callId) : undefined;
    let phase: Phase;
    if (memo.stale) phase = 'stale';
    else if (memo.g.state === 'Invited') phase = 'ringing';
    else if (call && call.state === 'Dialing') phase = 'dialing';
    else if (call && CONNECTED_CALL_STATES.has(call.state)) phase = 'connected';
    else phase = memo.dialed ? 'after-call' : 'previewing';
    if (phase !== 'ringing') memo.acceptedAt ??= Date.now();
    const calling = phase === 'dialing' || phase === 'connected';
    const interaction = { ...toInteraction(memo, s, desk.agentId), media: calling ? ('voice' as const) : ('open-media' as const) };
    snapshot = { agent, campaign: campaignOf(memo, s), interaction, phase, call: calling && call ? toCall(memo, call, desk.user?.agentLogin ?? null) : null };
  }
  desk.rebuild(snapshot);
}
