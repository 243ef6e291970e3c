import { expect } from '@open-wc/testing';
import { campaignRunState } from '../../src/domain/campaign-status.js';
import { PUSH_PREVIEW_MEDIA } from '../../src/domain/types.js';
import type { SessionState } from '../../src/session/session.js';
import { act, desk } from '../fixtures/desk.js';

const run = (s: SessionState) => campaignRunState(s.workflow.campaigns, s.workflow.campaign);

describe('session: W-2 campaign status from the simulated server, on virtual time', () => {
  it('is said at login, follows a stop and a start; previews wait while it is stopped', async () => {
    const d = await desk({ campaignRunning: false });
    expect(run(d.session.state)).to.equal(null);
    await act(d, d.session.dispatch({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] }));
    expect(run(d.session.state)).to.equal('stopped');
    await act(d, d.session.dispatch({ type: 'ready' }));
    await d.clock.advance(10_000);
    expect(d.session.state.workflow.phase).to.equal('ready'); // nothing pushed while it is stopped
    d.connector.server.setCampaignRunning(true);
    await d.clock.advance(1000);
    expect(run(d.session.state)).to.equal('running');
    expect(d.session.state.workflow.phase).to.equal('ringing');
    d.connector.server.setCampaignRunning(false);
    await d.clock.advance(1000);
    expect(run(d.session.state)).to.equal('stopped');
    expect(d.session.state.workflow.phase).to.equal('ringing'); // a preview on the desk stays
  });

  it('survives a dropped connection (the snapshot carries it) and is forgotten at logout', async () => {
    const d = await desk();
    await act(d, d.session.dispatch({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] }));
    expect(run(d.session.state)).to.equal('running');
    d.connector.dropConnection();
    d.connector.server.setCampaignRunning(false);
    await d.clock.advance(60_000);
    expect(d.session.state.connection).to.equal('online');
    expect(run(d.session.state)).to.equal('stopped');
    await act(d, d.session.dispatch({ type: 'logout' }));
    expect(run(d.session.state)).to.equal(null);
  });
});
