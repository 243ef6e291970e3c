/**
 * Sequencing that cannot be wedged: a seq far ahead, a connector that renumbers after a
 * reconnect, and a message reusing a seq with other content.
 */
import { expect } from '@open-wc/testing';
import { map, type Observable } from 'rxjs';
import { PUSH_PREVIEW_MEDIA } from '../../src/domain/types.js';
import { SimulatedConnector } from '../../src/connectors/simulated/connector.js';
import type { Command, ConnectionState, Connector, ProtocolProblem, Result, ServerMessage, SnapshotAt } from '../../src/connectors/port.js';
import { Session } from '../../src/session/session.js';
import { MAX_AHEAD } from '../../src/session/sequencer.js';
import { act, desk, readyAndRinging, until } from '../fixtures/desk.js';
import { TestClock } from '../fixtures/virtual-time.js';

/** A connector that numbers its messages afresh from 1 after each reconnect (as some do). */
class Renumbering implements Connector {
  offset = 0;
  readonly agentId: string;
  readonly messages$: Observable<ServerMessage>;
  readonly connection$: Observable<ConnectionState>;
  readonly problems$: Observable<ProtocolProblem>;
  constructor(readonly inner: SimulatedConnector) {
    this.agentId = inner.agentId;
    this.messages$ = inner.messages$.pipe(map((m) => this.shift(m)));
    this.connection$ = inner.connection$;
    this.problems$ = inner.problems$;
  }
  private shift(m: ServerMessage): ServerMessage {
    return { ...m, seq: m.seq - this.offset };
  }
  connect(signal?: AbortSignal) {
    return this.inner.connect(signal);
  }
  disconnect() {
    return this.inner.disconnect();
  }
  async snapshot(signal?: AbortSignal): Promise<Result<SnapshotAt>> {
    const r = await this.inner.snapshot(signal);
    return r.ok ? { ok: true, value: { ...r.value, seq: r.value.seq - this.offset } } : r;
  }
  async send(c: Command, signal?: AbortSignal): Promise<Result<readonly ServerMessage[]>> {
    const r = await this.inner.send(c, signal);
    return r.ok ? { ok: true, value: r.value.map((m) => this.shift(m)) } : r;
  }
}

describe('sequencing that cannot be wedged', () => {
  it('one valid message with seq 1e15 causes one resync, not a snapshot a second for ever', async () => {
    const d = await desk();
    await readyAndRinging(d);
    let snapshots = 0;
    const snapshot = d.connector.snapshot.bind(d.connector);
    d.connector.snapshot = (s) => (snapshots++, snapshot(s));
    const i = d.session.state.workflow.interaction!;
    d.connector.injectRaw({ seq: 1e15, event: { type: 'stale', interactionId: 'someone-else' } });
    await d.clock.advance(60_000);
    expect(snapshots, 'snapshot requests in a minute').to.be.at.most(1);
    expect(d.session.state.problem?.message).to.contain('1000000000000000');
    // the desk still follows the server
    const server = d.connector.server.desk('agent-1').state;
    expect(d.session.state.workflow.phase).to.equal(server.phase);
    expect(d.session.state.workflow.interaction?.id).to.equal(server.interaction?.id);
    expect(i.id).to.be.a('string');
  });

  it('a message a little ahead that the server never reaches is dropped after two resyncs', async () => {
    const d = await desk();
    await readyAndRinging(d);
    let snapshots = 0;
    const snapshot = d.connector.snapshot.bind(d.connector);
    d.connector.snapshot = (s) => (snapshots++, snapshot(s));
    const seq = d.connector.server.desk('agent-1').seq;
    d.connector.injectRaw({ seq: seq + MAX_AHEAD - 1, event: { type: 'stale', interactionId: 'someone-else' } });
    await d.clock.advance(60_000);
    expect(snapshots).to.be.at.most(2);
  });

  it('a connector that renumbers from 1 after a reconnect is followed (a new epoch)', async () => {
    const clock = new TestClock();
    const inner = new SimulatedConnector({ agentId: 'agent-1', pushDelayMs: 100_000, dialDelayMs: 500, scheduler: clock });
    const connector = new Renumbering(inner);
    const session = new Session({ connector, scheduler: clock, storage: null });
    await until(clock, session.start());
    await until(clock, session.dispatch({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] }));
    await clock.advance(100);
    expect(session.state.workflow.phase).to.equal('not-ready');
    inner.dropConnection();
    connector.offset = inner.server.desk('agent-1').seq; // the next message is numbered 1
    await clock.advance(1500);
    expect(session.state.connection).to.equal('online');
    const ready = await until(clock, session.dispatch({ type: 'ready' }));
    expect(ready.ok).to.equal(true);
    await clock.advance(100);
    expect(session.state.workflow.agent.status, 'Ready answered ok and shown').to.equal('ready');
    expect(session.state.workflow.phase).to.equal(inner.server.desk('agent-1').state.phase);
    session.dispose();
  });

  it('a message reusing the next seq with other content does not make the real one a duplicate', async () => {
    const d = await desk();
    await readyAndRinging(d);
    const i = d.session.state.workflow.interaction!;
    const next = d.connector.server.desk('agent-1').seq + 1;
    d.connector.injectRaw({ seq: next, event: { type: 'stale', interactionId: 'someone-else' } });
    await d.clock.settle();
    const accepted = await act(d, d.session.dispatch({ type: 'accept' }));
    expect(accepted.ok).to.equal(true);
    await d.clock.advance(1500);
    expect(d.connector.server.desk('agent-1').state.phase).to.equal('previewing');
    expect(d.session.state.workflow.phase, 'the desk follows the server').to.equal('previewing');
    expect(d.session.state.workflow.interaction!.id).to.equal(i.id);
  });

  it('a true duplicate (same seq, same content) is dropped quietly', async () => {
    const d = await desk({ faults: { duplicateRate: 1 } });
    await readyAndRinging(d);
    await d.clock.advance(500);
    expect(d.session.state.workflow.phase).to.equal('ringing');
    expect(d.session.state.problem).to.equal(null);
  });
});
