/**
 * Conformance: Genesys' own Workspace API client (genesys-workspace-client-js, run in Node by the
 * test runner plugin) against the fake server the connector is tested on. Where the two disagree,
 * the fake is wrong: this is what keeps it honest about sign-in, cookies, initialization and
 * CometD subscriptions.
 */
import { expect } from '@open-wc/testing';
import { Fake, type WireEntry } from './helpers.js';

interface ProbeReport {
  readonly steps: readonly string[];
  readonly sessionCookie: string | null;
  readonly user: { userName: string; agentLogin: string; defaultPlace: string } | null;
  readonly dnStates: readonly string[];
  readonly calls: readonly { id: string; state: string; dnis: string | null }[];
  readonly liveCalls?: readonly string[];
  readonly consult?: { readonly parentConnId: string | null; readonly parentId: string };
  readonly error: string | null;
}

describe('Genesys fake server: Genesys’ own client', () => {
  let fake: Fake;
  afterEach(async () => {
    await fake?.stop();
  });

  it('signs in, initializes on its own subscription, activates channels, goes Ready, receives its call’s voice events and completes a two-step transfer', async () => {
    fake = await Fake.start();
    const { report, wire } = await fake.cmd<{ report: ProbeReport; wire: readonly WireEntry[] }>('genesys-client', { destination: '+81312345678' });
    expect(report.error, 'the Genesys client failed').to.equal(null);
    expect(report.steps).to.deep.equal([
      'initialized',
      'channels activated',
      'not ready',
      'ready',
      'call established',
      'consult established',
      'transfer completed',
      'destroyed',
    ]);
    expect(report.sessionCookie, 'the session cookie the client looks for').to.equal('WORKSPACE_SESSIONID');
    expect(report.user).to.deep.equal({ userName: 'JohnSmith', agentLogin: '+33298025003', defaultPlace: 'Place_JohnSmith' });
    // Voice events reached it through its own CometD subscription (§3: a real server needs one).
    const notReady = report.dnStates.indexOf('NotReady');
    expect(notReady, 'DnStateChanged NotReady').to.be.greaterThan(-1);
    expect(report.dnStates.slice(notReady + 1), 'then DnStateChanged Ready').to.include('Ready');
    expect(report.calls.slice(0, 2).map((c) => c.state)).to.deep.equal(['Dialing', 'Established']);
    // Issue 16: the fake takes the consult as the vendor's client sends it (issue 16's connector sends the same).
    expect(report.consult?.parentConnId, 'the Consult call names its parent').to.equal(report.consult?.parentId);
    expect(report.calls[0]!.dnis).to.equal('+81312345678');
    const subscribed = wire.filter((w) => w.channel === '/meta/subscribe').map((w) => w.subscription);
    expect(subscribed).to.have.members(['/workspace/v3/initialization', '/workspace/v3/voice']);
    const state = await fake.state();
    expect(state.activated).to.deep.include({ agentId: '+33298025003', placeName: 'Place_JohnSmith' });
    expect(state.dn.agentState).to.equal('Ready');
  });
});
