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
});
