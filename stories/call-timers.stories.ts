import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { phaseStory, textOf } from './support.js';

const meta: Meta = {
  title: 'Elements/call-timers',
  component: 'call-timers',
};
export default meta;

/** Label → value of each timer shown. */
function timers(root: ShadowRoot): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of root.querySelectorAll('[part~=call-timer]'))
    out[textOf(t.querySelector('[part~=timer-label]'))] = textOf(t.querySelector('[part~=timer-value]'));
  return out;
}

/** Shown exactly `labels`, each `m:ss` in a `role=timer` that is not live. */
async function expectTimers(root: ShadowRoot, labels: string[]): Promise<Record<string, string>> {
  await waitFor(() => expect(Object.keys(timers(root))).toEqual(labels));
  for (const v of root.querySelectorAll('[part~=timer-value]')) {
    expect(v.getAttribute('role')).toBe('timer');
    expect(v.getAttribute('aria-live') ?? 'off').toBe('off');
  }
  const shown = timers(root);
  for (const value of Object.values(shown)) expect(value).toMatch(/^\d+:\d\d$/);
  return shown;
}

/** The offer's time for a story: the interaction began this long ago, so the timers show minutes. */
const ago = (ms: number) => Date.now() - ms;

export const Previewing: StoryObj = phaseStory('call-timers', {
  name: 'In preview — issue 16',
  phase: 'previewing',
  actions: {},
  check: async (root) => {
    await expectTimers(root, ['In preview']);
  },
});

export const Dialing: StoryObj = phaseStory('call-timers', {
  name: 'Dialing: on the call from the call’s start — issue 16',
  phase: 'dialing',
  reach: { at: ago(20_000) },
  actions: {},
  check: async (root) => {
    await expectTimers(root, ['On the call']);
  },
});

export const OnTheCall: StoryObj = phaseStory('call-timers', {
  name: 'On the call, ticking once a second — issue 16',
  phase: 'connected',
  reach: { at: ago(95_000) },
  actions: {},
  check: async (root) => {
    const first = (await expectTimers(root, ['On the call']))['On the call'];
    expect(first).toMatch(/^1:2\d$/); // from the server's connectedAt (8 s after the offer)
    await waitFor(() => expect(timers(root)['On the call']).not.toBe(first));
  },
});

export const OnHold: StoryObj = phaseStory('call-timers', {
  name: 'On hold: this hold and in all — issue 16',
  phase: 'connected',
  reach: { at: ago(95_000), held: true },
  actions: {},
  check: async (root) => {
    await expectTimers(root, ['On the call', 'This hold', 'On hold in all']);
  },
});

export const WrapUp: StoryObj = phaseStory('call-timers', {
  name: 'In wrap-up — issue 16',
  phase: 'after-call',
  actions: {},
  check: async (root) => {
    await expectTimers(root, ['In wrap-up']);
  },
});

export const Japanese: StoryObj = phaseStory('call-timers', {
  name: 'On hold, in Japanese — issue 16',
  phase: 'connected',
  reach: { at: ago(95_000), held: true },
  template: () => html`<call-timers lang="ja"></call-timers>`,
  actions: {},
  check: async (root) => {
    await expectTimers(root, ['通話中', '今回の保留', '保留の合計']);
  },
});

export const NoCall: StoryObj = phaseStory('call-timers', {
  name: 'Ready, no interaction: nothing shown — issue 16',
  phase: 'ready',
  actions: {},
  check: (root) => expect(root.querySelector('[part~=timers]')).toBeNull(),
});
