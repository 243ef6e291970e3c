import { expect } from '@open-wc/testing';
import { CallResult, PUSH_PREVIEW_MEDIA } from '../../src/domain/types.js';
import { DEFAULT_CAMPAIGN } from '../../src/connectors/simulated/seed-data.js';
import type { Notice } from '../../src/session/session.js';
import { Session } from '../../src/session/session.js';
import { samePhone } from '../../src/domain/phone.js';
import { SimulatedConnector } from '../../src/connectors/simulated/connector.js';
import { act, desk, readyAndRinging, until, MemoryStorage } from '../fixtures/desk.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { T0, TestClock } from '../fixtures/virtual-time.js';

describe('session store', () => {
  it('W-1, W-2: a preview arrives only after login with the media type and Ready', async () => {
    const d = await desk();
    expect(d.session.state.workflow.phase).to.equal('logged-out');
    const refused = await act(d, d.session.dispatch({ type: 'login', mediaTypes: ['email'] }));
    expect(refused).to.deep.equal({ ok: false, refusal: { reason: 'media-type-required' } });
    expect(d.session.state.workflow.phase).to.equal('logged-out');
    await act(d, d.session.dispatch({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] }));
    await d.clock.advance(5000);
    expect(d.session.state.workflow.phase).to.equal('not-ready');
    await act(d, d.session.dispatch({ type: 'ready' }));
    await d.clock.advance(200);
    expect(d.session.state.workflow.phase).to.equal('ringing');
  });

  it('marks the action pending and refuses a double submit', async () => {
    const d = await desk({ faults: { latencyMs: [100, 100] } });
    await d.clock.advance(0);
    const first = d.session.dispatch({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] });
    expect(d.session.state.pending).to.equal('login');
    expect(d.session.state.allowed.size).to.equal(0);
    const second = await d.session.dispatch({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] });
    expect(second).to.deep.equal({ ok: false, refusal: { reason: 'busy' } });
    await d.clock.advance(300);
    expect((await first).ok).to.equal(true);
    expect(d.session.state.pending).to.equal(null);
  });

  describe('W-6: the auto-reject countdown, on virtual time', () => {
    it('counts down each second and rejects at the deadline (policy reject, the seed default)', async () => {
      const d = await desk();
      const notices: Notice[] = [];
      d.session.notices$.subscribe((n) => notices.push(n));
      await readyAndRinging(d);
      const i = d.session.state.workflow.interaction!;
      expect(d.session.state.workflow.phase).to.equal('ringing');
      await d.clock.advance(10_000);
      expect(Math.ceil((i.acceptDeadline - d.session.state.workflow.now) / 1000)).to.equal(20);
      await d.clock.advance(15_000);
      expect(notices.some((n) => n.kind === 'time-running-out')).to.equal(true);
      expect(d.session.state.workflow.phase).to.equal('ringing');
      await d.clock.advance(i.acceptDeadline - d.clock.now() - 1);
      expect(d.session.state.workflow.phase).to.equal('ringing');
      await d.clock.advance(1);
      expect(d.session.state.workflow.phase).to.equal('rejected');
      expect(d.session.state.workflow.ended).to.deep.equal({ auto: true });
      // W-5/W-6: back to the TOP of the queue — the agent is still Ready, so it is pushed again
      expect(d.connector.server.callingList[0]!.chainId).to.equal(i.chain.chainId);
      await d.clock.advance(200);
      expect(d.session.state.workflow.phase).to.equal('ringing');
      expect(d.session.state.workflow.interaction!.chain.chainId).to.equal(i.chain.chainId);
      expect(d.session.state.workflow.interaction!.id).to.not.equal(i.id);
    });

    it('policy not-ready rejects and sets the agent Not Ready', async () => {
      const d = await desk({ campaign: { timeoutPolicy: 'not-ready' } });
      await readyAndRinging(d);
      await d.clock.advance(DEFAULT_CAMPAIGN.acceptTimeoutSec * 1000 + 100);
      expect(d.session.state.workflow.phase).to.equal('rejected');
      expect(d.session.state.workflow.agent.status).to.equal('not-ready');
      await d.clock.advance(10_000);
      expect(d.session.state.workflow.phase).to.equal('rejected'); // nothing more pushed
    });

    it('policy dial accepts and dials the active record', async () => {
      const d = await desk({ campaign: { timeoutPolicy: 'dial' } });
      await readyAndRinging(d);
      await d.clock.advance(DEFAULT_CAMPAIGN.acceptTimeoutSec * 1000 + 100);
      expect(d.session.state.workflow.phase).to.equal('dialing');
      await d.clock.advance(600);
      expect(d.session.state.workflow.phase).to.equal('connected');
    });

    it('Accept in time stops the countdown (W-4)', async () => {
      const d = await desk();
      await readyAndRinging(d);
      await act(d, d.session.dispatch({ type: 'accept' }));
      await d.clock.advance(60_000);
      expect(d.session.state.workflow.phase).to.equal('previewing');
      expect(d.session.state.workflow.interaction!.owner).to.equal('agent-1');
    });
  });

  describe('W-30: stale', () => {
    it('goes stale after the stale timeout, refuses every request, keeps the drafts', async () => {
      const d = await desk();
      await readyAndRinging(d);
      await act(d, d.session.dispatch({ type: 'accept' }));
      const handle = d.session.state.workflow.interaction!.chain.activeHandle;
      d.session.edit({ kind: 'field', handle, name: 'notes', value: 'call back after lunch' });
      await d.clock.advance(DEFAULT_CAMPAIGN.staleTimeoutSec * 1000);
      expect(d.session.state.workflow.phase).to.equal('stale');
      const r = await act(d, d.session.dispatch({ type: 'connect' }));
      expect(r).to.deep.equal({ ok: false, refusal: { reason: 'stale' } });
      // the server refuses too, whatever the client says
      const srv = d.connector.server.handle('agent-1', {
        type: 'connect',
        interactionId: d.session.state.workflow.interaction!.id,
        handle,
        number: '03-1234-5678',
      });
      expect(srv.ok).to.equal(false);
      expect(d.session.state.drafts.fields[handle]).to.deep.equal({ notes: 'call back after lunch' });
      await act(d, d.session.dispatch({ type: 'dismiss' }));
      expect(d.session.state.workflow.phase).to.equal('ready');
    });
  });

  describe('drafts', () => {
    it('survive a failed request and are cleared only by the server’s confirmation', async () => {
      const d = await desk();
      await readyAndRinging(d);
      await act(d, d.session.dispatch({ type: 'accept' }));
      const handle = d.session.state.workflow.interaction!.chain.activeHandle;
      d.session.edit({ kind: 'field', handle, name: 'notes', value: 'VIP' });
      d.connector.setFaults({ failureRate: 1 });
      const failed = await act(d, d.session.dispatch({ type: 'update-record', handle, fields: { notes: 'VIP' } }));
      expect(failed).to.deep.equal({ ok: false, refusal: { reason: 'network' } });
      expect(d.session.state.drafts.fields[handle]).to.deep.equal({ notes: 'VIP' });
      expect(d.session.state.refusal).to.deep.equal({ reason: 'network', intent: 'update-record' });
      d.connector.setFaults({ failureRate: 0 });
      await d.clock.advance(2000);
      const ok = await act(d, d.session.dispatch({ type: 'update-record', handle, fields: { notes: 'VIP' } }));
      expect(ok.ok).to.equal(true);
      expect(d.session.state.drafts.fields[handle]).to.equal(undefined);
      expect(d.session.state.workflow.interaction!.chain.records[0]!.fields.notes).to.equal('VIP');
    });

    it('survive a lost answer: the server acted, the session resyncs and keeps newer typing', async () => {
      const d = await desk();
      await readyAndRinging(d);
      await act(d, d.session.dispatch({ type: 'accept' }));
      const handle = d.session.state.workflow.interaction!.chain.activeHandle;
      d.session.edit({ kind: 'new-chained', value: { phone: '080-1111-2222', phoneType: 'mobile' } });
      d.connector.setFaults({ lostAnswerRate: 1 });
      const r = await act(d, d.session.dispatch({ type: 'add-chained-record', phone: '080-1111-2222', phoneType: 'mobile' }));
      expect(r.ok).to.equal(false);
      d.connector.setFaults({ lostAnswerRate: 0 });
      await d.clock.advance(100);
      // the draft is still there (nothing confirmed it to us), and the chain came back by resync
      expect(d.session.state.drafts.newChained).to.deep.equal({ phone: '080-1111-2222', phoneType: 'mobile' });
      expect(d.session.state.workflow.interaction!.chain.records.length).to.equal(3);
      expect(handle).to.be.a('number');
    });

    it('W-9: Connect checks the edited number it will dial; a bad one is refused, nothing sent, the typing kept', async () => {
      const d = await desk();
      await readyAndRinging(d);
      await act(d, d.session.dispatch({ type: 'accept' }));
      d.session.edit({ kind: 'dial-number', value: '1234-56' });
      const send = d.connector.send.bind(d.connector);
      let sent = 0;
      d.connector.send = (command, signal) => (sent++, send(command, signal));
      const r = await act(d, d.session.dispatch({ type: 'connect' }));
      expect(r).to.deep.equal({ ok: false, refusal: { reason: 'invalid-number', detail: '1234-56' } });
      expect(sent).to.equal(0);
      expect(d.session.state.drafts.dialNumber).to.equal('1234-56');
      expect(d.session.state.workflow.phase).to.equal('previewing');
    });

    it('W-8: Set Active Record drops the number edited for the record that was active', async () => {
      const d = await desk();
      await readyAndRinging(d);
      await act(d, d.session.dispatch({ type: 'accept' }));
      const chain = d.session.state.workflow.interaction!.chain;
      const other = chain.records.find((r) => r.handle !== chain.activeHandle)!;
      d.session.edit({ kind: 'dial-number', value: '03-9999-0000' });
      expect((await act(d, d.session.dispatch({ type: 'set-active-record', handle: other.handle }))).ok).to.equal(true);
      expect(d.session.state.drafts.dialNumber).to.equal(null);
      expect((await act(d, d.session.dispatch({ type: 'connect' }))).ok).to.equal(true);
      await d.clock.advance(100);
      const call = d.session.state.workflow.call!;
      expect(call.handle).to.equal(other.handle);
      expect(samePhone(call.number, other.phone, other.country), `${call.number} is ${other.phone}`).to.equal(true);
    });

    it('survive a page reload (session storage) and come back for the same interaction', async () => {
      const storage = new MemoryStorage();
      const d = await desk({ storage });
      await readyAndRinging(d);
      await act(d, d.session.dispatch({ type: 'accept' }));
      const handle = d.session.state.workflow.interaction!.chain.activeHandle;
      d.session.edit({ kind: 'field', handle, name: 'company', value: 'Yamada Trading' });
      d.session.edit({ kind: 'dial-number', value: '03-9999-0000' });
      // the page reloads (no dispose runs on unload): a new connector to the same server, a new
      // session, the same storage
      d.connector.dropConnection();
      const connector = new SimulatedConnector({ server: d.connector.server, agentId: 'agent-1' });
      const again = new Session({ connector, scheduler: d.clock, storage });
      const started = again.start();
      await d.clock.settle();
      await started;
      expect(again.state.workflow.phase).to.equal('previewing');
      expect(again.state.drafts.fields[handle]).to.deep.equal({ company: 'Yamada Trading' });
      expect(again.state.drafts.dialNumber).to.equal('03-9999-0000');
      again.dispose();
      d.session.dispose();
    });

    it('opt out: storage null keeps nothing across a reload', async () => {
      const d = await desk({ session: { storage: null } });
      await readyAndRinging(d);
      await act(d, d.session.dispatch({ type: 'accept' }));
      d.session.edit({ kind: 'dial-number', value: '03-9999-0000' });
      expect(d.storage.items.size).to.equal(0);
    });

    it('Mark Done is refused while edits are unsaved', async () => {
      const d = await desk({ campaign: { dispositionCodes: [], dispositionRequired: false } });
      await readyAndRinging(d);
      await act(d, d.session.dispatch({ type: 'accept' }));
      const handle = d.session.state.workflow.interaction!.chain.activeHandle;
      d.session.edit({ kind: 'field', handle, name: 'notes', value: 'typed' });
      const r = await act(d, d.session.dispatch({ type: 'mark-done' }));
      expect(r).to.deep.equal({ ok: false, refusal: { reason: 'unsaved-changes' } });
      d.session.edit({ kind: 'discard' });
      // A callback time picked and not sent (W-14) would be lost as well.
      d.session.edit({ kind: 'reschedule', value: { date: '2026-12-24', time: '10:00', callbackType: 'personal' } });
      expect(await act(d, d.session.dispatch({ type: 'mark-done' }))).to.deep.equal({ ok: false, refusal: { reason: 'unsaved-changes' } });
      d.session.edit({ kind: 'reschedule', value: null });
      expect((await act(d, d.session.dispatch({ type: 'mark-done' }))).ok).to.equal(true);
      expect(d.session.state.workflow.phase).to.equal('done');
    });
  });

  describe('faults and recovery', () => {
    it('a connector handed from a leaving session to a new one stays connected; the last to leave disconnects it', async () => {
      const d = await desk();
      await readyAndRinging(d);
      // The page re-renders its region: a new session on the same connector, then the old one leaves.
      const next = new Session({ connector: d.connector, scheduler: d.clock, storage: d.storage });
      await until(d.clock, next.start());
      d.session.dispose();
      await d.clock.settle();
      expect(d.connector.connectionState).to.equal('online');
      expect(next.state.connection).to.equal('online');
      const r = await act(d, next.dispatch({ type: 'accept' }));
      expect(r.ok).to.equal(true);
      next.dispose();
      await d.clock.settle();
      expect(d.connector.connectionState).to.equal('offline');
    });

    it('a session handed a connector disconnects it when it leaves', async () => {
      const d = await desk();
      d.session.dispose();
      await d.clock.settle();
      expect(d.connector.connectionState).to.equal('offline');
    });

    it('a lost message is recovered from a snapshot after the gap timeout', async () => {
      const d = await desk();
      await readyAndRinging(d);
      await act(d, d.session.dispatch({ type: 'accept' }));
      await act(d, d.session.dispatch({ type: 'connect' }));
      d.connector.setFaults({ dropRate: 1 });
      await d.clock.advance(600); // 'connected' is lost on the way
      expect(d.session.state.workflow.phase).to.equal('dialing');
      d.connector.setFaults({ dropRate: 0 });
      await act(d, d.session.dispatch({ type: 'update-record', handle: d.session.state.workflow.interaction!.chain.activeHandle, fields: { notes: 'x' } }));
      await d.clock.advance(1500);
      expect(d.session.state.workflow.phase).to.equal('connected');
    });

    it('duplicated and reordered messages leave the state right', async () => {
      const d = await desk({ faults: { duplicateRate: 1, reorderRate: 0.5, latencyMs: [5, 50] } });
      await readyAndRinging(d);
      await d.clock.advance(2000);
      expect(d.session.state.workflow.phase).to.equal('ringing');
      await act(d, d.session.dispatch({ type: 'accept' }));
      await d.clock.advance(2000);
      await act(d, d.session.dispatch({ type: 'connect' }));
      await d.clock.advance(3000);
      expect(d.session.state.workflow.phase).to.equal('connected');
      await act(d, d.session.dispatch({ type: 'disconnect' }));
      await d.clock.advance(3000);
      expect(d.session.state.workflow.phase).to.equal('after-call');
      expect(d.session.state.workflow.wrapup.callResult).to.equal(CallResult.Answer);
    });

    it('a dropped connection reconnects by itself and resumes the interaction', async () => {
      const d = await desk();
      await readyAndRinging(d);
      await act(d, d.session.dispatch({ type: 'accept' }));
      d.connector.dropConnection();
      await d.clock.settle();
      expect(d.session.state.connection).to.equal('reconnecting');
      expect(d.session.state.allowed.size).to.equal(0);
      const send = d.connector.send.bind(d.connector);
      let sent = 0;
      d.connector.send = (command, signal) => (sent++, send(command, signal));
      const r = await act(d, d.session.dispatch({ type: 'connect' }));
      expect(r).to.deep.equal({ ok: false, refusal: { reason: 'offline' } });
      expect(sent, 'nothing sent while offline').to.equal(0);
      await d.clock.advance(1500);
      expect(d.session.state.connection).to.equal('online');
      expect(d.session.state.workflow.phase).to.equal('previewing');
      expect(d.session.state.allowed.has('connect')).to.equal(true);
    });

    it('a connector that starts offline is no lost connection; a first connect that fails is retried', async () => {
      const notices: string[] = [];
      const fixture = new FixtureConnector(reach('previewing', { at: T0 }));
      const first = new Session({ connector: fixture, storage: null });
      first.notices$.subscribe((n) => notices.push(n.kind));
      await first.start();
      expect(first.state.connection).to.equal('online');
      expect(first.state.workflow.phase).to.equal('previewing');
      expect(notices).to.not.include('connection');
      first.dispose();

      const clock = new TestClock();
      const flaky = new FixtureConnector(reach('previewing', { at: T0 }));
      let tries = 0;
      const connect = flaky.connect.bind(flaky);
      flaky.connect = async () => (++tries === 1 ? { ok: false, refusal: { reason: 'network' } } : connect());
      const second = new Session({ connector: flaky, scheduler: clock, storage: null });
      await until(clock, second.start());
      expect(second.state.connection).to.equal('reconnecting');
      await clock.advance(1100);
      expect(tries).to.equal(2);
      expect(second.state.connection).to.equal('online');
      expect(second.state.workflow.phase).to.equal('previewing');
      second.dispose();
    });

    it('a malformed server message is reported and never corrupts the state', async () => {
      const d = await desk();
      await readyAndRinging(d);
      const before = d.session.state.workflow;
      const problems: string[] = [];
      d.session.notices$.subscribe((n) => n.kind === 'problem' && problems.push(n.problem.message));
      d.connector.injectRaw({ seq: 999, event: { type: 'accepted', interactionId: 42 } });
      d.connector.injectRaw({ seq: 1000, event: { type: 'call', interactionId: before.interaction!.id, call: { parties: 9 } } });
      d.connector.injectRaw('not even an object');
      d.connector.injectRaw({ seq: 1001, event: { type: 'explode' } });
      await d.clock.settle();
      expect(problems.length).to.equal(4);
      expect(problems[0]).to.contain('interactionId');
      expect(d.session.state.workflow).to.equal(before);
      expect(d.session.state.problem!.kind).to.equal('malformed');
    });

    it('dispose leaves no subscription and aborts requests under way', async () => {
      const d = await desk({ faults: { latencyMs: [500, 500] } });
      const sub = d.session.state$.subscribe();
      expect(d.session.liveSubscriptions).to.equal(1);
      sub.unsubscribe();
      expect(d.session.liveSubscriptions).to.equal(0);
      const p = d.session.dispatch({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] });
      d.session.dispose();
      await d.clock.advance(1000);
      expect((await p).ok).to.equal(false);
    });
  });
});
