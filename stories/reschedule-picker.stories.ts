import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import { phaseStory, textOf } from './support.js';

const meta: Meta = {
  title: 'Elements/reschedule-picker',
  component: 'reschedule-picker',
};
export default meta;

export const BeforeDialing: StoryObj = phaseStory('reschedule-picker', {
  name: 'Reschedule — W-14',
  phase: 'previewing',
  actions: { reschedule: 'enabled' },
  check: (root) => {
    expect(textOf(root)).toContain('Asia/Tokyo');
    expect(root.querySelectorAll('input[type=radio][name=cb]')).toHaveLength(2);
  },
});

export const Connected: StoryObj = phaseStory('reschedule-picker', {
  name: 'Connected — W-21',
  phase: 'connected',
  actions: { reschedule: 'enabled' },
});

export const AfterCall: StoryObj = phaseStory('reschedule-picker', {
  name: 'Wrap-up — W-27',
  phase: 'after-call',
  actions: { reschedule: 'enabled' },
});

export const Stale: StoryObj = phaseStory('reschedule-picker', {
  name: 'Stale — W-30',
  phase: 'stale',
  actions: {},
  check: (root) => {
    for (const i of root.querySelectorAll<HTMLInputElement>('input')) expect(i.disabled).toBe(true);
  },
});
