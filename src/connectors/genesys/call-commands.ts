/**
 * The voice call of a preview (spec §10): Connect, Hold / Retrieve, Record, Conference and
 * Disconnect, each done when the call's events say so.
 */
import type { Command } from '../port.js';
import { need, type Ctx } from './context.js';
import { toKvList, type KvPair } from './kv.js';
import { ENDED_CALL_STATES, chainOf, dialable, type Memo } from './mapping.js';
import { Refused, segment } from './rest.js';

export type CallCommand = Extract<Command, { type: 'connect' | 'hold' | 'retrieve' | 'start-recording' | 'stop-recording' | 'conference' | 'disconnect' }>;

const callPath = (id: string, op: string) => `/voice/calls/${segment(id)}/${op}`;

export async function callCommand(ctx: Ctx, command: CallCommand, memo: Memo, signal?: AbortSignal): Promise<void> {
  const { s, desk, rest } = ctx;
  const connected = () => desk.state.phase === 'connected';
  switch (command.type) {
    case 'connect': {
      // W-7, W-9, W-16, W-26: dial the chosen number with the record's identifiers attached.
      const pairs = memo.pairs.get(command.handle);
      if (!pairs) throw new Refused('unknown-record');
      const record = chainOf(memo).records.find((r) => r.handle === command.handle) ?? memo.record;
      // The Chained Records tab's check, in the record's region: what it calls not valid is not dialled.
      if (!dialable(command.number, record.country)) throw new Refused('invalid-number', command.number.slice(0, 64));
      const userData = toKvList(s.ocs.recordKeys.map((k) => pairs.get(k)).filter((p): p is KvPair => p !== undefined));
      memo.dialHandle = command.handle;
      memo.dialNumber = command.number;
      memo.callId = null;
      desk.dialError = null;
      try {
        await rest.request('POST', '/voice/make-call', rest.body({ destination: s.dialString(command.number, record.country), userData }), signal);
        await desk.until(() => {
          if (desk.dialError) throw new Refused('server-error', desk.dialError.slice(0, 200));
          return desk.state.phase !== 'previewing' && desk.state.phase !== 'after-call';
        }, signal);
      } catch (e) {
        if (memo.callId === null) memo.dialNumber = null;
        throw e;
      }
      return;
    }
    case 'hold':
    case 'retrieve': {
      // W-19
      const call = desk.liveCall(memo);
      need(call.capabilities, command.type);
      await rest.request('POST', callPath(call.id, command.type), rest.body({}), signal);
      await desk.until(() => desk.state.call?.held === (command.type === 'hold') || !connected(), signal);
      return;
    }
    case 'start-recording':
    case 'stop-recording': {
      // W-20: the capability list is unreliable for recording (§10.2); only its absence counts.
      const call = desk.liveCall(memo);
      if (!call.capabilities.some((c) => /-recording$/.test(c))) throw new Refused('recording-unavailable', 'the server offers no recording on this call');
      await rest.request('POST', callPath(call.id, command.type), {}, signal);
      await desk.until(() => desk.state.call?.recording === (command.type === 'start-recording') || !connected(), signal);
      return;
    }
    case 'conference': {
      // W-17: a single-step conference with the target (at most 3 parties, the machine checks),
      // done when the call shows the new party.
      const target = s.campaign.conferenceTargets.find((t) => t.id === command.targetId);
      if (!target) throw new Refused('unknown-target', command.targetId);
      const call = desk.liveCall(memo);
      need(call.capabilities, 'single-step-conference');
      const before = desk.state.call?.parties ?? 2;
      await rest.request('POST', callPath(call.id, 'single-step-conference'), rest.body({ destination: s.destinationOf(target) }), signal);
      await desk.until(() => (desk.state.call?.parties ?? 0) > before || !connected(), signal, undefined, 'the server did not confirm the conference');
      return;
    }
    case 'disconnect': {
      // W-22
      const call = desk.liveCall(memo);
      need(call.capabilities, 'release');
      await rest.request('POST', callPath(call.id, 'release'), rest.body({}), signal);
      const over = () => desk.state.phase !== 'dialing' && !connected();
      try {
        await desk.until(over, signal);
      } catch (e) {
        // The release event may not come (a server left confused by a failed conference): the
        // server's own list says whether the call is still there.
        if (!(e instanceof Refused) || e.reason !== 'timeout') throw e;
        const now = await ctx.serverCall(call.id, signal);
        if (now && !ENDED_CALL_STATES.has(now.state)) throw e;
        const ended = now ?? { ...call, state: 'Released', capabilities: [] };
        desk.calls.set(call.id, ended);
        desk.releasedCalls.add(call.id);
        ctx.inbound.callEnded(memo, ended);
      }
      return;
    }
  }
}

/**
 * Pause or resume the recording of the interaction's call, where its state allows (W-20), from
 * recordingState rather than the capability list, which servers get wrong after a resume (§10.2).
 */
export async function pauseRecording(ctx: Ctx, memo: Memo, pause: boolean, signal?: AbortSignal): Promise<void> {
  const call = ctx.desk.liveCall(memo);
  if (call.recordingState !== (pause ? 'Recording' : 'Paused')) throw new Refused('recording-unavailable', `the call is not ${pause ? 'recording' : 'paused'}`);
  await ctx.rest.request('POST', callPath(call.id, pause ? 'pause-recording' : 'resume-recording'), {}, signal);
  const want = pause ? 'Paused' : 'Recording';
  await ctx.desk.until(() => ctx.desk.calls.get(call.id)?.recordingState === want, signal);
}
