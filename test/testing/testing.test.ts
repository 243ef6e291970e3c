/**
 * The testing entry (push-preview-elements/testing) does what each helper says: the desk is put
 * in every phase and the elements show it, a pushed preview is shown, a held command is under way
 * until answered, a refused one changes nothing on the server, the log holds what was sent, and
 * the waits fail with what they saw.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import { CallResult, PHASES, inCallingWindow } from '../../src/domain/index.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { createTestDesk, waitFor, waitForPhase, type TestDesk } from '../../src/testing/index.js';
import '../fixtures/wait.js';

/** Every element below `root`, through shadow roots. */
function deepAll(root: ParentNode, selector: string): Element[] {
  const out: Element[] = [...root.querySelectorAll(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepAll(el.shadowRoot, selector));
  return out;
}

/** The enabled control for `action` (throws when there is none: the elements do not offer it). */
function control(root: Element, action: string): HTMLButtonElement {
  const b = deepAll(root, `[data-action="${action}"]`).find((e) => e.getAttribute('aria-disabled') === 'false');
  if (!b) throw new Error(`no enabled ${action} control`);
  return b as HTMLButtonElement;
}

async function mount(desk: TestDesk) {
  return fixture<PushPreviewSession>(
    html`<push-preview-session no-persist lang="en" .connector=${desk.connector}><push-preview-panel></push-preview-panel></push-preview-session>`,
  );
}

/** A desk put in `phase`, mounted in a panel, and shown there in that phase. */
async function mountIn(phase: Parameters<TestDesk['putInPhase']>[0]) {
  const desk = createTestDesk();
  await desk.putInPhase(phase);
  const el = await mount(desk);
  await waitForPhase(el, phase);
  return { desk, el };
}

const text = (root: Element) =>
  deepAll(root, '*')
    .map((e) => (e.shadowRoot ? '' : (e.textContent ?? '')))
    .join(' ');

describe('push-preview-elements/testing', () => {
  // First in the file: nothing has loaded the phone metadata yet, which Connect on the server needs.
  it('putInPhase before the elements are mounted: they start in that phase (from the snapshot)', async () => {
    const desk = createTestDesk({ contacts: [{ name: 'Ada Lovelace', phone: '(212) 555-0100' }] });
    await desk.putInPhase('connected');
    const el = await mount(desk);
    await waitForPhase(el, 'connected');
    expect(text(el)).to.contain('Ada Lovelace');
    // waitForPhase returned after the elements rendered: Disconnect is on screen and enabled.
    expect(control(el, 'disconnect')).to.exist;
  });

  for (const phase of PHASES) {
    it(`putInPhase('${phase}') on a mounted desk: the session and the elements reach it`, async () => {
      const desk = createTestDesk();
      const el = await mount(desk);
      await waitForPhase(el, 'logged-out');
      const state = await desk.putInPhase(phase);
      expect(state.phase).to.equal(phase);
      const session = await waitForPhase(el, phase);
      expect(session.state.workflow.phase).to.equal(phase);
      expect(desk.commands, 'putInPhase sends nothing through the elements').to.deep.equal([]);
    });
  }

  it('putInPhase walks forward only, and says so', async () => {
    const desk = createTestDesk();
    await desk.putInPhase('connected');
    const back = await desk.putInPhase('ringing').catch((e: Error) => e);
    expect(String(back)).to.match(/the desk is connected, and putInPhase walks forward only/);
    expect(desk.phase).to.equal('connected');
  });

  it('pushPreview shows the given contact; it needs a Ready agent and says what it found', async () => {
    const desk = createTestDesk();
    const el = await mount(desk);
    expect(() => desk.pushPreview()).to.throw(/must be Ready .*the desk is logged-out/);
    await desk.putInPhase('ready');
    await waitForPhase(el, 'ready');
    const chain = desk.pushPreview({ name: 'Grace Hopper', phone: '(202) 555-0111' });
    expect(chain.records[0]!.fields.name).to.equal('Grace Hopper');
    await waitForPhase(el, 'ringing');
    expect(text(el)).to.contain('Grace Hopper');
    expect(desk.commands).to.deep.equal([]);
  });

  it("the default contacts' calling windows are open all day: a test's Connect does not depend on the hour it runs at", async () => {
    const desk = createTestDesk();
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const { interaction } = await desk.putInPhase('ringing');
      for (const r of interaction!.chain.records) {
        seen.add(r.timeZone);
        for (let hour = 0; hour < 24; hour++) expect(inCallingWindow(Date.UTC(2026, 0, 1, hour, 30), r), `${r.timeZone} at ${hour}:30 UTC`).to.equal(true);
      }
      await desk.putInPhase('rejected');
    }
    expect(seen.size, 'the seed list has contacts in several time zones').to.be.greaterThan(1);
  });

  it('commands logs what the elements sent, in order', async () => {
    const desk = createTestDesk();
    const el = await mount(desk);
    await waitForPhase(el, 'logged-out');
    control(el, 'login').click();
    await waitForPhase(el, 'not-ready');
    control(el, 'ready').click();
    await waitForPhase(el, 'ready');
    desk.pushPreview();
    await waitForPhase(el, 'ringing');
    control(el, 'accept').click();
    await waitForPhase(el, 'previewing');
    expect(desk.commands.map((c) => c.type)).to.deep.equal(['login', 'set-status', 'accept']);
  });

  it('hold keeps a command under way until answer() carries it out', async () => {
    const { desk, el } = await mountIn('ringing');
    desk.hold('accept');
    control(el, 'accept').click();
    const session = await waitFor(el, (s) => s.pending === 'accept', 'accept under way');
    expect(desk.phase, 'the server has not seen it yet').to.equal('ringing');
    const result = await desk.answer('accept');
    expect(result.ok).to.equal(true);
    await waitForPhase(el, 'previewing');
    expect(session.state.pending).to.equal(null);
  });

  it('answer() with a refusal: the elements show it, the server is unchanged', async () => {
    const { desk, el } = await mountIn('previewing');
    desk.hold('connect');
    control(el, 'connect').click();
    const result = await desk.answer('connect', { refused: 'do-not-call' });
    expect(result.ok).to.equal(false);
    const session = await waitFor(el, (s) => s.refusal?.reason === 'do-not-call', 'the do-not-call refusal');
    expect(session.state.workflow.phase).to.equal('previewing');
    expect(desk.phase).to.equal('previewing');
  });

  it("answer('connect', { dial: 'busy' }): the call ends busy, the desk is in after-call", async () => {
    const { desk, el } = await mountIn('previewing');
    desk.hold('connect');
    control(el, 'connect').click();
    await desk.answer('connect', { dial: 'busy' });
    const session = await waitForPhase(el, 'after-call');
    const handle = session.state.workflow.interaction!.chain.activeHandle;
    const record = session.state.workflow.interaction!.chain.records.find((r) => r.handle === handle)!;
    expect(record.callResult).to.equal(CallResult.Busy);
  });

  it('a dial outcome given to anything but a Connect is ignored: the next Connect is not held', async () => {
    const { desk, el } = await mountIn('ringing');
    desk.hold('accept');
    control(el, 'accept').click();
    await desk.answer('accept', { dial: 'busy' });
    await waitForPhase(el, 'previewing');
    control(el, 'connect').click();
    await waitForPhase(el, 'connected');
  });

  it('refuseNext refuses the next command of its kind only, and the server never sees it', async () => {
    const { desk, el } = await mountIn('ringing');
    desk.refuseNext('accept', 'not-owner');
    control(el, 'accept').click();
    await waitFor(el, (s) => s.refusal?.reason === 'not-owner' && s.pending === null, 'the not-owner refusal');
    expect(desk.phase).to.equal('ringing');
    control(el, 'accept').click();
    await waitForPhase(el, 'previewing');
    expect(desk.commands.map((c) => c.type)).to.deep.equal(['accept', 'accept']);
  });

  it('waitForPhase waits for the command under way too: the controls take the next click only then', async () => {
    const { desk, el } = await mountIn('ringing');
    desk.hold('accept');
    control(el, 'accept').click();
    await waitFor(el, (s) => s.pending === 'accept', 'accept under way');
    let error: Error | null = null;
    await waitForPhase(el, 'ringing', { timeoutMs: 100 }).catch((e: Error) => (error = e));
    expect(String(error)).to.match(/still waiting for phase ringing after 100 ms \(saw phase ringing, connection online, pending accept/);
    await desk.answer('accept');
    await waitForPhase(el, 'previewing');
    control(el, 'connect').click();
  });

  it('holdDialing keeps the desk Dialing until settleDial', async () => {
    const { desk, el } = await mountIn('previewing');
    desk.holdDialing();
    control(el, 'connect').click();
    await waitForPhase(el, 'dialing');
    expect(desk.phase).to.equal('dialing');
    desk.settleDial('answer');
    await waitForPhase(el, 'connected');
  });

  it('answer() with nothing held says how to hold; a wait that never comes says what it saw', async () => {
    const desk = createTestDesk();
    const unheld = await desk.answer('accept').catch((e: Error) => e);
    expect(String(unheld)).to.match(/no accept is held — call desk.hold\('accept'\)/);
    expect(() => desk.settleDial()).to.throw(/not dialing/);
    const el = await mount(desk);
    await waitForPhase(el, 'logged-out');
    let error: Error | null = null;
    await waitForPhase(el, 'ringing', { timeoutMs: 50 }).catch((e: Error) => (error = e));
    expect(String(error)).to.match(/still waiting for phase ringing after 50 ms \(saw phase logged-out/);
  });
});
