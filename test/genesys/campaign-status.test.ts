/**
 * W-2 campaign status through the Genesys connector against the fake Workspace API (spec §6): the
 * CampaignStatusRequest at login, and OCS's CampaignStarted / CampaignStopped events after it.
 */
import { expect } from '@open-wc/testing';
import type { GenesysConnector } from '../../src/connectors/genesys/index.js';
import { campaignRunState } from '../../src/domain/campaign-status.js';
import type { Session } from '../../src/session/session.js';
import { Fake, expectOk, sessionOver, signedInConnector, until, type TestOptions } from './helpers.js';

describe('Genesys connector: W-2 campaign status', () => {
  let fake: Fake;
  let connector: GenesysConnector;
  let session: Session;
  const run = () => campaignRunState(session.state.workflow.campaigns, session.state.workflow.campaign);

  async function loggedIn(opts: TestOptions = {}, server: Record<string, unknown> = {}) {
    fake = await Fake.start(server);
    connector = await signedInConnector(fake, opts);
    session = sessionOver(connector);
    await session.start();
    expect(run()).to.equal(null);
    await expectOk(session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] }));
  }

  afterEach(async () => {
    session?.dispose();
    await fake?.stop();
  });

  it('asks at login on the voice DN, with an application id, and follows Stop and Start', async () => {
    await loggedIn();
    await until(() => run() === 'running', 'the campaign running');
    const asked = (await fake.ocsAll()).filter((e) => e.type === 'CampaignStatusRequest');
    expect(asked).to.have.length(1);
    expect(asked[0]!.transport).to.equal('voice');
    expect(asked[0]!.data.GSW_APPLICATION_ID).to.equal(1);
    expect(await fake.cmd('campaign', { name: 'Push Preview Campaign', campaignAction: 'STOP' })).to.equal(true);
    await until(() => run() === 'stopped', 'the campaign stopped');
    expect(session.state.workflow.phase).to.equal('not-ready'); // a fact beside Ready, not a change of phase
    await fake.cmd('campaign', { name: 'Push Preview Campaign', campaignAction: 'START' });
    await until(() => run() === 'running', 'the campaign running again');
    await fake.cmd('campaign', { name: 'Push Preview Campaign', campaignAction: 'UNLOAD' });
    await until(() => session.state.workflow.campaigns?.length === 0, 'the campaign unloaded');
    expect(run()).to.equal('stopped');
  });

  it('a campaign loaded but not started is not running; a Preview-mode one does not count', async () => {
    await loggedIn(
      {},
      {
        campaigns: [
          { name: 'Pull', mode: 'Preview', state: 'running' },
          { name: 'Push Preview Campaign', mode: 'PushPreview', state: 'loaded' },
        ],
      },
    );
    await until(() => session.state.workflow.campaigns?.length === 2, 'both campaigns said');
    expect(run()).to.equal('stopped');
  });

  it('with the request off (campaignStatusApplicationId false): none is sent, OCS’s own events still count', async () => {
    await loggedIn({ ocs: { topic: '<tenant-id>@<place>', campaignStatusApplicationId: false } });
    await fake.cmd('campaign', { name: 'Push Preview Campaign', campaignAction: 'STOP' });
    await until(() => run() === 'stopped', 'the unasked CampaignStopped read');
    expect((await fake.ocsAll()).some((e) => e.type === 'CampaignStatusRequest')).to.equal(false);
  });

  it('the fake is strict: CampaignStatusRequest without GSW_APPLICATION_ID is 400, and a request that fails leaves the login standing', async () => {
    const notes: string[] = [];
    await loggedIn({ ocs: { topic: '<tenant-id>@<place>', campaignStatusApplicationId: '' }, debug: (m) => notes.push(m) });
    expect(session.state.workflow.phase).to.equal('not-ready');
    await until(() => notes.some((n) => n.includes('CampaignStatusRequest failed')), 'the failure noted');
    expect(run()).to.equal(null); // the events would have come before the HTTP answer
    const asked = (await fake.ocsAll()).filter((e) => e.type === 'CampaignStatusRequest');
    expect(asked).to.have.length(1);
  });
});
