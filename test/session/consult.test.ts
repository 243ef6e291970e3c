/** Issue 16: consult intents become commands with the session's deadline; a refused one changes nothing and says why. */
import { expect } from '@open-wc/testing';
import type { Result, ServerMessage } from '../../src/connectors/port.js';
import { en } from '../../src/i18n/en.js';
import { act, desk, readyAndRinging, type Desk } from '../fixtures/desk.js';

const never = <T>() => new Promise<T>(() => undefined);

async function connectedDesk(opts: Parameters<typeof desk>[0] = {}): Promise<Desk> {
  const d = await desk({ consultDelayMs: 1000, ...opts });
  await readyAndRinging(d);
  await act(d, d.session.dispatch({ type: 'accept' }));
  await act(d, d.session.dispatch({ type: 'connect' }));
  await d.clock.advance(600);
  expect(d.session.state.workflow.phase).to.equal('connected');
  return d;
}

describe('session: consult transfer and conference (issue 16)', () => {
  it('consult, answer, complete transfer: the commands go out and the interaction ends transferred once', async () => {
    const d = await connectedDesk();
    const sent: string[] = [];
    const send = d.connector.send.bind(d.connector);
    d.connector.send = (c, s) => (sent.push(c.type), send(c, s));
    expect((await act(d, d.session.dispatch({ type: 'consult', targetId: 'agent-sato' }))).ok).to.equal(true);
    expect(d.session.state.workflow.consult!.state).to.equal('ringing');
    await d.clock.advance(1000);
    expect(d.session.state.workflow.consult!.state).to.equal('talking');
    expect((await act(d, d.session.dispatch({ type: 'complete-transfer' }))).ok).to.equal(true);
    expect(d.session.state.workflow.phase).to.equal('transferred');
    expect(d.session.state.workflow.ended!.target!.id).to.equal('agent-sato');
    expect(sent).to.deep.equal(['consult', 'complete-transfer']);
  });

  it('a refused intent is not sent, leaves the state as it was and says why (translated)', async () => {
    const d = await connectedDesk();
    await act(d, d.session.dispatch({ type: 'consult', targetId: 'agent-sato' }));
    const before = d.session.state.workflow;
    let sends = 0;
    const send = d.connector.send.bind(d.connector);
    d.connector.send = (c, s) => (sends++, send(c, s));
    const r = await act(d, d.session.dispatch({ type: 'complete-conference' }));
    expect(r.ok ? null : r.refusal.reason).to.equal('consult-not-answered');
    expect(sends).to.equal(0);
    expect(d.session.state.workflow).to.equal(before);
    expect(d.session.state.refusal).to.deep.include({ intent: 'complete-conference', reason: 'consult-not-answered' });
    expect(en.reasons['consult-not-answered']).to.equal('The party you consulted has not answered.');
    const hold = await act(d, d.session.dispatch({ type: 'hold' }));
    expect(hold.ok ? null : hold.refusal.reason).to.equal('consult-active');
  });

  it('a consult the server never answers is a timeout refusal after commandTimeoutMs; nothing changed', async () => {
    const d = await connectedDesk({ session: { commandTimeoutMs: 5000 } });
    const before = d.session.state.workflow;
    const send = d.connector.send.bind(d.connector);
    d.connector.send = (c, s) => (c.type === 'consult' ? never<Result<readonly ServerMessage[]>>() : send(c, s));
    const p = d.session.dispatch({ type: 'consult', targetId: 'agent-sato' });
    await d.clock.advance(4999);
    expect(d.session.state.pending).to.equal('consult');
    await d.clock.advance(1);
    const r = await p;
    expect(r.ok ? null : r.refusal.reason).to.equal('timeout');
    expect(d.session.state.workflow.consult ?? null).to.equal(null);
    expect(d.session.state.workflow.call).to.deep.equal(before.call);
    expect(d.session.state.pending).to.equal(null);
  });

  it('the target does not answer: the consult fails; Cancel consult retrieves the customer', async () => {
    const d = await connectedDesk({ consultOutcomes: ['no-answer'] });
    await act(d, d.session.dispatch({ type: 'consult', targetId: 'sup-tanaka' }));
    await d.clock.advance(1000);
    expect(d.session.state.workflow.consult).to.include({ state: 'failed', failure: 'no-answer' });
    expect((await act(d, d.session.dispatch({ type: 'cancel-consult' }))).ok).to.equal(true);
    expect(d.session.state.workflow.consult).to.equal(null);
    expect(d.session.state.workflow.call!.held).to.equal(false);
  });
});
