import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { button, phaseStory, shown, textOf } from './support.js';

const meta: Meta = {
  title: 'Elements/push-preview-session',
  component: 'push-preview-session',
  parameters: {
    docs: {
      description: {
        component: 'The provider: every element inside it shows the same session. It renders no box of its own (`display: contents`).',
      },
    },
  },
};
export default meta;

export const SharedSession: StoryObj = phaseStory('push-preview-indicator', {
  name: 'One session, three elements — W-3, W-4',
  phase: 'ringing',
  actions: {},
  template: () => html`<push-preview-indicator></push-preview-indicator>
    <push-preview-agent></push-preview-agent>
    <push-preview-form></push-preview-form>`,
  check: async (_root, indicator, connector) => {
    const provider = indicator.closest('push-preview-session')!;
    const agent = provider.querySelector('push-preview-agent')!;
    const form = provider.querySelector('push-preview-form')!;
    await shown(agent, 'ringing');
    await shown(form, 'ringing');
    const events: string[] = [];
    provider.parentElement!.addEventListener('pp-accepted', (e) => events.push(`${e.type} ${e.detail.interaction.id}`));
    // Accept in the form: one command for the one session …
    await userEvent.click(button(form, 'accept')!);
    await waitFor(() => expect(connector.sent.filter((c) => c.type === 'accept')).toHaveLength(1));
    // … and when the server confirms it, every element moves on together and the page hears of it.
    connector.messages$.next({ seq: 1, event: { type: 'accepted', interactionId: 'ixn-1', owner: 'agent-1', at: Date.now() } });
    await Promise.all([shown(indicator, 'previewing'), shown(agent, 'previewing'), shown(form, 'previewing')]);
    await waitFor(() => expect(events).toEqual(['pp-accepted ixn-1']));
    expect(getComputedStyle(provider).display).toBe('contents');
  },
});

/** The one story without a connector and without the opt-in: what a page that forgot `connector` shows. */
export const NoConnector: StoryObj = {
  name: 'No connector: the “Simulated server” badge',
  parameters: {
    docs: {
      description: {
        story:
          'Without a `connector` the session runs on the built-in simulated server, and says so: a badge (`role="note"`, part `simulated-badge`) and one console warning. The `simulated` attribute, or a `SimulatedConnector` as `connector`, opts in and shows neither (every other story does).',
      },
    },
  },
  render: () => html`<push-preview-session no-persist><push-preview-agent></push-preview-agent></push-preview-session>`,
  play: async ({ canvasElement }) => {
    const provider = canvasElement.querySelector('push-preview-session')!;
    await waitFor(() => expect(provider.shadowRoot?.querySelector('[part~="simulated-badge"]')).not.toBeNull());
    const badge = provider.shadowRoot!.querySelector('[part~="simulated-badge"]')!;
    expect(badge.getAttribute('role')).toBe('note');
    expect(badge.getAttribute('aria-label')).toBe('Simulated server');
    expect(textOf(badge)).toBe('Simulated server');
  },
};
