import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { button, phaseStory, textOf } from './support.js';

const meta: Meta = {
  title: 'Elements/call-controls',
  component: 'call-controls',
};
export default meta;

export const Accepted: StoryObj = phaseStory('call-controls', {
  name: 'Accepted: Connect, Cancel, Transfer — W-7, W-10, W-11',
  phase: 'previewing',
  actions: { connect: 'enabled', cancel: 'enabled', transfer: 'enabled' },
  check: async (root, el, connector) => {
    expect(textOf(root)).toContain('03-1234-5678');
    await userEvent.click(button(el, 'connect')!);
    await waitFor(() => expect(connector.sent).toContainEqual({ type: 'connect', interactionId: 'ixn-1', handle: 1001, number: '03-1234-5678' }));
  },
});

export const CancelDisabled: StoryObj = phaseStory('call-controls', {
  name: 'Accepted, Cancel disabled by the campaign — issue 16',
  phase: 'previewing',
  reach: { campaign: { cancelAllowed: false } },
  actions: { connect: 'enabled', cancel: 'disabled', transfer: 'enabled' },
  check: (root, el) => {
    const cancel = button(el, 'cancel')!;
    expect(textOf(root.getElementById(cancel.getAttribute('aria-describedby')!))).toBe('This campaign does not allow it.');
  },
});

export const Dialing: StoryObj = phaseStory('call-controls', {
  name: 'Dialing — W-16',
  phase: 'dialing',
  actions: { disconnect: 'enabled' },
});

export const Connected: StoryObj = phaseStory('call-controls', {
  name: 'Connected — W-17, W-18, W-19, W-20, W-22',
  phase: 'connected',
  actions: { hold: 'enabled', 'start-recording': 'enabled', disconnect: 'enabled', transfer: 'enabled', conference: 'enabled', consult: 'enabled' },
  check: async (root, el, connector) => {
    // W-18: the transfer goes to the target picked.
    const picker = root.querySelector<HTMLSelectElement>('select[data-target=transfer]')!;
    await userEvent.selectOptions(picker, 'agent-miller');
    await userEvent.click(button(el, 'transfer')!);
    await waitFor(() => expect(connector.sent).toContainEqual({ type: 'transfer', interactionId: 'ixn-1', targetId: 'agent-miller' }));
  },
});

export const Held: StoryObj = phaseStory('call-controls', {
  name: 'On hold: Retrieve — W-19',
  phase: 'connected',
  reach: { held: true },
  actions: { retrieve: 'enabled', 'start-recording': 'enabled', disconnect: 'enabled', transfer: 'enabled', conference: 'enabled', consult: 'enabled' },
  check: (root) => expect(textOf(root.querySelector('[part=status]'))).toContain('On hold'),
});

export const Recording: StoryObj = phaseStory('call-controls', {
  name: 'Recording — W-20',
  phase: 'connected',
  reach: { recording: true },
  actions: { hold: 'enabled', 'stop-recording': 'enabled', disconnect: 'enabled', transfer: 'enabled', conference: 'enabled', consult: 'enabled' },
});

export const RecordingOnTdm: StoryObj = phaseStory('call-controls', {
  name: 'No recording on a TDM line — W-20',
  phase: 'connected',
  reach: { campaign: { telephony: 'tdm' } },
  actions: { hold: 'enabled', 'start-recording': 'disabled', disconnect: 'enabled', transfer: 'enabled', conference: 'enabled', consult: 'enabled' },
  check: (root, el) => {
    const record = button(el, 'start-recording')!;
    const why = root.getElementById(record.getAttribute('aria-describedby')!);
    expect(textOf(why)).toBe('Recording is available only on SIP lines.');
  },
});

export const ConferenceFull: StoryObj = phaseStory('call-controls', {
  name: 'Conference of three is full — W-17',
  phase: 'connected',
  reach: { parties: 3 },
  actions: { hold: 'enabled', 'start-recording': 'enabled', disconnect: 'enabled', transfer: 'enabled', conference: 'disabled', consult: 'disabled' },
  check: (root) => expect(textOf(root.querySelector('[part=status]'))).toContain('3'),
});

// Issue 16: the consult (two-step) transfer and conference
const consultActions = { 'start-recording': 'enabled', disconnect: 'disabled', 'cancel-consult': 'enabled' } as const;

export const ConsultRinging: StoryObj = phaseStory('call-controls', {
  name: 'Consult: calling the target, the customer on hold — issue 16',
  phase: 'connected',
  reach: { consult: 'ringing' },
  actions: { ...consultActions, 'complete-transfer': 'disabled', 'complete-conference': 'disabled' },
  check: (root) => expect(textOf(root.querySelector('[part~=consult]'))).toBe('Calling Dana Miller…'),
});

export const ConsultTalking: StoryObj = phaseStory('call-controls', {
  name: 'Consult: the target answered — Complete transfer, Make it a conference, Cancel consult — issue 16',
  phase: 'connected',
  reach: { consult: 'talking' },
  actions: { ...consultActions, 'complete-transfer': 'enabled', 'complete-conference': 'enabled' },
  check: async (root, el, connector) => {
    expect(textOf(root.querySelector('[part~=consult]'))).toBe('Consulting Dana Miller');
    await userEvent.click(button(el, 'complete-conference')!);
    await waitFor(() => expect(connector.sent).toContainEqual({ type: 'complete-conference', interactionId: 'ixn-1' }));
  },
});

export const ConsultFailed: StoryObj = phaseStory('call-controls', {
  name: 'Consult: the target did not answer — Cancel consult retrieves the customer — issue 16',
  phase: 'connected',
  reach: { consult: 'failed' },
  actions: { ...consultActions, 'complete-transfer': 'disabled', 'complete-conference': 'disabled' },
  check: (root) => expect(textOf(root.querySelector('[part~=consult]'))).toBe('Dana Miller did not answer'),
});

export const AfterCall: StoryObj = phaseStory('call-controls', {
  name: 'Wrap-up: Transfer, dial another record — W-23, W-26',
  phase: 'after-call',
  actions: { connect: 'enabled', transfer: 'enabled' },
});

export const Stale: StoryObj = phaseStory('call-controls', {
  name: 'Stale — W-30',
  phase: 'stale',
  actions: {},
});
