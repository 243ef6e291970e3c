import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { button, phaseStory, textOf } from './support.js';

const meta: Meta = {
  title: 'Elements/push-preview-form',
  component: 'push-preview-form',
};
export default meta;

export const Waiting: StoryObj = phaseStory('push-preview-form', {
  name: 'Ready, waiting for a preview — W-2',
  phase: 'ready',
  actions: {},
  check: (root) => expect(textOf(root)).toContain('Waiting for the next preview'),
});

export const Ringing: StoryObj = phaseStory('push-preview-form', {
  name: 'Ringing — W-3, W-4, W-5, W-6',
  phase: 'ringing',
  actions: { accept: 'enabled', reject: 'enabled' },
  check: async (root, el, connector) => {
    expect(textOf(root.querySelector('[part=contact]'))).toContain('山田 太郎');
    expect(textOf(root.querySelector('[part=details]'))).toContain('Autumn Renewal 2026');
    const timer = root.querySelector('[part=countdown]')!;
    expect(timer.getAttribute('role')).toBe('timer');
    // W-6: the agent sees the time left, and it runs.
    const left = () => Number(/(\d+) s/.exec(textOf(timer))?.[1]);
    const first = left();
    expect(first).toBeGreaterThan(20);
    await waitFor(() => expect(left()).toBeLessThan(first));
    await userEvent.click(button(el, 'accept')!);
    await waitFor(() => expect(connector.sent).toContainEqual({ type: 'accept', interactionId: 'ixn-1' }));
  },
});

export const RingingDialsOnTimeout: StoryObj = phaseStory('push-preview-form', {
  name: 'Ringing, dials when time runs out — W-6',
  phase: 'ringing',
  reach: { campaign: { timeoutPolicy: 'dial' } },
  actions: { accept: 'enabled', reject: 'enabled' },
  check: (root) => expect(textOf(root.querySelector('[part=countdown]'))).toMatch(/Dials in \d+ s/),
});

export const RingingRejectDisabled: StoryObj = phaseStory('push-preview-form', {
  name: 'Ringing, Reject disabled by the campaign — issue 16',
  phase: 'ringing',
  reach: { campaign: { rejectAllowed: false } },
  actions: { accept: 'enabled', reject: 'disabled' },
  check: async (root, el, connector) => {
    expect(textOf(root.querySelector('[part=countdown]'))).toMatch(/^Returns to the queue in \d+ s$/);
    const reject = button(el, 'reject')!;
    expect(textOf(root.getElementById(reject.getAttribute('aria-describedby')!))).toBe('This campaign does not allow it.');
    await userEvent.click(reject);
    await waitFor(() => expect(textOf(root.querySelector('[part=refusal]'))).toBe('This campaign does not allow it.'));
    expect(connector.sent).toHaveLength(0);
  },
});

export const RingingNotReadyOnTimeout: StoryObj = phaseStory('push-preview-form', {
  name: 'Ringing, returns to the queue and sets Not Ready when time runs out — W-6, issue 16',
  phase: 'ringing',
  reach: { campaign: { timeoutPolicy: 'not-ready' } },
  actions: { accept: 'enabled', reject: 'enabled' },
  check: (root) => expect(textOf(root.querySelector('[part=countdown]'))).toMatch(/then you are set Not Ready$/),
});

export const UntrustedData: StoryObj = phaseStory('push-preview-form', {
  name: 'Untrusted contact data is text — W-3',
  phase: 'ringing',
  reach: { chainIndex: 6 },
  actions: { accept: 'enabled', reject: 'enabled' },
  check: (root) => {
    expect(root.querySelector('img, b, script:not([type])')).toBeNull();
    expect(textOf(root.querySelector('[part=contact]'))).toContain('<img src=x onerror=alert(1)>');
  },
});

export const Accepted: StoryObj = phaseStory('push-preview-form', {
  name: 'Accepted — W-4',
  phase: 'previewing',
  actions: {},
  check: (root) => {
    expect(root.querySelector('[part=countdown]')).toBeNull();
    expect(textOf(root.querySelector('[part=details]'))).toContain('03-1234-5678');
  },
});

export const Stale: StoryObj = phaseStory('push-preview-form', {
  name: 'Stale — W-30',
  phase: 'stale',
  actions: { dismiss: 'enabled' },
  check: (root) => {
    const banner = root.querySelector('[part=banner]')!;
    expect(banner.getAttribute('role')).toBe('alert');
    expect(textOf(banner)).toContain('stale');
  },
});

const ended = (name: string, phase: 'rejected' | 'cancelled' | 'transferred' | 'done' | 'failed', words: string): StoryObj =>
  phaseStory('push-preview-form', {
    name,
    phase,
    actions: { dismiss: 'enabled' },
    check: (root) => expect(textOf(root.querySelector('[part=banner]'))).toContain(words),
  });

export const Rejected = ended('Rejected — W-5', 'rejected', 'Rejected');
export const Cancelled = ended('Cancelled — W-10', 'cancelled', 'Cancelled');
export const Transferred = ended('Transferred — W-11', 'transferred', 'Transferred');
export const Done = ended('Done — W-28, W-29', 'done', 'Done');
export const Failed = ended('Failed', 'failed', 'Failed');
