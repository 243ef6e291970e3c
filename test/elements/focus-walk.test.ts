/**
 * Focus never falls to the page (issue 13, defect 3): the main path by keyboard alone, with the
 * focused element (through every shadow root) asserted after each step — the control that step
 * needs next, never `<body>` — and sampled on every animation frame in between. Also: focus the
 * agent placed outside the elements (a CRM field) is left where it is, and an element whose next
 * control is not on the page falls back to its own heading.
 */
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../src/define/all.js';
import { SimulatedConnector } from '../../src/connectors/simulated/connector.js';
import type { PushPreviewPanel } from '../../src/elements/panel/push-preview-panel.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import type { DeskSession as Session } from '../../src/session/session.js';
import { ANY_HOUR_CONTACTS } from '../fixtures/any-hour.js';
import { until } from '../fixtures/wait.js';

/** The focused element, through every shadow root. */
function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** The focused element in words, for the messages: its element, its action or part, its text. */
function named(el: Element | null): string {
  if (!el) return 'nothing';
  if (el === document.body) return '<body>';
  const host = (el.getRootNode() as ShadowRoot).host?.localName ?? 'page';
  const what = el.getAttribute('data-action') ?? el.getAttribute('part') ?? el.localName;
  return `${host} ${el.localName}[${what}] "${(el.textContent ?? '').trim().slice(0, 30)}"`;
}

/** The element rendering `el` (the host of its shadow root). */
const hostOf = (el: Element) => (el.getRootNode() as ShadowRoot).host?.localName;

const action = (name: string) => (el: Element) => el.getAttribute('data-action') === name;
const agentStatus = (el: Element) => hostOf(el) === 'push-preview-agent' && el.matches('[part~="status"] .status');
const callResult = (el: Element) => hostOf(el) === 'wrapup-codes' && el.matches('select[part~="call-result"]');
const code = (el: Element) => hostOf(el) === 'wrapup-codes' && el.matches('input[type="radio"]');

/** Press Tab until the focused control matches, at most `max` times. */
async function tabTo(match: (el: Element) => boolean, what: string, max = 60): Promise<Element> {
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const a = deepActive();
    if (a && match(a)) return a;
  }
  throw new Error(`Tab never reached ${what}; focus is on ${named(deepActive())}`);
}

/**
 * Samples the focused element on every animation frame (and on every check): records each time
 * it was `<body>` or nothing, with the step under way. Started once the walk holds focus.
 */
class BodyWatch {
  readonly seen: string[] = [];
  step = '';
  private raf = 0;
  start(): void {
    const tick = () => {
      this.check();
      this.raf = requestAnimationFrame(tick);
    };
    this.raf = requestAnimationFrame(tick);
  }
  check(): void {
    const a = deepActive();
    if ((a === null || a === document.body) && this.seen.at(-1) !== this.step) this.seen.push(this.step);
  }
  stop(): void {
    cancelAnimationFrame(this.raf);
  }
}

/** Wait for the step's state, then for focus on the control named for it; never `<body>` meanwhile. */
async function focusAfter(watch: BodyWatch, session: Session, step: string, match: (el: Element) => boolean, what: string): Promise<Element> {
  watch.step = step;
  const el = await until(
    () => {
      watch.check();
      const a = deepActive();
      return a && match(a) ? a : null;
    },
    `focus on ${what} after ${step}`,
    { sessions: [session], describe: () => ({ focus: named(deepActive()), phase: session.state.workflow.phase }) },
  );
  expect(watch.seen, `focus fell to <body> during: ${watch.seen.join(', ')}`).to.deep.equal([]);
  return el;
}

describe('focus never falls to the page (issue 13)', () => {
  it('the main path by keyboard: each step leaves focus on the control the next step needs', async () => {
    // The preview follows Ready at once (the simulated server pushes to a Ready agent at once);
    // the dial rings long enough that the dialing controls are shown before it is answered.
    const connector = new SimulatedConnector({ agentId: 'agent-focus', pushDelayMs: 50, dialDelayMs: 400, contacts: ANY_HOUR_CONTACTS });
    const panel = await fixture<PushPreviewPanel>(html`<push-preview-panel no-persist lang="en" .connector=${connector}></push-preview-panel>`);
    const session = await panel.ready();
    const phase = () => session.state.workflow.phase;
    const watch = new BodyWatch();

    document.body.focus();
    await until(() => panel.shadowRoot!.querySelector('push-preview-agent')?.shadowRoot?.querySelector('[data-action="login"]'), 'Log in shown');
    await tabTo(action('login'), 'Log in');
    watch.start();
    try {
      // Log in → Ready
      await sendKeys({ press: 'Enter' });
      await until(() => phase() === 'not-ready', 'logged in', { sessions: [session] });
      await focusAfter(watch, session, 'Log in', action('ready'), 'Ready');

      // Ready → the agent's status line (waiting for a preview)
      await sendKeys({ press: 'Enter' });
      await until(() => session.state.workflow.agent.status === 'ready', 'ready', { sessions: [session] });
      const status = await focusAfter(watch, session, 'Ready', agentStatus, 'the agent status');
      expect(status.textContent!.trim()).to.equal('Ready');

      // a preview arrives: focus stays where the agent is (not taken to Accept, not lost)
      await until(() => phase() === 'ringing', 'a preview rings', { sessions: [session] });
      await focusAfter(watch, session, 'a preview arrives', (el) => el === status, 'the agent status still');

      // Accept (Tab to it) → Connect, in another element (call-controls)
      await tabTo(action('accept'), 'Accept');
      await sendKeys({ press: 'Enter' });
      await until(() => phase() === 'previewing', 'accepted', { sessions: [session] });
      const connect = await focusAfter(watch, session, 'Accept', action('connect'), 'Connect');
      expect(hostOf(connect)).to.equal('call-controls');

      // Connect → Disconnect while it rings (Hold where the call is already up), and the answer leaves it there
      await sendKeys({ press: 'Enter' });
      await until(() => phase() === 'dialing' || phase() === 'connected', 'dialing', { sessions: [session] });
      const callControl = await focusAfter(watch, session, 'Connect', (el) => action('disconnect')(el) || action('hold')(el), 'Disconnect or Hold');
      await until(() => phase() === 'connected', 'answered', { sessions: [session] });
      await focusAfter(watch, session, 'the answer', (el) => el === callControl, 'the same call control');

      // Disconnect → the Call Result
      if (!action('disconnect')(callControl)) await tabTo(action('disconnect'), 'Disconnect');
      await sendKeys({ press: 'Enter' });
      await until(() => phase() === 'after-call', 'wrap-up', { sessions: [session] });
      await focusAfter(watch, session, 'Disconnect', callResult, 'the Call Result');

      // pick a disposition code: Tab to the first, Space picks it; focus stays on it
      const radio = await tabTo(code, 'a disposition code');
      await sendKeys({ press: ' ' });
      await until(() => session.state.workflow.wrapup.dispositionCode !== null, 'code picked', { sessions: [session] });
      await focusAfter(watch, session, 'picking a code', (el) => el === radio, 'the picked code');

      // Mark Done → the agent's status line
      await tabTo(action('mark-done'), 'Mark Done');
      await sendKeys({ press: 'Enter' });
      await until(() => phase() !== 'after-call', 'done', { sessions: [session] });
      await focusAfter(watch, session, 'Mark Done', agentStatus, 'the agent status');
    } finally {
      watch.stop();
      session.dispose();
    }
  });

  it('the elements placed one by one in a page share the walk through their session', async () => {
    const connector = new SimulatedConnector({ agentId: 'agent-apart', pushDelayMs: 50, dialDelayMs: 50, contacts: ANY_HOUR_CONTACTS });
    const provider = await fixture<PushPreviewSession>(
      html`<push-preview-session no-persist lang="en" .connector=${connector}
        ><push-preview-form></push-preview-form>
        <section><call-controls></call-controls></section>
        <wrapup-codes></wrapup-codes
      ></push-preview-session>`,
    );
    const session = await provider.ready();
    const watch = new BodyWatch();
    await session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] });
    await session.dispatch({ type: 'ready' });
    await until(() => session.state.workflow.phase === 'ringing', 'ringing', { sessions: [session] });
    const form = provider.querySelector('push-preview-form')!;
    const accept = await until(() => form.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="accept"]'), 'Accept shown');
    accept.focus();
    watch.start();
    try {
      await sendKeys({ press: 'Enter' });
      const connect = await focusAfter(watch, session, 'Accept', action('connect'), 'Connect');
      expect(hostOf(connect)).to.equal('call-controls');
      await sendKeys({ press: 'Enter' });
      await until(() => session.state.workflow.phase === 'connected', 'connected', { sessions: [session] });
      const control = await focusAfter(watch, session, 'Connect', (el) => action('hold')(el) || action('disconnect')(el), 'Hold or Disconnect');
      if (!action('disconnect')(control)) await tabTo(action('disconnect'), 'Disconnect');
      await sendKeys({ press: 'Enter' });
      await focusAfter(watch, session, 'Disconnect', callResult, 'the Call Result');
    } finally {
      watch.stop();
      session.dispose();
    }
  });

  it('leaves focus alone when it is outside the elements (the agent typing in a CRM field)', async () => {
    const connector = new SimulatedConnector({ agentId: 'agent-crm', pushDelayMs: 50, dialDelayMs: 50, contacts: ANY_HOUR_CONTACTS });
    const root = await fixture<HTMLDivElement>(
      html`<div><input id="crm" aria-label="CRM note" /><push-preview-panel no-persist lang="en" .connector=${connector}></push-preview-panel></div>`,
    );
    const panel = root.querySelector<PushPreviewPanel>('push-preview-panel')!;
    const crm = root.querySelector<HTMLInputElement>('#crm')!;
    const session = await panel.ready();
    crm.focus();
    // every control that leaves on the way was on screen, none focused
    await session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] });
    await session.dispatch({ type: 'ready' });
    await until(() => session.state.workflow.phase === 'ringing', 'ringing', { sessions: [session] });
    await session.dispatch({ type: 'accept' });
    await session.dispatch({ type: 'connect' });
    await until(() => session.state.workflow.phase === 'connected', 'connected', { sessions: [session] });
    await session.dispatch({ type: 'disconnect' });
    await panel.updateComplete;
    for (const el of panel.shadowRoot!.querySelectorAll<HTMLElement & { updateComplete: Promise<unknown> }>('*')) await el.updateComplete;
    expect(session.state.workflow.phase).to.equal('after-call');
    expect(named(deepActive())).to.equal(named(crm));
    session.dispose();
  });

  it('falls back to the element’s own heading where the next control is not on the page', async () => {
    // A form on its own (no call-controls): after Accept there is no Connect to go to.
    const connector = new SimulatedConnector({ agentId: 'agent-alone', pushDelayMs: 50, contacts: ANY_HOUR_CONTACTS });
    const provider = await fixture<PushPreviewSession>(
      html`<push-preview-session no-persist .connector=${connector}><push-preview-form lang="en"></push-preview-form></push-preview-session>`,
    );
    const session = await provider.ready();
    await session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] });
    await session.dispatch({ type: 'ready' });
    await until(() => session.state.workflow.phase === 'ringing', 'ringing', { sessions: [session] });
    const form = provider.querySelector('push-preview-form')!;
    const accept = await until(() => form.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="accept"]'), 'Accept shown');
    accept.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => session.state.workflow.phase === 'previewing', 'accepted', { sessions: [session] });
    const heading = await until(
      () => {
        const a = deepActive();
        return a && hostOf(a) === 'push-preview-form' && (/^h[1-6]$/.test(a.localName) || a.getAttribute('role') === 'heading') ? a : null;
      },
      'focus on the form’s heading',
      { describe: () => named(deepActive()) },
    );
    expect(heading.textContent).to.equal(
      session.state.workflow.interaction!.chain.records.find((r) => r.handle === session.state.workflow.interaction!.chain.activeHandle)!.fields.name,
    );
    expect(heading.getAttribute('tabindex')).to.equal('-1');
    session.dispose();
  });
});
