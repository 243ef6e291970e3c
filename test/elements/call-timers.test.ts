/**
 * Issue 16: <call-timers> — time in preview, on the call, on hold (this hold and in all) and in
 * wrap-up, on the session's virtual clock. A tick changes only the timers' text nodes: no element
 * renders (this one included), no other node changes. Values are `role="timer"` (never live) and
 * the group is one tab stop named by every label and value. Every phase passes axe.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import { PHASES } from '../../src/domain/machine.js';
import type { CallTimers } from '../../src/elements/timers/call-timers.js';
import type { PushPreviewPanel } from '../../src/elements/panel/push-preview-panel.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { act, desk, readyAndRinging, type Desk } from '../fixtures/desk.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach, type Reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The timers as shown: label → value. */
function shown(el: CallTimers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of el.shadowRoot!.querySelectorAll('[part~="call-timer"]'))
    out[text(t.querySelector('[part~="timer-label"]'))] = text(t.querySelector('[part~="timer-value"]'));
  return out;
}

/** The accessible name aria-labelledby gives an element: the referenced elements' text, in order. */
function labelledBy(el: Element): string {
  const root = el.getRootNode() as ShadowRoot;
  return (el.getAttribute('aria-labelledby') ?? '')
    .split(/\s+/)
    .map((id) => text(root.getElementById(id)))
    .join(' ');
}

/** A desk on virtual time with `content` in a provider that uses the desk's session. */
async function onDesk<E extends Element>(
  content: ReturnType<typeof html>,
  selector: string,
  lang = 'en',
): Promise<{ d: Desk; el: E; provider: PushPreviewSession }> {
  // A preview goes stale 3 h after it was offered here (30 min by default): room for h:mm:ss.
  const d = await desk({ faults: { latencyMs: [0, 0] }, dialDelayMs: 3000, campaign: { staleTimeoutSec: 3 * 3600 } });
  const provider = await fixture<PushPreviewSession>(
    html`<push-preview-session no-persist lang=${lang} .session=${d.session}>${content}</push-preview-session>`,
  );
  const el = provider.querySelector(selector) as E;
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return { d, el, provider };
}

describe('<call-timers> on virtual time', () => {
  it('counts preview, call, this hold and all holds, and wrap-up, from the server’s stamps; m:ss', async () => {
    const { d, el } = await onDesk<CallTimers>(html`<call-timers></call-timers>`, 'call-timers');
    await readyAndRinging(d);
    expect(d.session.state.workflow.phase).to.equal('ringing');
    expect(el.shadowRoot!.querySelector('[part~="timers"]'), 'nothing while it rings').to.equal(null);

    await act(d, d.session.dispatch({ type: 'accept' }));
    await until(() => shown(el)['In preview'] === '0:00', 'the preview timer', { describe: () => shown(el) });
    const acceptedAt = d.session.state.workflow.interaction!.acceptedAt!;
    await d.clock.advance(acceptedAt + 12_000 - d.clock.now());
    expect(shown(el)).to.deep.equal({ 'In preview': '0:12' });
    await expect(el).to.be.accessible();

    await act(d, d.session.dispatch({ type: 'connect' }));
    await until(() => 'On the call' in shown(el), 'the call timer', { describe: () => shown(el) });
    await d.clock.advance(3000);
    expect(d.session.state.workflow.phase).to.equal('connected');
    const connectedAt = d.session.state.workflow.call!.connectedAt!;
    await d.clock.advance(connectedAt + 65_000 - d.clock.now());
    expect(shown(el)).to.deep.equal({ 'On the call': '1:05' });

    await act(d, d.session.dispatch({ type: 'hold' }));
    await until(() => 'This hold' in shown(el), 'the hold timers', { describe: () => shown(el) });
    const held = d.clock.now();
    await d.clock.advance(7000);
    expect(shown(el)).to.deep.include({ 'This hold': '0:07', 'On hold in all': '0:07' });
    await expect(el).to.be.accessible();
    await act(d, d.session.dispatch({ type: 'retrieve' }));
    await until(() => !('This hold' in shown(el)), 'the hold ended', { describe: () => shown(el) });
    const first = d.clock.now() - held;
    await d.clock.advance(4000);
    await act(d, d.session.dispatch({ type: 'hold' }));
    await until(() => 'This hold' in shown(el), 'the second hold', { describe: () => shown(el) });
    const second = d.clock.now();
    await d.clock.advance(3000);
    const all = Math.floor((first + d.clock.now() - second) / 1000);
    expect(shown(el)['This hold']).to.equal('0:03');
    expect(shown(el)['On hold in all']).to.equal(`0:${String(all).padStart(2, '0')}`); // this hold and the one before
    expect(all).to.equal(10);
    await act(d, d.session.dispatch({ type: 'retrieve' }));

    await act(d, d.session.dispatch({ type: 'disconnect' }));
    await until(() => 'In wrap-up' in shown(el), 'the wrap-up timer', { describe: () => shown(el) });
    expect(shown(el)).to.deep.equal({ 'In wrap-up': '0:00' });
    await d.clock.advance(3600_000 + 42_000); // an hour and more: h:mm:ss
    expect(shown(el)).to.deep.equal({ 'In wrap-up': '1:00:42' });
    await expect(el).to.be.accessible();
    await act(d, d.session.dispatch({ type: 'set-disposition', code: 'RENEWED' }));
    await act(d, d.session.dispatch({ type: 'mark-done' }));
    await until(() => !el.shadowRoot!.querySelector('[part~="timers"]'), 'no timers once done');
    expect(el.times).to.deep.equal({ preview: null, call: null, hold: null, holdTotal: null, wrapup: null });
  });

  it('a tick changes only the timers’ text nodes: no element of the panel renders, no other node changes', async () => {
    const { d, el: panel } = await onDesk<PushPreviewPanel>(html`<push-preview-panel></push-preview-panel>`, 'push-preview-panel');
    await readyAndRinging(d);
    await act(d, d.session.dispatch({ type: 'accept' }));
    await act(d, d.session.dispatch({ type: 'connect' }));
    await d.clock.advance(3000);
    await act(d, d.session.dispatch({ type: 'hold' }));
    expect(d.session.state.workflow.call?.held).to.equal(true);
    const timers = panel.shadowRoot!.querySelector('call-timers')!;
    await until(() => 'This hold' in shown(timers), 'the hold timers shown', { describe: () => shown(timers) });
    // Every element of the panel, the panel and the timers included, counts its renders.
    type Counted = HTMLElement & { updateComplete: Promise<unknown>; updated(c: unknown): void };
    const els = [panel, ...panel.shadowRoot!.querySelectorAll('*')].filter((e) => e.shadowRoot) as Counted[];
    await Promise.all(els.map((e) => e.updateComplete));
    expect(els.map((e) => e.localName)).to.include.members(['push-preview-panel', 'call-controls', 'call-timers', 'push-preview-form', 'push-preview-agent']);
    const renders = new Map<string, number>();
    for (const e of els) {
      const own = e.updated.bind(e);
      e.updated = (c) => {
        renders.set(e.localName, (renders.get(e.localName) ?? 0) + 1);
        own(c);
      };
    }
    const changes: MutationRecord[] = [];
    const watch = new MutationObserver((r) => changes.push(...r));
    for (const root of [panel.shadowRoot!, ...els.map((e) => e.shadowRoot!)])
      watch.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    const before = shown(timers);
    for (let s = 0; s < 5; s++) await d.clock.advance(1000);
    await new Promise((r) => requestAnimationFrame(r)); // a held render would come by this frame
    changes.push(...watch.takeRecords());
    watch.disconnect();
    expect(Object.fromEntries(renders), 'renders during five seconds of ticks').to.deep.equal({});
    const other = changes.filter((r) => r.type !== 'characterData' || !(r.target.parentElement?.hasAttribute('data-timer') ?? false));
    expect(
      other.map((r) => `${r.type} ${(r.target as Element).localName ?? r.target.nodeName}`),
      'changes other than a timer’s text',
    ).to.deep.equal([]);
    // call, this hold and all holds each turned once a second
    expect(changes.length).to.equal(15);
    const after = shown(timers);
    for (const k of ['On the call', 'This hold', 'On hold in all']) expect(after[k], k).to.not.equal(before[k]);
    expect(after['This hold']).to.equal('0:05');
  });

  it('read on demand: role=timer values, not live; one tab stop named by every label and value; in Japanese too', async () => {
    const { d, el } = await onDesk<CallTimers>(html`<call-timers></call-timers>`, 'call-timers', 'ja');
    await readyAndRinging(d);
    await act(d, d.session.dispatch({ type: 'accept' }));
    await act(d, d.session.dispatch({ type: 'connect' }));
    await d.clock.advance(3000);
    await until(() => '通話中' in shown(el), 'the Japanese call timer', { describe: () => shown(el) });
    const group = el.shadowRoot!.querySelector<HTMLElement>('[part~="timers"]')!;
    expect(group.getAttribute('role')).to.equal('group');
    expect(group.tabIndex).to.equal(0);
    const value = group.querySelector('[part~="timer-value"]')!;
    expect(value.getAttribute('role')).to.equal('timer');
    expect(value.getAttribute('aria-live') ?? 'off', 'a timer is not live').to.equal('off');
    expect(group.querySelectorAll('[aria-live]:not([aria-live="off"])')).to.have.length(0);
    expect(labelledBy(value)).to.equal('通話中');
    expect(labelledBy(group)).to.match(/^タイマー 通話中 0:0\d$/);
    await d.clock.advance(60_000);
    expect(labelledBy(group), 'the name follows the time').to.match(/^タイマー 通話中 1:0\d$/);
    await expect(el).to.be.accessible();
  });
});

describe('<call-timers> in every phase, with axe', () => {
  const variants: { name: string; phase: (typeof PHASES)[number]; opts: Reach; labels: string[] }[] = [
    ...PHASES.map((phase) => ({
      name: phase,
      phase,
      opts: {},
      labels:
        phase === 'previewing' ? ['In preview'] : phase === 'dialing' || phase === 'connected' ? ['On the call'] : phase === 'after-call' ? ['In wrap-up'] : [],
    })),
    { name: 'connected, held', phase: 'connected', opts: { held: true }, labels: ['On the call', 'This hold', 'On hold in all'] },
  ];
  for (const v of variants) {
    it(`${v.name}: ${v.labels.join(', ') || 'no timer'}`, async () => {
      const connector = new FixtureConnector(reach(v.phase, { at: Date.now() - 90_000, ...v.opts }));
      const provider = await fixture<PushPreviewSession>(
        html`<push-preview-session no-persist .connector=${connector}><call-timers></call-timers></push-preview-session>`,
      );
      const session = await provider.ready();
      await until(() => session.state.workflow.phase === v.phase && session.state.connection === 'online', `session in ${v.phase}`);
      const el = provider.querySelector('call-timers')!;
      await el.updateComplete;
      const timers = shown(el);
      expect(Object.keys(timers)).to.deep.equal(v.labels);
      for (const value of Object.values(timers)) expect(value).to.match(/^\d+:\d\d$/);
      if (v.phase === 'connected' && !v.opts.held) expect(timers['On the call']).to.match(/^1:2\d$/); // from the call's connectedAt, 82 s ago
      await expect(el).to.be.accessible();
    });
  }

  it('in the panel by default; `no-timers` leaves it out', async () => {
    const connector = new FixtureConnector(reach('connected', { at: Date.now() }));
    const panel = await fixture<PushPreviewPanel>(html`<push-preview-panel no-persist .connector=${connector}></push-preview-panel>`);
    await panel.ready();
    expect(panel.shadowRoot!.querySelector('call-timers')).to.not.equal(null);
    panel.noTimers = true;
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('call-timers')).to.equal(null);
  });
});
