/**
 * Notifications in (spec §3–§10): each CometD message read, checked, and turned into the workflow
 * events it implies. A malformed message is reported and never applied; whatever goes wrong while
 * handling one stays inside the handler.
 */
import { isCallResult } from '../../domain/types.js';
import { Invalid } from '../validate.js';
import { campaignEventOf } from './campaigns.js';
import type { Desk } from './desk.js';
import { kvInt, kvText, sameValue, type KvMap } from './kv.js';
import { CONNECTED_CALL_STATES, ENDED_CALL_STATES, campaignOf, newMemo, toCall, toInteraction, toRecord, type Memo } from './mapping.js';
import type { Ocs } from './ocs.js';
import { readNotification, type GCall, type GInteraction, type GNotification } from './read.js';
import { errorText } from './rest.js';
import { isConsultCall, onConsultCall } from './consult.js';
import type { SignIn } from './signin.js';

/** The memo of an interaction, created or brought up to date from what the server says of it. */
export function memoFor(desk: Desk, g: GInteraction): Memo {
  const record = toRecord(g.userData, 'interaction.userData', desk.s);
  let memo = desk.memos.get(g.id);
  if (!memo) {
    memo = newMemo(g, record);
    desk.memos.set(g.id, memo);
  } else {
    memo.g = g;
    memo.record = { ...record, handle: memo.record.handle, callResult: record.callResult ?? memo.record.callResult };
    memo.pairs.set(memo.record.handle, g.userData);
  }
  return memo;
}

export class Inbound {
  /** Chained-record requests answered already: a ChainedRecord overtaken by its DataEnd still counts. */
  readonly chainRefs = new Map<string, Memo>();

  constructor(
    private readonly desk: Desk,
    private readonly signIn: SignIn,
    private readonly ocs: Ocs,
    /** A chained record came for this memo. */
    private readonly chained: (memo: Memo, replies: readonly KvMap[]) => void,
  ) {}

  message(channel: string, data: unknown): void {
    const desk = this.desk;
    desk.notifications += 1;
    try {
      this.handle(channel, readNotification(channel, data));
    } catch (e) {
      // Never out of the CometD handler: a message that cannot be read or applied is a problem to report.
      const message = e instanceof Invalid ? e.message : `could not handle the message (${errorText(e).slice(0, 200)})`;
      if (!(e instanceof Invalid)) desk.s.debug(`error handling a message on ${channel}`, e);
      desk.problem({ kind: 'malformed', message: `${channel}: ${message}`, raw: data });
    } finally {
      desk.wake();
    }
  }

  private handle(channel: string, n: GNotification): void {
    const desk = this.desk;
    switch (n.kind) {
      case 'init':
        if (n.state === 'Complete' && n.user) this.signIn.onUser(n.user);
        else if (n.state === 'Failed') {
          desk.s.debug('workspace initialization failed');
          this.signIn.failed = true;
        }
        return;
      case 'channels':
        desk.channelsSeen = true;
        for (const c of n.channels) {
          if (c.name !== 'outboundpreview') continue;
          // Only the changed channel comes; an older timestamp is a late duplicate (§5).
          if (desk.channel?.timestamp != null && c.timestamp != null && c.timestamp < desk.channel.timestamp) continue;
          desk.channel = { state: c.state, timestamp: c.timestamp };
          if (!desk.loggedIn) continue;
          desk.emitAgent(desk.statusOf(c.state));
          // A preview pushed while the agent was not Ready rings once they are (W-2).
          for (const memo of desk.memos.values()) {
            if (memo.g.state === 'Invited')
              desk.emit({ type: 'offered', interaction: toInteraction(memo, desk.s, desk.agentId), campaign: campaignOf(memo, desk.s) });
          }
        }
        return;
      case 'dn':
        return;
      case 'interaction':
        return this.onInteraction(n.interaction);
      case 'call':
        return this.onCall(n.call);
      case 'user-event':
        return this.onUserEvent(n.data);
      case 'error':
        desk.s.debug(`EventError ${n.code ?? ''} ${n.message}`);
        if ([...desk.memos.values()].some((m) => m.dialNumber !== null && m.callId === null)) desk.dialError = n.message || `error ${n.code}`;
        return;
      case 'unknown':
        desk.s.debug(`ignored ${n.messageType} on ${channel}`);
        return;
    }
  }

  private onInteraction(g: GInteraction): void {
    const desk = this.desk;
    if (g.mediatype !== 'outboundpreview') {
      desk.s.debug(`ignored a ${g.mediatype} interaction`);
      return;
    }
    if (desk.ended.has(g.id)) return;
    // Correlate by ids and state, not by order (§2): a late Invited never takes back an accept,
    // and a known interaction ends whatever its last user data holds.
    const known = desk.memos.get(g.id);
    if (known && known.acceptedAt !== null && g.state === 'Invited') {
      desk.s.debug(`ignored a late Invited for ${g.id}: accepted already`);
      return;
    }
    if (known && g.state === 'Completed') return this.endInteraction(known);
    const memo = memoFor(desk, g);
    if (g.state === 'Invited') {
      desk.emit({ type: 'offered', interaction: toInteraction(memo, desk.s, desk.agentId), campaign: campaignOf(memo, desk.s) });
      desk.emitCapabilities(memo);
      return;
    }
    if (g.state === 'Completed') return this.endInteraction(memo);
    // Processing (or another owned state): accepted, with what the record now holds.
    memo.acceptedAt ??= Date.now();
    desk.emit({ type: 'accepted', interactionId: memo.id, owner: desk.agentId, at: memo.acceptedAt });
    desk.emitChain(memo);
    desk.emitCapabilities(memo);
  }

  /** The server took the interaction off this desk: how it ended is what this desk asked for, if anything. */
  endInteraction(memo: Memo): void {
    const desk = this.desk;
    const id = memo.id;
    switch (memo.ending) {
      case 'reject':
      case 'reject-auto':
        desk.emit({ type: 'rejected', interactionId: id, auto: memo.ending === 'reject-auto' });
        break;
      case 'cancel':
        desk.emit({ type: 'cancelled', interactionId: id });
        break;
      case 'done':
        desk.emit({ type: 'done', interactionId: id });
        break;
      case 'transfer':
        if (memo.target) desk.emit({ type: 'transferred', interactionId: id, target: memo.target });
        break;
      default:
        // Taken away by the server: a preview that rang out, or a desk that lost it.
        if (desk.state.phase === 'ringing') desk.emit({ type: 'rejected', interactionId: id, auto: true });
        else desk.emit({ type: 'failed', interactionId: id, detail: 'completed by the server' });
    }
    desk.ended.add(id);
    desk.memos.delete(id);
  }

  private onCall(c: GCall): void {
    const desk = this.desk;
    if (isConsultCall(desk, c)) return onConsultCall(desk, c); // issue 16: never the interaction's own call
    const memo = desk.memoOfCall(c);
    if (!memo) {
      desk.s.debug(`ignored call ${c.id}: no preview of ours`);
      return;
    }
    if (desk.releasedCalls.has(c.id) && !ENDED_CALL_STATES.has(c.state)) return; // late news of an ended call
    if (c.previousConnId !== null && memo.callId === c.previousConnId) desk.calls.delete(c.previousConnId);
    desk.calls.set(c.id, c);
    memo.callId = c.id;
    memo.dialed = true;
    const id = memo.id;
    if (ENDED_CALL_STATES.has(c.state)) {
      desk.releasedCalls.add(c.id);
      if (memo.ending === 'transfer') return; // the transfer says what comes next
      this.callEnded(memo, c);
      return;
    }
    desk.emit({ type: 'dialing', interactionId: id, call: { ...toCall(memo, c, desk.user?.agentLogin ?? null), connectedAt: null, held: false } });
    if (CONNECTED_CALL_STATES.has(c.state)) {
      memo.connectedAt ??= Date.now();
      desk.emit({ type: 'connected', interactionId: id, at: memo.connectedAt });
      desk.emitCall(memo, c);
    }
    desk.emitCapabilities(memo);
  }

  callEnded(memo: Memo, c: GCall): void {
    const code = kvInt(c.userData, 'GSW_CALL_RESULT');
    this.desk.emit({ type: 'call-ended', interactionId: memo.id, callResult: isCallResult(code) ? code : null });
    this.desk.emitCapabilities(memo);
  }

  private onUserEvent(data: KvMap): void {
    const desk = this.desk;
    const ref = data.get('GSW_REFERENCE_ID');
    // A chained record joins the chain as it comes, before or after its ChainedRecordsDataEnd.
    const chained = ref ? this.chainRefs.get(String(ref.value)) : undefined;
    if (chained && data.has('GSW_PHONE') && !data.has('GSW_ERROR')) return this.chained(chained, [data]);
    if (this.ocs.reply(data)) return;
    const campaign = campaignEventOf(data); // W-2, spec §6: asked for at login, or unasked
    if (campaign) {
      desk.emit(campaign);
      return;
    }
    const name = kvText(data, 'GSW_USER_EVENT') ?? '';
    // An unsolicited word about one of our records (W-30): stale.
    const handle = data.get('GSW_RECORD_HANDLE');
    if (handle && desk.s.ocs.isStale(data)) {
      for (const memo of desk.memos.values()) {
        if ([...memo.pairs.values()].some((p) => sameValue(p.get('GSW_RECORD_HANDLE')?.value, handle.value))) desk.markStale(memo);
      }
      return;
    }
    desk.s.debug(`ignored user event ${name.slice(0, 100) || '(unnamed)'}${ref ? ` for reference ${String(ref.value).slice(0, 40)}` : ''}`);
  }
}
