/**
 * The session owns its deadlines: a connector that never answers, throws or rejects cannot
 * freeze the desk, the reconnect loop survives throws, a snapshot that never comes is retried,
 * and the auto-reject fires even with a request under way.
 */
import { expect } from '@open-wc/testing';
import type { Notice } from '../../src/session/session.js';
import { Session } from '../../src/session/session.js';
import type { Result, ServerMessage, SnapshotAt } from '../../src/connectors/port.js';
import { act, desk, readyAndRinging, until } from '../fixtures/desk.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { T0, TestClock } from '../fixtures/virtual-time.js';

const never = <T>() => new Promise<T>(() => undefined);

/** Unhandled rejections seen while `body` runs (and a turn after). */
async function unhandled(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const on = (e: PromiseRejectionEvent) => {
    seen.push(e.reason);
    e.preventDefault();
  };
  window.addEventListener('unhandledrejection', on);
  try {
    await body();
    await new Promise((r) => setTimeout(r, 0));
  } finally {
    window.removeEventListener('unhandledrejection', on);
  }
  return seen;
}

describe('the session owns its deadlines', () => {
  it('a send that never answers is a timeout refusal after commandTimeoutMs; the desk is usable again', async () => {
    const d = await desk({ session: { commandTimeoutMs: 5000 } });
    await readyAndRinging(d);
    const send = d.connector.send.bind(d.connector);
    d.connector.send = (c, s) => (c.type === 'accept' ? never<Result<readonly ServerMessage[]>>() : send(c, s));
    const p = d.session.dispatch({ type: 'accept' });
    await d.clock.advance(4999);
    expect(d.session.state.pending).to.equal('accept');
    await d.clock.advance(1);
    const r = await p;
    expect(r.ok).to.equal(false);
    expect(r.ok ? null : r.refusal.reason).to.equal('timeout');
    expect(d.session.state.pending).to.equal(null);
    expect(d.session.state.refusal).to.deep.include({ intent: 'accept', reason: 'timeout' });
    d.connector.send = send;
    expect((await act(d, d.session.dispatch({ type: 'accept' }))).ok).to.equal(true);
  });

  it('a send that throws or rejects is a network refusal shown to the agent, with no unhandled rejection', async () => {
    const d = await desk();
    await readyAndRinging(d);
    const notices: Notice[] = [];
    d.session.notices$.subscribe((n) => notices.push(n));
    const seen = await unhandled(async () => {
      d.connector.send = () => {
        throw new Error('socket gone');
      };
      const thrown = await act(d, d.session.dispatch({ type: 'accept' }));
      expect(thrown).to.deep.equal({ ok: false, refusal: { reason: 'network', detail: 'socket gone' } });
      expect(d.session.state.pending).to.equal(null);
      d.connector.send = () => Promise.reject(new TypeError('fetch failed'));
      const rejected = await act(d, d.session.dispatch({ type: 'accept' }));
      expect(rejected).to.deep.equal({ ok: false, refusal: { reason: 'network', detail: 'fetch failed' } });
    });
    expect(seen, 'no unhandled rejection').to.deep.equal([]);
    expect(d.session.state.refusal).to.deep.include({ intent: 'accept', reason: 'network' });
    expect(notices.filter((n) => n.kind === 'refused').length).to.equal(2);
    expect(d.session.state.workflow.phase).to.equal('ringing');
  });

  it('the reconnect loop survives a throwing connect, backs off to a cap and says so', async () => {
    const clock = new TestClock();
    const fixture = new FixtureConnector(reach('previewing', { at: T0 }));
    const session = new Session({ connector: fixture, scheduler: clock, storage: null, reconnectDelayMs: 1000 });
    const problems: string[] = [];
    session.notices$.subscribe((n) => n.kind === 'problem' && problems.push(n.problem.message));
    await until(clock, session.start());
    const connect = fixture.connect.bind(fixture);
    let tries = 0;
    fixture.connect = () => {
      tries += 1;
      if (tries <= 7) throw new Error('DNS failure');
      return connect();
    };
    const seen = await unhandled(async () => {
      fixture.connection$.next('offline');
      await clock.settle();
      expect(session.state.connection).to.equal('reconnecting');
      // tries at 1, then 2, 4, 8, 16, 30 (capped), 30 s after each other; the eighth 30 s after the seventh
      await clock.advance(1000 + 2000 + 4000 + 8000 + 16000 + 30000 + 30000 + 29_999);
      expect(tries).to.equal(7);
      await clock.advance(1);
      await clock.settle();
    });
    expect(seen).to.deep.equal([]);
    expect(tries).to.equal(8);
    expect(session.state.connection).to.equal('online');
    expect(problems.length).to.equal(7);
    expect(problems[0]).to.contain('DNS failure').and.contain('next try in 2 s');
    expect(problems[6]).to.contain('next try in 30 s');
    session.dispose();
  });

  it('a snapshot that never answers times out and is retried; the session then follows the server', async () => {
    const clock = new TestClock();
    const fixture = new FixtureConnector(reach('previewing', { at: T0 }));
    const snapshot = fixture.snapshot.bind(fixture);
    let asked = 0;
    fixture.snapshot = () => (++asked === 1 ? never<Result<SnapshotAt>>() : snapshot());
    const session = new Session({ connector: fixture, scheduler: clock, storage: null, commandTimeoutMs: 3000, gapTimeoutMs: 1000 });
    await until(clock, session.start());
    expect(asked).to.equal(1);
    expect(session.state.workflow.phase).to.equal('logged-out');
    await clock.advance(1000); // the retry after the gap timeout
    expect(asked).to.equal(2);
    expect(session.state.workflow.phase).to.equal('previewing');
    session.dispose();
  });

  it('W-6: the auto-reject fires at the deadline even with a request under way', async () => {
    const d = await desk({ session: { commandTimeoutMs: 120_000 } });
    await readyAndRinging(d);
    const i = d.session.state.workflow.interaction!;
    const send = d.connector.send.bind(d.connector);
    const sent: string[] = [];
    d.connector.send = (c, s) => (sent.push(c.type), c.type === 'set-status' ? never<Result<readonly ServerMessage[]>>() : send(c, s));
    void d.session.dispatch({ type: 'not-ready' }); // a request that hangs (until its deadline)
    await d.clock.advance(i.acceptDeadline - d.clock.now() + 50);
    expect(sent).to.include('reject');
    expect(d.session.state.workflow.phase, 'rejected at the deadline, not after the server grace').to.equal('rejected');
    expect(d.session.state.workflow.ended).to.deep.equal({ auto: true });
  });

  it('W-6 policy dial: a deadline reached with a request under way is a timeout refusal shown to the agent; nothing else changes', async () => {
    const d = await desk({ campaign: { timeoutPolicy: 'dial' }, session: { commandTimeoutMs: 120_000 } });
    await readyAndRinging(d);
    const i = d.session.state.workflow.interaction!;
    const send = d.connector.send.bind(d.connector);
    const sent: string[] = [];
    d.connector.send = (c, s) => (sent.push(c.type), c.type === 'set-status' ? never<Result<readonly ServerMessage[]>>() : send(c, s));
    const notices: Notice[] = [];
    d.session.notices$.subscribe((n) => notices.push(n));
    void d.session.dispatch({ type: 'not-ready' }); // a request that hangs (until its deadline)
    const drafts = d.session.state.drafts;
    await d.clock.advance(i.acceptDeadline - d.clock.now() + 50);
    expect(sent, 'one request at a time: no accept beside it').to.deep.equal(['set-status']);
    expect(d.session.state.refusal).to.deep.include({ intent: 'accept', reason: 'timeout' });
    expect(notices.some((n) => n.kind === 'refused' && n.intent === 'accept' && n.refusal.reason === 'timeout')).to.equal(true);
    expect(d.session.state.workflow.phase).to.equal('ringing');
    expect(d.session.state.workflow.interaction).to.equal(i);
    expect(d.session.state.pending).to.equal('not-ready');
    expect(d.session.state.drafts).to.equal(drafts);
  });

  it('W-6: when the server took the interaction first, the auto-reject is refused cleanly', async () => {
    const d = await desk({ faults: { latencyMs: [400, 400] } });
    await readyAndRinging(d);
    await d.clock.advance(1000);
    const i = d.session.state.workflow.interaction!;
    await d.clock.advance(i.acceptDeadline - d.clock.now() - 500);
    expect(d.session.state.workflow.phase).to.equal('ringing');
    const accepted = d.session.dispatch({ type: 'accept' }); // reaches the server before the deadline
    await d.clock.advance(3000);
    expect((await accepted).ok).to.equal(true);
    expect(d.session.state.workflow.phase).to.equal('previewing');
    expect(d.session.state.refusal, 'no refusal shown for the late auto-reject').to.equal(null);
    expect(d.connector.server.desk('agent-1').state.phase).to.equal('previewing');
  });
});
