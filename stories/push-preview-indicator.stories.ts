import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import { phaseStory } from './support.js';

const meta: Meta = {
  title: 'Elements/push-preview-indicator',
  component: 'push-preview-indicator',
};
export default meta;

const badge = (root: ShadowRoot) => root.querySelector<HTMLElement>('[part=indicator]')!;
const media = (root: ShadowRoot) => root.querySelector<HTMLElement>('[part=media]')?.dataset.media;

export const Idle: StoryObj = phaseStory('push-preview-indicator', {
  name: 'Ready, nothing pushed — W-2',
  phase: 'ready',
  actions: {},
  check: (root) => {
    expect(badge(root).classList.contains('campaign')).toBe(false);
    expect(media(root)).toBeUndefined();
  },
});

export const Ringing: StoryObj = phaseStory('push-preview-indicator', {
  name: 'Ringing, flashing — W-3',
  phase: 'ringing',
  actions: {},
  description: 'Flashes once a second: well under three flashes a second.',
  check: (root) => {
    const b = badge(root);
    expect(b.classList.contains('campaign')).toBe(true);
    expect(b.classList.contains('flash')).toBe(!matchMedia('(prefers-reduced-motion: reduce)').matches);
    // One flash cycle takes at least 1/3 s, so fewer than 3 flashes a second.
    expect(parseFloat(getComputedStyle(b).animationDuration)).toBeGreaterThanOrEqual(0.34);
    expect(media(root)).toBe('open-media');
  },
});

export const RingingFastAsked: StoryObj = phaseStory('push-preview-indicator', {
  name: 'Ringing, the page asks for fast flashing — W-3',
  phase: 'ringing',
  actions: {},
  description: 'A page that sets `--pp-flash-duration: 0.05s` still gets fewer than three flashes a second.',
  template: () => html`<div style="--pp-flash-duration: 0.05s"><push-preview-indicator></push-preview-indicator></div>`,
  check: (root) => {
    const b = badge(root);
    expect(b.classList.contains('flash')).toBe(!matchMedia('(prefers-reduced-motion: reduce)').matches);
    expect(parseFloat(getComputedStyle(b).animationDuration)).toBeCloseTo(0.34, 5);
  },
});

export const RingingReducedMotion: StoryObj = phaseStory('push-preview-indicator', {
  name: 'Ringing, reduced motion — W-3',
  phase: 'ringing',
  actions: {},
  template: () => html`<div data-reduced-motion><push-preview-indicator></push-preview-indicator></div>`,
  check: (root) => {
    const b = badge(root);
    expect(b.classList.contains('flash')).toBe(false);
    expect(b.classList.contains('still')).toBe(true);
    expect(getComputedStyle(b).animationName).toBe('none');
  },
});

export const Accepted: StoryObj = phaseStory('push-preview-indicator', {
  name: 'Accepted, open media — W-4',
  phase: 'previewing',
  actions: {},
  check: (root) => {
    expect(badge(root).classList.contains('flash')).toBe(false);
    expect(media(root)).toBe('open-media');
  },
});

export const Voice: StoryObj = phaseStory('push-preview-indicator', {
  name: 'Connected, voice — W-16',
  phase: 'connected',
  actions: {},
  check: (root) => expect(media(root)).toBe('voice'),
});

export const AfterCall: StoryObj = phaseStory('push-preview-indicator', {
  name: 'Call ended, open media again — W-22',
  phase: 'after-call',
  actions: {},
  check: (root) => expect(media(root)).toBe('open-media'),
});

export const Stale: StoryObj = phaseStory('push-preview-indicator', {
  name: 'Stale — W-30',
  phase: 'stale',
  actions: {},
  description: 'No longer live: the campaign colour goes, the phase says Stale.',
  check: (root) => {
    expect(badge(root).dataset.phase).toBe('stale');
    expect(badge(root).classList.contains('campaign')).toBe(false);
  },
});
