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
  actions: { 'mark-done': 'enabled' },
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
  actions: { 'mark-done': 'enabled' },
  check: async (root, el, connector) => {
    expect(root.querySelector('[part=codes]')).toBeNull();
    await userEvent.click(button(el, 'mark-done')!);
    await waitFor(() => expect(connector.sent.find((c) => c.type === 'mark-done')).toMatchObject({ dispositionCode: null }));
  },
});

export const BeforeDialing: StoryObj = phaseStory('wrapup-codes', {
  name: 'A code before dialing — W-29',
  phase: 'previewing',
  actions: { 'mark-done': 'enabled' },
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
