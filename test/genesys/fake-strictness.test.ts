/**
 * The fake Workspace API is stricter than the simulator, as a real server is: each strictness
 * here has a careless client that fails it, and the connector that passes it.
 */
import { expect } from '@open-wc/testing';
import { CometD, type Message } from 'cometd';
import { GENESYS_CHANNELS, type GenesysConnector } from '../../src/connectors/genesys/index.js';
import type { Session } from '../../src/session/session.js';
import { Fake, expectOk, phaseIs, ringing, sessionOver, signedInConnector, until } from './helpers.js';

/** A bare CometD client, as a careless integration would write one. */
function bareCometd(fake: Fake): CometD {
  const c = new CometD();
  c.unregisterTransport('websocket');
  c.unregisterTransport('callback-polling');
  c.configure({ url: `${fake.base}/workspace/v3/notifications`, logLevel: 'warn', useWorkerScheduler: false });
  return c;
}

async function initializeWorkspace(fake: Fake, code: string): Promise<number> {
  const r = await fetch(`${fake.base}/workspace/v3/initialize-workspace?code=${code}&redirect_uri=${encodeURIComponent(location.href)}`, {
    method: 'POST',
    credentials: 'include',
  });
  return r.status;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Genesys fake server: stricter than the simulator', () => {
  let fake: Fake;
  let connector: GenesysConnector | undefined;
  let session: Session | undefined;
  const clients: CometD[] = [];

  afterEach(async () => {
    session?.dispose();
    session = undefined;
    connector = undefined;
    for (const c of clients.splice(0)) if (!c.isDisconnected()) c.disconnect();
    await fake?.stop();
  });

  it('delivers only on subscribed channels: a client with listeners and no subscription gets no preview', async () => {
    fake = await Fake.start();
    const { code } = await fake.cmd<{ code: string }>('sign-in');
    expect(await initializeWorkspace(fake, code)).to.equal(200);
    const careless = bareCometd(fake);
    clients.push(careless);
    const got: string[] = [];
    for (const ch of GENESYS_CHANNELS) careless.addListener(ch, (m: Message) => got.push(m.channel));
    let connected = false;
    careless.addListener('/meta/connect', (m: Message) => (connected ||= Boolean(m.successful)));
    careless.handshake();
    await until(() => connected, 'the careless client connected');
    await fake.cmd('push-preview');
    await pause(400);
    expect(got, 'nothing reaches a client that never subscribed').to.deep.equal([]);
    const wire = (await fake.state()).wire;
    expect(wire.filter((w) => w.channel === '/meta/subscribe')).to.deep.equal([]);

    // The same client subscribing gets the next one (its listeners gone: they count as subscriptions).
    careless.clearListeners();
    careless.subscribe('/workspace/v3/media/outboundpreview', (m: Message) => got.push(m.channel));
    for (let i = 0; i < 50 && (await fake.state()).subscribers['/workspace/v3/media/outboundpreview'] !== 1; i++) await pause(40);
    await fake.cmd('push-preview');
    await until(() => got.length > 0, 'the preview on the subscribed channel');
    expect(got).to.include('/workspace/v3/media/outboundpreview');
  });

  it('the connector sends one /meta/subscribe per channel after each handshake, re-handshakes included', async () => {
    fake = await Fake.start();
    connector = await signedInConnector(fake);
    session = sessionOver(connector);
    await ringing(fake, session);
    await fake.cmd('drop-connection', { downMs: 300 });
    await until(() => session!.state.connection === 'reconnecting', 'the session to notice');
    await until(() => session!.state.connection === 'online', 'the reconnect');
    const wire = (await fake.state()).wire;
    const handshakes = wire.filter((w) => w.channel === '/meta/handshake').map((w) => w.session);
    expect(handshakes.length).to.be.greaterThan(1);
    for (const id of handshakes) {
      const subscriptions = wire.filter((w) => w.session === id && w.channel === '/meta/subscribe').map((w) => w.subscription);
      expect(subscriptions, `session ${id}`).to.have.members([...GENESYS_CHANNELS]);
    }
    // …and it works on after the re-handshake: the preview still rings, a new one arrives.
    await expectOk(session.dispatch({ type: 'reject' }));
    await expectOk(session.dispatch({ type: 'dismiss' }));
    await fake.cmd('push-preview');
    await phaseIs(session, 'ringing');
  });

  it('answers a handshake without the session cookie with /meta/disconnect and no initialization', async () => {
    fake = await Fake.start();
    const careless = bareCometd(fake);
    clients.push(careless);
    const init: unknown[] = [];
    let disconnected = false;
    careless.addListener('/meta/disconnect', () => (disconnected = true));
    careless.addListener('/meta/handshake', (m: Message) => {
      if (m.successful) careless.subscribe('/workspace/v3/initialization', (x: Message) => init.push(x.data));
    });
    careless.handshake();
    await until(() => disconnected, 'the /meta/disconnect');
    await pause(200);
    expect(init).to.deep.equal([]);
    expect((await fake.state()).wire.some((w) => w.refused)).to.equal(true);
  });

  it('takes an authorization code once: a second initialize-workspace with it is refused', async () => {
    fake = await Fake.start();
    const { code } = await fake.cmd<{ code: string }>('sign-in');
    expect(await initializeWorkspace(fake, code)).to.equal(200);
    expect(await initializeWorkspace(fake, code)).to.equal(403);
  });

  it('answers a topic it does not route with 501', async () => {
    fake = await Fake.start();
    const { code } = await fake.cmd<{ code: string }>('sign-in');
    await initializeWorkspace(fake, code);
    const publish = (topic: string) =>
      fetch(`${fake.base}/workspace/v3/media/topics/${encodeURIComponent(topic)}/publish`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ data: { eventContent: [{ key: 'GSW_AGENT_REQ_TYPE', type: 'str', value: 'RecordProcessed' }] } }),
      }).then((r) => r.status);
    expect(await publish('1@Place_JohnSmith')).to.equal(501);
    expect(await publish('<tenant-id>@<place>')).to.equal(200);
  });
});
