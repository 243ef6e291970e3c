/**
 * Issue 16 in the elements: the campaign's preview policy (Reject shown disabled with the reason,
 * the countdown saying what the timeout does, the policy readable by the host page), the wrap-up
 * countdown with Extend, and Done and Stop with its own shortcut. Each checked with axe.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import type { Campaign } from '../../src/domain/types.js';
import type { WorkflowState } from '../../src/domain/machine.js';
import type { PpPreviewOfferedEvent } from '../../src/elements/events.js';
import type { PushPreviewForm } from '../../src/elements/form/push-preview-form.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { DEFAULT_SHORTCUTS } from '../../src/elements/internal/shortcuts.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { mount } from '../fixtures/session-fixture.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

type El = HTMLElement & { updateComplete: Promise<unknown> };

async function show(tag: 'push-preview-form' | 'wrapup-codes', state: WorkflowState, lang = 'en') {
  const connector = new FixtureConnector(state);
  const provider = await fixture<PushPreviewSession>(
    tag === 'push-preview-form'
      ? html`<push-preview-session no-persist lang=${lang} .connector=${connector}><push-preview-form></push-preview-form></push-preview-session>`
      : html`<push-preview-session no-persist lang=${lang} .connector=${connector}><wrapup-codes></wrapup-codes></push-preview-session>`,
  );
  const session = await provider.ready();
  await until(() => session.state.workflow.phase === state.phase && session.state.connection === 'online', `session in ${state.phase}`);
  const el = provider.querySelector(tag) as El;
  await el.updateComplete;
  return { provider, el, session, connector, root: el.shadowRoot! };
}

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('issue 16: the preview policy in <push-preview-form>', () => {
  it('Reject disabled by the campaign: shown disabled, the reason said; a click sends nothing', async () => {
    const { el, root, session, connector } = await show('push-preview-form', reach('ringing', { at: Date.now(), campaign: { rejectAllowed: false } }));
    const reject = root.querySelector<HTMLButtonElement>('[data-action="reject"]')!;
    expect(reject.getAttribute('aria-disabled')).to.equal('true');
    expect(text(root.getElementById(reject.getAttribute('aria-describedby')!))).to.equal('This campaign does not allow it.');
    expect(root.querySelector('[data-action="accept"]')!.getAttribute('aria-disabled')).to.equal('false');
    await expect(el).to.be.accessible();
    reject.click();
    await until(() => session.state.refusal?.intent === 'reject', 'reject refused');
    await el.updateComplete;
    expect(connector.sent).to.have.length(0);
    expect(text(root.querySelector('[part~="refusal"]'))).to.equal('This campaign does not allow it.');
  });

  for (const [policy, words] of [
    ['reject', /^Returns to the queue in \d+ s$/],
    ['dial', /^Dials in \d+ s$/],
    ['not-ready', /^Returns to the queue in \d+ s; then you are set Not Ready$/],
  ] as const) {
    it(`the countdown says what the timeout does: ${policy}`, async () => {
      const { el, root } = await show('push-preview-form', reach('ringing', { at: Date.now(), campaign: { timeoutPolicy: policy } }));
      expect(text(root.querySelector('[part~="countdown"] span'))).to.match(words);
      await expect(el).to.be.accessible();
    });
  }

  it('in Japanese too', async () => {
    const { root } = await show('push-preview-form', reach('ringing', { at: Date.now(), campaign: { timeoutPolicy: 'dial', rejectAllowed: false } }), 'ja');
    await until(() => /秒後に発信します/.test(text(root.querySelector('[part~="countdown"]'))), 'the Japanese countdown');
    const reject = root.querySelector('[data-action="reject"]')!;
    expect(text(root.getElementById(reject.getAttribute('aria-describedby')!))).to.equal('このキャンペーンでは使用できません。');
  });

  it('the host page reads the policy: a property, and pp-preview-offered’s detail', async () => {
    const campaign: Partial<Campaign> = { rejectAllowed: false, cancelAllowed: false, timeoutPolicy: 'not-ready', afterCallWork: { limitSec: 90 } };
    const offered: PpPreviewOfferedEvent[] = [];
    document.addEventListener('pp-preview-offered', (e) => offered.push(e), { once: true });
    const { provider, el, session } = await mount<PushPreviewForm>(html`<push-preview-form></push-preview-form>`, 'push-preview-form', { campaign });
    await session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] });
    await session.dispatch({ type: 'ready' });
    await until(() => offered.length > 0, 'pp-preview-offered');
    const policy = { reject: false, cancel: false, timeoutAction: 'not-ready', acceptTimeoutSec: 30, afterCallWorkSec: 90 };
    expect(offered[0]!.detail.policy).to.deep.equal(policy);
    expect(provider.previewPolicy).to.deep.equal(policy);
    expect(el.previewPolicy).to.deep.equal(policy);
  });
});

describe('issue 16: the wrap-up countdown and Done and Stop in <wrapup-codes>', () => {
  const bounded = (extra: Partial<Campaign> = {}) =>
    reach('after-call', {
      at: Date.now(),
      campaign: { dispositionRequired: false, afterCallWork: { limitSec: 600, extendSec: 60, maxExtensions: 1 }, ...extra },
    });

  it('shows the time left and Extend; an extension adds the campaign’s seconds, then Extend is refused with the reason', async () => {
    const { el, root, session } = await show('wrapup-codes', bounded());
    const timer = () => text(root.querySelector('[part~="timer"]'));
    expect(timer()).to.match(/^Wrap-up ends in (59\d|600) s$/);
    expect(root.querySelector('[part~="timer"]')!.getAttribute('role')).to.equal('timer');
    const extend = () => root.querySelector<HTMLButtonElement>('[data-action="extend-wrapup"]')!;
    expect(text(extend())).to.equal('Extend by 60 s');
    expect(text(root.querySelector('.timer .muted'))).to.equal('1 extension left');
    await expect(el).to.be.accessible();
    extend().click();
    await until(() => session.state.workflow.afterCallTimer?.extensions === 1, 'extended');
    await el.updateComplete;
    expect(Number(/(\d+) s/.exec(timer())![1])).to.be.greaterThan(600);
    expect(extend().getAttribute('aria-disabled')).to.equal('true');
    expect(text(root.getElementById(extend().getAttribute('aria-describedby')!))).to.equal('Wrap-up cannot be extended again.');
    await expect(el).to.be.accessible();
  });

  it('says when the agent will be set Not Ready at zero; no Extend where the campaign gives none', async () => {
    const { el, root } = await show('wrapup-codes', bounded({ afterCallWork: { limitSec: 600, onTimeout: 'not-ready' } }));
    expect(text(root.querySelector('[part~="timer"]'))).to.match(/; then you are set Not Ready$/);
    expect(root.querySelector('[data-action="extend-wrapup"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('no countdown without the setting', async () => {
    const { root } = await show('wrapup-codes', reach('after-call', { at: Date.now(), campaign: { dispositionRequired: false } }));
    expect(root.querySelector('[part~="timer"]')).to.equal(null);
  });

  it('Done and Stop: its button and its own shortcut send Mark Done, then Not Ready', async () => {
    const { root, session, connector } = await show('wrapup-codes', bounded());
    const button = root.querySelector<HTMLButtonElement>('[data-action="done-and-stop"]')!;
    expect(text(button)).to.equal('Done and Stop');
    expect(button.getAttribute('aria-keyshortcuts')).to.equal(DEFAULT_SHORTCUTS['done-and-stop']);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyS', key: 'S', altKey: true, shiftKey: true, bubbles: true, composed: true }));
    await until(() => connector.sent.length === 2 && session.state.pending === null, 'Mark Done and Not Ready sent');
    expect(connector.sent.map((c) => c.type)).to.deep.equal(['mark-done', 'set-status']);
  });

  it('Done and Stop refused (a code required and none picked): nothing sent, the reason said', async () => {
    const { el, root, session, connector } = await show('wrapup-codes', reach('after-call', { at: Date.now() }));
    root.querySelector<HTMLButtonElement>('[data-action="done-and-stop"]')!.click();
    await until(() => session.state.refusal?.intent === 'done-and-stop', 'refused');
    await el.updateComplete;
    expect(connector.sent).to.have.length(0);
    expect(text(root.querySelector('[part~="refusal"]'))).to.equal('Pick a disposition code before Mark Done.');
    await expect(el).to.be.accessible();
  });
});
