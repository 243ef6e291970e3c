/**
 * Wrap-up choices are intents like the others: while Mark Done (which reads them) is under way
 * they are refused and change nothing, so what the agent saw applied is what the server recorded.
 */
import { expect } from '@open-wc/testing';
import { CallResult } from '../../src/domain/types.js';
import { act, desk, readyAndRinging, type Desk } from '../fixtures/desk.js';

async function afterCall(d: Desk): Promise<void> {
  await readyAndRinging(d);
  await act(d, d.session.dispatch({ type: 'accept' }));
  await act(d, d.session.dispatch({ type: 'connect' }));
  await d.clock.advance(600);
  await act(d, d.session.dispatch({ type: 'disconnect' }));
  await d.clock.advance(100);
  expect(d.session.state.workflow.phase).to.equal('after-call');
}

describe('wrap-up choices while Mark Done is under way', () => {
  it('a Do Not Call tick during a pending Mark Done is refused (busy) and not shown as applied', async () => {
    const d = await desk({ campaign: { dispositionCodes: [], dispositionRequired: false } });
    await afterCall(d);
    const chain = d.session.state.workflow.interaction!.chain;
    expect((await act(d, d.session.dispatch({ type: 'set-call-result', callResult: CallResult.Answer }))).ok).to.equal(true);
    d.connector.setFaults({ latencyMs: [200, 200] });
    const done = d.session.dispatch({ type: 'mark-done' });
    expect(d.session.state.pending).to.equal('mark-done');
    const before = d.session.state.workflow;
    const tick = await d.session.dispatch({ type: 'mark-do-not-call', value: true });
    expect(tick).to.deep.equal({ ok: false, refusal: { reason: 'busy' } });
    expect(d.session.state.workflow, 'a refused choice changes nothing').to.equal(before);
    expect(d.session.state.allowed.has('mark-do-not-call')).to.equal(false);
    expect((await act(d, done)).ok).to.equal(true);
    expect(d.session.state.workflow.phase).to.equal('done');
    // what the agent saw is what the server recorded
    expect(d.session.state.workflow.wrapup.doNotCall).to.equal(false);
    expect(d.connector.server.processedRecord(chain.chainId)?.callResult).to.equal(CallResult.Answer);
    const r = chain.records[0]!;
    expect(d.connector.server.isDoNotCall(r.phone, r.country)).to.equal(false);
  });

  it('a call result or a disposition code picked during a pending Mark Done is refused too', async () => {
    const d = await desk({ campaign: { dispositionRequired: false } });
    await afterCall(d);
    const codes = d.session.state.workflow.campaign!.dispositionCodes;
    expect((await act(d, d.session.dispatch({ type: 'set-disposition', code: codes[0]!.code }))).ok).to.equal(true);
    d.connector.setFaults({ latencyMs: [200, 200] });
    const done = d.session.dispatch({ type: 'mark-done' });
    const code = await d.session.dispatch({ type: 'set-disposition', code: codes[1]!.code });
    const result = await d.session.dispatch({ type: 'set-call-result', callResult: CallResult.WrongParty });
    expect(code).to.deep.equal({ ok: false, refusal: { reason: 'busy' } });
    expect(result).to.deep.equal({ ok: false, refusal: { reason: 'busy' } });
    expect((await act(d, done)).ok).to.equal(true);
    const chain = d.session.state.workflow.interaction!.chain;
    expect(d.connector.server.processedRecord(chain.chainId)?.dispositionCode).to.equal(codes[0]!.code);
    expect(d.session.state.workflow.wrapup.dispositionCode).to.equal(codes[0]!.code);
  });
});
