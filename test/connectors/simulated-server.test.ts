import { expect } from '@open-wc/testing';
import { SimulatedServer } from '../../src/connectors/simulated/server.js';
import type { Command, ServerMessage } from '../../src/connectors/port.js';
import { CallResult, PUSH_PREVIEW_MEDIA } from '../../src/domain/types.js';
import { checkPhone, loadPhoneMetadata } from '../../src/domain/phone.js';
import { inCallingWindow, zonedToEpoch, epochToZoned } from '../../src/domain/time.js';
import { TestClock } from '../fixtures/virtual-time.js';
import { DEFAULT_CONTACTS } from '../../src/connectors/simulated/seed-data.js';

function server(opts: ConstructorParameters<typeof SimulatedServer>[0] = {}) {
  const clock = new TestClock();
  const s = new SimulatedServer({ scheduler: clock, pushDelayMs: 10, dialDelayMs: 100, ...opts });
  const log: Record<string, ServerMessage[]> = {};
  const agent = (id: string) => {
    log[id] = [];
    s.listen(id, (m) => log[id]!.push(m));
    return (c: Command) => s.handle(id, c);
  };
  return { s, clock, log, agent };
}

async function readyDesk(srv: ReturnType<typeof server>, id: string) {
  const send = srv.agent(id);
  send({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] });
  send({ type: 'set-status', status: 'ready' });
  await srv.clock.advance(20);
  return send;
}

const ixn = (srv: ReturnType<typeof server>, id: string) => srv.s.desk(id).state.interaction!;

before(() => loadPhoneMetadata());

describe('simulated outbound server', () => {
  it('W-2: pushes to the first Ready agent only, one preview at a time', async () => {
    const srv = server();
    const a = srv.agent('a');
    a({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] });
    await srv.clock.advance(100);
    expect(srv.s.desk('a').state.phase).to.equal('not-ready');
    await readyDesk(srv, 'b');
    expect(srv.s.desk('b').state.phase).to.equal('ringing');
    const first = ixn(srv, 'b').chain.chainId;
    expect(srv.s.callingList.some((c) => c.chainId === first)).to.equal(false);
    expect(srv.s.pushNext()).to.equal(false); // b is busy, a not ready
  });

  it('W-1: an agent without the push preview media type gets no preview', async () => {
    const srv = server();
    const a = srv.agent('a');
    a({ type: 'login', mediaTypes: ['email'] });
    a({ type: 'set-status', status: 'ready' });
    await srv.clock.advance(1000);
    expect(srv.s.desk('a').state.phase).to.equal('ready');
    expect(srv.s.desk('a').state.interaction).to.equal(null);
  });

  it('W-5: reject puts the record back on TOP of the queue; W-10 cancel too', async () => {
    const srv = server();
    const a = await readyDesk(srv, 'a');
    const i = ixn(srv, 'a');
    expect(a({ type: 'reject', interactionId: i.id, auto: false }).ok).to.equal(true);
    expect(srv.s.callingList[0]!.chainId).to.equal(i.chain.chainId);
    await srv.clock.advance(20);
    const j = ixn(srv, 'a');
    a({ type: 'accept', interactionId: j.id });
    a({ type: 'cancel', interactionId: j.id });
    expect(srv.s.callingList[0]!.chainId).to.equal(j.chain.chainId);
  });

  it('refuses requests about an interaction another agent owns (not-owner)', async () => {
    const srv = server();
    await readyDesk(srv, 'a');
    const b = srv.agent('b');
    b({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] });
    const r = b({ type: 'accept', interactionId: ixn(srv, 'a').id });
    expect(r).to.deep.equal({ ok: false, refusal: { reason: 'not-owner' } });
  });

  it('W-7, W-16, W-22: dials the number, answers after the delay, disconnect ends with Answer', async () => {
    const srv = server();
    const a = await readyDesk(srv, 'a');
    const i = ixn(srv, 'a');
    a({ type: 'accept', interactionId: i.id });
    const rec = i.chain.records[0]!;
    expect(a({ type: 'connect', interactionId: i.id, handle: rec.handle, number: rec.phone }).ok).to.equal(true);
    expect(srv.s.desk('a').state.phase).to.equal('dialing');
    expect(srv.s.desk('a').state.call!.number).to.equal(
      checkPhone(rec.phone, rec.country).ok ? (checkPhone(rec.phone, rec.country) as { e164: string }).e164 : '',
    );
    await srv.clock.advance(100);
    expect(srv.s.desk('a').state.phase).to.equal('connected');
    a({ type: 'disconnect', interactionId: i.id });
    expect(srv.s.desk('a').state.phase).to.equal('after-call');
    expect(srv.s.desk('a').state.wrapup.callResult).to.equal(CallResult.Answer);
    expect(srv.s.desk('a').state.interaction!.chain.records[0]!.attempts).to.equal(1);
  });

  it('configurable outcomes: busy goes to wrap-up with call result 6, then W-26 another record is dialed', async () => {
    const srv = server({ dialOutcomes: ['busy'] });
    const a = await readyDesk(srv, 'a');
    const i = ixn(srv, 'a');
    a({ type: 'accept', interactionId: i.id });
    a({ type: 'connect', interactionId: i.id, handle: i.chain.records[0]!.handle, number: i.chain.records[0]!.phone });
    await srv.clock.advance(100);
    expect(srv.s.desk('a').state.phase).to.equal('after-call');
    expect(srv.s.desk('a').state.wrapup.callResult).to.equal(CallResult.Busy);
    const other = i.chain.records[1]!;
    a({ type: 'set-active-record', interactionId: i.id, handle: other.handle });
    srv.s.dialOutcomes = ['answer'];
    a({ type: 'connect', interactionId: i.id, handle: other.handle, number: other.phone });
    await srv.clock.advance(100);
    expect(srv.s.desk('a').state.phase).to.equal('connected');
    expect(srv.s.desk('a').state.call!.handle).to.equal(other.handle);
  });

  it('W-9: refuses a number lacking its area code and dials it once the code is added', async () => {
    const srv = server({ contacts: [DEFAULT_CONTACTS[2]!] });
    const a = await readyDesk(srv, 'a');
    const i = ixn(srv, 'a');
    const rec = i.chain.records[0]!;
    expect(rec.phone).to.equal('1234-5678');
    a({ type: 'accept', interactionId: i.id });
    expect(a({ type: 'connect', interactionId: i.id, handle: rec.handle, number: rec.phone })).to.deep.equal({
      ok: false,
      refusal: { reason: 'invalid-number', detail: '1234-5678' },
    });
    expect(srv.s.desk('a').state.phase).to.equal('previewing');
    expect(a({ type: 'connect', interactionId: i.id, handle: rec.handle, number: '03-1234-5678' }).ok).to.equal(true);
    expect(srv.s.desk('a').state.call!.number).to.equal('+81312345678');
  });

  it('W-17: conference up to 3 parties; W-19 hold/retrieve; W-20 recording only on SIP', async () => {
    const srv = server({ campaign: { telephony: 'tdm' } });
    const a = await readyDesk(srv, 'a');
    const i = ixn(srv, 'a');
    a({ type: 'accept', interactionId: i.id });
    a({ type: 'connect', interactionId: i.id, handle: i.chain.records[0]!.handle, number: i.chain.records[0]!.phone });
    await srv.clock.advance(100);
    expect(a({ type: 'conference', interactionId: i.id, targetId: 'sup-tanaka' }).ok).to.equal(true);
    expect(srv.s.desk('a').state.call!.parties).to.equal(3);
    expect(a({ type: 'conference', interactionId: i.id, targetId: 'interpreter' })).to.deep.equal({ ok: false, refusal: { reason: 'conference-full' } });
    expect(a({ type: 'hold', interactionId: i.id }).ok).to.equal(true);
    expect(srv.s.desk('a').state.call!.held).to.equal(true);
    expect(a({ type: 'hold', interactionId: i.id }).ok).to.equal(false);
    expect(a({ type: 'retrieve', interactionId: i.id }).ok).to.equal(true);
    expect(a({ type: 'start-recording', interactionId: i.id })).to.deep.equal({ ok: false, refusal: { reason: 'recording-unavailable' } });
  });

  it('W-11: transfer hands the interaction over and frees the agent', async () => {
    const srv = server();
    const a = await readyDesk(srv, 'a');
    const i = ixn(srv, 'a');
    a({ type: 'accept', interactionId: i.id });
    expect(a({ type: 'transfer', interactionId: i.id, targetId: 'nobody' })).to.deep.equal({ ok: false, refusal: { reason: 'unknown-target' } });
    expect(a({ type: 'transfer', interactionId: i.id, targetId: 'agent-sato' }).ok).to.equal(true);
    expect(srv.s.desk('a').state.phase).to.equal('transferred');
    await srv.clock.advance(20);
    expect(srv.s.desk('a').state.phase).to.equal('ringing'); // the next one
  });

  it('W-12, W-13, W-15: update record and add a chained record, validated', async () => {
    const srv = server();
    const a = await readyDesk(srv, 'a');
    const i = ixn(srv, 'a');
    a({ type: 'accept', interactionId: i.id });
    const h = i.chain.records[0]!.handle;
    expect(a({ type: 'update-record', interactionId: i.id, handle: h, fields: { notes: 'new' } }).ok).to.equal(true);
    expect(ixn(srv, 'a').chain.records[0]!.fields.notes).to.equal('new');
    expect(a({ type: 'update-record', interactionId: i.id, handle: h, fields: { 'x y': 'bad' } }).ok).to.equal(false);
    expect(a({ type: 'add-chained-record', interactionId: i.id, phone: '12', phoneType: 'mobile' })).to.deep.equal({
      ok: false,
      refusal: { reason: 'invalid-number', detail: '12' },
    });
    expect(a({ type: 'add-chained-record', interactionId: i.id, phone: '080-2222-3333', phoneType: 'mobile' }).ok).to.equal(true);
    expect(ixn(srv, 'a').chain.records.length).to.equal(i.chain.records.length + 1);
  });

  it('W-14: reschedule is validated against the calling window in the contact’s time zone', async () => {
    const srv = server();
    const a = await readyDesk(srv, 'a');
    const i = ixn(srv, 'a'); // Tokyo, 09:00–21:00
    a({ type: 'accept', interactionId: i.id });
    const h = i.chain.records[0]!.handle;
    const inWindow = zonedToEpoch('2026-11-26', '10:30', 'Asia/Tokyo');
    const outside = zonedToEpoch('2026-11-26', '22:30', 'Asia/Tokyo');
    expect(a({ type: 'reschedule', interactionId: i.id, handle: h, at: outside, callbackType: 'personal' })).to.deep.equal({
      ok: false,
      refusal: { reason: 'outside-calling-window' },
    });
    expect(a({ type: 'reschedule', interactionId: i.id, handle: h, at: srv.clock.now() - 1000, callbackType: 'personal' })).to.deep.equal({
      ok: false,
      refusal: { reason: 'invalid-time' },
    });
    expect(a({ type: 'reschedule', interactionId: i.id, handle: h, at: inWindow, callbackType: 'campaign' }).ok).to.equal(true);
    expect(ixn(srv, 'a').rescheduledAt).to.deep.equal({ at: inWindow, type: 'campaign' });
  });

  it('W-25: do-not-call removes the contact from every calling list and refuses its numbers', async () => {
    const srv = server({ campaign: { dispositionRequired: false } });
    const a = await readyDesk(srv, 'a');
    const i = ixn(srv, 'a');
    a({ type: 'accept', interactionId: i.id });
    const phone = i.chain.records[1]!.phone;
    expect(a({ type: 'mark-done', interactionId: i.id, callResult: null, dispositionCode: null, doNotCall: true }).ok).to.equal(true);
    expect(srv.s.isDoNotCall(phone, 'JP')).to.equal(true);
    expect(srv.s.processedRecord(i.chain.chainId)).to.deep.equal({ callResult: CallResult.DoNotCall, dispositionCode: null });
    await srv.clock.advance(20);
    const j = ixn(srv, 'a');
    a({ type: 'accept', interactionId: j.id });
    // the next contact is in the US: the Japanese number, written internationally, is still refused
    expect(a({ type: 'add-chained-record', interactionId: j.id, phone: '+81 90-1234-5678', phoneType: 'mobile' })).to.deep.equal({
      ok: false,
      refusal: { reason: 'do-not-call' },
    });
    expect(phone).to.equal('090-1234-5678');
    expect(srv.s.callingList.every((c) => c.records.every((r) => !srv.s.isDoNotCall(r.phone, r.country)))).to.equal(true);
  });

  it('W-29: the server too refuses Mark Done without a required code', async () => {
    const srv = server();
    const a = await readyDesk(srv, 'a');
    const i = ixn(srv, 'a');
    a({ type: 'accept', interactionId: i.id });
    expect(a({ type: 'mark-done', interactionId: i.id, callResult: null, dispositionCode: null, doNotCall: false })).to.deep.equal({
      ok: false,
      refusal: { reason: 'disposition-required' },
    });
    expect(a({ type: 'mark-done', interactionId: i.id, callResult: null, dispositionCode: 'RENEWED', doNotCall: false }).ok).to.equal(true);
  });

  it('W-6: a desk that never answers is auto-rejected by the server after the grace', async () => {
    const srv = server({ acceptGraceMs: 2000 });
    await readyDesk(srv, 'a');
    const i = ixn(srv, 'a');
    await srv.clock.advance(i.acceptDeadline - srv.clock.now() + 1999);
    expect(srv.s.desk('a').state.phase).to.equal('ringing');
    await srv.clock.advance(1);
    expect(srv.log.a!.some((m) => m.event.type === 'rejected' && m.event.auto)).to.equal(true);
  });

  it('W-30: stale after its timeout; every later request refused', async () => {
    const srv = server();
    const a = await readyDesk(srv, 'a');
    const i = ixn(srv, 'a');
    a({ type: 'accept', interactionId: i.id });
    await srv.clock.advance(i.staleAt - srv.clock.now());
    expect(srv.s.desk('a').state.phase).to.equal('stale');
    for (const c of [
      { type: 'connect', interactionId: i.id, handle: i.chain.records[0]!.handle, number: i.chain.records[0]!.phone },
      { type: 'update-record', interactionId: i.id, handle: i.chain.records[0]!.handle, fields: {} },
      { type: 'mark-done', interactionId: i.id, callResult: null, dispositionCode: 'RENEWED', doNotCall: false },
    ] as Command[]) {
      expect(a(c)).to.deep.equal({ ok: false, refusal: { reason: 'stale' } });
    }
    await srv.clock.advance(10_000);
    expect(srv.s.desk('a').state.phase).to.equal('stale'); // nothing pushed over it
    expect(a({ type: 'close', interactionId: i.id }).ok).to.equal(true);
    await srv.clock.advance(20);
    expect(srv.s.desk('a').state.phase).to.equal('ringing');
  });

  it('is deterministic given a seed and a clock', async () => {
    const run = async () => {
      const srv = server({ seed: 7, dialOutcomes: ['answer', 'busy', 'no-answer', 'answering-machine'] });
      const a = await readyDesk(srv, 'a');
      const out: string[] = [];
      for (let k = 0; k < 4; k++) {
        const i = ixn(srv, 'a');
        a({ type: 'accept', interactionId: i.id });
        a({ type: 'connect', interactionId: i.id, handle: i.chain.activeHandle, number: i.chain.records[0]!.phone });
        await srv.clock.advance(100);
        if (srv.s.desk('a').state.phase === 'connected') a({ type: 'disconnect', interactionId: i.id });
        a({ type: 'mark-done', interactionId: i.id, callResult: null, dispositionCode: 'RENEWED', doNotCall: false });
        out.push(`${i.id}:${srv.s.processedRecord(i.chain.chainId)?.dispositionCode}:${srv.log.a!.length}`);
        await srv.clock.advance(20);
      }
      return out.join(',');
    };
    expect(await run()).to.equal(await run());
  });
});

describe('phone numbers and calling windows (domain)', () => {
  it('normalises Japanese numbers, including full-width digits, and rejects a missing area code', () => {
    expect(checkPhone('０３ー１２３４ー５６７８', 'JP')).to.include({ ok: true, e164: '+81312345678' });
    expect(checkPhone('090-1234-5678', 'JP')).to.include({ ok: true, e164: '+819012345678' });
    expect(checkPhone('1234-5678', 'JP').ok).to.equal(false);
    expect(checkPhone('(201) 555-0123', 'US')).to.include({ ok: true, e164: '+12015550123' });
    expect(checkPhone('<script>', 'US').ok).to.equal(false);
  });

  it('converts wall time in a zone to an instant and back, across zones', () => {
    const t = zonedToEpoch('2026-11-26', '10:30', 'America/New_York');
    expect(new Date(t).toISOString()).to.equal('2026-11-26T15:30:00.000Z');
    expect(epochToZoned(t, 'Asia/Tokyo')).to.deep.equal({ date: '2026-11-27', time: '00:30' });
    expect(inCallingWindow(t, { timeZone: 'America/New_York', callFrom: 540, callTill: 1260 })).to.equal(true);
    expect(inCallingWindow(t, { timeZone: 'Asia/Tokyo', callFrom: 540, callTill: 1260 })).to.equal(false);
    expect(Number.isNaN(zonedToEpoch('2026-13-01', '10:00', 'Asia/Tokyo'))).to.equal(true);
  });
});
