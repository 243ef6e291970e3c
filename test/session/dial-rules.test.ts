/**
 * Issue 13, defects 1 and 2, on the session and the simulated server (virtual clock): a number
 * marked Do Not Call is never dialed again from the interaction, and Connect outside the contact's
 * calling window is sent only when the agent confirms it on purpose (or never, by the campaign).
 */
import { expect } from '@open-wc/testing';
import type { Command } from '../../src/connectors/port.js';
import { refused } from '../../src/connectors/port.js';
import { en } from '../../src/i18n/en.js';
import { ja } from '../../src/i18n/ja.js';
import { act, desk, readyAndRinging, type Desk } from '../fixtures/desk.js';
import { TestClock } from '../fixtures/virtual-time.js';

/** 01:24 in Tokyo: outside the first contact's 09:00–21:00 calling window. */
const NIGHT = Date.UTC(2026, 10, 24, 16, 24);

/** Every command the session sends, in order. */
function sent(d: Desk): Command[] {
  const log: Command[] = [];
  const send = d.connector.send.bind(d.connector);
  d.connector.send = (command, signal) => {
    log.push(command);
    return send(command, signal);
  };
  return log;
}

async function afterCall(d: Desk): Promise<void> {
  await readyAndRinging(d);
  expect((await act(d, d.session.dispatch({ type: 'accept' }))).ok).to.equal(true);
  expect((await act(d, d.session.dispatch({ type: 'connect' }))).ok).to.equal(true);
  await d.clock.advance(600);
  expect((await act(d, d.session.dispatch({ type: 'disconnect' }))).ok).to.equal(true);
  await d.clock.advance(100);
  expect(d.session.state.workflow.phase).to.equal('after-call');
}

describe('session: Do Not Call is never dialed (issue 13, defect 1; W-25)', () => {
  it('wrap-up: tick Mark Do Not Call, Set Active Record, Connect → refused do-not-call, nothing sent', async () => {
    const d = await desk({ campaign: { dispositionCodes: [], dispositionRequired: false } });
    await afterCall(d);
    const chain = d.session.state.workflow.interaction!.chain;
    expect(chain.records.length, 'the first contact has a chain of two').to.be.greaterThan(1);
    expect((await act(d, d.session.dispatch({ type: 'mark-do-not-call', value: true }))).ok).to.equal(true);
    // the same number first, as the issue saw it dialed
    const log = sent(d);
    const again = await act(d, d.session.dispatch({ type: 'connect' }));
    expect(again).to.deep.equal({ ok: false, refusal: { reason: 'do-not-call' } });
    expect(d.session.state.allowed.has('connect'), 'the Connect control is disabled with the reason').to.equal(false);
    // W-26: another record of the chain, then Connect: the contact is Do Not Call (the chain scope)
    const other = chain.records.find((r) => r.handle !== chain.activeHandle)!;
    expect((await act(d, d.session.dispatch({ type: 'set-active-record', handle: other.handle }))).ok).to.equal(true);
    const before = d.session.state.workflow;
    const result = await act(d, d.session.dispatch({ type: 'connect' }));
    expect(result).to.deep.equal({ ok: false, refusal: { reason: 'do-not-call' } });
    expect(log.map((c) => c.type)).to.deep.equal(['set-active-record']);
    expect(d.session.state.workflow, 'the state stays as it was').to.equal(before);
    expect(d.session.state.refusal).to.deep.include({ reason: 'do-not-call', intent: 'connect' });
    // the mark still goes with Mark Done
    expect((await act(d, d.session.dispatch({ type: 'mark-done' }))).ok).to.equal(true);
    expect(log.at(-1)).to.deep.include({ type: 'mark-done', doNotCall: true });
  });

  it("the campaign's record scope: another record of the chain may be dialed, the marked one not", async () => {
    const d = await desk({ campaign: { dispositionCodes: [], dispositionRequired: false, doNotCallScope: 'record' } });
    await afterCall(d);
    const chain = d.session.state.workflow.interaction!.chain;
    expect((await act(d, d.session.dispatch({ type: 'mark-do-not-call', value: true }))).ok).to.equal(true);
    const marked = chain.records.find((r) => r.handle === chain.activeHandle)!;
    const other = chain.records.find((r) => r.handle !== chain.activeHandle)!;
    expect((await act(d, d.session.dispatch({ type: 'set-active-record', handle: other.handle }))).ok).to.equal(true);
    const log = sent(d);
    const typed = await act(d, d.session.dispatch({ type: 'connect', number: marked.phone }));
    expect(typed).to.deep.equal({ ok: false, refusal: { reason: 'do-not-call', detail: marked.phone } });
    expect(log).to.deep.equal([]);
    expect((await act(d, d.session.dispatch({ type: 'connect' }))).ok).to.equal(true);
    expect(log.map((c) => c.type)).to.deep.equal(['connect']);
    expect(d.session.state.workflow.phase).to.equal('dialing');
    // Mark Done marks the record the tick was for, not the one dialed since
    await d.clock.advance(600);
    expect((await act(d, d.session.dispatch({ type: 'disconnect' }))).ok).to.equal(true);
    await d.clock.advance(100);
    expect(d.session.state.workflow.wrapup.doNotCall, 'the tick stands').to.equal(true);
    expect((await act(d, d.session.dispatch({ type: 'mark-done' }))).ok).to.equal(true);
    expect(log.at(-1)).to.deep.include({ type: 'mark-done', doNotCall: true, doNotCallHandle: marked.handle });
    expect(d.connector.server.isDoNotCall(marked.phone, marked.country)).to.equal(true);
    expect(d.connector.server.isDoNotCall(other.phone, other.country), 'the record scope spares the other number').to.equal(false);
  });

  it('a number the server refuses as Do Not Call is not sent again from this interaction', async () => {
    const d = await desk();
    await readyAndRinging(d);
    await act(d, d.session.dispatch({ type: 'accept' }));
    const log: Command[] = [];
    const send = d.connector.send.bind(d.connector);
    d.connector.send = async (command, signal) => {
      log.push(command);
      return command.type === 'connect' ? refused('do-not-call') : send(command, signal);
    };
    expect(await act(d, d.session.dispatch({ type: 'connect' }))).to.deep.equal({ ok: false, refusal: { reason: 'do-not-call' } });
    expect(await act(d, d.session.dispatch({ type: 'connect' }))).to.deep.equal({ ok: false, refusal: { reason: 'do-not-call' } });
    expect(log.length, 'the second Connect is refused on the desk').to.equal(1);
    expect(d.session.state.workflow.phase).to.equal('previewing');
  });
});

describe('session: the calling window (issue 13, defect 2)', () => {
  it('outside it, Connect is refused until the agent confirms; the confirmed one is sent', async () => {
    const d = await desk({ clock: new TestClock(NIGHT) });
    await readyAndRinging(d);
    await act(d, d.session.dispatch({ type: 'accept' }));
    const log = sent(d);
    const before = d.session.state;
    const asked = await act(d, d.session.dispatch({ type: 'connect' }));
    expect(asked).to.deep.equal({ ok: false, refusal: { reason: 'outside-calling-window-confirm', detail: '01:24 (09:00–21:00)' } });
    expect(log).to.deep.equal([]);
    expect(d.session.state.workflow).to.equal(before.workflow);
    expect(d.session.state.drafts).to.equal(before.drafts);
    expect((await act(d, d.session.dispatch({ type: 'connect', outsideWindow: 'confirmed' }))).ok).to.equal(true);
    expect(log.map((c) => c.type)).to.deep.equal(['connect']);
    expect(d.session.state.workflow.phase).to.equal('dialing');
  });

  it("the campaign's refuse policy: not sent, confirmed or not", async () => {
    const d = await desk({ clock: new TestClock(NIGHT), campaign: { callingWindowPolicy: 'refuse' } });
    await readyAndRinging(d);
    await act(d, d.session.dispatch({ type: 'accept' }));
    const log = sent(d);
    const result = await act(d, d.session.dispatch({ type: 'connect', outsideWindow: 'confirmed' }));
    expect(result).to.deep.equal({ ok: false, refusal: { reason: 'calling-window-closed', detail: '01:24 (09:00–21:00)' } });
    expect(log).to.deep.equal([]);
  });

  it('W-6 dial policy: the deadline accepts but does not dial outside the window unconfirmed', async () => {
    const d = await desk({ clock: new TestClock(NIGHT), campaign: { timeoutPolicy: 'dial' } });
    await readyAndRinging(d);
    await d.clock.advance(31_000);
    expect(d.session.state.workflow.phase).to.equal('previewing');
    expect(d.session.state.refusal).to.deep.include({ reason: 'outside-calling-window-confirm', intent: 'connect' });
  });

  it('the agent is told in English and Japanese', () => {
    for (const reason of ['outside-calling-window-confirm', 'calling-window-closed', 'do-not-call'] as const) {
      expect(en.reasons[reason]).to.be.a('string').and.not.equal('');
      expect(ja.reasons[reason]).to.be.a('string').and.not.equal(en.reasons[reason]);
    }
  });
});
