/**
 * Recovery and robustness of the Genesys connector: a dropped CometD connection, a page reload
 * rebuilt from current-session, malformed and unknown messages, duplicated and reordered
 * notifications, user data as a flat object, an API key.
 */
import { expect } from '@open-wc/testing';
import { GenesysConnector, type GenesysConnector as Connector } from '../../src/connectors/genesys/index.js';
import type { ProtocolProblem } from '../../src/connectors/port.js';
import type { Session } from '../../src/session/session.js';
import { Fake, TEST_CAMPAIGN, expectOk, phaseIs, previewing, ringing, sessionOver, signedInConnector, until, wake } from './helpers.js';

describe('Genesys connector: recovery', () => {
  let fake: Fake;
  let connector: Connector;
  let session: Session;
  const extra: Session[] = [];

  async function setUp(server: Record<string, unknown> = {}) {
    fake = await Fake.start(server);
    connector = await signedInConnector(fake);
    session = sessionOver(connector);
  }

  afterEach(async () => {
    session?.dispose();
    for (const s of extra.splice(0)) s.dispose();
    await fake?.stop();
  });

  it('a dropped CometD connection is recovered with the interaction intact, and what happened meanwhile is rebuilt', async () => {
    await setUp();
    const id = await previewing(fake, session);
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    const states: string[] = [];
    const sub = session.select((s) => s.connection).subscribe((c) => states.push(c));

    await fake.cmd('drop-connection', { downMs: 800 });
    await until(() => session.state.connection === 'reconnecting', 'the session to notice');
    expect(session.state.allowed.size).to.equal(0); // nothing offered while the server is out of reach
    // While the desk is away the customer hangs up: that event is lost, not replayed.
    await fake.cmd('hangup');
    await until(() => session.state.connection === 'online', 'the reconnect');
    sub.unsubscribe();
    expect(states).to.include.members(['reconnecting', 'online']);
    // current-session tells what the lost event said.
    await phaseIs(session, 'after-call');
    expect(session.state.workflow.interaction!.id).to.equal(id);
    expect(session.state.workflow.interaction!.chain.records).to.have.length(2);
    expect((await fake.state()).sessions).to.equal(1); // a fresh Bayeux session
    // …and the desk works on: notifications flow again.
    await expectOk(session.dispatch({ type: 'set-call-result', callResult: 7 }));
    await expectOk(session.dispatch({ type: 'set-disposition', code: 'NO-SALE' }));
    await expectOk(session.dispatch({ type: 'mark-done' }));
    await phaseIs(session, 'done');
  });

  it('a reload is rebuilt from current-session: a new connector and session on the same server state', async () => {
    await setUp();
    const id = await previewing(fake, session);
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    await expectOk(session.dispatch({ type: 'hold' }));
    session.dispose(); // the page goes away; the server keeps the interaction and the call

    // The page comes back with its session cookie: no code this time.
    const again = new GenesysConnector({
      baseUrl: fake.base,
      auth: { kind: 'session' },
      agentId: 'JohnSmith',
      campaign: TEST_CAMPAIGN,
      ocs: { topic: '<tenant-id>@<place>' },
      eventTimeoutMs: 10_000,
      debug: () => undefined,
    });
    const reloaded = sessionOver(again);
    extra.push(reloaded);
    await reloaded.start();
    const w = reloaded.state.workflow;
    expect(w.phase).to.equal('connected');
    expect(w.interaction!.id).to.equal(id);
    expect(w.interaction!.owner).to.equal('JohnSmith');
    expect(w.interaction!.media).to.equal('voice');
    expect(w.agent.status).to.equal('ready');
    expect(w.agent.mediaTypes).to.include('voice-preview');
    expect(w.call!.held).to.equal(true);
    expect(w.call!.number).to.equal('+81312345678');
    // The rebuilt desk acts on the same call.
    await expectOk(reloaded.dispatch({ type: 'retrieve' }));
    expect(reloaded.state.workflow.call!.held).to.equal(false);
    await expectOk(reloaded.dispatch({ type: 'disconnect' }));
    expect(reloaded.state.workflow.phase).to.equal('after-call');
  });

  it('a reload on a server that pushes no initialization at the handshake reads the user from current-session', async () => {
    await setUp();
    const id = await previewing(fake, session);
    session.dispose();
    await fake.cmd('fault', { noInitPush: true });
    const notes: string[] = [];
    const again = new GenesysConnector({
      baseUrl: fake.base,
      auth: { kind: 'session' },
      agentId: 'JohnSmith',
      campaign: TEST_CAMPAIGN,
      ocs: { topic: '<tenant-id>@<place>' },
      eventTimeoutMs: 10_000,
      initPushWaitMs: 300,
      debug: (m) => notes.push(m),
    });
    const reloaded = sessionOver(again);
    extra.push(reloaded);
    await reloaded.start();
    expect(reloaded.state.connection).to.equal('online');
    expect(reloaded.state.workflow.phase).to.equal('previewing');
    expect(reloaded.state.workflow.interaction!.id).to.equal(id);
    expect(reloaded.state.workflow.agent.name).to.equal('John Smith');
    expect(notes.some((n) => n.includes('read from current-session'))).to.equal(true);
  });

  it('an initialization the server answers Failed refuses connect at once', async () => {
    fake = await Fake.start();
    await fake.cmd('fault', { initFails: true });
    // With a minute to initialize, only the Failed answer can end connect within the test's time.
    const c = await signedInConnector(fake, { initTimeoutMs: 60_000 });
    const r = await c.connect();
    expect(r).to.deep.equal({ ok: false, refusal: { reason: 'server-error', detail: 'the workspace initialization failed' } });
    expect(c.connectionState).to.equal('offline');
  });

  it('a reload during wrap-up rebuilds wrap-up from the released call still in current-session', async () => {
    await setUp();
    const id = await previewing(fake, session);
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    await expectOk(session.dispatch({ type: 'disconnect' }));
    session.dispose();
    const again = new GenesysConnector({
      baseUrl: fake.base,
      agentId: 'JohnSmith',
      campaign: TEST_CAMPAIGN,
      ocs: { topic: '<tenant-id>@<place>' },
      debug: () => undefined,
    });
    const reloaded = sessionOver(again);
    extra.push(reloaded);
    await reloaded.start();
    expect(reloaded.state.workflow.phase).to.equal('after-call');
    expect(reloaded.state.workflow.interaction!.id).to.equal(id);
    await expectOk(reloaded.dispatch({ type: 'set-disposition', code: 'SALE' }));
    await expectOk(reloaded.dispatch({ type: 'mark-done' }));
    await phaseIs(reloaded, 'done');
    expect((await fake.state()).calls).to.have.length(0);
  });

  it('a reload while ringing rebuilds the ringing preview; without a session cookie connect is refused', async () => {
    await setUp();
    const id = await ringing(fake, session);
    session.dispose();
    const again = new GenesysConnector({ baseUrl: fake.base, agentId: 'JohnSmith', campaign: TEST_CAMPAIGN, eventTimeoutMs: 10_000, debug: () => undefined });
    const reloaded = sessionOver(again);
    extra.push(reloaded);
    await reloaded.start();
    expect(reloaded.state.workflow.phase).to.equal('ringing');
    expect(reloaded.state.workflow.interaction!.id).to.equal(id);

    // Another server knows nothing of this page: no cookie, no workspace.
    const other = await Fake.start();
    try {
      const stranger = new GenesysConnector({ baseUrl: other.base, agentId: 'JohnSmith', initTimeoutMs: 800, debug: () => undefined });
      const r = await stranger.connect();
      expect(r.ok).to.equal(false);
      await stranger.disconnect();
    } finally {
      await other.stop();
    }
  });

  it('connects where a strict CSP forbids CometD’s blob worker (page timers instead)', async () => {
    await setUp();
    const real = window.Worker;
    window.Worker = class {
      constructor() {
        throw new DOMException('blocked by worker-src', 'SecurityError');
      }
    } as unknown as typeof Worker;
    try {
      await ringing(fake, session);
    } finally {
      window.Worker = real;
    }
    await expectOk(session.dispatch({ type: 'accept' }));
    expect(session.state.workflow.phase).to.equal('previewing');
  });

  it('malformed messages are reported and never applied; unknown ones are ignored with a debug note', async () => {
    fake = await Fake.start();
    const notes: string[] = [];
    connector = await signedInConnector(fake, {
      debug: (m) => {
        notes.push(m);
        wake();
      },
    });
    session = sessionOver(connector);
    const problems: ProtocolProblem[] = [];
    connector.problems$.subscribe((p) => problems.push(p));
    const id = await previewing(fake, session);
    const before = session.state.workflow;

    const bad = [
      {
        channel: '/workspace/v3/media/outboundpreview',
        data: { messageType: 'InteractionStateChanged', interaction: { state: 'Completed', mediatype: 'outboundpreview' } },
      },
      {
        channel: '/workspace/v3/media/outboundpreview',
        data: { messageType: 'InteractionStateChanged', interaction: { id, state: 'Completed', userData: 42 } },
      },
      { channel: '/workspace/v3/voice', data: { messageType: 'CallStateChanged', call: { id: 'x', state: 'Established', participants: 'everyone' } } },
      { channel: '/workspace/v3/media', data: { messageType: 'ChannelStateChanged', media: { channels: 'Ready' } } },
      { channel: '/workspace/v3/media/topics', data: { messageType: 'EventUserEvent', eventContent: [{ value: 'no key' }] } },
      { channel: '/workspace/v3/voice', data: 'not an object' },
      // A new preview for the same desk without a number to dial: not trusted either.
      {
        channel: '/workspace/v3/media/outboundpreview',
        data: {
          messageType: 'InteractionStateChanged',
          interaction: { id: 'zzz', state: 'Invited', userData: [{ key: 'GSW_RECORD_HANDLE', type: 'int', value: 5 }] },
        },
      },
    ];
    for (const b of bad) await fake.cmd('inject', b);
    await fake.cmd('inject', { channel: '/workspace/v3/voice', data: { messageType: 'FancyNewNotification', whatever: true } });
    await until(
      () => problems.length >= bad.length,
      'the problems',
      3000,
      () => problems.map((p) => p.message),
    );
    await until(() => notes.some((n) => n.includes('FancyNewNotification')), 'the debug note');
    expect(problems.every((p) => p.kind === 'malformed')).to.equal(true);
    expect(problems.map((p) => p.message).join('\n')).to.match(/interaction\.id/);
    expect(session.state.problem?.kind).to.equal('malformed');
    expect(session.state.workflow.phase).to.equal(before.phase);
    expect(session.state.workflow.interaction).to.deep.equal(before.interaction);
    // Still working afterwards.
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
  });

  it('duplicated and reordered notifications, events before or after the HTTP answer, leave the state right', async () => {
    await setUp();
    await fake.cmd('fault', { duplicate: true, reorder: true });
    await previewing(fake, session);
    const seen: number[] = [];
    connector.messages$.subscribe((m) => seen.push(m.seq));
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    await expectOk(session.dispatch({ type: 'hold' }));
    await expectOk(session.dispatch({ type: 'retrieve' }));
    await fake.cmd('fault', { eventsAfterResponse: true });
    await expectOk(session.dispatch({ type: 'hold' }));
    expect(session.state.workflow.call!.held).to.equal(true);
    await expectOk(session.dispatch({ type: 'disconnect' }));
    await new Promise((r) => setTimeout(r, 150)); // let late copies arrive
    expect(session.state.workflow.phase).to.equal('after-call');
    // seq grows by exactly one per message: every duplicate was dropped before numbering.
    expect(seen).to.deep.equal(seen.map((_, i) => seen[0]! + i));
    expect(session.state.problem).to.equal(null);
  });

  it('reads user data given as a flat object, and sends an API key on REST and CometD', async () => {
    fake = await Fake.start({ apiKey: 'k-123' });
    connector = await signedInConnector(fake, { apiKey: 'k-123' });
    session = sessionOver(connector);
    await ringing(fake, session, { shape: 'object', fields: { CustomerName: 'Carter', Balance: '120' } });
    const record = session.state.workflow.interaction!.chain.records[0]!;
    expect(record.fields).to.deep.include({ CustomerName: 'Carter', Balance: '120' });
    expect(record.phone).to.equal('+81312345678');
    await expectOk(session.dispatch({ type: 'accept' }));
    expect(session.state.workflow.phase).to.equal('previewing');

    // Without the key the server turns the connector away.
    const { code } = await fake.cmd<{ code: string }>('sign-in');
    const keyless = new GenesysConnector({
      baseUrl: fake.base,
      auth: { kind: 'code', code, redirectUri: location.href },
      initTimeoutMs: 800,
      debug: () => undefined,
    });
    const r = await keyless.connect();
    expect(r.ok).to.equal(false);
    await keyless.disconnect();
  });
});
