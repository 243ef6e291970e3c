/**
 * Every record finishes: with the documented defaults on a server that does not route the OCS
 * topic, when an automatic reject cannot be sent, when OCS answers with the wrong
 * acknowledgement, and when a conference or a release is never confirmed.
 */
import { expect } from '@open-wc/testing';
import type { GenesysConnector } from '../../src/connectors/genesys/index.js';
import type { ProtocolProblem } from '../../src/connectors/port.js';
import type { Session } from '../../src/session/session.js';
import { Fake, TEST_CAMPAIGN, expectOk, phaseIs, previewing, ringing, sessionOver, signedInConnector, until, type TestOptions } from './helpers.js';

describe('Genesys connector: every record finishes', () => {
  let fake: Fake;
  let connector: GenesysConnector;
  let session: Session;
  let problems: ProtocolProblem[];
  let warned: unknown[][];
  const realWarn = console.warn;

  async function setUp(opts: TestOptions = {}) {
    fake = await Fake.start();
    connector = await signedInConnector(fake, opts);
    problems = [];
    connector.problems$.subscribe((p) => problems.push(p));
    session = sessionOver(connector);
  }

  beforeEach(() => {
    warned = [];
    console.warn = (...args: unknown[]) => warned.push(args);
  });

  afterEach(async () => {
    console.warn = realWarn;
    session?.dispose();
    await fake?.stop();
  });

  it('with the README defaults on a server that does not route the topic: said once, and Reject, Cancel and Mark Done go over the voice transport', async () => {
    // The documented default topic ({tenantId}@{placeName} → "1@Place_JohnSmith") is answered 501.
    await setUp({ ocs: {} });
    await ringing(fake, session);
    await expectOk(session.dispatch({ type: 'reject' }));
    expect(session.state.workflow.phase).to.equal('rejected');
    await expectOk(session.dispatch({ type: 'dismiss' }));

    await fake.cmd('push-preview');
    await phaseIs(session, 'ringing');
    await expectOk(session.dispatch({ type: 'accept' }));
    await until(() => session.state.workflow.interaction!.chain.records.length === 2, 'the chained record');
    await expectOk(session.dispatch({ type: 'cancel' }));
    await expectOk(session.dispatch({ type: 'dismiss' }));

    await fake.cmd('push-preview');
    await phaseIs(session, 'ringing');
    await expectOk(session.dispatch({ type: 'accept' }));
    await expectOk(session.dispatch({ type: 'set-disposition', code: 'SALE' }));
    await expectOk(session.dispatch({ type: 'mark-done' }));
    expect(session.state.workflow.phase).to.equal('done');

    const ocs = await fake.ocs();
    expect(ocs.map((o) => o.type)).to.include.members(['RecordReject', 'ChainedRecordRequest', 'RequestRecordCancel', 'RecordProcessed']);
    expect(ocs.every((o) => o.transport === 'voice')).to.equal(true);
    // Said once, on the console and to the page (pp-error), naming the topic and what to set.
    const notes = problems.filter((p) => p.kind === 'transport');
    expect(notes).to.have.length(1);
    expect(notes[0]!.message).to.match(/1@Place_JohnSmith.*not routed.*HTTP 501/);
    expect(warned).to.have.length(1);
    expect(session.state.problem?.kind).to.equal('transport');
  });

  it('a transport the page chose is kept: an unrouted topic is a refusal saying so, not a silent switch', async () => {
    await setUp({ ocs: { transport: 'topic', topic: 'not-routed' } });
    await ringing(fake, session);
    const r = await session.dispatch({ type: 'reject' });
    expect(r.ok).to.equal(false);
    expect(session.state.refusal).to.deep.include({ reason: 'server-error', detail: 'HTTP 501' });
    expect(session.state.workflow.phase).to.equal('ringing');
    expect(await fake.ocs()).to.deep.equal([]);
    expect(warned).to.have.length(0);
  });

  it('W-6: an automatic reject that cannot be sent leaves a failed preview the agent dismisses, not “0 s” with Accept offered', async () => {
    await setUp({ campaign: { ...TEST_CAMPAIGN, acceptTimeoutSec: 1 }, ocs: { transport: 'topic', topic: 'not-routed' } });
    await ringing(fake, session);
    await phaseIs(session, 'failed');
    await until(() => session.state.pending === null, 'the reject to be over');
    expect(session.state.workflow.ended?.detail).to.match(/automatic reject could not be sent \(HTTP 501\)/);
    expect(session.state.allowed.has('accept')).to.equal(false);
    expect(session.state.allowed.has('dismiss')).to.equal(true);
    await expectOk(session.dispatch({ type: 'dismiss' }));
    expect(session.state.workflow.interaction).to.equal(null);
  });

  it('a wrong acknowledgement is a refusal naming it; the record stays where it was', async () => {
    await setUp();
    await previewing(fake, session);
    await fake.cmd('fault', { wrongAck: { RecordProcessed: 'RecordCancelAcknowledge' } });
    await expectOk(session.dispatch({ type: 'set-disposition', code: 'SALE' }));
    const r = await session.dispatch({ type: 'mark-done' });
    expect(r.ok).to.equal(false);
    expect(session.state.refusal).to.deep.include({ reason: 'server-error', detail: 'unexpected reply RecordCancelAcknowledge to RecordProcessed' });
    expect(session.state.workflow.phase).to.equal('previewing');
    expect((await fake.state()).interactions).to.have.length(1); // not completed without its record processed
    await fake.cmd('fault', { wrongAck: {} });
    await expectOk(session.dispatch({ type: 'mark-done' }));
    expect(session.state.workflow.phase).to.equal('done');
  });

  it('W-17: a conference the server never confirms is a timeout refusal; the call stays as it was and Disconnect works', async () => {
    await setUp({ eventTimeoutMs: 2000 });
    await fake.cmd('fault', { confirmConference: false });
    await previewing(fake, session);
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    const r = await session.dispatch({ type: 'conference', targetId: '+33298025011' });
    expect(r.ok).to.equal(false);
    expect(session.state.refusal).to.deep.include({ reason: 'timeout', detail: 'the server did not confirm the conference' });
    expect(session.state.workflow.call!.parties).to.equal(2);
    await expectOk(session.dispatch({ type: 'disconnect' }));
    expect(session.state.workflow.phase).to.equal('after-call');
  });

  it('W-22: a release whose event never comes is not “did not answer in time” when the server has released the call', async () => {
    await setUp({ eventTimeoutMs: 2000 });
    await previewing(fake, session);
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    await fake.cmd('fault', { silent: ['release'] });
    await expectOk(session.dispatch({ type: 'disconnect' }));
    expect(session.state.workflow.phase).to.equal('after-call');
    await expectOk(session.dispatch({ type: 'set-disposition', code: 'SALE' }));
    await expectOk(session.dispatch({ type: 'mark-done' }));
    expect((await fake.state()).calls).to.have.length(0);
  });
});
