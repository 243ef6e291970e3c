import { expect } from '@open-wc/testing';
import { callClock } from '../../src/session/call-clock.js';
import { formatDuration } from '../../src/domain/call-timing.js';
import { act, desk, readyAndRinging } from '../fixtures/desk.js';

describe('session: call timers on virtual time (preview, call, hold, wrap-up)', () => {
  it('count from the server’s stamps where it gives them, and from the session’s clock for holds and wrap-up', async () => {
    const d = await desk({ faults: { latencyMs: [0, 0] }, dialDelayMs: 3000 });
    const clock = callClock(d.session);
    await readyAndRinging(d);
    expect(d.session.state.workflow.phase, JSON.stringify(clock.times())).to.equal('ringing');
    expect(clock.times()).to.deep.equal({ preview: null, call: null, hold: null, holdTotal: null, wrapup: null });
    await act(d, d.session.dispatch({ type: 'accept' }));
    const acceptedAt = d.session.state.workflow.interaction!.acceptedAt!;
    await d.clock.advance(acceptedAt + 12_400 - d.clock.now());
    expect(clock.times().preview).to.equal(12);
    await act(d, d.session.dispatch({ type: 'connect' }));
    expect(clock.times().preview).to.equal(null);
    const startedAt = d.session.state.workflow.call!.startedAt;
    await d.clock.advance(startedAt + 300 - d.clock.now());
    expect(clock.times().call).to.equal(0); // dialing: from the server's startedAt
    await d.clock.advance(3000);
    expect(d.session.state.workflow.phase).to.equal('connected');
    const connectedAt = d.session.state.workflow.call!.connectedAt!;
    await d.clock.advance(connectedAt + 65_000 - d.clock.now());
    expect(clock.times().call).to.equal(65); // connected: from the server's connectedAt
    expect(formatDuration(clock.times().call!)).to.equal('1:05');

    await act(d, d.session.dispatch({ type: 'hold' }));
    const held = d.clock.now();
    await d.clock.advance(7000);
    expect(clock.times()).to.include({ hold: 7, holdTotal: 7 });
    await act(d, d.session.dispatch({ type: 'retrieve' }));
    const firstHold = d.clock.now() - held;
    expect(clock.times().hold).to.equal(null);
    expect(clock.times().holdTotal).to.equal(Math.floor(firstHold / 1000));
    await d.clock.advance(5000);
    await act(d, d.session.dispatch({ type: 'hold' }));
    await d.clock.advance(3000);
    const t = clock.times();
    expect(t.hold).to.equal(3);
    expect(t.holdTotal).to.equal(Math.floor((firstHold + 3000) / 1000)); // this hold and the one before
    await act(d, d.session.dispatch({ type: 'retrieve' }));

    await act(d, d.session.dispatch({ type: 'disconnect' }));
    expect(d.session.state.workflow.phase).to.equal('after-call');
    const wrapStart = d.clock.now();
    expect(clock.times()).to.deep.equal({ preview: null, call: null, hold: null, holdTotal: null, wrapup: 0 });
    await d.clock.advance(42_000);
    expect(clock.times().wrapup).to.equal(Math.floor((d.clock.now() - wrapStart) / 1000));
    expect(clock.times().wrapup).to.equal(42);
    await act(d, d.session.dispatch({ type: 'set-disposition', code: 'RENEWED' }));
    await act(d, d.session.dispatch({ type: 'mark-done' }));
    expect(clock.times()).to.deep.equal({ preview: null, call: null, hold: null, holdTotal: null, wrapup: null });
  });

  it('the session keeps its clock from its start: a hold begun before anyone reads the timers counts from its start', async () => {
    const d = await desk({ faults: { latencyMs: [0, 0] } });
    await readyAndRinging(d);
    await act(d, d.session.dispatch({ type: 'accept' }));
    await act(d, d.session.dispatch({ type: 'connect' }));
    await d.clock.advance(2000);
    await act(d, d.session.dispatch({ type: 'hold' }));
    const held = d.clock.now();
    await d.clock.advance(9000);
    // first read now (a timer element shown late, a page that asks later)
    expect(callClock(d.session).times()).to.include({ hold: Math.floor((d.clock.now() - held) / 1000), holdTotal: 9 });
    expect(d.session.callClock).to.equal(callClock(d.session));
    expect(d.session.liveSubscriptions, 'the clock is not a subscriber of state$').to.equal(0);
  });

  it('a new interaction starts from zero: no hold time carried over', async () => {
    const d = await desk({ faults: { latencyMs: [0, 0] } });
    const clock = callClock(d.session);
    await readyAndRinging(d);
    await act(d, d.session.dispatch({ type: 'accept' }));
    await act(d, d.session.dispatch({ type: 'connect' }));
    await d.clock.advance(2000);
    await act(d, d.session.dispatch({ type: 'hold' }));
    await d.clock.advance(4000);
    await act(d, d.session.dispatch({ type: 'retrieve' }));
    await act(d, d.session.dispatch({ type: 'disconnect' }));
    await act(d, d.session.dispatch({ type: 'set-disposition', code: 'RENEWED' }));
    await act(d, d.session.dispatch({ type: 'mark-done' }));
    await d.clock.advance(2000);
    expect(d.session.state.workflow.phase).to.equal('ringing');
    await act(d, d.session.dispatch({ type: 'accept' }));
    await act(d, d.session.dispatch({ type: 'connect' }));
    await d.clock.advance(2000);
    expect(clock.times().holdTotal).to.equal(null);
  });
});
