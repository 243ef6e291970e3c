import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { sessionStory } from './support.js';

const meta: Meta = {
  title: 'Elements/push-preview-agent',
  component: 'push-preview-agent',
};
export default meta;

export const LoggedOut: StoryObj = {
  name: 'Logged out — W-1',
  render: () => sessionStory(html`<push-preview-agent></push-preview-agent>`),
  play: async ({ canvasElement }) => {
    const agent = canvasElement.querySelector('push-preview-agent')!;
    await waitFor(() => expect(agent.shadowRoot!.querySelector('[data-action=login]')?.getAttribute('aria-disabled')).toBe('false'));
    (agent.shadowRoot!.querySelector('[data-action=login]') as HTMLButtonElement).click();
    await waitFor(() => expect(agent.shadowRoot!.querySelector('[data-action=ready]')).toBeTruthy());
  },
};
