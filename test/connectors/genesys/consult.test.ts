/**
 * Issue 16: the consult (two-step) transfer and conference over the Genesys connector, against the
 * strict fake (test/genesys-server/fake-consult.mjs): initiate-transfer on the customer's call,
 * complete-transfer / complete-conference on the consult call with the parent's id, release and
 * retrieve for a cancel; the fake refuses what a real server refuses.
 */
import { expect } from '@open-wc/testing';
import type { GenesysConnector } from '../../../src/connectors/genesys/index.js';
import type { Session } from '../../../src/session/session.js';
import { Fake, expectOk, phaseIs, previewing, sessionOver, signedInConnector, until } from '../../genesys/helpers.js';

const CONSULT_TO = '+33298025000'; // Kate London, the test campaign's transfer target

describe('Genesys connector: consult transfer and conference (issue 16)', () => {
  let fake: Fake;
  let connector: GenesysConnector;
  let session: Session;

  async function connected(faults: Record<string, unknown> = {}) {
    fake = await Fake.start();
    await fake.cmd('fault', { confirmTransfers: true, ...faults });
    connector = await signedInConnector(fake);
    session = sessionOver(connector);
    await previewing(fake, session);
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    return (await fake.state()).calls[0]!.id;
  }
  const ops = async () => (await fake.http()).map((e) => e.path).filter((p) => p.includes('/voice/calls/'));
  const consultState = () => session.state.workflow.consult?.state ?? null;

  afterEach(async () => {
    session?.dispose();
    await fake?.stop();
  });

  it('consult, the target answers, complete transfer: the interaction ends transferred to them', async () => {
    const parent = await connected();
    await expectOk(session.dispatch({ type: 'consult', targetId: CONSULT_TO }));
    expect(session.state.workflow.call!.held).to.equal(true);
    await until(() => consultState() === 'talking', 'the consult answered');
    const consult = (await fake.state()).calls.find((c) => c.id !== parent)!.id;
    await expectOk(session.dispatch({ type: 'complete-transfer' }));
    await phaseIs(session, 'transferred');
    expect(session.state.workflow.ended!.target!.id).to.equal(CONSULT_TO);
    const http = await fake.http();
    const initiate = http.find((e) => e.path.endsWith('/initiate-transfer'))!;
    expect(initiate.path).to.contain(`/voice/calls/${parent}/`);
    expect(initiate.body.data).to.include({ destination: CONSULT_TO });
    const complete = http.find((e) => e.path.endsWith('/complete-transfer'))!;
    expect(complete.path).to.contain(`/voice/calls/${consult}/`);
    expect(complete.body.data).to.include({ parentConnId: parent });
    expect(http.filter((e) => e.path.endsWith('/transfer-agent'))).to.have.length(1); // the interaction follows the call
  });

  it('make it a conference: three parties, nobody held', async () => {
    await connected();
    await expectOk(session.dispatch({ type: 'consult', targetId: '+33298025011' }));
    await until(() => consultState() === 'talking', 'the consult answered');
    await expectOk(session.dispatch({ type: 'complete-conference' }));
    await until(() => session.state.workflow.call?.parties === 3 && !session.state.workflow.call.held, 'three parties');
    expect(session.state.workflow.consult ?? null).to.equal(null);
    expect(session.state.workflow.phase).to.equal('connected');
  });

  it('cancel consult: the consult call released, then the customer retrieved', async () => {
    const parent = await connected();
    await expectOk(session.dispatch({ type: 'consult', targetId: CONSULT_TO }));
    await until(() => consultState() === 'talking', 'the consult answered');
    await expectOk(session.dispatch({ type: 'cancel-consult' }));
    expect(session.state.workflow.consult ?? null).to.equal(null);
    expect(session.state.workflow.call!.held).to.equal(false);
    const calls = await ops();
    expect(calls.slice(-2).map((p) => p.split('/').pop())).to.deep.equal(['release', 'retrieve']);
    expect(calls.at(-1)).to.contain(`/voice/calls/${parent}/`);
  });

  it('the target refuses (the consult released unanswered): shown as not answered; Cancel consult only retrieves', async () => {
    await connected({ consultAnswer: 'release' });
    await expectOk(session.dispatch({ type: 'consult', targetId: CONSULT_TO }));
    await until(() => consultState() === 'failed', 'the consult failed');
    expect(session.state.workflow.consult!.failure).to.equal('no-answer');
    const r = await session.dispatch({ type: 'complete-transfer' });
    expect(r.ok ? null : r.refusal.reason).to.equal('consult-not-answered');
    const before = (await ops()).length;
    await expectOk(session.dispatch({ type: 'cancel-consult' }));
    const after = (await ops()).slice(before);
    expect(after.map((p) => p.split('/').pop())).to.deep.equal(['retrieve']);
    expect(session.state.workflow.call!.held).to.equal(false);
  });

  it('the strict fake refuses a completion without parentConnId, on a call that is no consult, or before the answer', async () => {
    const parent = await connected({ consultAnswer: 'never' });
    await expectOk(session.dispatch({ type: 'consult', targetId: CONSULT_TO }));
    const consult = (await fake.state()).calls.find((c) => c.id !== parent)!.id;
    const post = (id: string, op: string, data: Record<string, unknown>) =>
      fetch(`${fake.base}/workspace/v3/voice/calls/${id}/${op}`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data }),
      }).then((x) => x.status);
    expect(await post(consult, 'complete-transfer', {})).to.equal(400); // parentConnId missing
    expect(await post(consult, 'complete-transfer', { parentConnId: 'someone-else' })).to.equal(400);
    expect(await post(parent, 'complete-transfer', { parentConnId: parent })).to.equal(500); // not a consult call
    expect(await post(consult, 'complete-conference', { parentConnId: parent })).to.equal(500); // not answered yet
    expect(await post(parent, 'initiate-transfer', { destination: CONSULT_TO })).to.equal(500); // held, one consult already
    expect(await post(parent, 'initiate-conference', { destination: CONSULT_TO })).to.equal(501); // as the simulator
    expect(consultState()).to.equal('ringing'); // nothing changed on the desk
  });
});
