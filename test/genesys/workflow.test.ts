/**
 * The push preview workflow through the Genesys connector against the fake Workspace API:
 * login to Mark Done, the reject path, OCS requests and their acknowledgements, refusals.
 */
import { expect } from '@open-wc/testing';
import type { GenesysConnector } from '../../src/connectors/genesys/index.js';
import { refusalFor } from '../../src/domain/machine.js';
import { epochToZoned, formatMinuteOfDay, zonedToEpoch } from '../../src/domain/time.js';
import { CallResult, activeRecord } from '../../src/domain/types.js';
import type { Session } from '../../src/session/session.js';
import { Fake, TEST_CAMPAIGN, expectOk, phaseIs, previewing, ringing, sessionOver, signedInConnector, until, type TestOptions } from './helpers.js';

/**
 * A callback time `days` ahead, an hour into the active record's calling window in its own zone:
 * never "now + n" (run at 23:59 UTC, two days on fell in the last minute the window leaves out).
 */
function callbackIn(session: Session, days: number): number {
  const r = activeRecord(session.state.workflow.interaction!.chain)!;
  const date = epochToZoned(Date.now() + days * 86_400_000, r.timeZone).date;
  return zonedToEpoch(date, formatMinuteOfDay((r.callFrom + 60) % 1440), r.timeZone);
}

/** Connect, Disconnect, then Mark Do Not Call with a code and Mark Done (W-25, W-29). */
async function callThenDoNotCall(session: Session): Promise<void> {
  await expectOk(session.dispatch({ type: 'connect' }));
  await phaseIs(session, 'connected');
  await expectOk(session.dispatch({ type: 'disconnect' }));
  await expectOk(session.dispatch({ type: 'mark-do-not-call', value: true }));
  await expectOk(session.dispatch({ type: 'set-disposition', code: 'NO-SALE' }));
  await expectOk(session.dispatch({ type: 'mark-done' }));
}

describe('Genesys connector: the workflow', () => {
  let fake: Fake;
  let connector: GenesysConnector;
  let session: Session;

  async function setUp(opts: TestOptions = {}, server: Record<string, unknown> = {}) {
    fake = await Fake.start(server);
    connector = await signedInConnector(fake, opts);
    session = sessionOver(connector);
  }

  afterEach(async () => {
    session?.dispose();
    await fake?.stop();
  });

  it('W-1..W-29: login → Ready → offered → accept → connect → hold/retrieve → disconnect → call result + disposition → Mark Done', async () => {
    await setUp();
    await session.start();
    expect(session.state.connection).to.equal('online');
    expect(session.state.workflow.phase).to.equal('logged-out');
    expect(session.state.workflow.agent.name).to.equal('John Smith');

    await expectOk(session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] }));
    expect(session.state.workflow.phase).to.equal('not-ready');
    const activated = (await fake.state()).activated as { channels?: string[]; autoCompleteCall?: boolean; placeName?: string };
    expect(activated.channels).to.include('outboundpreview'); // W-1: the chosen media
    expect(activated).to.deep.include({ autoCompleteCall: false, placeName: 'Place_JohnSmith' });
    // The OCS topic is subscribed to at login, so its replies reach this client (§9.2).
    const topics = (await fake.state()).topicSubscriptions;
    expect(topics).to.deep.equal([[{ key: 'topic', type: 'str', value: '<tenant-id>@<place>' }]]);

    await expectOk(session.dispatch({ type: 'ready' }));
    expect(session.state.workflow.phase).to.equal('ready'); // W-2 on outboundpreview
    const http = await fake.http();
    expect(http.map((h) => h.path)).to.include.members(['/voice/ready', '/media/outboundpreview/ready']);

    const ixnId = (await fake.cmd<{ id: string }>('push-preview')).id;
    await phaseIs(session, 'ringing'); // W-3
    const ixn = session.state.workflow.interaction!;
    expect(ixn.id).to.equal(ixnId);
    const record = ixn.chain.records[0]!;
    expect(record.phone).to.equal('+81312345678');
    expect(record.fields).to.deep.include({ CustomerName: 'Yamada Taro', Segment: 'Gold' });
    expect(record.phoneType).to.equal('business');
    expect(record.country).to.equal('JP');

    await expectOk(session.dispatch({ type: 'accept' })); // W-4
    expect(session.state.workflow.phase).to.equal('previewing');
    expect(session.state.workflow.interaction!.owner).to.equal('JohnSmith');
    // W-8: OCS answered ChainedRecordRequest with the chain's other record, then ChainedRecordsDataEnd.
    await until(() => session.state.workflow.interaction!.chain.records.length === 2, 'the chained record');
    expect(session.state.workflow.interaction!.chain.records[1]!.phone).to.equal('+819012345678');

    await expectOk(session.dispatch({ type: 'connect' })); // W-7
    expect(['dialing', 'connected']).to.include(session.state.workflow.phase);
    expect(session.state.workflow.interaction!.media).to.equal('voice'); // W-16
    await phaseIs(session, 'connected');
    const call = (await fake.state()).calls[0]!;
    // The call carries the record's identifiers so OCS and the call name the same record.
    expect(call.userData.map((p) => p.key)).to.include.members(['GSW_RECORD_HANDLE', 'GSW_CAMPAIGN_NAME', 'GSW_CALLING_LIST', 'GSW_APPLICATION_ID']);
    expect(session.state.workflow.call!.number).to.equal('+81312345678');

    await expectOk(session.dispatch({ type: 'hold' })); // W-19
    expect(session.state.workflow.call!.held).to.equal(true);
    expect(session.state.allowed.has('retrieve')).to.equal(true);
    await expectOk(session.dispatch({ type: 'retrieve' }));
    expect(session.state.workflow.call!.held).to.equal(false);

    await expectOk(session.dispatch({ type: 'start-recording' })); // W-20
    expect(session.state.workflow.call!.recording).to.equal(true);
    await expectOk(connector.pauseRecording(ixnId, true)); // where the call's capabilities allow it
    expect(connector.recordingState(ixnId)).to.equal('Paused');
    expect(session.state.workflow.call!.recording).to.equal(true);
    await expectOk(connector.pauseRecording(ixnId, false));
    expect(connector.recordingState(ixnId)).to.equal('Recording');
    await expectOk(session.dispatch({ type: 'stop-recording' }));
    expect(session.state.workflow.call!.recording).to.equal(false);

    await expectOk(session.dispatch({ type: 'conference', targetId: '+33298025011' })); // W-17
    expect(session.state.workflow.call!.parties).to.equal(3);

    await expectOk(session.dispatch({ type: 'disconnect' })); // W-22
    expect(session.state.workflow.phase).to.equal('after-call');
    expect(session.state.workflow.interaction!.media).to.equal('open-media');

    await expectOk(session.dispatch({ type: 'set-call-result', callResult: CallResult.Answer })); // W-24
    const refusedDone = await session.dispatch({ type: 'mark-done' });
    expect(refusedDone.ok).to.equal(false); // W-29: a disposition code first
    await expectOk(session.dispatch({ type: 'set-disposition', code: 'SALE' }));
    await expectOk(session.dispatch({ type: 'mark-done' })); // W-28
    expect(session.state.workflow.phase).to.equal('done');

    const ocs = await fake.ocs();
    const processed = ocs.find((o) => o.type === 'RecordProcessed')!;
    expect(processed.data.GSW_CALL_RESULT).to.equal(33);
    expect(processed.data.GSW_DISPOSITION_CODE).to.equal('SALE');
    expect(processed.data.GSW_RECORD_HANDLE).to.equal(ixnId); // echoed as sent: a hex string
    const s = await fake.state();
    expect(s.interactions).to.have.length(0); // completed
    expect(s.calls).to.have.length(0); // the released call completed too
    const paths = (await fake.http()).map((h) => h.path);
    expect(paths.indexOf(`/media/outboundpreview/interactions/${ixnId}/complete`)).to.be.greaterThan(paths.findIndex((p) => p.startsWith('/media/topics/')));
  });

  it('W-5: reject sends RecordReject, waits for its acknowledgement, then rejects the interaction', async () => {
    await setUp();
    const id = await ringing(fake, session);
    await expectOk(session.dispatch({ type: 'reject' }));
    expect(session.state.workflow.phase).to.equal('rejected');
    const ocs = await fake.ocs();
    expect(ocs.map((o) => o.type)).to.deep.equal(['RecordReject']);
    const http = await fake.http();
    const publish = http.findIndex((h) => h.path.endsWith('/publish'));
    const reject = http.findIndex((h) => h.path === `/media/outboundpreview/interactions/${id}/reject`);
    expect(publish).to.be.greaterThan(-1);
    expect(reject).to.be.greaterThan(publish);
    expect((await fake.state()).interactions).to.have.length(0);
  });

  for (const transport of ['topic', 'voice'] as const) {
    it(`each OCS request is answered only by the acknowledgement carrying its GSW_REFERENCE_ID (${transport})`, async () => {
      // Before every real acknowledgement the server sends an error reply for another reference:
      // a connector that matched on anything but GSW_REFERENCE_ID would refuse.
      await setUp({ ocs: { transport, topic: '<tenant-id>@<place>' } });
      await fake.cmd('fault', { decoyAcks: true });
      await previewing(fake, session);
      const handle = session.state.workflow.interaction!.chain.activeHandle;
      await expectOk(session.dispatch({ type: 'update-record', handle, fields: { CustomerName: 'Yamada Hanako' } }));
      expect(session.state.workflow.interaction!.chain.records[0]!.fields.CustomerName).to.equal('Yamada Hanako');
      await expectOk(session.dispatch({ type: 'add-chained-record', phone: '+81801112222', phoneType: 'mobile' }));
      expect(session.state.workflow.interaction!.chain.records.map((r) => r.phone)).to.include('+81801112222');
      const at = Date.now() + 3600_000;
      await expectOk(session.dispatch({ type: 'reschedule', at, callbackType: 'personal' }));
      expect(session.state.workflow.interaction!.rescheduledAt).to.deep.equal({ at, type: 'personal' });
      await expectOk(session.dispatch({ type: 'cancel' }));
      expect(session.state.workflow.phase).to.equal('cancelled');

      // A second preview: Do Not Call and Mark Done from the preview (W-25, W-28).
      await expectOk(session.dispatch({ type: 'dismiss' }));
      await fake.cmd('push-preview');
      await phaseIs(session, 'ringing');
      await expectOk(session.dispatch({ type: 'accept' }));
      const ocs = await fake.ocs();
      expect(ocs.every((o) => o.transport === transport)).to.equal(true);
      const types = ocs.map((o) => o.type);
      expect(types).to.include.members(['ChainedRecordRequest', 'UpdateCallCompletionStats', 'AddRecord', 'RecordReschedule', 'RequestRecordCancel']);
      const refs = ocs.map((o) => String(o.ref));
      expect(new Set(refs).size).to.equal(refs.length); // a fresh reference each
      expect(ocs.find((o) => o.type === 'UpdateCallCompletionStats')!.data.CustomerName).to.equal('Yamada Hanako');
      expect(ocs.find((o) => o.type === 'RecordReschedule')!.data.GSW_CALLBACK_TYPE).to.equal('Personal');
    });
  }

  it('Mark Do Not Call sends DoNotCall before RecordProcessed (W-25)', async () => {
    await setUp();
    await previewing(fake, session);
    await callThenDoNotCall(session);
    expect(session.state.workflow.phase).to.equal('done');
    const types = (await fake.ocs()).map((o) => o.type);
    expect(types.slice(-2)).to.deep.equal(['DoNotCall', 'RecordProcessed']);
    expect((await fake.ocs()).at(-1)!.data.GSW_CALL_RESULT).to.equal(CallResult.DoNotCall);
  });

  it('the unverified OCS request fields are settings: reschedule fields, the DoNotCall scope, phone type codes', async () => {
    await setUp({
      ocs: {
        topic: '<tenant-id>@<place>',
        rescheduleFields: (at, type) => [
          ['GSW_DATE_TIME', String(Math.round(at / 1000))],
          ['GSW_CALLBACK_TYPE', type === 'personal' ? 'Personal' : 'Campaign'],
          ['GSW_TZ_NAME', 'Asia/Tokyo'],
        ],
        doNotCallFields: [['GSW_DNC_SCOPE', 'AllChain']],
        phoneTypeCodes: { mobile: 9 },
      },
    });
    await previewing(fake, session);
    const at = callbackIn(session, 2);
    await expectOk(session.dispatch({ type: 'reschedule', at, callbackType: 'personal' }));
    const reschedule = (await fake.ocs()).find((o) => o.type === 'RecordReschedule');
    expect(reschedule?.data).to.deep.include({ GSW_DATE_TIME: String(Math.round(at / 1000)), GSW_CALLBACK_TYPE: 'Personal', GSW_TZ_NAME: 'Asia/Tokyo' });
    await expectOk(session.dispatch({ type: 'add-chained-record', phone: '080-5555-6666', phoneType: 'mobile' }));
    expect((await fake.ocs()).find((o) => o.type === 'AddRecord')?.data.GSW_PHONE_TYPE).to.equal(9);
    await callThenDoNotCall(session);
    expect((await fake.ocs()).find((o) => o.type === 'DoNotCall')?.data.GSW_DNC_SCOPE).to.equal('AllChain');
  });

  it('a lost acknowledgement is a timeout refusal, and the agent’s edits are kept', async () => {
    await setUp({ ackTimeoutMs: 2500 });
    await previewing(fake, session);
    const handle = session.state.workflow.interaction!.chain.activeHandle;
    session.edit({ kind: 'field', handle, name: 'CustomerName', value: 'Yamada Jiro' });
    await fake.cmd('fault', { dropAck: { UpdateCallCompletionStats: 1 } });
    const started = Date.now();
    const r = await session.dispatch({ type: 'update-record', handle, fields: { CustomerName: 'Yamada Jiro' } });
    expect(Date.now() - started).to.be.lessThan(8000); // no hang: the connector's own timeout, not the session's
    expect(r.ok).to.equal(false);
    expect(session.state.refusal?.reason).to.equal('timeout');
    expect(session.state.drafts.fields[handle]).to.deep.equal({ CustomerName: 'Yamada Jiro' });
    expect(session.state.workflow.phase).to.equal('previewing');
    expect(session.state.workflow.interaction!.chain.records[0]!.fields.CustomerName).to.equal('Yamada Taro');
    // The next try is acknowledged and the record shows the saved value.
    await expectOk(session.dispatch({ type: 'update-record', handle, fields: { CustomerName: 'Yamada Jiro' } }));
    await until(() => session.state.workflow.interaction!.chain.records[0]!.fields.CustomerName === 'Yamada Jiro', 'the saved field');
    expect((await fake.ocs()).filter((o) => o.type === 'UpdateCallCompletionStats')).to.have.length(2);
  });

  it('a late acknowledgement within the time is fine; a GSW_ERROR is a refusal with its text', async () => {
    await setUp({ ackTimeoutMs: 4000 });
    await previewing(fake, session);
    await fake.cmd('fault', { delayAckMs: { RecordReschedule: 300 } });
    await expectOk(session.dispatch({ type: 'reschedule', at: callbackIn(session, 1), callbackType: 'campaign' }));
    await fake.cmd('fault', { errorAck: { RequestRecordCancel: 'Record is locked by another desktop' } });
    const r = await session.dispatch({ type: 'cancel' });
    expect(r.ok).to.equal(false);
    expect(session.state.refusal).to.deep.include({ reason: 'server-error', detail: 'Record is locked by another desktop' });
    expect(session.state.workflow.phase).to.equal('previewing');
    expect((await fake.state()).interactions).to.have.length(1); // not completed
  });

  it('W-30: OCS refusing a stale record makes the interaction stale and keeps what was typed', async () => {
    await setUp();
    await previewing(fake, session);
    const handle = session.state.workflow.interaction!.chain.activeHandle;
    session.edit({ kind: 'field', handle, name: 'Segment', value: 'Platinum' });
    await fake.cmd('make-stale');
    const r = await session.dispatch({ type: 'update-record', handle, fields: { Segment: 'Platinum' } });
    expect(r.ok).to.equal(false);
    expect(session.state.refusal?.reason).to.equal('stale');
    await phaseIs(session, 'stale');
    expect(session.state.drafts.fields[handle]).to.deep.equal({ Segment: 'Platinum' });
    expect(session.state.allowed.has('dismiss')).to.equal(true);
    for (const a of ['update-record', 'connect', 'cancel', 'mark-done'] as const) expect(session.state.allowed.has(a)).to.equal(false);
    // Dismissed: off the desk, and completed on the server so no rebuild brings it back.
    await expectOk(session.dispatch({ type: 'dismiss' }));
    await phaseIs(session, 'ready'); // (after the resync the stale refusal started, if it still runs)
    expect((await fake.state()).interactions).to.have.length(0);
    await session.resync();
    expect(session.state.workflow.interaction).to.equal(null);
  });

  it('refuses locally, without a request, what the server’s capabilities lack; a request that hangs is a timeout', async () => {
    await setUp({ requestTimeoutMs: 2500 });
    await previewing(fake, session);
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    expect(session.state.allowed.has('hold')).to.equal(true);
    await fake.cmd('fault', { withoutCapabilities: ['hold'] });
    await expectOk(session.dispatch({ type: 'start-recording' })); // a new CallStateChanged without hold
    // the machine is told: Hold is no longer offered, with the reason, before anyone clicks
    await until(() => !session.state.allowed.has('hold'), 'hold withdrawn by the server');
    expect(refusalFor(session.state.workflow, 'hold')).to.deep.equal({ reason: 'not-offered' });
    expect(session.state.allowed.has('disconnect')).to.equal(true);
    const before = (await fake.http()).length;
    const r = await session.dispatch({ type: 'hold' });
    expect(r.ok).to.equal(false);
    expect(session.state.refusal).to.deep.include({ reason: 'not-offered' });
    expect((await fake.http()).length).to.equal(before);

    await fake.cmd('fault', { hang: ['release'] });
    const started = Date.now();
    const hung = await session.dispatch({ type: 'disconnect' });
    expect(hung.ok).to.equal(false);
    expect(session.state.refusal?.reason).to.equal('timeout');
    expect(Date.now() - started, 'the connector’s deadline, not the session’s 15 s one').to.be.lessThan(12_000);
    expect(session.state.workflow.phase).to.equal('connected');
  });

  it('W-6: the session’s auto-reject goes to OCS and the interaction as an automatic reject', async () => {
    await setUp({ campaign: { ...TEST_CAMPAIGN, acceptTimeoutSec: 1 } });
    const id = await ringing(fake, session);
    await phaseIs(session, 'rejected');
    expect(session.state.workflow.ended?.auto).to.equal(true);
    expect((await fake.ocs()).map((o) => o.type)).to.deep.equal(['RecordReject']);
    expect((await fake.http()).some((h) => h.path === `/media/outboundpreview/interactions/${id}/reject`)).to.equal(true);
  });

  it('Reject order is configurable (unverified on a real GWS): interaction first, then OCS', async () => {
    await setUp({ ocs: { topic: '<tenant-id>@<place>', rejectOrder: 'interaction-first' } });
    await ringing(fake, session);
    await expectOk(session.dispatch({ type: 'reject' }));
    expect(session.state.workflow.phase).to.equal('rejected');
    const paths = (await fake.http()).map((h) => h.path);
    expect(paths.findIndex((p) => p.endsWith('/reject'))).to.be.lessThan(paths.findIndex((p) => p.endsWith('/publish')));
  });

  it('W-18: transfer while connected is done when the server says so: the call released, then the interaction handed over', async () => {
    await setUp();
    await fake.cmd('fault', { confirmTransfers: true });
    const id = await previewing(fake, session);
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    await expectOk(session.dispatch({ type: 'transfer', targetId: '+33298025000' }));
    expect(session.state.workflow.phase).to.equal('transferred');
    expect(session.state.workflow.call).to.equal(null);
    const http = await fake.http();
    expect(http.find((h) => h.path.endsWith('/single-step-transfer'))?.body.data).to.deep.equal({ destination: '+33298025000' });
    expect(http.some((h) => h.path === `/media/outboundpreview/interactions/${id}/transfer-agent`)).to.equal(true);
    expect((await fake.state()).interactions).to.have.length(0); // the server let it go
  });

  it('W-18: a call transfer the server never confirms is a timeout refusal and the call stays connected', async () => {
    await setUp({ eventTimeoutMs: 2500 });
    await previewing(fake, session);
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    const r = await session.dispatch({ type: 'transfer', targetId: '+33298025000' }); // the fake answers 200, then nothing
    expect(r.ok).to.equal(false);
    expect(session.state.refusal).to.deep.include({ reason: 'timeout' });
    expect(session.state.workflow.phase).to.equal('connected');
    expect((await fake.state()).interactions[0]!.state).to.equal('Processing');
  });

  it('W-18: when the call has gone but the interaction is never handed over, the record is still processed here', async () => {
    await setUp({ requestTimeoutMs: 2500 });
    await fake.cmd('fault', { confirmTransfers: true, hang: ['transfer-agent'] });
    const id = await previewing(fake, session);
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    const r = await session.dispatch({ type: 'transfer', targetId: '+33298025000' });
    expect(r.ok).to.equal(false);
    expect(session.state.refusal?.reason).to.equal('timeout');
    // Not "transferred": the call went, the interaction did not; wrap-up ends with RecordProcessed.
    await phaseIs(session, 'after-call');
    await expectOk(session.dispatch({ type: 'set-disposition', code: 'SALE' }));
    await expectOk(session.dispatch({ type: 'mark-done' }));
    expect((await fake.ocs()).at(-1)!.type).to.equal('RecordProcessed');
    expect((await fake.http()).some((h) => h.path === `/media/outboundpreview/interactions/${id}/complete`)).to.equal(true);
  });

  it('a dial the switch refuses (EventError) is a refusal with its text; the preview stays', async () => {
    await setUp();
    await previewing(fake, session);
    const r = await session.dispatch({ type: 'connect', number: '+33298025003' }); // the agent's own DN
    expect(r.ok).to.equal(false);
    expect(session.state.refusal).to.deep.include({ reason: 'server-error', detail: 'Invalid Destination DN' });
    expect(session.state.workflow.phase).to.equal('previewing');
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
  });

  it('Not Ready and logout on the outboundpreview channel; a late, older channel state is ignored', async () => {
    await setUp();
    await session.start();
    await expectOk(session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] }));
    await expectOk(session.dispatch({ type: 'ready' }));
    const old = { name: 'outboundpreview', state: 'NotReady', timestamp: Date.now() - 60_000 };
    await fake.cmd('inject', { channel: '/workspace/v3/media', data: { messageType: 'ChannelStateChanged', media: { channels: [old] } } });
    await new Promise((r) => setTimeout(r, 200));
    expect(session.state.workflow.agent.status).to.equal('ready');
    await expectOk(session.dispatch({ type: 'not-ready' }));
    expect(session.state.workflow.phase).to.equal('not-ready');
    await expectOk(session.dispatch({ type: 'logout' }));
    expect(session.state.workflow.phase).to.equal('logged-out');
    expect((await fake.http()).map((h) => h.path)).to.include.members([
      '/voice/not-ready',
      '/media/outboundpreview/not-ready',
      '/media/outboundpreview/logout',
    ]);
    // Logged out from Ready: the voice DN is left Not Ready too, taking no calls.
    await expectOk(session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] }));
    await expectOk(session.dispatch({ type: 'ready' }));
    expect((await fake.state()).dn.agentState).to.equal('Ready');
    await expectOk(session.dispatch({ type: 'logout' }));
    expect((await fake.state()).dn.agentState).to.equal('NotReady');
  });

  it('W-2: a preview pushed while Not Ready rings only once the agent is Ready', async () => {
    await setUp();
    await session.start();
    await expectOk(session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] }));
    const { id } = await fake.cmd<{ id: string }>('push-preview');
    await new Promise((r) => setTimeout(r, 200));
    expect(session.state.workflow.phase).to.equal('not-ready');
    await expectOk(session.dispatch({ type: 'ready' }));
    await phaseIs(session, 'ringing');
    expect(session.state.workflow.interaction!.id).to.equal(id);
  });

  it('W-8, W-26: Connect dials the chosen chained record with that record’s identifiers', async () => {
    await setUp();
    await previewing(fake, session);
    const chained = session.state.workflow.interaction!.chain.records[1]!;
    await expectOk(session.dispatch({ type: 'set-active-record', handle: chained.handle }));
    expect(session.state.workflow.interaction!.chain.activeHandle).to.equal(chained.handle);
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    expect(session.state.workflow.call!.number).to.equal('+819012345678');
    expect(session.state.workflow.call!.handle).to.equal(chained.handle);
    const ud = Object.fromEntries((await fake.state()).calls[0]!.userData.map((p) => [p.key, p.value]));
    expect(ud.GSW_RECORD_HANDLE).to.equal(chained.handle); // the fake numbers chained records as integers
    expect(ud.GSW_CAMPAIGN_NAME).to.equal('CampaignSIP2');
    expect(ud.GSW_APPLICATION_ID).to.equal(139);
  });

  for (const withoutHandle of [false, true]) {
    it(`W-13: a New Chained Record is dialed under the handle OCS gave it${withoutHandle ? ' (learned from the chain when the acknowledgement names none)' : ''}`, async () => {
      await setUp({}, {});
      await fake.cmd('fault', { addRecordAckWithoutHandle: withoutHandle });
      await previewing(fake, session);
      const before = session.state.workflow.interaction!.chain.records.length;
      await expectOk(session.dispatch({ type: 'add-chained-record', phone: '080-5555-6666', phoneType: 'mobile' }));
      await until(() => session.state.workflow.interaction!.chain.records.length === before + 1, 'the new record');
      const added = session.state.workflow.interaction!.chain.records.find((r) => r.phone.replace(/\D/g, '').endsWith('8055556666'))!;
      expect(added, 'the added number is in the chain').to.exist;
      await expectOk(session.dispatch({ type: 'set-active-record', handle: added.handle }));
      await expectOk(session.dispatch({ type: 'connect' }));
      await phaseIs(session, 'connected');
      const ud = Object.fromEntries((await fake.state()).calls[0]!.userData.map((p) => [p.key, p.value]));
      expect(ud.GSW_RECORD_HANDLE, 'a handle OCS gave, never an invented one').to.be.a('number');
    });
  }

  it('W-9: Connect dials the number as the agent edited it, through the configured dial string', async () => {
    await setUp({ dialString: (n) => n.replace(/[\s()-]/g, '') });
    await previewing(fake, session);
    session.edit({ kind: 'dial-number', value: '+81 3-1234-5679' });
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    const make = (await fake.http()).find((h) => h.path === '/voice/make-call')!;
    expect(make.body.data!.destination).to.equal('+81312345679');
    expect(session.state.drafts.dialNumber).to.equal(null); // confirmed by the server
  });

  it('W-10: Cancel sends RequestRecordCancel, then completes the interaction, or places it in the configured queue', async () => {
    await setUp();
    const first = await previewing(fake, session);
    await expectOk(session.dispatch({ type: 'cancel' }));
    expect(session.state.workflow.phase).to.equal('cancelled');
    expect((await fake.ocs()).at(-1)!.type).to.equal('RequestRecordCancel');
    expect((await fake.http()).some((h) => h.path === `/media/outboundpreview/interactions/${first}/complete`)).to.equal(true);
    session.dispose();
    await fake.stop();

    await setUp({ cancelToQueue: 'Outbound_Requeue' });
    const id = await previewing(fake, session);
    await expectOk(session.dispatch({ type: 'cancel' }));
    expect(session.state.workflow.phase).to.equal('cancelled');
    const http = await fake.http();
    expect(http.find((h) => h.path === `/media/outboundpreview/interactions/${id}/place-in-queue`)?.body.data).to.deep.include({ queue: 'Outbound_Requeue' });
    expect(http.some((h) => h.path.endsWith(`${id}/complete`))).to.equal(false);
  });

  it('W-11: transfer before dialing hands the interaction to the target, done when the server takes it away', async () => {
    await setUp();
    await fake.cmd('fault', { confirmTransfers: true });
    const id = await previewing(fake, session);
    await expectOk(session.dispatch({ type: 'transfer', targetId: '+33298025000' }));
    expect(session.state.workflow.phase).to.equal('transferred');
    expect(session.state.workflow.ended?.target?.name).to.equal('Kate London');
    const t = (await fake.http()).find((h) => h.path === `/media/outboundpreview/interactions/${id}/transfer-agent`);
    expect(t?.body.data).to.deep.equal({ agentId: '+33298025000' });
  });

  it('W-11: a transfer the server answers but never confirms is a timeout refusal; the preview stays, and its record is processed before it is completed', async () => {
    await setUp({ eventTimeoutMs: 2500 });
    const id = await previewing(fake, session);
    const r = await session.dispatch({ type: 'transfer', targetId: '+33298025000' });
    expect(r.ok).to.equal(false);
    expect(session.state.refusal).to.deep.include({ reason: 'timeout' });
    expect(session.state.workflow.phase).to.equal('previewing');
    // The desk works on: the record is processed and only then is the interaction completed.
    await expectOk(session.dispatch({ type: 'set-disposition', code: 'SALE' }));
    await expectOk(session.dispatch({ type: 'mark-done' }));
    const paths = (await fake.http()).map((h) => h.path);
    expect((await fake.ocs()).at(-1)!.type).to.equal('RecordProcessed');
    expect(paths.indexOf(`/media/outboundpreview/interactions/${id}/complete`)).to.be.greaterThan(
      paths.indexOf(`/media/outboundpreview/interactions/${id}/transfer-agent`),
    );
  });
});
