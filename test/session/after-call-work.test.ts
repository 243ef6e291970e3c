/**
 * Issue 16 on virtual time: the after-call work timer (the defaults at zero, extend, a refused
 * Mark Done at zero retried once, the agent's picks kept, Not Ready by setting, the set points
 * announced), Done and Stop, and the campaign's preview policy.
 */
import { expect } from '@open-wc/testing';
import type { Command } from '../../src/connectors/port.js';
import { refused } from '../../src/connectors/port.js';
import { CallResult, type AfterCallWork, type Campaign } from '../../src/domain/types.js';
import { WRAPUP_RETRY_MS } from '../../src/session/deadlines.js';
import type { Notice } from '../../src/session/types.js';
import { act, desk, readyAndRinging, type Desk } from '../fixtures/desk.js';

const ACW: AfterCallWork = { limitSec: 30, defaultDispositionCode: 'CALLBACK', defaultCallResult: CallResult.NoAnswer };

async function bench(acw: Partial<AfterCallWork> = {}, campaign: Partial<Campaign> = {}) {
  const d = await desk({ campaign: { afterCallWork: { ...ACW, ...acw }, ...campaign } });
  const sent: Command[] = [];
  const send = d.connector.send.bind(d.connector);
  let refuseDone = 0;
  d.connector.send = (command, signal) => {
    sent.push(command);
    if (command.type === 'mark-done' && refuseDone > 0) {
      refuseDone -= 1;
      return Promise.resolve(refused('server-error', 'the list is locked'));
    }
    return send(command, signal);
  };
  const notices: Notice[] = [];
  d.session.notices$.subscribe((n) => notices.push(n));
  return { d, sent, notices, refuseNextDone: (n: number) => (refuseDone = n) };
}

let chainId = 0;

/** Accept, dial, hang up: wrap-up, its timer started when the call ended. */
async function afterCall(d: Desk): Promise<void> {
  await readyAndRinging(d);
  await act(d, d.session.dispatch({ type: 'accept' }));
  await act(d, d.session.dispatch({ type: 'connect' }));
  await d.clock.advance(600);
  await act(d, d.session.dispatch({ type: 'disconnect' }));
  expect(d.session.state.workflow.phase).to.equal('after-call');
  chainId = d.session.state.workflow.interaction!.chain.chainId;
}

const phase = (d: Desk) => d.session.state.workflow.phase;
/** What the server recorded for the chain of the interaction wrapped up. */
const processed = (d: Desk) => d.connector.server.processedRecord(chainId);
/** Done, whether or not the next preview rings already (the push follows Mark Done). */
const done = (notices: Notice[]) => notices.filter((n) => n.kind === 'done').length;
const doneCommands = (sent: Command[]) => sent.filter((c) => c.type === 'mark-done');

describe('issue 16: the after-call work timer, on virtual time', () => {
  it('at zero the default code and call result fill what was left empty, and Mark Done is sent', async () => {
    const { d, sent, notices } = await bench();
    await afterCall(d);
    await act(d, d.session.dispatch({ type: 'set-call-result', callResult: null }));
    const t = d.session.state.workflow.afterCallTimer!;
    expect(t.deadline - d.clock.now()).to.be.within(29_000, 30_000);
    await d.clock.advance(t.deadline - d.clock.now() - 1000);
    expect(phase(d), 'one second before zero').to.equal('after-call');
    expect(d.session.state.workflow.wrapup.dispositionCode).to.equal(null);
    await d.clock.advance(1200);
    expect(done(notices)).to.equal(1);
    expect(processed(d)).to.deep.equal({ callResult: CallResult.NoAnswer, dispositionCode: 'CALLBACK' });
    expect(doneCommands(sent)).to.have.length(1);
  });

  it('what the agent picked is kept: the default fills only what is empty', async () => {
    const { d, notices } = await bench();
    await afterCall(d);
    await act(d, d.session.dispatch({ type: 'set-disposition', code: 'RENEWED' }));
    await d.clock.advance(31_000);
    expect(done(notices)).to.equal(1);
    // the call result the call ended with (Answer) stays too
    expect(processed(d)).to.deep.equal({ callResult: CallResult.Answer, dispositionCode: 'RENEWED' });
  });

  it('extend: by the campaign’s seconds, as often as it allows; then refused with the reason', async () => {
    const { d, notices } = await bench({ extendSec: 20, maxExtensions: 1 });
    await afterCall(d);
    const first = d.session.state.workflow.afterCallTimer!.deadline;
    expect((await act(d, d.session.dispatch({ type: 'extend-wrapup' }))).ok).to.equal(true);
    expect(d.session.state.workflow.afterCallTimer!.deadline).to.equal(first + 20_000);
    const again = await act(d, d.session.dispatch({ type: 'extend-wrapup' }));
    expect(again).to.deep.equal({ ok: false, refusal: { reason: 'extend-limit' } });
    expect(d.session.state.refusal).to.deep.equal({ reason: 'extend-limit', intent: 'extend-wrapup' });
    await d.clock.advance(first - d.clock.now() + 1000);
    expect(phase(d), 'past the first deadline').to.equal('after-call');
    await d.clock.advance(20_000);
    expect(done(notices)).to.equal(1);
  });

  it('a Mark Done refused at zero is shown, and sent once more', async () => {
    const { d, sent, notices, refuseNextDone } = await bench();
    await afterCall(d);
    refuseNextDone(1);
    await d.clock.advance(31_000);
    expect(phase(d)).to.equal('after-call');
    expect(d.session.state.refusal).to.deep.equal({ reason: 'server-error', detail: 'the list is locked', intent: 'mark-done' });
    expect(notices.some((n) => n.kind === 'refused' && n.intent === 'mark-done')).to.equal(true);
    await d.clock.advance(WRAPUP_RETRY_MS + 200);
    expect(done(notices)).to.equal(1);
    expect(doneCommands(sent)).to.have.length(2);
  });

  it('refused twice: no third try; the desk stays in wrap-up with the defaults shown, the reason said', async () => {
    const { d, sent, refuseNextDone } = await bench();
    await afterCall(d);
    refuseNextDone(5);
    await d.clock.advance(31_000 + WRAPUP_RETRY_MS * 4);
    expect(phase(d)).to.equal('after-call');
    expect(doneCommands(sent)).to.have.length(2);
    expect(d.session.state.workflow.wrapup.dispositionCode).to.equal('CALLBACK');
    expect(d.session.state.refusal?.intent).to.equal('mark-done');
    // the agent can still finish by hand
    refuseNextDone(0);
    expect((await act(d, d.session.dispatch({ type: 'mark-done' }))).ok).to.equal(true);
  });

  it('by setting, at zero the agent is set Not Ready instead; the interaction stays for them to finish', async () => {
    const { d, sent } = await bench({ onTimeout: 'not-ready' });
    await afterCall(d);
    await d.clock.advance(31_000);
    expect(phase(d)).to.equal('after-call');
    expect(d.session.state.workflow.agent.status).to.equal('not-ready');
    expect(d.session.state.workflow.wrapup.dispositionCode).to.equal('CALLBACK');
    expect(doneCommands(sent)).to.have.length(0);
  });

  it('the time left is announced at set points, not every second', async () => {
    const { d, notices } = await bench({ limitSec: 90 });
    await afterCall(d);
    await d.clock.advance(95_000);
    expect(notices.filter((n) => n.kind === 'wrapup-time').map((n) => (n as { secondsLeft: number }).secondsLeft)).to.deep.equal([60, 30, 10]);
  });

  it('no timer without the setting', async () => {
    const d = await desk({ campaign: { dispositionRequired: false } });
    await afterCall(d);
    await d.clock.advance(600_000);
    expect(phase(d)).to.equal('after-call');
    expect(d.session.state.workflow.afterCallTimer ?? null).to.equal(null);
  });
});

describe('issue 16: Done and Stop, on virtual time', () => {
  it('Mark Done, then Not Ready: no next preview is pushed', async () => {
    const { d, sent } = await bench({ limitSec: 600 });
    await afterCall(d);
    await act(d, d.session.dispatch({ type: 'set-disposition', code: 'RENEWED' }));
    expect((await act(d, d.session.dispatch({ type: 'done-and-stop' }))).ok).to.equal(true);
    expect(phase(d)).to.equal('done');
    expect(d.session.state.workflow.agent.status).to.equal('not-ready');
    expect(sent.slice(-2).map((c) => c.type)).to.deep.equal(['mark-done', 'set-status']);
    await d.clock.advance(5_000);
    expect(phase(d), 'no preview after the push delay').to.equal('done');
  });

  it('a Mark Done refused on the spot: nothing sent, the agent stays Ready', async () => {
    const { d, sent } = await bench({ limitSec: 600 });
    await afterCall(d);
    const before = sent.length;
    expect(await act(d, d.session.dispatch({ type: 'done-and-stop' }))).to.deep.equal({ ok: false, refusal: { reason: 'disposition-required' } });
    expect(sent.length).to.equal(before);
    expect(d.session.state.workflow.agent.status).to.equal('ready');
  });

  it('a Mark Done the server refuses: the agent is not set Not Ready', async () => {
    const { d, sent, refuseNextDone } = await bench({ limitSec: 600 });
    await afterCall(d);
    await act(d, d.session.dispatch({ type: 'set-disposition', code: 'RENEWED' }));
    refuseNextDone(1);
    const r = await act(d, d.session.dispatch({ type: 'done-and-stop' }));
    expect(r.ok).to.equal(false);
    expect(sent.some((c) => c.type === 'set-status' && c.status === 'not-ready')).to.equal(false);
    expect(d.session.state.workflow.agent.status).to.equal('ready');
    expect(d.session.state.refusal?.intent).to.equal('done-and-stop');
  });
});

describe('issue 16: the campaign’s preview policy, on virtual time', () => {
  it('Reject disabled: refused with the reason, nothing sent; the accept timeout still returns the record', async () => {
    const { d, sent } = await bench({}, { rejectAllowed: false });
    await readyAndRinging(d);
    const before = sent.length;
    expect(await act(d, d.session.dispatch({ type: 'reject' }))).to.deep.equal({ ok: false, refusal: { reason: 'disabled-by-campaign' } });
    expect(sent.length).to.equal(before);
    expect(phase(d)).to.equal('ringing');
    await d.clock.advance(31_000);
    expect(phase(d) === 'rejected' || phase(d) === 'ringing', 'auto-rejected (the next preview may ring)').to.equal(true);
    expect(sent.some((c) => c.type === 'reject' && c.auto)).to.equal(true);
  });

  it('Cancel disabled: refused with the reason, nothing sent', async () => {
    const { d, sent } = await bench({}, { cancelAllowed: false });
    await readyAndRinging(d);
    await act(d, d.session.dispatch({ type: 'accept' }));
    const before = sent.length;
    expect(await act(d, d.session.dispatch({ type: 'cancel' }))).to.deep.equal({ ok: false, refusal: { reason: 'disabled-by-campaign' } });
    expect(sent.length).to.equal(before);
    expect(phase(d)).to.equal('previewing');
  });
});
