/**
 * What comes from the server is never trusted raw: error pages, ids used in paths, user data
 * nested without end; and the record's name and number as the agent sees them.
 */
import { expect } from '@open-wc/testing';
import type { GenesysConnector } from '../../src/connectors/genesys/index.js';
import type { ProtocolProblem } from '../../src/connectors/port.js';
import type { Session } from '../../src/session/session.js';
import { Fake, expectOk, phaseIs, previewing, ringing, sessionOver, signedInConnector, until, type TestOptions } from './helpers.js';

const preview = (id: string, userData: unknown) => ({
  channel: '/workspace/v3/media/outboundpreview',
  data: {
    messageType: 'InteractionStateChanged',
    notificationType: 'StatusChange',
    interaction: { id, state: 'Invited', mediatype: 'outboundpreview', capabilities: ['accept', 'reject'], userData },
  },
});
const record = [
  { key: 'GSW_PHONE', type: 'str', value: '+81312345678' },
  { key: 'GSW_RECORD_HANDLE', type: 'int', value: 77 },
];

describe('Genesys connector: boundaries', () => {
  let fake: Fake;
  let connector: GenesysConnector;
  let session: Session;
  let problems: ProtocolProblem[];
  let notes: [string, unknown][];

  async function setUp(opts: TestOptions = {}) {
    fake = await Fake.start();
    notes = [];
    connector = await signedInConnector(fake, { debug: (m, d) => notes.push([m, d]), ...opts });
    problems = [];
    connector.problems$.subscribe((p) => problems.push(p));
    session = sessionOver(connector);
  }

  afterEach(async () => {
    session?.dispose();
    await fake?.stop();
  });

  it('a server’s HTML error page never reaches the agent or the page’s events: the status only, the body at debug level', async () => {
    await setUp();
    await previewing(fake, session);
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    const refusals: unknown[] = [];
    const sub = session.notices$.subscribe((n) => refusals.push(n));
    await fake.cmd('fault', { htmlError: ['single-step-conference'] });
    const r = await session.dispatch({ type: 'conference', targetId: '+33298025011' });
    sub.unsubscribe();
    expect(r.ok).to.equal(false);
    expect(session.state.refusal).to.deep.include({ reason: 'server-error', detail: 'HTTP 500' });
    expect(JSON.stringify(refusals)).not.to.match(/DOCTYPE|TypeError|\/opt\/gws/);
    // The whole body is for whoever debugs.
    expect(notes.some(([m, d]) => m.includes('HTTP 500') && String(d).includes('Cannot read properties'))).to.equal(true);
    expect(session.state.workflow.phase).to.equal('connected');
  });

  it('an interaction id that would leave its REST path (..) is refused as malformed and never offered', async () => {
    await setUp();
    await ringing(fake, session);
    await expectOk(session.dispatch({ type: 'reject' }));
    await expectOk(session.dispatch({ type: 'dismiss' }));
    await fake.cmd('inject', preview('..', record));
    await until(() => problems.some((p) => /interaction\.id/.test(p.message)), 'the malformed id');
    expect(session.state.workflow.interaction).to.equal(null);
    expect(session.state.workflow.phase).to.equal('ready');
  });

  it('user data nested 20,000 levels deep is a clear problem, never an exception out of the message handler', async () => {
    await setUp();
    await ringing(fake, session);
    let deep: unknown = [{ key: 'leaf', type: 'str', value: 'x' }];
    for (let i = 0; i < 20_000; i++) deep = [{ key: 'k', type: 'kvlist', value: deep }];
    // Straight into the CometD message handler (no JSON on the way: Node cannot stringify it either).
    const handler = (connector as unknown as { inbound: { message(channel: string, data: unknown): void } }).inbound;
    expect(() =>
      handler.message('/workspace/v3/media/outboundpreview', preview('deep', [...record, { key: 'nested', type: 'kvlist', value: deep }]).data),
    ).not.to.throw();
    expect(problems.at(-1)?.message).to.match(/nested deeper than 32 levels/);
    expect(session.state.workflow.interaction!.id).not.to.equal('deep');
    await expectOk(session.dispatch({ type: 'accept' })); // still working
  });

  it('the preview heading’s name is a configurable record field', async () => {
    await setUp({ nameField: 'CustomerName' });
    await ringing(fake, session);
    const r = session.state.workflow.interaction!.chain.records[0]!;
    expect(r.fields.name).to.equal('Yamada Taro');
    expect(r.fields).not.to.have.property('CustomerName');
    await expectOk(session.dispatch({ type: 'accept' }));
    await expectOk(session.dispatch({ type: 'update-record', handle: r.handle, fields: { name: 'Yamada Hanako' } }));
    expect((await fake.ocs()).find((o) => o.type === 'UpdateCallCompletionStats')!.data.CustomerName).to.equal('Yamada Hanako');
  });

  it('one number check: a pushed number without a country code is read in the default region by the tab and by Connect alike', async () => {
    await setUp({ defaultCountry: 'JP' });
    await previewing(fake, session, { phone: '03-1234-5678' });
    expect(session.state.workflow.interaction!.chain.records[0]!.country).to.equal('JP');
    await expectOk(session.dispatch({ type: 'connect' }));
    await phaseIs(session, 'connected');
    session.dispose();
    await fake.stop();

    // Read in the wrong region it is not valid: the tab says so and Connect does not dial it.
    await setUp();
    await previewing(fake, session, { phone: '03-1234-5678' });
    const before = (await fake.http()).length;
    const r = await session.dispatch({ type: 'connect' });
    expect(r.ok).to.equal(false);
    expect(session.state.refusal?.reason).to.equal('invalid-number');
    expect((await fake.http()).slice(before).some((h) => h.path === '/voice/make-call')).to.equal(false);
  });
});
