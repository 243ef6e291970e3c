import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { button, phaseStory, typeInto } from './support.js';

const meta: Meta = {
  title: 'Elements/record-editor',
  component: 'record-editor',
};
export default meta;

export const Edit: StoryObj = phaseStory('record-editor', {
  name: 'Edit and Update Record — W-12, W-15',
  phase: 'previewing',
  actions: { 'update-record': 'enabled' },
  check: async (root, el, connector) => {
    const plan = root.querySelector<HTMLInputElement>('input[name=plan]')!;
    typeInto(plan, 'Gold');
    await waitFor(() => expect(button(el, 'discard')).not.toBeNull());
    await userEvent.click(button(el, 'update-record')!);
    await waitFor(() => expect(connector.sent).toContainEqual({ type: 'update-record', interactionId: 'ixn-1', handle: 1001, fields: { plan: 'Gold' } }));
  },
});

export const Connected: StoryObj = phaseStory('record-editor', {
  name: 'Connected — W-21',
  phase: 'connected',
  actions: { 'update-record': 'enabled' },
});

export const Stale: StoryObj = phaseStory('record-editor', {
  name: 'Stale, read-only — W-30',
  phase: 'stale',
  actions: {},
  check: (root) => {
    const inputs = [...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')];
    expect(inputs.length).toBeGreaterThan(0);
    for (const i of inputs) expect(i.readOnly).toBe(true);
  },
});
