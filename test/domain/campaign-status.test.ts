import { expect } from '@open-wc/testing';
import { campaignRunState, initialState, refusalFor, transition, type WorkflowEvent } from '../../src/domain/index.js';
import { DEFAULT_CAMPAIGN } from '../../src/connectors/simulated/seed-data.js';
import { reach } from '../fixtures/states.js';

const status = (campaign: string, s: 'running' | 'stopped' | 'unloaded', mode?: string): WorkflowEvent =>
  mode === undefined ? { type: 'campaign-status', campaign, status: s } : { type: 'campaign-status', campaign, status: s, mode };

describe('W-2: campaign status', () => {
  it('is unknown until the server says, then follows each start and stop of the agent’s campaign', () => {
    let s = reach('ready');
    expect(campaignRunState(s.campaigns, s.campaign)).to.equal(null);
    s = transition(s, status(DEFAULT_CAMPAIGN.name, 'running', 'PushPreview'));
    expect(campaignRunState(s.campaigns, s.campaign)).to.equal('running');
    s = transition(s, status(DEFAULT_CAMPAIGN.name, 'stopped', 'PushPreview'));
    expect(campaignRunState(s.campaigns, s.campaign)).to.equal('stopped');
    expect(s.campaigns).to.have.length(1);
  });

  it('the agent’s own campaign decides over another that runs; a preview-mode campaign never counts', () => {
    let s = reach('not-ready');
    s = transition(s, status('Other', 'running', 'PushPreview'));
    s = transition(s, status(DEFAULT_CAMPAIGN.name, 'stopped'));
    expect(campaignRunState(s.campaigns, s.campaign)).to.equal('stopped');
    // Names the server gives need not match the record's (the Genesys simulator's do not): any push preview one.
    s = transition(reach('not-ready'), status('Pull Campaign', 'running', 'Preview'));
    expect(campaignRunState(s.campaigns, s.campaign)).to.equal('stopped');
    s = transition(s, status('Push Preview Campaign', 'running', 'PushPreview'));
    expect(campaignRunState(s.campaigns, s.campaign)).to.equal('running');
    s = transition(s, status('Push Preview Campaign', 'unloaded'));
    expect(s.campaigns!.map((r) => r.name)).to.deep.equal(['Pull Campaign']);
    expect(campaignRunState(s.campaigns, s.campaign)).to.equal('stopped');
  });

  it('is forgotten at logout and ignored while logged out; it refuses nothing (Ready stays offered)', () => {
    let s = transition(reach('not-ready'), status(DEFAULT_CAMPAIGN.name, 'stopped'));
    expect(refusalFor(s, 'ready')).to.equal(null);
    s = transition(s, { type: 'agent', agent: { ...s.agent, status: 'logged-out', mediaTypes: [] }, campaign: null });
    expect(s.campaigns).to.equal(undefined);
    expect(transition(s, status(DEFAULT_CAMPAIGN.name, 'running'))).to.equal(s);
    expect(transition(initialState(), status('x', 'running')).campaigns).to.equal(undefined);
  });

  it('survives a snapshot that does not speak of it, and takes the one that does', () => {
    const s = transition(reach('ready'), status(DEFAULT_CAMPAIGN.name, 'running'));
    const snap = { agent: s.agent, campaign: s.campaign, interaction: null, phase: 'ready' as const, call: null };
    expect(transition(s, { type: 'snapshot', snapshot: snap }).campaigns).to.deep.equal(s.campaigns);
    const stopped = [{ name: DEFAULT_CAMPAIGN.name, running: false, pushPreview: true }];
    expect(transition(s, { type: 'snapshot', snapshot: { ...snap, campaigns: stopped } }).campaigns).to.deep.equal(stopped);
  });
});
