/** Issue 16: the simulated server's consult transfer and conference. */
import { expect } from '@open-wc/testing';
import { SimulatedServer } from '../../src/connectors/simulated/server.js';
import type { Command, ServerMessage } from '../../src/connectors/port.js';
import { PUSH_PREVIEW_MEDIA } from '../../src/domain/types.js';
import { loadPhoneMetadata } from '../../src/domain/phone.js';
import { TestClock } from '../fixtures/virtual-time.js';

async function connected(opts: ConstructorParameters<typeof SimulatedServer>[0] = {}) {
  const clock = new TestClock();
  const s = new SimulatedServer({ scheduler: clock, pushDelayMs: 10, dialDelayMs: 100, consultDelayMs: 300, ...opts });
  const log: ServerMessage[] = [];
  s.listen('a', (m) => log.push(m));
  const send = (c: Command) => s.handle('a', c);
  send({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] });
  send({ type: 'set-status', status: 'ready' });
  await clock.advance(20);
  const i = s.desk('a').state.interaction!;
  send({ type: 'accept', interactionId: i.id });
  const rec = i.chain.records[0]!;
  send({ type: 'connect', interactionId: i.id, handle: rec.handle, number: rec.phone });
  await clock.advance(100);
  expect(s.desk('a').state.phase).to.equal('connected');
  return { s, clock, log, send, id: i.id, state: () => s.desk('a').state };
}

before(() => loadPhoneMetadata());

describe('simulated server: consult transfer and conference (issue 16)', () => {
  it('the consult rings, then the target answers; complete transfer ends the interaction and frees the agent', async () => {
    const d = await connected();
    expect(d.send({ type: 'consult', interactionId: d.id, targetId: 'nobody' })).to.deep.equal({ ok: false, refusal: { reason: 'unknown-target' } });
    expect(d.send({ type: 'consult', interactionId: d.id, targetId: 'agent-miller' }).ok).to.equal(true);
    expect(d.state().consult!.state).to.equal('ringing');
    expect(d.state().call!.held).to.equal(true);
    // not before the target answers, and no one-step actions on the held customer meanwhile
    expect(d.send({ type: 'complete-transfer', interactionId: d.id })).to.deep.equal({ ok: false, refusal: { reason: 'consult-not-answered' } });
    expect(d.send({ type: 'retrieve', interactionId: d.id })).to.deep.equal({ ok: false, refusal: { reason: 'consult-active' } });
    expect(d.send({ type: 'disconnect', interactionId: d.id })).to.deep.equal({ ok: false, refusal: { reason: 'consult-active' } });
    await d.clock.advance(300);
    expect(d.state().consult!.state).to.equal('talking');
    expect(d.send({ type: 'complete-transfer', interactionId: d.id }).ok).to.equal(true);
    expect(d.state().phase).to.equal('transferred');
    expect(d.state().ended!.target!.id).to.equal('agent-miller');
    expect(d.log.filter((m) => m.event.type === 'transferred')).to.have.length(1);
    await d.clock.advance(20);
    expect(d.state().phase).to.equal('ringing'); // the next preview
  });

  it('make it a conference: three parties, no 4th consult', async () => {
    const d = await connected();
    d.send({ type: 'consult', interactionId: d.id, targetId: 'sup-tanaka' });
    await d.clock.advance(300);
    expect(d.send({ type: 'complete-conference', interactionId: d.id }).ok).to.equal(true);
    expect(d.state().consult).to.equal(null);
    expect(d.state().call).to.include({ parties: 3, held: false });
    expect(d.send({ type: 'consult', interactionId: d.id, targetId: 'agent-miller' })).to.deep.equal({ ok: false, refusal: { reason: 'conference-full' } });
  });

  it('cancel consult releases the consult and retrieves the customer', async () => {
    const d = await connected();
    d.send({ type: 'consult', interactionId: d.id, targetId: 'agent-miller' });
    await d.clock.advance(300);
    expect(d.send({ type: 'cancel-consult', interactionId: d.id }).ok).to.equal(true);
    expect(d.state().consult).to.equal(null);
    expect(d.state().call).to.include({ parties: 2, held: false });
    expect(d.state().phase).to.equal('connected');
  });

  it('the target may refuse or not answer: the consult fails and the customer stays held until cancelled', async () => {
    for (const [outcome, failure] of [
      ['refuse', 'refused'],
      ['no-answer', 'no-answer'],
    ] as const) {
      const d = await connected({ consultOutcomes: [outcome] });
      d.send({ type: 'consult', interactionId: d.id, targetId: 'agent-miller' });
      await d.clock.advance(300);
      expect(d.state().consult, outcome).to.include({ state: 'failed', failure });
      expect(d.state().call!.held).to.equal(true);
      expect(d.send({ type: 'complete-conference', interactionId: d.id })).to.deep.equal({ ok: false, refusal: { reason: 'consult-not-answered' } });
      expect(d.send({ type: 'cancel-consult', interactionId: d.id }).ok).to.equal(true);
      expect(d.state().call!.held).to.equal(false);
    }
  });

  it('a consult cancelled before the answer is not answered later', async () => {
    const d = await connected();
    d.send({ type: 'consult', interactionId: d.id, targetId: 'agent-miller' });
    d.send({ type: 'cancel-consult', interactionId: d.id });
    const before = d.log.length;
    await d.clock.advance(1000);
    expect(d.log.length).to.equal(before);
    expect(d.state().consult).to.equal(null);
  });
});
