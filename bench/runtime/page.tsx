/**
 * The benchmark page (issue 7): our Lit elements and the React twin on the same store, driven by
 * scripts/bench-runtime.mjs through `window.bench`. Every timing is a `performance.measure`.
 * Each implementation gets its own connector and Session, so an event reaches only the side measured.
 */
import { LitElement } from 'lit';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { BehaviorSubject, Subject } from 'rxjs';
import '../../src/define/all.js';
import { PushPreviewElement } from '../../src/elements/internal/push-preview-element.js';
import { Session } from '../../src/session/session.js';
import { loadPhoneMetadata } from '../../src/domain/phone.js';
import { CallResult, type Phase, type WorkflowEvent, type WorkflowState } from '../../src/domain/index.js';
import {
  ok,
  type Command,
  type ConnectionState,
  type Connector,
  type ProtocolProblem,
  type Result,
  type ServerMessage,
  type SnapshotAt,
} from '../../src/connectors/port.js';
import { reach } from '../../test/fixtures/states.js';
import { PARTS, Panel, SessionCtx } from '../twin/panel.js';
import { countRender, renders, resetRenders } from './counter.js';

// ---------------------------------------------------------------------------------------------
// Counting Lit renders: every element's update() (render + commit), by tag.
const litUpdate = LitElement.prototype['update' as keyof LitElement] as (this: LitElement, c: unknown) => void;
Object.defineProperty(PushPreviewElement.prototype, 'update', {
  value(this: LitElement, changed: unknown) {
    countRender(this.localName);
    return litUpdate.call(this, changed);
  },
  configurable: true,
  writable: true,
});

// The twin gets the elements' own style rules as one page stylesheet (rules written for :host
// match nothing there; the rest — buttons, rows, fields, tabs — apply as they do in the shadow roots).
{
  const seen = new Set<string>();
  for (const tag of [
    'push-preview-panel',
    'push-preview-indicator',
    'push-preview-agent',
    'push-preview-form',
    'call-controls',
    'record-editor',
    'chained-records',
    'reschedule-picker',
    'wrapup-codes',
  ]) {
    const ctor = customElements.get(tag) as unknown as { elementStyles: { cssText?: string }[] };
    for (const st of ctor.elementStyles) if (st.cssText) seen.add(st.cssText);
  }
  const style = document.createElement('style');
  style.textContent = [...seen].join('\n');
  document.head.append(style);
}

// ---------------------------------------------------------------------------------------------
/** A connector that serves a state as its snapshot, emits events on demand, and answers the workflow's commands. */
class BenchConnector implements Connector {
  readonly agentId: string;
  readonly messages$ = new Subject<ServerMessage>();
  readonly connection$ = new BehaviorSubject<ConnectionState>('offline');
  readonly problems$ = new Subject<ProtocolProblem>();
  private seq = 0;
  constructor(private readonly start: WorkflowState) {
    this.agentId = start.agent.id;
  }
  async connect(): Promise<Result<void>> {
    this.connection$.next('online');
    return ok(undefined);
  }
  async disconnect(): Promise<void> {
    this.connection$.next('offline');
  }
  async snapshot(): Promise<Result<SnapshotAt>> {
    const s = this.start;
    return ok({ seq: this.seq, snapshot: { agent: s.agent, campaign: s.campaign, interaction: s.interaction, phase: s.phase, call: s.call } });
  }
  /** One server event, as the session receives it from any connector. */
  emit(event: WorkflowEvent): void {
    this.messages$.next({ seq: ++this.seq, event });
  }
  private msg(event: WorkflowEvent): ServerMessage {
    return { seq: ++this.seq, event };
  }
  /** The server's answers along the workflow (the same events the fixtures' paths use). */
  script: (command: Command) => WorkflowEvent[] = () => [];
  async send(command: Command): Promise<Result<readonly ServerMessage[]>> {
    return ok(this.script(command).map((e) => this.msg(e)));
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers common to both sides.
const stage = document.getElementById('stage')!;
const mc = new MessageChannel();
const waiting: (() => void)[] = [];
mc.port1.onmessage = () => waiting.shift()?.();
/** Yield one macrotask (no timer clamping). */
const nextTask = () =>
  new Promise<void>((r) => {
    waiting.push(r);
    mc.port2.postMessage(0);
  });
const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));

function* deepElements(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deepElements(el.shadowRoot);
  }
}
function deepQuery(root: ParentNode, selector: string): HTMLElement | null {
  for (const el of deepElements(root)) if (el.matches(selector)) return el as HTMLElement;
  return null;
}
/** A store-driven render held for the next frame (SessionController.held). */
const heldRender = (el: LitElement): boolean => (el as unknown as { store?: { held: Promise<void> | null } }).store?.held != null;
/** Lit: until no element under `root` has an update pending or held for the next frame. */
async function litSettled(root: ParentNode): Promise<void> {
  for (;;) {
    const pending: Promise<unknown>[] = [];
    for (const el of deepElements(root)) if (el instanceof LitElement && (el.isUpdatePending || heldRender(el))) pending.push(el.updateComplete);
    if (pending.length === 0) return;
    await Promise.all(pending);
  }
}
/**
 * Wait until `pred` holds: microtask by microtask (where both libraries commit), then a few
 * tasks, then frame by frame (idle: a render held for the next frame does not count as busy).
 */
async function until(pred: () => boolean, what: string): Promise<'now' | 'frame'> {
  for (let i = 0; i < 20; i++) {
    if (pred()) return 'now';
    await Promise.resolve();
  }
  for (let i = 0; i < 20; i++) {
    if (pred()) return 'now';
    await nextTask();
  }
  for (let i = 0; i < 600; i++) {
    if (pred()) return 'frame';
    await nextFrame();
    for (let j = 0; j < 20 && !pred(); j++) await Promise.resolve();
  }
  throw new Error(`timed out waiting for ${what}`);
}
/** When the change is on screen: the frame it was committed in, or else the next frame. */
async function presentedAt(how: 'now' | 'frame'): Promise<number> {
  if (how === 'now') await nextFrame();
  return performance.now();
}
const layout = (el: Element) => el.getBoundingClientRect().height;

type Impl = 'lit' | 'react';

interface Mounted {
  impl: Impl;
  connector: BenchConnector;
  session: Session;
  host: HTMLElement;
  root?: Root;
  provider?: HTMLElement;
  /** Render-complete: Lit waits for its updates, React for `pred`. */
  settle(pred: () => boolean, what: string): Promise<void>;
  unmount(): void;
}

async function newSession(state: WorkflowState, connector = new BenchConnector(state)): Promise<{ connector: BenchConnector; session: Session }> {
  const session = new Session({ connector, storage: null, reconnectDelayMs: null });
  await session.start();
  return { connector, session };
}

/** A provider (Lit) or a React root holding `session`, empty until `fill`. */
function holder(impl: Impl, session: Session, connector: BenchConnector): Mounted {
  const host = document.createElement('div');
  stage.append(host);
  if (impl === 'lit') {
    const provider = document.createElement('push-preview-session') as HTMLElement & { session: Session };
    provider.setAttribute('no-persist', '');
    provider.setAttribute('no-shortcuts', '');
    provider.session = session;
    host.append(provider);
    return {
      impl,
      connector,
      session,
      host,
      provider,
      settle: async (pred, what) => {
        await litSettled(host);
        if (!pred()) throw new Error(`lit: ${what} not shown after its updates`);
      },
      unmount: () => host.remove(),
    };
  }
  const root = createRoot(host);
  return {
    impl,
    connector,
    session,
    host,
    root,
    settle: (pred, what) => until(pred, `react: ${what}`),
    unmount: () => {
      root.unmount();
      host.remove();
    },
  };
}

function fillLit(m: Mounted, tags: readonly string[]): HTMLElement[] {
  const els = tags.map((t) => document.createElement(t));
  m.provider!.append(...els);
  return els;
}
function renderReact(m: Mounted, tags: readonly string[], sync: boolean): void {
  const tree =
    tags.length === 1 && tags[0] === 'push-preview-panel' ? (
      <Panel session={m.session} />
    ) : (
      <SessionCtx.Provider value={m.session}>
        {tags.map((t, i) => {
          const Part = PARTS[t]!;
          return <Part key={i} />;
        })}
      </SessionCtx.Provider>
    );
  if (sync) flushSync(() => m.root!.render(tree));
  else m.root!.render(tree);
}

const measure = (name: string, start: number, end: number) => performance.measure(name, { start, end }).duration;

// ---------------------------------------------------------------------------------------------
// 1. First render of the full panel (session already started, in `previewing`: every part shown).
async function firstRender(impl: Impl): Promise<{ ms: number; nodes: number }> {
  const { connector, session } = await newSession(reach('previewing', { at: Date.now() }));
  const m = holder(impl, session, connector);
  await nextTask();
  const shown = () => deepQuery(m.host, '[data-action=connect]') !== null && deepQuery(m.host, 'input[id^=f-], textarea[id^=f-]') !== null;
  const t0 = performance.now();
  if (impl === 'lit') fillLit(m, ['push-preview-panel']);
  else renderReact(m, ['push-preview-panel'], true);
  await m.settle(shown, 'the panel');
  layout(m.host);
  const ms = measure(`first-render:${impl}`, t0, performance.now());
  const nodes = [...deepElements(m.host)].length;
  m.unmount();
  session.dispose();
  return { ms, nodes };
}

// 2. One server event to DOM updated (hold ⇄ retrieve on a connected call), panel mounted once per side.
const mountedPanels = new Map<Impl, Mounted>();
async function panelFor(impl: Impl, phase: Phase): Promise<Mounted> {
  const key = `${impl}:${phase}` as Impl;
  let m = mountedPanels.get(key);
  if (m) return m;
  const { connector, session } = await newSession(reach(phase, { at: Date.now() }));
  m = holder(impl, session, connector);
  if (impl === 'lit') fillLit(m, ['push-preview-panel']);
  else renderReact(m, ['push-preview-panel'], true);
  await m.settle(() => deepQuery(m!.host, '[data-action=hold], [data-action=retrieve]') !== null, 'the panel');
  mountedPanels.set(key, m);
  return m;
}
function toggleHold(m: Mounted): { event: WorkflowEvent; selector: string } {
  const w = m.session.state.workflow;
  const held = !w.call!.held;
  return {
    event: { type: 'call', interactionId: w.interaction!.id, call: { ...w.call!, held } },
    selector: held ? '[data-action=retrieve]' : '[data-action=hold]',
  };
}
async function oneEvent(impl: Impl): Promise<{ ms: number; renders: number }> {
  const m = await panelFor(impl, 'connected');
  // An isolated event: the last render was in an earlier frame.
  await nextFrame();
  await nextTask();
  const { event, selector } = toggleHold(m);
  resetRenders();
  const t0 = performance.now();
  m.connector.emit(event);
  await m.settle(() => deepQuery(m.host, selector) !== null, 'the toggled hold');
  layout(m.host);
  return { ms: measure(`one-event:${impl}`, t0, performance.now()), renders: sumRenders() };
}
/** The same event with no view subscribed: the store's own share (machine, allowed actions). */
async function storeOnly(): Promise<{ ms: number }> {
  const { connector, session } = await newSession(reach('connected', { at: Date.now() }));
  const m = { session } as Mounted;
  const reps = 200;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) connector.emit(toggleHold(m).event);
  const ms = (performance.now() - t0) / reps;
  session.dispose();
  return { ms };
}
const sumRenders = () => [...renders.values()].reduce((a, b) => a + b, 0);

// 3. Bursts: N hold toggles with K <call-controls> subscribed; renders per frame counted.
async function burst(impl: Impl, n: number, k: number, delivery: 'sync' | 'tasks') {
  const { connector, session } = await newSession(reach('connected', { at: Date.now() }));
  const m = holder(impl, session, connector);
  const tags = Array.from({ length: k }, () => 'call-controls');
  if (impl === 'lit') fillLit(m, tags);
  else renderReact(m, tags, true);
  await m.settle(() => deepQuery(m.host, '[data-action=hold]') !== null, 'the controls');
  await nextFrame();
  const finalHeld = n % 2 === 1;
  const want = finalHeld ? '[data-action=retrieve]' : '[data-action=hold]';
  const allShown = () => {
    let c = 0;
    for (const el of deepElements(m.host)) if (el.matches(want)) c++;
    return c === k;
  };
  // Frame boundaries: render counts at each animation frame.
  const perFrame: number[] = [];
  let last = 0;
  let framing = true;
  const onFrame = () => {
    const now = sumRenders();
    perFrame.push(now - last);
    last = now;
    if (framing) requestAnimationFrame(onFrame);
  };
  resetRenders();
  requestAnimationFrame(onFrame);
  await nextFrame(); // start on a frame boundary
  const before = sumRenders();
  last = before;
  perFrame.length = 0;
  const events = Array.from({ length: n }, (_, i) => toggleHoldEvent(session, i));
  const t0 = performance.now();
  if (delivery === 'sync') {
    for (const e of events) connector.emit(e);
  } else {
    for (const e of events) {
      connector.emit(e);
      await nextTask();
    }
  }
  await m.settle(allShown, 'the last state of the burst');
  const ms = measure(`burst:${impl}:${n}x${k}:${delivery}`, t0, performance.now());
  await nextFrame();
  await nextFrame();
  framing = false;
  const total = sumRenders() - before;
  const frames = perFrame.filter((x, i) => x > 0 || i < perFrame.length);
  const maxPerElementPerFrame = Math.max(0, ...frames) / k;
  m.unmount();
  session.dispose();
  return { ms, renders: total, rendersPerElement: total / k, frames: frames.filter((x) => x > 0).length, maxRendersPerElementPerFrame: maxPerElementPerFrame };
}
function toggleHoldEvent(session: Session, i: number): WorkflowEvent {
  const w = session.state.workflow;
  return { type: 'call', interactionId: w.interaction!.id, call: { ...w.call!, held: i % 2 === 0 } };
}

// 4. The whole workflow: a preview arrives → Accept → Connect → Disconnect → disposition → Mark Done.
type Steps = { ms: number; presented: number; renders: number; steps: Record<string, number> };
async function workflow(impl: Impl): Promise<Steps> {
  const ringing = reach('ringing', { at: Date.now() });
  const start = reach('ready', { at: Date.now() });
  const { connector, session } = await newSession(start);
  const i = ringing.interaction!;
  const id = i.id;
  const rec = i.chain.records.find((r) => r.handle === i.chain.activeHandle)!;
  const now = () => Date.now();
  const call = { number: rec.phone, handle: rec.handle, startedAt: now(), connectedAt: null, held: false, recording: false, parties: 2 };
  connector.script = (c) => {
    switch (c.type) {
      case 'accept':
        return [{ type: 'accepted', interactionId: id, owner: start.agent.id, at: now() }];
      case 'connect':
        return [
          { type: 'dialing', interactionId: id, call },
          { type: 'connected', interactionId: id, at: now() },
          { type: 'call', interactionId: id, call: { ...call, connectedAt: now() } },
        ];
      case 'disconnect':
        return [{ type: 'call-ended', interactionId: id, callResult: CallResult.Answer }];
      case 'mark-done':
        return [{ type: 'done', interactionId: id }];
      default:
        throw new Error(`bench workflow: unexpected command ${c.type}`);
    }
  };
  const m = holder(impl, session, connector);
  if (impl === 'lit') fillLit(m, ['push-preview-panel']);
  else renderReact(m, ['push-preview-panel'], true);
  await m.settle(() => deepQuery(m.host, '[data-action=not-ready]') !== null, 'the ready agent');
  await nextTask();
  const r = await steps_();
  m.unmount();
  session.dispose();
  return r;

  async function steps_(): Promise<Steps> {
    const q = (s: string) => deepQuery(m.host, s);
    const steps: Record<string, number> = {};
    // Each step: time to DOM updated (summed in `ms`) and to the frame that shows it (`presented`).
    let presented = 0;
    const click = async (selector: string, then: string, step: string) => {
      const t = performance.now();
      q(selector)!.click();
      const how = await until(() => q(then) !== null, `${impl}: ${then} after ${selector}`);
      steps[step] = performance.now() - t;
      presented += (await presentedAt(how)) - t;
    };
    resetRenders();
    const t0 = performance.now();
    connector.emit({ type: 'offered', interaction: ringing.interaction!, campaign: ringing.campaign! });
    const how0 = await until(() => q('[data-action=accept]') !== null, `${impl}: Accept`);
    steps.offered = performance.now() - t0;
    presented += (await presentedAt(how0)) - t0;
    await click('[data-action=accept]', '[data-action=connect]', 'accept');
    await click('[data-action=connect]', '[data-action=disconnect]', 'connect');
    await click('[data-action=disconnect]', '[data-action=mark-done]', 'disconnect');
    await click('input[name=code]', '[data-action=mark-done][aria-disabled=false]', 'disposition');
    await click('[data-action=mark-done]', '[data-action=dismiss], [data-phase=done]', 'mark-done');
    await until(() => session.state.workflow.phase === 'done' && session.state.pending === null, `${impl}: done`);
    if (impl === 'lit') await litSettled(m.host);
    layout(m.host);
    const ms = Object.values(steps).reduce((a, b) => a + b, 0);
    measure(`workflow:${impl}`, t0, performance.now());
    return { ms, presented, renders: sumRenders(), steps };
  }
}

// 5. Memory: mount and unmount every element `times` times on one session.
const TAGS = [
  'push-preview-indicator',
  'push-preview-agent',
  'push-preview-form',
  'call-controls',
  'record-editor',
  'chained-records',
  'reschedule-picker',
  'wrapup-codes',
  'push-preview-panel',
];
async function mountCycles(
  impl: Impl,
  times: number,
  phase: Phase,
): Promise<{ liveBefore: number; liveAfter: number; perTag: Record<string, number>; providerSessionsLeft: number; ms: number }> {
  const { connector, session } = await newSession(reach(phase, { at: Date.now() }));
  const liveBefore = session.liveSubscriptions;
  const perTag: Record<string, number> = {};
  const t0 = performance.now();
  for (const tag of TAGS) {
    for (let n = 0; n < times; n++) {
      const m = holder(impl, session, connector);
      if (impl === 'lit') fillLit(m, [tag]);
      else renderReact(m, [tag], true);
      if (impl === 'lit') await litSettled(m.host);
      m.unmount();
    }
    await nextTask(); // a disconnect is final once the microtask that tells a move from a removal has run
    perTag[tag] = session.liveSubscriptions - liveBefore;
  }
  // <push-preview-session> itself (Lit only: it makes and disposes of its own session).
  let providerSessionsLeft = 0;
  if (impl === 'lit') {
    for (let n = 0; n < times; n++) {
      const p = document.createElement('push-preview-session') as HTMLElement & { connector: Connector; ready(): Promise<Session> };
      p.setAttribute('no-persist', '');
      p.connector = new BenchConnector(reach(phase, { at: Date.now() }));
      stage.append(p);
      const s = await p.ready();
      p.remove();
      await nextTask();
      providerSessionsLeft += s.liveSubscriptions;
    }
  }
  const ms = performance.now() - t0;
  const liveAfter = session.liveSubscriptions;
  session.dispose();
  return { liveBefore, liveAfter, perTag, providerSessionsLeft, ms };
}

async function warm(): Promise<void> {
  await loadPhoneMetadata();
  for (const impl of ['lit', 'react'] as const) {
    await firstRender(impl);
    await oneEvent(impl);
  }
}

declare global {
  interface Window {
    bench: unknown;
    gc?: () => void;
  }
}
window.bench = { warm, firstRender, oneEvent, storeOnly, burst, workflow, mountCycles, nextTask, tags: TAGS };
document.title = 'ready';
