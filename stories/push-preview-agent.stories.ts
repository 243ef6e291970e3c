import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { button, phaseStory, textOf } from './support.js';

const meta: Meta = {
  title: 'Elements/push-preview-agent',
  component: 'push-preview-agent',
};
export default meta;

export const LoggedOut: StoryObj = phaseStory('push-preview-agent', {
  name: 'Logged out — W-1',
  phase: 'logged-out',
  actions: { login: 'enabled' },
  description: 'Login with the media types; the push preview one (voice-preview) is needed for previews.',
  check: async (root, el, connector) => {
    const media = root.querySelector<HTMLInputElement>('input[value="voice-preview"]')!;
    expect(media.checked).toBe(true);
    // W-1: without the push preview media type, login is refused before anything is sent.
    await userEvent.click(media);
    await userEvent.click(button(el, 'login')!);
    await waitFor(() => expect(textOf(root.querySelector('[part=refusal]'))).toContain('push preview media type'));
    expect(connector.sent.filter((c) => c.type === 'login')).toHaveLength(0);
    await userEvent.click(media);
    await userEvent.click(button(el, 'login')!);
    await waitFor(() => expect(connector.sent.find((c) => c.type === 'login')).toEqual({ type: 'login', mediaTypes: ['voice-preview'] }));
  },
});

export const NotReady: StoryObj = phaseStory('push-preview-agent', {
  name: 'Not Ready — W-2',
  phase: 'not-ready',
  actions: { ready: 'enabled', logout: 'enabled' },
  check: async (root, el, connector) => {
    expect(textOf(root.querySelector('[part=status]'))).toContain('Not Ready');
    await userEvent.click(button(el, 'ready')!);
    await waitFor(() => expect(connector.sent).toContainEqual({ type: 'set-status', status: 'ready' }));
  },
});

export const Ready: StoryObj = phaseStory('push-preview-agent', {
  name: 'Ready — W-2',
  phase: 'ready',
  actions: { 'not-ready': 'enabled', logout: 'enabled' },
});

export const Ringing: StoryObj = phaseStory('push-preview-agent', {
  name: 'While a preview rings — W-2',
  phase: 'ringing',
  actions: { 'not-ready': 'enabled' },
  description: 'Logout is not offered while an interaction is on the desk.',
});

export const CampaignRunning: StoryObj = phaseStory('push-preview-agent', {
  name: 'Ready, campaign running — W-2',
  phase: 'ready',
  reach: { campaignRun: 'running' },
  actions: { 'not-ready': 'enabled', logout: 'enabled' },
  description: 'Beside Ready: the agent’s campaign is running, so previews come (a polite status, said when it changes).',
  check: (root) => {
    expect(textOf(root.querySelector('[part~=campaign]'))).toBe('Campaign running');
  },
});

export const CampaignStopped: StoryObj = phaseStory('push-preview-agent', {
  name: 'Ready, campaign not running — W-2',
  phase: 'ready',
  reach: { campaignRun: 'stopped' },
  actions: { 'not-ready': 'enabled', logout: 'enabled' },
  description: 'The campaign is stopped: Ready stays as it is, and no preview comes until the campaign starts.',
  check: (root) => {
    expect(root.querySelector('[part~=campaign-stopped]')).not.toBe(null);
    expect(textOf(root.querySelector('[part~=campaign]'))).toContain('no previews until it starts');
  },
});
