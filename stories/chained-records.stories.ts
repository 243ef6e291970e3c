import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { button, phaseStory, textOf, typeInto } from './support.js';

const meta: Meta = {
  title: 'Elements/chained-records',
  component: 'chained-records',
};
export default meta;

export const BeforeDialing: StoryObj = phaseStory('chained-records', {
  name: 'Pick and edit the number before dialing — W-8, W-9, W-13',
  phase: 'previewing',
  reach: { chainIndex: 1 },
  actions: { 'set-active-record': 'enabled', 'add-chained-record': 'enabled' },
  check: async (root, el, connector) => {
    expect(root.querySelectorAll('[part~=record]')).toHaveLength(3);
    expect(root.querySelector('[aria-current=true]')?.textContent).toContain('(201) 555-0123');
    // W-9: the number to dial is edited and checked as it is typed.
    const dial = root.querySelector<HTMLInputElement>('[part=dial-number]')!;
    typeInto(dial, '12');
    await waitFor(() => expect(dial.getAttribute('aria-invalid')).toBe('true'));
    typeInto(dial, '(201) 555-0199');
    await waitFor(() => expect(dial.getAttribute('aria-invalid')).toBe('false'));
    // W-8: pick another record of the chain.
    await userEvent.click(button(el, 'set-active-record')!);
    await waitFor(() => expect(connector.sent).toContainEqual({ type: 'set-active-record', interactionId: 'ixn-2', handle: 1004 }));
  },
});

export const OneNumber: StoryObj = phaseStory('chained-records', {
  name: 'A contact with one number — W-8, W-13',
  phase: 'previewing',
  reach: { chainIndex: 3 },
  actions: { 'add-chained-record': 'enabled' },
  check: (root) => expect(textOf(root)).toContain('This contact has one number.'),
});

export const Connected: StoryObj = phaseStory('chained-records', {
  name: 'Connected: New Chained Record — W-21',
  phase: 'connected',
  actions: { 'add-chained-record': 'enabled' },
  check: (root) => expect(root.querySelector('[part=dial-number]')).toBeNull(),
});

export const AfterCall: StoryObj = phaseStory('chained-records', {
  name: 'Set Active Record after the call — W-26, W-27',
  phase: 'after-call',
  actions: { 'set-active-record': 'enabled', 'add-chained-record': 'enabled' },
});

export const Stale: StoryObj = phaseStory('chained-records', {
  name: 'Stale — W-30',
  phase: 'stale',
  actions: {},
  check: (root) => expect(root.querySelectorAll('[part~=record]').length).toBeGreaterThan(0),
});
