import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { button, phaseStory, textOf } from './support.js';

const meta: Meta = {
  title: 'Elements/wrapup-codes',
  component: 'wrapup-codes',
};
export default meta;

export const WrapUp: StoryObj = phaseStory('wrapup-codes', {
  name: 'Wrap-up: Call Result, Do Not Call, code, Mark Done — W-24, W-25, W-29',
  phase: 'after-call',
  actions: { 'mark-done': 'enabled', 'done-and-stop': 'enabled' },
  check: async (root, el, connector) => {
    expect(root.querySelector('select[part=call-result]')).not.toBeNull();
    expect(root.querySelector('[part=do-not-call] input[type=checkbox]')).not.toBeNull();
    // W-29: Mark Done is refused until a code is picked, and nothing is sent.
    await userEvent.click(button(el, 'mark-done')!);
    await waitFor(() => expect(textOf(root.querySelector('[part=refusal]'))).toBe('Pick a disposition code before Mark Done.'));
    expect(connector.sent.filter((c) => c.type === 'mark-done')).toHaveLength(0);
    await userEvent.click(root.querySelector<HTMLInputElement>('input[type=radio][value=RENEWED]')!);
    await waitFor(() => expect(root.querySelector<HTMLInputElement>('input[type=radio][value=RENEWED]')!.checked).toBe(true));
    await userEvent.click(button(el, 'mark-done')!);
    await waitFor(() => expect(connector.sent.find((c) => c.type === 'mark-done')).toMatchObject({ dispositionCode: 'RENEWED' }));
  },
});

export const NoCodes: StoryObj = phaseStory('wrapup-codes', {
  name: 'No disposition codes: Mark Done — W-28',
  phase: 'after-call',
  reach: { campaign: { dispositionCodes: [], dispositionRequired: false } },
  actions: { 'mark-done': 'enabled', 'done-and-stop': 'enabled' },
  check: async (root, el, connector) => {
    expect(root.querySelector('[part=codes]')).toBeNull();
    await userEvent.click(button(el, 'mark-done')!);
    await waitFor(() => expect(connector.sent.find((c) => c.type === 'mark-done')).toMatchObject({ dispositionCode: null }));
  },
});

export const BeforeDialing: StoryObj = phaseStory('wrapup-codes', {
  name: 'A code before dialing — W-29',
  phase: 'previewing',
  actions: { 'mark-done': 'enabled', 'done-and-stop': 'enabled' },
  check: (root) => {
    expect(root.querySelector('[part=codes]')).not.toBeNull();
    expect(root.querySelector('[part=call-result]')).toBeNull();
  },
});

export const Stale: StoryObj = phaseStory('wrapup-codes', {
  name: 'Stale — W-30',
  phase: 'stale',
  actions: {},
  check: (root) => expect(root.querySelector('form')).toBeNull(),
});

export const WrapUpTimer: StoryObj = phaseStory('wrapup-codes', {
  name: 'Wrap-up bounded by the campaign: countdown, Extend — issue 16',
  phase: 'after-call',
  reach: { campaign: { dispositionRequired: false, afterCallWork: { limitSec: 120, defaultDispositionCode: 'CALLBACK', extendSec: 60, maxExtensions: 2 } } },
  actions: { 'extend-wrapup': 'enabled', 'mark-done': 'enabled', 'done-and-stop': 'enabled' },
  check: async (root, el) => {
    const timer = root.querySelector('[part~=timer]')!;
    expect(timer.getAttribute('role')).toBe('timer');
    expect(textOf(timer)).toMatch(/^Wrap-up ends in \d+ s$/);
    expect(textOf(root.querySelector('.timer .muted'))).toBe('2 extensions left');
    await userEvent.click(button(el, 'extend-wrapup')!);
    await waitFor(() => expect(textOf(root.querySelector('.timer .muted'))).toBe('1 extension left'));
    expect(Number(/(\d+) s/.exec(textOf(timer))?.[1])).toBeGreaterThan(120);
  },
});

export const WrapUpTimerNotReady: StoryObj = phaseStory('wrapup-codes', {
  name: 'Wrap-up bounded, Not Ready at zero, no Extend — issue 16',
  phase: 'after-call',
  reach: { campaign: { dispositionRequired: false, afterCallWork: { limitSec: 90, onTimeout: 'not-ready' } } },
  actions: { 'mark-done': 'enabled', 'done-and-stop': 'enabled' },
  check: (root) => expect(textOf(root.querySelector('[part~=timer]'))).toMatch(/then you are set Not Ready$/),
});

export const DoneAndStop: StoryObj = phaseStory('wrapup-codes', {
  name: 'Done and Stop: Mark Done, then Not Ready — issue 16',
  phase: 'after-call',
  reach: { campaign: { dispositionRequired: false } },
  actions: { 'mark-done': 'enabled', 'done-and-stop': 'enabled' },
  check: async (_root, el, connector) => {
    expect(button(el, 'done-and-stop')!.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+S');
    await userEvent.click(button(el, 'done-and-stop')!);
    await waitFor(() => expect(connector.sent.map((c) => c.type)).toEqual(['mark-done', 'set-status']));
  },
});
