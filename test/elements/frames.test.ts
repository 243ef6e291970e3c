/**
 * Store-driven renders coalesce to one per element per animation frame (issue 7): a burst of
 * server messages delivered one per task renders each element once per frame, not once per
 * message, and the element still ends on the last state. What the agent does to the element's
 * own controls renders at once, and `updateComplete` waits for a held render.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import type { CallControls } from '../../src/elements/call-controls/call-controls.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import type { WorkflowEvent } from '../../src/domain/machine.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

const nextTask = () =>
  new Promise<void>((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => r();
    ch.port2.postMessage(null);
  });

/**
 * Animation frames driven by the test: a real frame may come at any task, so none is let through;
 * `frame()` runs what waits for the next one. (The page is visible, so no timer stands in.)
 */
function manualFrames() {
  const real = { raf: window.requestAnimationFrame, caf: window.cancelAnimationFrame };
  let waiting = new Map<number, FrameRequestCallback>();
  let id = 0;
  window.requestAnimationFrame = (cb) => {
    waiting.set(++id, cb);
    return id;
  };
  window.cancelAnimationFrame = (n) => void waiting.delete(n);
  return {
    async frame() {
      const run = waiting;
      waiting = new Map();
      for (const cb of run.values()) cb(performance.now());
      await Promise.resolve();
      await Promise.resolve();
    },
    restore() {
      window.requestAnimationFrame = real.raf;
      window.cancelAnimationFrame = real.caf;
    },
  };
}

const heldRender = (el: CallControls) => (el as unknown as { store: { held: Promise<void> | null } }).store.held;

async function connected(frames: ReturnType<typeof manualFrames>) {
  const connector = new FixtureConnector(reach('connected', { at: Date.now() }));
  const provider = await fixture<PushPreviewSession>(
    html`<push-preview-session no-persist .connector=${connector}><call-controls></call-controls></push-preview-session>`,
  );
  const session = await provider.ready();
  const el = provider.querySelector('call-controls') as CallControls;
  // the renders of the start-up, held for frames (bounded: a frame that never resolves must fail
  // this test, not spin the page)
  for (let i = 0; heldRender(el) && i < 50; i++) {
    await frames.frame();
    await nextTask();
  }
  expect(heldRender(el), 'start-up renders settled').to.equal(null);
  await el.updateComplete;
  let seq = 0; // the snapshot is at 0: no gap, no resync
  const emit = (event: WorkflowEvent) => connector.messages$.next({ seq: ++seq, event });
  const hold = (held: boolean): WorkflowEvent => {
    const w = session.state.workflow;
    return { type: 'call', interactionId: w.interaction!.id, call: { ...w.call!, held } };
  };
  // Count this element's renders, and the renders within each animation frame.
  let renders = 0;
  const update = (el as unknown as { update(c: unknown): void }).update;
  (el as unknown as { update(c: unknown): void }).update = function (this: CallControls, c: unknown) {
    renders++;
    update.call(this, c);
  };
  return { el, session, emit, hold, renders: () => renders };
}

describe('store-driven renders: at most one per element per frame', () => {
  let frames: ReturnType<typeof manualFrames>;
  beforeEach(() => (frames = manualFrames()));
  afterEach(async () => {
    await frames.frame(); // no frame left pending for the next test
    frames.restore();
  });

  it('a burst of 200 messages, one per task, renders once per frame and ends on the last state', async () => {
    const { el, emit, hold, renders } = await connected(frames);
    await frames.frame();
    const before = renders();
    const perFrame: number[] = [];
    let last = before;
    for (let i = 0; i < 200; i++) {
      emit(hold(i % 2 === 0)); // the last one (i = 199) retrieves: not held
      await nextTask();
      if (i % 4 === 3) {
        perFrame.push(renders() - last);
        await frames.frame();
        last = renders();
      }
    }
    perFrame.push(renders() - last);
    await frames.frame();
    await el.updateComplete;
    expect(Math.max(...perFrame), `renders between frames: ${perFrame.join(',')}`).to.be.at.most(1);
    expect(renders() - before).to.be.at.most(51);
    expect(el.shadowRoot!.querySelector('[data-action=hold]')).to.exist;
    expect(el.shadowRoot!.querySelector('[data-action=retrieve]')).to.not.exist;
  });

  it('updateComplete waits for a held render, which comes with the next frame', async () => {
    const { el, emit, hold } = await connected(frames);
    await frames.frame();
    emit(hold(true));
    await nextTask(); // rendered at once: the first change in this frame
    emit(hold(false));
    await nextTask();
    emit(hold(true));
    expect(heldRender(el), 'held for the next frame').to.exist;
    let complete = false;
    void el.updateComplete.then(() => (complete = true));
    for (let i = 0; i < 5; i++) await nextTask();
    expect(complete, 'no frame yet: still held').to.equal(false);
    await frames.frame();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-action=retrieve]')).to.exist;
    expect(el.shadowRoot!.querySelector('[data-action=hold]')).to.not.exist;
  });

  it('on a page that turns hidden (no frames there), the held render still comes', async () => {
    const { el, emit, hold } = await connected(frames);
    await frames.frame();
    emit(hold(true));
    await nextTask();
    emit(hold(false));
    await nextTask();
    emit(hold(true));
    expect(heldRender(el), 'held for the next frame').to.exist;
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      // no frame is ever run here: the hidden page's timer brings the held render
      await until(() => heldRender(el) === null, 'the held render on a hidden page, with no frame run');
    } finally {
      delete (document as unknown as { visibilityState?: string }).visibilityState;
      expect(Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')).to.deep.equal(visibility);
    }
    expect(el.shadowRoot!.querySelector('[data-action=retrieve]')).to.exist;
    expect(el.shadowRoot!.querySelector('[data-action=hold]')).to.not.exist;
  });

  it("the element's own state renders at once, with the newest store state", async () => {
    const { el, emit, hold } = await connected(frames);
    await frames.frame();
    emit(hold(true));
    await nextTask(); // this frame's render
    emit(hold(false));
    expect(heldRender(el), 'held for the next frame').to.exist;
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select[data-target=transfer]')!;
    select.value = select.options[select.options.length - 1]!.value;
    select.dispatchEvent(new Event('change'));
    await Promise.resolve();
    await Promise.resolve();
    // The agent's pick is shown before the next frame, and so is the store's newest state.
    const transfer = el.shadowRoot!.querySelector<HTMLSelectElement>('select[data-target=transfer]')!;
    expect(transfer.value).to.equal(select.options[select.options.length - 1]!.value);
    expect(el.shadowRoot!.querySelector('[data-action=hold]')).to.exist;
  });
});
