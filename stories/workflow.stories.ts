import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { SimulatedConnector } from '../src/connectors/simulated/connector.js';
import type { Connector } from '../src/connectors/port.js';
import { ANY_HOUR_CONTACTS } from '../test/fixtures/any-hour.js';
import { button, find, sessionStory, shown } from './support.js';

const meta: Meta = {
  title: 'Workflow',
  parameters: {
    docs: {
      description: {
        component:
          'The workflow end to end on the simulated outbound server (`SimulatedConnector`, a preview pushed 300 ms after Ready, the contact answering 600 ms after Connect). Use it like the agent would.',
      },
    },
  },
  loaders: [async () => ({ connector: new SimulatedConnector({ agentId: 'agent-1', pushDelayMs: 300, dialDelayMs: 600, contacts: ANY_HOUR_CONTACTS }) })],
};
export default meta;

/** Every `pp-*` event that reached the story's root, in order. */
function recordEvents(root: HTMLElement): string[] {
  const seen: string[] = [];
  for (const type of ['pp-preview-offered', 'pp-accepted', 'pp-call-connected', 'pp-call-ended', 'pp-done', 'pp-refused', 'pp-error'])
    root.addEventListener(type, () => seen.push(type));
  return seen;
}

const enabled = (el: Element, action: string) => waitFor(() => expect(button(el, action)?.getAttribute('aria-disabled')).toBe('false'));

export const Full: StoryObj = {
  name: 'Full workflow, by mouse — W-1, W-2, W-3, W-4, W-7, W-16, W-22, W-29',
  render: (_args, { loaded }) => sessionStory(html`<push-preview-panel></push-preview-panel>`, loaded.connector as Connector),
  play: async ({ canvasElement, step }) => {
    const panel = canvasElement.querySelector('push-preview-panel')!;
    const events = recordEvents(canvasElement);
    await step('Log in with the push preview media type (W-1), then Ready (W-2)', async () => {
      await shown(panel, 'logged-out');
      await enabled(panel, 'login');
      await userEvent.click(button(panel, 'login')!);
      await enabled(panel, 'ready');
      await userEvent.click(button(panel, 'ready')!);
    });
    await step('A preview rings (W-3); Accept (W-4)', async () => {
      await shown(panel, 'ringing');
      await enabled(panel, 'accept');
      await userEvent.click(button(panel, 'accept')!);
    });
    await step('Connect (W-7); the contact answers (W-16)', async () => {
      await shown(panel, 'previewing');
      await enabled(panel, 'connect');
      await userEvent.click(button(panel, 'connect')!);
      await shown(panel, 'connected');
    });
    await step('Disconnect (W-22)', async () => {
      await enabled(panel, 'disconnect');
      await userEvent.click(button(panel, 'disconnect')!);
      await shown(panel, 'after-call');
    });
    await step('Pick a disposition code, Mark Done (W-29)', async () => {
      const code = await waitFor(
        () => find<HTMLInputElement>(find(panel, 'wrapup-codes') ?? panel, 'input[type=radio][value=CALLBACK]') ?? Promise.reject(new Error('no code yet')),
      );
      await userEvent.click(code);
      await waitFor(() => expect(code.checked).toBe(true));
      await enabled(panel, 'mark-done');
      await userEvent.click(button(panel, 'mark-done')!);
      await shown(panel, 'done');
    });
    expect(events).toEqual(['pp-preview-offered', 'pp-accepted', 'pp-call-connected', 'pp-call-ended', 'pp-done']);
  },
};

/** Press a shortcut as a keyboard does (physical key code, modifiers). */
function press(code: string, init: KeyboardEventInit = { altKey: true, shiftKey: true }): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { code, key: code.replace(/^Key/, '').toLowerCase(), bubbles: true, composed: true, ...init }));
}

export const Keyboard: StoryObj = {
  name: 'Keyboard shortcuts — Alt+Shift+A, C, D, M',
  render: (_args, { loaded }) => sessionStory(html`<push-preview-panel></push-preview-panel>`, loaded.connector as Connector),
  play: async ({ canvasElement, step }) => {
    const panel = canvasElement.querySelector('push-preview-panel')!;
    await enabled(panel, 'login');
    await userEvent.click(button(panel, 'login')!);
    await enabled(panel, 'ready');
    await userEvent.click(button(panel, 'ready')!);
    await step('Alt+Shift+A accepts', async () => {
      await enabled(panel, 'accept');
      expect(button(panel, 'accept')!.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+A');
      press('KeyA');
      await shown(panel, 'previewing');
    });
    await step('Alt+Shift+C connects', async () => {
      await enabled(panel, 'connect');
      press('KeyC');
      await shown(panel, 'connected');
    });
    await step('Alt+Shift+D disconnects', async () => {
      await enabled(panel, 'disconnect');
      press('KeyD');
      await shown(panel, 'after-call');
    });
    await step('Alt+Shift+M is refused until a code is picked, then marks done', async () => {
      await enabled(panel, 'mark-done');
      press('KeyM');
      await waitFor(() => expect(find(find(panel, 'wrapup-codes')!, '[part=refusal]')?.textContent).toContain('disposition code'));
      const code = find<HTMLInputElement>(find(panel, 'wrapup-codes')!, 'input[type=radio][value=RENEWED]')!;
      await userEvent.click(code);
      await waitFor(() => expect(code.checked).toBe(true));
      press('KeyM');
      await shown(panel, 'done');
    });
  },
};

export const Regions: StoryObj = {
  name: 'Regions of a CRM page on one session — W-3, W-4, W-16',
  parameters: { layout: 'fullscreen' },
  render: (_args, { loaded }) =>
    sessionStory(
      html`<div style="display:grid; grid-template-columns: 18rem 1fr; gap: 1rem; padding: 1rem">
        <header style="grid-column: 1 / -1; display:flex; gap:1rem; align-items:center; justify-content:space-between">
          <strong>Acme CRM</strong>
          <push-preview-indicator></push-preview-indicator>
          <push-preview-agent></push-preview-agent>
        </header>
        <aside aria-label="Dialer"><call-controls></call-controls><wrapup-codes></wrapup-codes></aside>
        <main><push-preview-form></push-preview-form><chained-records></chained-records></main>
      </div>`,
      loaded.connector as Connector,
    ),
  play: async ({ canvasElement }) => {
    const q = (s: string) => canvasElement.querySelector(s)!;
    const [agent, indicator, form, controls] = [q('push-preview-agent'), q('push-preview-indicator'), q('push-preview-form'), q('call-controls')];
    await enabled(agent, 'login');
    await userEvent.click(button(agent, 'login')!);
    await enabled(agent, 'ready');
    await userEvent.click(button(agent, 'ready')!);
    // The preview rings in the header's indicator and shows in the main region's form.
    await shown(indicator, 'ringing');
    await enabled(form, 'accept');
    await userEvent.click(button(form, 'accept')!);
    // The sidebar's controls follow the same session.
    await shown(controls, 'previewing');
    await enabled(controls, 'connect');
    await userEvent.click(button(controls, 'connect')!);
    await shown(indicator, 'connected');
    expect(find(indicator, '[part=media]')?.dataset.media).toBe('voice');
  },
};
