import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import { find, phaseStory, textOf } from './support.js';

const meta: Meta = {
  title: 'Elements/push-preview-panel',
  component: 'push-preview-panel',
  parameters: { docs: { description: { component: 'The whole workflow in one tag, shown here in every phase of the workflow.' } } },
};
export default meta;

const tag = 'push-preview-panel';
const selectedTab = (root: ShadowRoot) => textOf(root.querySelector('[role=tab][aria-selected=true]'));

export const LoggedOut: StoryObj = phaseStory(tag, { name: 'Logged out — W-1', phase: 'logged-out', actions: { login: 'enabled' } });
export const NotReady: StoryObj = phaseStory(tag, { name: 'Not Ready — W-2', phase: 'not-ready', actions: { ready: 'enabled', logout: 'enabled' } });
export const Ready: StoryObj = phaseStory(tag, { name: 'Ready, waiting — W-2', phase: 'ready', actions: { 'not-ready': 'enabled', logout: 'enabled' } });

export const Ringing: StoryObj = phaseStory(tag, {
  name: 'Ringing — W-3, W-4, W-5, W-6',
  phase: 'ringing',
  actions: { 'not-ready': 'enabled', accept: 'enabled', reject: 'enabled' },
  check: (root) => {
    expect(root.querySelector('[role=tablist]')).toBeNull();
    expect(find(root, '[part=countdown]')).not.toBeNull();
  },
});

export const Previewing: StoryObj = phaseStory(tag, {
  name: 'Accepted — W-4, W-7, W-8, W-10, W-11, W-12, W-13, W-14, W-15',
  phase: 'previewing',
  actions: { 'not-ready': 'enabled', connect: 'enabled', cancel: 'enabled', transfer: 'enabled', 'update-record': 'enabled' },
  check: (root) => {
    expect([...root.querySelectorAll('[role=tab]')].map((t) => textOf(t))).toEqual(['Edit', 'Chained Records', 'Reschedule', 'Disposition Code']);
    expect(selectedTab(root)).toBe('Edit');
  },
});

export const Dialing: StoryObj = phaseStory(tag, {
  name: 'Dialing — W-16, W-21',
  phase: 'dialing',
  actions: { 'not-ready': 'enabled', disconnect: 'enabled', 'update-record': 'enabled' },
});

export const Connected: StoryObj = phaseStory(tag, {
  name: 'Connected — W-16, W-17, W-18, W-19, W-20, W-21, W-22',
  phase: 'connected',
  actions: {
    'not-ready': 'enabled',
    hold: 'enabled',
    'start-recording': 'enabled',
    disconnect: 'enabled',
    transfer: 'enabled',
    conference: 'enabled',
    consult: 'enabled',
    'update-record': 'enabled',
  },
  check: (root) => expect(find(root, '[part=media]')?.dataset.media).toBe('voice'),
});

export const AfterCall: StoryObj = phaseStory(tag, {
  name: 'Wrap-up — W-22, W-23, W-24, W-25, W-26, W-27, W-29',
  phase: 'after-call',
  actions: { 'not-ready': 'enabled', connect: 'enabled', transfer: 'enabled', 'mark-done': 'enabled', 'done-and-stop': 'enabled' },
  check: (root) => {
    // The Disposition Code tab opens by itself when the call ends.
    expect(selectedTab(root)).toBe('Disposition Code');
    expect(find(root, 'wrapup-codes')).not.toBeNull();
  },
});

export const Done: StoryObj = phaseStory(tag, {
  name: 'Done — W-28, W-29',
  phase: 'done',
  actions: { 'not-ready': 'enabled', logout: 'enabled', dismiss: 'enabled' },
});
export const Rejected: StoryObj = phaseStory(tag, {
  name: 'Rejected — W-5',
  phase: 'rejected',
  actions: { 'not-ready': 'enabled', logout: 'enabled', dismiss: 'enabled' },
});
export const Cancelled: StoryObj = phaseStory(tag, {
  name: 'Cancelled — W-10',
  phase: 'cancelled',
  actions: { 'not-ready': 'enabled', logout: 'enabled', dismiss: 'enabled' },
});
export const Transferred: StoryObj = phaseStory(tag, {
  name: 'Transferred — W-11',
  phase: 'transferred',
  actions: { 'not-ready': 'enabled', logout: 'enabled', dismiss: 'enabled' },
});

export const Stale: StoryObj = phaseStory(tag, {
  name: 'Stale — W-30',
  phase: 'stale',
  actions: { 'not-ready': 'enabled', dismiss: 'enabled' },
  check: (root) => expect(find(root, '[part=banner][role=alert]')).not.toBeNull(),
});

export const Failed: StoryObj = phaseStory(tag, { name: 'Failed', phase: 'failed', actions: { 'not-ready': 'enabled', dismiss: 'enabled' } });

export const Japanese: StoryObj = phaseStory(tag, {
  name: 'Japanese (lang="ja") — W-3, W-4, W-5',
  phase: 'ringing',
  actions: { 'not-ready': 'enabled', accept: 'enabled', reject: 'enabled' },
  template: () => html`<div lang="ja"><push-preview-panel></push-preview-panel></div>`,
  check: async (root) => {
    const { waitFor } = await import('storybook/test');
    await waitFor(() => expect(textOf(find(root, '[data-action=accept]'))).toBe('受け入れ'));
    expect(textOf(find(root, '[data-action=reject]'))).toBe('拒否');
  },
});

export const Dark: StoryObj = phaseStory(tag, {
  name: 'Dark theme (color-scheme: dark) — W-7, W-10, W-11',
  phase: 'previewing',
  actions: { 'not-ready': 'enabled', connect: 'enabled', cancel: 'enabled', transfer: 'enabled', 'update-record': 'enabled' },
  template: () => html`<div style="color-scheme: dark; background: #111418; padding: 1rem"><push-preview-panel></push-preview-panel></div>`,
  check: (_root, el) => expect(getComputedStyle(el).backgroundColor).toBe('rgb(27, 31, 36)'),
});
