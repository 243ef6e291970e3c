/**
 * Sign-in, reload and leaving the page: a reused authorization code, a normal sign-in without
 * refused requests, and a CometD disconnect when the page goes away.
 */
import { expect } from '@open-wc/testing';
import { GenesysConnector, readAuthCode } from '../../src/connectors/genesys/index.js';
import type { Session } from '../../src/session/session.js';
import { Fake, TEST_CAMPAIGN, expectOk, phaseIs, previewing, sessionOver, signedInConnector, until } from './helpers.js';

describe('Genesys connector: sign-in and reload', () => {
  let fake: Fake;
  const sessions: Session[] = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    await fake?.stop();
  });

  it('a reload that re-sends the used authorization code still resumes the live call on the session cookie', async () => {
    fake = await Fake.start();
    const { code } = await fake.cmd<{ code: string }>('sign-in');
    const page = (c: string) =>
      new GenesysConnector({
        baseUrl: fake.base,
        auth: { kind: 'code', code: c, redirectUri: location.href },
        agentId: 'JohnSmith',
        campaign: TEST_CAMPAIGN,
        ocs: { topic: '<tenant-id>@<place>' },
        eventTimeoutMs: 10_000,
        debug: () => undefined,
      });
    const first = sessionOver(page(code));
    sessions.push(first);
    const id = await previewing(fake, first);
    await expectOk(first.dispatch({ type: 'connect' }));
    await phaseIs(first, 'connected');
    first.dispose();

    // The page reloads with ?code= still in its URL: the server refuses the code (single-use)…
    const again = sessionOver(page(code));
    sessions.push(again);
    await again.start();
    const init = (await fake.http()).filter((h) => h.path === '/initialize-workspace');
    expect(init).to.have.length(2);
    // …and the desk comes back on the session it has.
    expect(again.state.connection).to.equal('online');
    expect(again.state.workflow.phase).to.equal('connected');
    expect(again.state.workflow.interaction!.id).to.equal(id);
    await expectOk(again.dispatch({ type: 'disconnect' }));
    expect(again.state.workflow.phase).to.equal('after-call');
  });

  it('the page and the session connecting at once share one sign-in and one CometD session', async () => {
    fake = await Fake.start();
    const connector = await signedInConnector(fake);
    const session = sessionOver(connector);
    sessions.push(session);
    const [byPage] = await Promise.all([connector.connect(), session.start()]);
    expect(byPage.ok).to.equal(true);
    expect(session.state.connection).to.equal('online');
    const s = await fake.state();
    expect(s.log.filter((h) => h.kind === 'http' && h.path === '/initialize-workspace')).to.have.length(1);
    expect(s.wire.filter((w) => w.channel === '/meta/handshake')).to.have.length(1);
  });

  it('the documented page pattern takes the code out of the URL, so a reload resumes on the session', async () => {
    fake = await Fake.start();
    const { code } = await fake.cmd<{ code: string }>('sign-in');
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?code=${code}`);
    try {
      // The page pattern from the README.
      const found = readAuthCode(location.href);
      if (found) history.replaceState(null, '', location.pathname + location.hash);
      expect(found).to.equal(code);
      expect(readAuthCode(location.href)).to.equal(null);
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('a normal sign-in asks for current-session once the session is set up: no refused request, no console error', async () => {
    // The simulator refuses current-session with 403 until it has sent the channel states (§12.10).
    fake = await Fake.start({ readyDelayMs: 500 });
    const connector = await signedInConnector(fake);
    const session = sessionOver(connector);
    sessions.push(session);
    await session.start();
    expect(session.state.connection).to.equal('online');
    await expectOk(session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] }));
    await expectOk(session.dispatch({ type: 'ready' }));
    expect((await fake.state()).notReadyRefusals).to.equal(0);
  });

  it('says /meta/disconnect when the page goes away, so the server does not see two clients after a reload', async () => {
    fake = await Fake.start();
    const connector = await signedInConnector(fake);
    const session = sessionOver(connector);
    sessions.push(session);
    await session.start();
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    let wire = (await fake.state()).wire;
    for (let i = 0; i < 50 && !wire.some((w) => w.client && w.channel === '/meta/disconnect'); i++) {
      await new Promise((r) => setTimeout(r, 40));
      wire = (await fake.state()).wire;
    }
    expect(wire.some((w) => w.client && w.channel === '/meta/disconnect')).to.equal(true);
    await until(() => (session.state.connection as string) !== 'online', 'the connector to know it left');
  });
});
