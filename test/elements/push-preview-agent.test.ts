import { expect } from '@open-wc/testing';
import { html } from 'lit';
import type { PushPreviewAgent } from '../../src/elements/agent/push-preview-agent.js';
import { button, mount } from '../fixtures/session-fixture.js';
import { until } from '../fixtures/wait.js';

describe('<push-preview-agent>', () => {
  it('W-1: logs in with the push preview media type, then offers Ready', async () => {
    const { el, session } = await mount<PushPreviewAgent>(html`<push-preview-agent></push-preview-agent>`, 'push-preview-agent');
    await until(() => button(el, 'login')?.getAttribute('aria-disabled') === 'false', 'login button');
    button(el, 'login')!.click();
    await until(() => session.state.workflow.agent.status === 'not-ready', 'logged in');
    await el.updateComplete;
    expect(button(el, 'ready')).to.exist;
    expect(button(el, 'login')).to.equal(null);
  });

  it('W-2: says beside Ready whether the campaign runs, follows a stop and a start, and passes axe (en, ja)', async () => {
    const { el, session, connector } = await mount<PushPreviewAgent>(html`<push-preview-agent></push-preview-agent>`, 'push-preview-agent');
    const campaign = () => el.shadowRoot!.querySelector('[part~="campaign"]');
    await until(() => button(el, 'login')?.getAttribute('aria-disabled') === 'false', 'login button');
    expect(campaign()).to.equal(null);
    button(el, 'login')!.click();
    await until(() => campaign()?.textContent?.trim() === 'Campaign running', 'campaign running shown');
    expect(campaign()!.getAttribute('role')).to.equal('status');
    expect(campaign()!.getAttribute('part')).to.contain('campaign-running');
    await expect(el).to.be.accessible();
    connector.server.setCampaignRunning(false);
    await until(() => campaign()?.getAttribute('part')?.includes('campaign-stopped') === true, 'campaign stopped shown');
    expect(campaign()!.textContent).to.contain('no previews until it starts');
    expect(session.state.workflow.phase).to.equal('not-ready');
    expect(button(el, 'ready')!.getAttribute('aria-disabled')).to.equal('false'); // a fact, not a gate
    await expect(el).to.be.accessible();
  });

  it('W-2: in Japanese', async () => {
    const { el } = await mount<PushPreviewAgent>(html`<push-preview-agent></push-preview-agent>`, 'push-preview-agent', { lang: 'ja', campaignRunning: false });
    await until(() => button(el, 'login')?.getAttribute('aria-disabled') === 'false', 'login button');
    button(el, 'login')!.click();
    const campaign = () => el.shadowRoot!.querySelector('[part~="campaign"]');
    await until(() => campaign()?.textContent?.trim() === 'キャンペーン停止中：開始されるまでプレビューは届きません', 'the Japanese text');
    await expect(el).to.be.accessible();
  });
});
