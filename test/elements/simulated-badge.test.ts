// No silent fake server (issue 15): an element that makes its own session without a `connector`
// runs on the simulated server but says so — a translated "Simulated server" badge and one
// console warning per page — unless the page opts in (`simulated`, or a SimulatedConnector).
// A connector that is not one, from script or from markup, is refused with a console error
// and the session goes on.
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import { SimulatedConnector } from '../../src/connectors/simulated/connector.js';
import { resetSimulatedWarning } from '../../src/elements/internal/simulated.js';
import type { PushPreviewPanel } from '../../src/elements/panel/push-preview-panel.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import type { DeskSession as Session } from '../../src/session/session.js';
import { loadLocale } from '../../src/i18n/index.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { allSaid } from '../../src/elements/internal/say.js';
import { watching } from '../fixtures/console-watch.js';
import { until } from '../fixtures/wait.js';

const badgeOf = (el: Element) => el.shadowRoot?.querySelector<HTMLElement>('[part~="simulated-badge"]') ?? null;

/** The session is usable: it reaches logged-in-not-ready after a login. */
async function usable(session: Session): Promise<void> {
  await session.start();
  if (session.state.workflow.phase === 'logged-out') {
    const r = await session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] });
    expect(r.ok, JSON.stringify(r)).to.equal(true);
    await until(() => session.state.workflow.phase === 'not-ready', 'not-ready after the login');
  }
}

/** A session element made from script, appended to the page (removed after the test). */
function scripted(setup: (el: PushPreviewSession) => void): PushPreviewSession {
  const el = document.createElement('push-preview-session');
  el.noPersist = true;
  // its own session: a test page's tabs share nothing with the runner's other pages
  el.noSharedTabs = true;
  setup(el);
  document.body.append(el);
  after(() => el.remove());
  return el;
}

describe('no silent fake server: the "Simulated server" badge', () => {
  beforeEach(() => resetSimulatedWarning());

  it('without a connector: a badge with a name screen readers read, and ONE warning for the page', async () => {
    await watching(async (seen) => {
      const a = await fixture<PushPreviewSession>(html`<push-preview-session no-persist></push-preview-session>`);
      const b = await fixture<PushPreviewPanel>(html`<push-preview-panel no-persist no-shared-tabs></push-preview-panel>`);
      await usable(await a.ready());
      await usable(await b.ready());
      const badge = await until(() => badgeOf(a), 'the session’s badge');
      await until(() => badgeOf(b), 'the panel’s badge');
      expect(badge.getAttribute('role')).to.equal('note');
      expect(badge.getAttribute('aria-label')).to.equal('Simulated server');
      expect(badge.textContent?.trim()).to.equal('Simulated server');
      expect(badge.getBoundingClientRect().height).to.be.greaterThan(0);
      await allSaid();
      expect(seen.warns.filter((w) => w.includes('simulated'))).to.have.length(1);
      expect(seen.warns[0]).to.contain('`simulated`');
      expect(seen.warns[0]).to.contain('connector');
    });
  });

  it('is translated (ja)', async () => {
    await loadLocale('ja');
    await watching(async () => {
      const el = await fixture<PushPreviewSession>(html`<push-preview-session lang="ja" no-persist></push-preview-session>`);
      await el.ready();
      const badge = await until(() => badgeOf(el), 'the badge');
      expect(badge.textContent?.trim()).to.equal('シミュレーションサーバー');
      expect(badge.getAttribute('aria-label')).to.equal('シミュレーションサーバー');
    });
  });

  it('not with the `simulated` opt-in (attribute or property), and no warning', async () => {
    await watching(async (seen) => {
      const a = await fixture<PushPreviewSession>(html`<push-preview-session simulated no-persist></push-preview-session>`);
      const b = await fixture<PushPreviewPanel>(html`<push-preview-panel simulated no-persist no-shared-tabs></push-preview-panel>`);
      const c = scripted((el) => (el.simulated = true));
      for (const el of [a, b, c]) {
        await usable(await el.ready());
        await el.updateComplete;
        expect(badgeOf(el), el.localName).to.equal(null);
      }
      await allSaid();
      expect(seen.warns).to.deep.equal([]);
    });
  });

  it('not with a SimulatedConnector or another real connector, and no warning', async () => {
    await watching(async (seen) => {
      const sim = new SimulatedConnector({ agentId: 'agent-1' });
      const a = await fixture<PushPreviewSession>(html`<push-preview-session no-persist .connector=${sim}></push-preview-session>`);
      const fx = new FixtureConnector(reach('not-ready', { at: Date.now() }));
      const b = await fixture<PushPreviewPanel>(html`<push-preview-panel no-persist .connector=${fx}></push-preview-panel>`);
      for (const el of [a, b]) {
        await usable(await el.ready());
        await el.updateComplete;
        expect(badgeOf(el), el.localName).to.equal(null);
      }
      await allSaid();
      expect(seen.warns).to.deep.equal([]);
    });
  });

  it('goes when a real connector replaces the default; a panel inside a session shows none of its own', async () => {
    await watching(async () => {
      const el = await fixture<PushPreviewSession>(html`<push-preview-session no-persist><push-preview-panel></push-preview-panel></push-preview-session>`);
      await el.ready();
      await until(() => badgeOf(el), 'the badge');
      const panel = el.querySelector('push-preview-panel')!;
      await panel.updateComplete;
      expect(badgeOf(panel)).to.equal(null);
      el.connector = new FixtureConnector(reach('not-ready', { at: Date.now() }));
      await until(() => el.session?.connector === el.connector && !badgeOf(el), 'the new session, with no badge');
    });
  });
});

describe('a connector that is not one', () => {
  beforeEach(() => resetSimulatedWarning());
  const junk: [string, unknown, string][] = [
    ['a string', 'foo', 'the string "foo"'],
    ['a number', 42, 'the number 42'],
    ['a plain object', { send: 'nope' }, 'an object'],
    ['null', null, 'null'],
  ];

  for (const [what, value, said] of junk) {
    it(`${what} set from script before the element is on the page: refused, the session runs, no uncaught error`, async () => {
      await watching(async (seen) => {
        const el = scripted((e) => (e.connector = value as PushPreviewSession['connector']));
        const session = await el.ready();
        await usable(session);
        expect(session.connector).to.be.instanceOf(SimulatedConnector);
        expect(el.connector).to.equal(undefined);
        expect(seen.uncaught).to.deep.equal([]);
        await allSaid();
        expect(seen.errors).to.have.length(1);
        expect(seen.errors[0]).to.contain('<push-preview-session>.connector');
        expect(seen.errors[0]).to.contain(said);
        expect(seen.errors[0]).to.contain('`connector` must implement the Connector port');
      });
    });

    it(`${what} set from script on a running session: refused, the session and the connector kept`, async () => {
      await watching(async (seen) => {
        const fx = new FixtureConnector(reach('previewing', { at: Date.now() }));
        const el = await fixture<PushPreviewPanel>(html`<push-preview-panel no-persist .connector=${fx}></push-preview-panel>`);
        const session = await el.ready();
        el.connector = value as PushPreviewPanel['connector'];
        await el.updateComplete;
        expect(el.session).to.equal(session);
        expect(el.connector).to.equal(fx);
        expect(session.state.workflow.phase).to.equal('previewing');
        await allSaid();
        expect(seen.errors).to.have.length(1);
        expect(seen.errors[0]).to.contain('<push-preview-panel>.connector');
        expect(seen.errors[0]).to.contain(said);
        expect(seen.uncaught).to.deep.equal([]);
        // and a real connector set afterwards is taken
        const next = new FixtureConnector(reach('not-ready', { at: Date.now() }));
        el.connector = next;
        await until(() => el.session?.connector === next, 'the next connector’s session');
      });
    });
  }

  it('from markup (connector="foo") before connection: refused, the page is told to set the property; the session runs', async () => {
    await watching(async (seen) => {
      const el = await fixture<PushPreviewSession>(html`<push-preview-session simulated no-persist connector="foo"></push-preview-session>`);
      await usable(await el.ready());
      await allSaid();
      expect(seen.errors).to.have.length(1);
      expect(seen.errors[0]).to.contain('<push-preview-session connector="foo">');
      expect(seen.errors[0]).to.contain('property');
      expect(seen.uncaught).to.deep.equal([]);
    });
  });

  it('from markup after connection (setAttribute): refused, the session kept and usable', async () => {
    await watching(async (seen) => {
      const sim = new SimulatedConnector({ agentId: 'agent-1' });
      const el = await fixture<PushPreviewPanel>(html`<push-preview-panel no-persist .connector=${sim}></push-preview-panel>`);
      const session = await el.ready();
      el.setAttribute('connector', 'genesys');
      await el.updateComplete;
      expect(el.session).to.equal(session);
      expect(el.connector).to.equal(sim);
      await usable(session);
      await allSaid();
      expect(seen.errors).to.have.length(1);
      expect(seen.errors[0]).to.contain('<push-preview-panel connector="genesys">');
      expect(seen.uncaught).to.deep.equal([]);
    });
  });
});
