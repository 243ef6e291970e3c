/**
 * The record and its chain (spec §9): Edit / Update Record, New Chained Record, the active record,
 * Reschedule and Mark Done, each an OCS request acknowledged before the desk changes.
 */
import type { CallResult, PhoneType } from '../../domain/types.js';
import type { Command } from '../port.js';
import { completeInteraction, ixnPath, need, ocsRequest, type Ctx } from './context.js';
import { sameValue, toKvList, type KvMap } from './kv.js';
import { alias, chainOf, toGenesysFields, toRecord, type Memo } from './mapping.js';
import { Refused, errorText, segment } from './rest.js';

export type RecordCommand = Extract<Command, { type: 'update-record' | 'add-chained-record' | 'set-active-record' | 'reschedule' | 'mark-done' }>;

export async function recordCommand(ctx: Ctx, command: RecordCommand, memo: Memo, signal?: AbortSignal): Promise<void> {
  const { s, desk, rest } = ctx;
  switch (command.type) {
    case 'update-record': {
      // W-12, W-15: OCS takes the fields under their send_attribute keys; the preview shows them.
      const fields = toGenesysFields(command.fields, s);
      await ocsRequest(ctx, 'UpdateCallCompletionStats', memo, command.handle, fields, signal);
      const patch = (r: typeof memo.record) => (r.handle === command.handle ? { ...r, fields: { ...r.fields, ...command.fields } } : r);
      memo.record = patch(memo.record);
      memo.extra = memo.extra.map(patch);
      if (command.handle === memo.record.handle && memo.g.capabilities.includes('update-user-data')) {
        await rest
          .request('POST', `${ixnPath(memo)}/update-user-data`, rest.body({ userData: toKvList(fields) }), signal)
          .catch((e: unknown) => s.debug(`update-user-data: ${errorText(e)}`));
      }
      desk.emitChain(memo);
      return;
    }
    case 'add-chained-record':
      return addChainedRecord(ctx, memo, command.phone, command.phoneType, signal);
    case 'set-active-record':
      // W-8, W-26: which record Connect dials; OCS learns it from the call's user data.
      if (!memo.pairs.has(command.handle)) throw new Refused('unknown-record');
      memo.activeHandle = command.handle;
      desk.emitChain(memo);
      return;
    case 'reschedule': {
      // W-14
      await ocsRequest(ctx, 'RecordReschedule', memo, command.handle, s.ocs.rescheduleFields(command.at, command.callbackType, s.ocs.formatDateTime), signal);
      memo.rescheduled = { at: command.at, type: command.callbackType };
      desk.emit({ type: 'rescheduled', interactionId: memo.id, at: command.at, callbackType: command.callbackType });
      return;
    }
    case 'mark-done': {
      // W-25, W-28, W-29: Do Not Call first, then RecordProcessed with the result; then complete.
      need(memo.g.capabilities, 'complete');
      const handle = memo.dialHandle ?? memo.activeHandle;
      // the record the agent ticked it for, if this interaction knows it (W-25), else the one dialed
      const marked = command.doNotCallHandle !== undefined && memo.pairs.has(command.doNotCallHandle) ? command.doNotCallHandle : handle;
      if (command.doNotCall) await ocsRequest(ctx, 'DoNotCall', memo, marked, s.ocs.doNotCallFields, signal);
      const result: CallResult | null = command.doNotCall && marked === handle ? 51 : command.callResult;
      await ocsRequest(
        ctx,
        'RecordProcessed',
        memo,
        handle,
        [
          ['GSW_CALL_RESULT', result],
          [s.ocs.dispositionKey, command.dispositionCode],
        ],
        signal,
      );
      // Calls are not auto-completed (autoCompleteCall false; the simulator never does, §10.2).
      const call = memo.callId ? desk.calls.get(memo.callId) : undefined;
      if (call && call.state === 'Released' && call.capabilities.includes('complete')) {
        await rest.request('POST', `/voice/calls/${segment(call.id)}/complete`, {}, signal).catch((e: unknown) => s.debug(`complete call: ${errorText(e)}`));
      }
      return completeInteraction(ctx, memo, 'done', signal);
    }
  }
}

async function addChainedRecord(ctx: Ctx, memo: Memo, phone: string, phoneType: PhoneType, signal?: AbortSignal): Promise<void> {
  // W-13
  const { s, desk } = ctx;
  const base = chainOf(memo).records.find((r) => r.handle === memo.activeHandle) ?? memo.record;
  const [reply] = (
    await ocsRequest(
      ctx,
      'AddRecord',
      memo,
      base.handle,
      [
        ['GSW_PHONE', phone],
        ['GSW_PHONE_TYPE', s.ocs.phoneTypeCodes[phoneType]],
        ['GSW_CHAIN_ID', base.chainId],
      ],
      signal,
    )
  ).slice(-1);
  const basePairs = memo.pairs.get(base.handle)!;
  const sent = basePairs.get('GSW_RECORD_HANDLE');
  const got = reply?.get('GSW_RECORD_HANDLE');
  const added = { ...base, phone, phoneType, callResult: null, attempts: 0 };
  if (got && !sameValue(got.value, sent?.value)) {
    const handle = alias(got.value);
    memo.pairs.set(handle, new Map(basePairs).set('GSW_RECORD_HANDLE', got));
    memo.extra = [...memo.extra.filter((r) => r.handle !== handle), { ...added, handle }];
    desk.emitChain(memo);
    return;
  }
  // The acknowledgement did not name the new record (its shape is unverified, §9.4): the chain
  // as OCS now holds it does. A record handle is never invented: until OCS names it, the
  // number is shown but cannot be dialed or made active (unknown-record).
  const before = new Set(chainOf(memo).records.map((r) => r.handle));
  await requestChain(ctx, memo).catch((e: unknown) => s.debug(`chained records after AddRecord: ${errorText(e)}`));
  if (chainOf(memo).records.some((r) => !before.has(r.handle))) return;
  const handle = alias(`new:${phone}`);
  memo.extra = [...memo.extra.filter((r) => r.handle !== handle), { ...added, handle }];
  desk.emitChain(memo);
}

/** W-8: ask OCS for the contact's chain; each ChainedRecord joins it as it comes. */
export async function requestChain(ctx: Ctx, memo: Memo): Promise<void> {
  const refs = ctx.inbound.chainRefs;
  const replies = await ocsRequest(ctx, 'ChainedRecordRequest', memo, memo.record.handle, [['GSW_CHAIN_ID', memo.record.chainId]], undefined, (ref) => {
    refs.set(ref, memo);
    if (refs.size > 20) refs.delete(refs.keys().next().value!);
  });
  addChained(ctx, memo, replies);
}

export function addChained(ctx: Ctx, memo: Memo, replies: readonly KvMap[]): void {
  for (const reply of replies) {
    if (!reply.has('GSW_PHONE')) continue;
    const read = toRecord(reply, 'ChainedRecord', ctx.s);
    if (read.handle === memo.record.handle) continue;
    // A number of the same contact without a country code is read in the contact's region.
    const record = read.phone.trim().startsWith('+') ? read : { ...read, country: memo.record.country };
    // A chained record shares the preview's identifiers (application, campaign, list) unless it says otherwise.
    memo.pairs.set(record.handle, new Map([...(memo.pairs.get(memo.record.handle) ?? []), ...reply]));
    memo.extra = [...memo.extra.filter((r) => r.handle !== record.handle), { ...record, fields: { ...memo.record.fields, ...record.fields } }];
  }
  ctx.desk.emitChain(memo);
}
