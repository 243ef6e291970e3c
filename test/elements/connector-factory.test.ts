// `connectorFactory` (issue 17): the elements make their connector with the page's factory, called
// with the agent id — in the tab holding the connection where tabs share (scripts/tabs.mjs shows
// three tabs and a handover), once in a tab of its own otherwise. A value that is not a function
// is refused as a bad `connector` is: a console error, the session kept; a factory that throws or
// gives something else says so on the console and never throws into the page.
import { expect } from '@open-wc/testing';
import '../../src/define/all.js';
import { SimulatedConnector } from '../../src/connectors/simulated/connector.js';
import type { Connector } from '../../src/connectors/port.js';
import type { PushPreviewPanel } from '../../src/elements/panel/push-preview-panel.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { allSaid } from '../../src/elements/internal/say.js';
import { watching } from '../fixtures/console-watch.js';
import { until } from '../fixtures/wait.js';

/** A factory that records the agent ids it was called with. */
function counting(): { calls: string[]; made: SimulatedConnector[]; factory: (agentId: string) => Promise<Connector> } {
  const calls: string[] = [];
  const made: SimulatedConnector[] = [];
  return {
    calls,
    made,
    factory: (agentId) => {
      calls.push(agentId);
      const c = new SimulatedConnector({ agentId });
      made.push(c);
      return Promise.resolve(c);
    },
  };
}

/** An element made from script with `setup`, appended (removed after the test). A unique agent id: no other test page joins. */
function scripted<T extends PushPreviewSession | PushPreviewPanel>(tag: 'push-preview-session' | 'push-preview-panel', setup: (el: T) => void): T {
  const el = document.createElement(tag) as T;
  el.noPersist = true;
  el.agentId = `agent-f-${Math.random().toString(36).slice(2, 10)}`;
  setup(el);
  document.body.append(el);
  after(() => el.remove());
  return el;
}

describe('connectorFactory', () => {
  for (const tag of ['push-preview-session', 'push-preview-panel'] as const) {
    it(`<${tag} no-shared-tabs>: called once, with the agent id; its connector runs the session, no simulated badge`, async () => {
      const f = counting();
      const el = scripted(tag, (e) => ((e.noSharedTabs = true), (e.connectorFactory = f.factory)));
      const session = await el.ready();
      expect(f.calls).to.deep.equal([el.agentId]);
      expect(session.connector).to.equal(f.made[0]);
      await el.updateComplete;
      expect(el.shadowRoot?.querySelector('[part~="simulated-badge"]') ?? null).to.equal(null);
    });

    it(`<${tag}> sharing tabs: called once in the tab that leads`, async () => {
      const f = counting();
      const el = scripted(tag, (e) => (e.connectorFactory = f.factory));
      const session = await el.ready();
      await until(() => session.connector, 'the leader’s connector');
      expect(session.sharedTabs, 'a shared session').to.equal(true);
      expect(f.calls).to.deep.equal([el.agentId]);
      expect(session.connector).to.equal(f.made[0]);
    });
  }

  it('a new factory makes a new session with its connector; the old factory is not called again', async () => {
    const [f, g] = [counting(), counting()];
    const el = scripted<PushPreviewSession>('push-preview-session', (e) => ((e.noSharedTabs = true), (e.connectorFactory = f.factory)));
    const first = await el.ready();
    el.connectorFactory = g.factory;
    const next = await until(() => (el.session !== first ? el.session : null), 'the next session');
    await next.start();
    expect(next.connector).to.equal(g.made[0]);
    expect([f.calls.length, g.calls.length]).to.deep.equal([1, 1]);
  });

  it('`connector` wins over a factory (and the factory is not called)', async () => {
    const f = counting();
    const own = new SimulatedConnector({ agentId: 'agent-own' });
    const el = scripted<PushPreviewSession>('push-preview-session', (e) => ((e.connector = own), (e.connectorFactory = f.factory)));
    const session = await el.ready();
    expect(session.connector).to.equal(own);
    expect(f.calls).to.deep.equal([]);
  });

  const junk: [string, unknown, string][] = [
    ['a string', 'createGenesysConnector', 'the string "createGenesysConnector"'],
    ['a connector (not a factory)', new SimulatedConnector({ agentId: 'x' }), 'an object'],
    ['null', null, 'null'],
  ];
  for (const [what, value, said] of junk) {
    it(`${what} on a running factory session: refused with a console error, the session and the factory kept`, async () => {
      await watching(async (seen) => {
        const f = counting();
        const el = scripted<PushPreviewPanel>('push-preview-panel', (e) => ((e.noSharedTabs = true), (e.connectorFactory = f.factory)));
        const session = await el.ready();
        el.connectorFactory = value as PushPreviewPanel['connectorFactory'];
        await el.updateComplete;
        await el.updateComplete;
        expect(el.connectorFactory).to.equal(f.factory);
        expect(el.session).to.equal(session);
        expect(f.calls).to.have.length(1);
        await allSaid();
        expect(seen.errors).to.have.length(1);
        expect(seen.errors[0]).to.contain('<push-preview-panel>.connectorFactory');
        expect(seen.errors[0]).to.contain(said);
        expect(seen.errors[0]).to.contain('must be a function (agentId) => Connector');
        expect(seen.uncaught).to.deep.equal([]);
      });
    });
  }

  it('a factory that gives no connector, or throws: a console error, no uncaught error', async () => {
    await watching(async (seen) => {
      const bad = scripted<PushPreviewSession>('push-preview-session', (e) => {
        e.noSharedTabs = true;
        e.connectorFactory = () => ({ send: 'no' }) as unknown as Connector;
      });
      const throwing = scripted<PushPreviewSession>('push-preview-session', (e) => {
        e.connectorFactory = () => {
          throw new Error('no token');
        };
      });
      await until(() => seen.errors.length >= 2, 'two console errors');
      expect(seen.errors.some((e) => e.includes('`connectorFactory` returned something that is not a connector'))).to.equal(true);
      expect(seen.errors.some((e) => e.includes('`connectorFactory` threw'))).to.equal(true);
      expect(bad.session).to.equal(undefined);
      expect(throwing.session?.connector).to.equal(undefined);
      expect(seen.uncaught).to.deep.equal([]);
    });
  });
});
