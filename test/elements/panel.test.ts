import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../src/define/all.js';
import { SimulatedConnector } from '../../src/connectors/simulated/connector.js';
import { CallControls } from '../../src/elements/call-controls/call-controls.js';
import { define } from '../../src/elements/internal/define.js';
import { allSaid } from '../../src/elements/internal/say.js';
import type { PushPreviewPanel } from '../../src/elements/panel/push-preview-panel.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { loadLocale } from '../../src/i18n/index.js';
import { DEFAULT_CONTACTS } from '../../src/connectors/simulated/seed-data.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { ANY_HOUR_CONTACTS } from '../fixtures/any-hour.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

/** The focused element, through every shadow root. */
function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** Every element below `root`, through shadow roots. */
function deepAll(root: ParentNode, selector: string): Element[] {
  const out: Element[] = [...root.querySelectorAll(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepAll(el.shadowRoot, selector));
  return out;
}

/** Press Tab until the focused control matches, at most `max` times (none when focus is there already: issue 13). */
async function tabTo(match: (el: Element) => boolean, what: string, max = 60): Promise<Element> {
  const here = deepActive();
  if (here && match(here)) return here;
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const a = deepActive();
    if (a && match(a)) return a;
  }
  throw new Error(`Tab never reached ${what}`);
}

/** Alt+Shift+<key>, the default shortcut chord. */
async function chord(key: string): Promise<void> {
  await sendKeys({ down: 'Alt' });
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Shift' });
  await sendKeys({ up: 'Alt' });
}

const byAction = (action: string) => (el: Element) => el.getAttribute('data-action') === action && el.getAttribute('aria-disabled') === 'false';

async function panelOn(connector: SimulatedConnector, lang = 'en') {
  const panel = await fixture<PushPreviewPanel>(html`<push-preview-panel no-persist lang=${lang} .connector=${connector}></push-preview-panel>`);
  const session = await panel.ready();
  return { panel, session };
}

/** One element in a provider on a simulated server, with a preview accepted (owned). */
async function acceptedIn(tag: string, connector: SimulatedConnector) {
  const provider = await fixture<PushPreviewSession>(html`<push-preview-session no-persist .connector=${connector}></push-preview-session>`);
  provider.append(document.createElement(tag));
  const session = await provider.ready();
  await session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] });
  await session.dispatch({ type: 'ready' });
  await until(() => session.state.workflow.phase === 'ringing', 'ringing');
  await session.dispatch({ type: 'accept' });
  return { session, el: provider.querySelector(tag)! };
}

async function keyboardWorkflow(lang: 'en' | 'ja') {
  // The next preview may follow Mark Done at once: the end is read from pp-done, not from a
  // 'done' phase that lasts only until the next push.
  const connector = new SimulatedConnector({ agentId: 'agent-kb', pushDelayMs: 50, dialDelayMs: 80, contacts: ANY_HOUR_CONTACTS });
  const { panel, session } = await panelOn(connector, lang);
  const events: string[] = [];
  for (const type of ['pp-preview-offered', 'pp-accepted', 'pp-call-connected', 'pp-call-ended', 'pp-done'])
    panel.addEventListener(type, () => events.push(type));
  const phase = () => session.state.workflow.phase;
  const words =
    lang === 'ja'
      ? {
          login: 'ログイン',
          ready: '待機中',
          accept: '受け入れ',
          connect: '接続',
          hold: '保留',
          retrieve: '保留解除',
          disconnect: '切断',
          done: '完了のマーク',
        }
      : {
          login: 'Log in',
          ready: 'Ready',
          accept: 'Accept',
          connect: 'Connect',
          hold: 'Hold',
          retrieve: 'Retrieve',
          disconnect: 'Disconnect',
          done: 'Mark Done',
        };
  const label = (action: string) => (deepAll(panel.shadowRoot!, `[data-action="${action}"]`)[0]?.textContent ?? '').trim();

  document.body.focus();
  await until(() => deepAll(panel.shadowRoot!, '[data-action="login"]').some(byAction('login')), 'Log in shown');
  const login = await tabTo(byAction('login'), 'Log in');
  expect(login.textContent!.trim()).to.equal(words.login);
  await sendKeys({ press: 'Enter' });
  await until(() => phase() === 'not-ready', 'logged in');
  await until(() => deepAll(panel.shadowRoot!, '[data-action="ready"]').some(byAction('ready')), 'Ready shown');
  await tabTo(byAction('ready'), 'Ready');
  expect(label('ready')).to.equal(words.ready);
  await sendKeys({ press: 'Enter' });
  await until(() => phase() === 'ringing', 'a preview rings');
  await until(() => label('accept') === words.accept, 'Accept shown');

  await chord('KeyA'); // W-4
  await until(() => phase() === 'previewing', 'accepted');
  const chainId = session.state.workflow.interaction!.chain.chainId;
  await until(() => label('connect') === words.connect, 'Connect shown');
  await chord('KeyC'); // W-7
  await until(() => phase() === 'connected', 'connected');
  await until(() => label('hold') === words.hold, 'Hold shown');
  await chord('KeyH'); // W-19
  await until(() => session.state.workflow.call?.held === true, 'held');
  await until(() => label('retrieve') === words.retrieve, 'Retrieve shown');
  await chord('KeyH');
  await until(() => session.state.workflow.call?.held === false, 'retrieved');
  await chord('KeyD'); // W-22
  await until(() => phase() === 'after-call', 'wrap-up');

  // W-29: Mark Done is refused until a code is picked; the reason is shown and announced
  await chord('KeyM');
  await until(() => session.state.refusal?.reason === 'disposition-required', 'refused without a code');
  expect(phase()).to.equal('after-call');
  // pick a code by keyboard: Tab to the first radio, Space selects it
  await until(() => deepAll(panel.shadowRoot!, 'input[type="radio"]').length > 0, 'codes shown');
  await tabTo((el) => el instanceof HTMLInputElement && el.type === 'radio', 'a disposition code');
  await sendKeys({ press: ' ' }); // Space selects the focused radio
  await until(() => session.state.workflow.wrapup.dispositionCode !== null, 'code picked');
  await until(() => deepAll(panel.shadowRoot!, '[data-action="mark-done"]').some(byAction('mark-done')), 'Mark Done enabled');
  await tabTo(byAction('mark-done'), 'Mark Done');
  expect(label('mark-done')).to.equal(words.done);
  await sendKeys({ press: 'Enter' });
  await until(() => events.includes('pp-done'), 'pp-done');
  expect(events.slice(0, 5)).to.deep.equal(['pp-preview-offered', 'pp-accepted', 'pp-call-connected', 'pp-call-ended', 'pp-done']);
  expect(connector.server.processedRecord(chainId)?.dispositionCode).to.be.a('string');
  await expect(panel).to.be.accessible();
  session.dispose();
}

describe('<push-preview-panel>', () => {
  before(async () => {
    await loadLocale('ja');
  });

  it('the whole workflow, login to Mark Done, by keyboard only (en)', async () => {
    await keyboardWorkflow('en');
  });

  it('the whole workflow, login to Mark Done, by keyboard only (ja)', async () => {
    await keyboardWorkflow('ja');
  });

  it('every control of the connected call is reachable by Tab', async () => {
    const connector = new FixtureConnector(reach('connected', { at: Date.now() }));
    const panel = await fixture<PushPreviewPanel>(html`<push-preview-panel no-persist .connector=${connector}></push-preview-panel>`);
    await panel.ready();
    await until(() => deepAll(panel.shadowRoot!, '[data-action="disconnect"]').length === 1, 'connected controls');
    const controls = deepAll(panel.shadowRoot!, 'button, select, input, textarea').filter(
      (el) => !(el as HTMLInputElement).disabled && (el as HTMLElement).tabIndex >= 0,
    );
    // and the call timers' group, one tab stop (read on demand, issue 16)
    controls.push(...deepAll(panel.shadowRoot!, '[part~="timers"][tabindex="0"]'));
    const reached = new Set<Element>();
    document.body.focus();
    for (let i = 0; i < 80 && controls.some((c) => !reached.has(c)); i++) {
      await sendKeys({ press: 'Tab' });
      const a = deepActive();
      if (a) reached.add(a);
    }
    const missed = controls.filter((c) => !reached.has(c)).map((c) => c.getAttribute('data-action') ?? c.getAttribute('part') ?? c.outerHTML.slice(0, 60));
    expect(missed).to.deep.equal([]);
    expect(controls.filter((c) => c.matches('[part~="timers"]'))).to.have.length(1);
    expect(controls.length).to.be.greaterThan(8);
  });

  it('holds its own session when alone, and uses the provider’s when inside one', async () => {
    const alone = await fixture<PushPreviewPanel>(html`<push-preview-panel simulated no-persist no-shared-tabs></push-preview-panel>`);
    const own = await alone.ready();
    expect(own).to.exist;
    const connector = new SimulatedConnector({ agentId: 'agent-x' });
    const provider = await fixture<PushPreviewSession>(
      html`<push-preview-session no-persist .connector=${connector}><push-preview-panel></push-preview-panel></push-preview-session>`,
    );
    const shared = await provider.ready();
    const inner = provider.querySelector('push-preview-panel')!;
    await inner.updateComplete;
    expect(inner.session).to.equal(shared);
  });

  it('renders untrusted contact data as text, never markup', async () => {
    (window as unknown as { __pwned?: number }).__pwned = 0;
    const state = reach('previewing', { at: Date.now(), chainIndex: 6 });
    const evil = '<img src=x onerror="window.__pwned=1">';
    const chain = state.interaction!.chain;
    const hostile = {
      ...state,
      interaction: {
        ...state.interaction!,
        chain: { ...chain, records: chain.records.map((r) => ({ ...r, fields: { ...r.fields, name: evil, custom: '<script>window.__pwned=2</script>' } })) },
      },
    };
    const panel = await fixture<PushPreviewPanel>(html`<push-preview-panel no-persist .connector=${new FixtureConnector(hostile)}></push-preview-panel>`);
    await panel.ready();
    await until(() => deepAll(panel.shadowRoot!, '[role="heading"]').some((h) => h.textContent === evil), 'name shown as text');
    await new Promise((r) => setTimeout(r, 100));
    expect(deepAll(panel.shadowRoot!, 'img, script').filter((e) => e.closest('svg') === null)).to.have.length(0);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(0);
    expect(DEFAULT_CONTACTS[6]!.fields.name).to.contain('<img'); // the seeded demo contact carries markup too
  });

  it('the heading shows the number where the record has no name', async () => {
    const state = reach('previewing', { at: Date.now() });
    const chain = state.interaction!.chain;
    const nameless = {
      ...state,
      interaction: { ...state.interaction!, chain: { ...chain, records: chain.records.map((r) => ({ ...r, fields: { company: 'ACME' } })) } },
    };
    const panel = await fixture<PushPreviewPanel>(html`<push-preview-panel no-persist .connector=${new FixtureConnector(nameless)}></push-preview-panel>`);
    await panel.ready();
    const phone = chain.records.find((r) => r.handle === chain.activeHandle)!.phone;
    await until(() => deepAll(panel.shadowRoot!, '[role="heading"]').some((h) => h.textContent === phone), 'the number as the heading');
  });

  it('a refused request shows its reason and keeps what the agent typed', async () => {
    const connector = new SimulatedConnector({ agentId: 'agent-r', pushDelayMs: 30 });
    const { panel, session } = await panelOn(connector);
    await session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] });
    await session.dispatch({ type: 'ready' });
    await until(() => session.state.workflow.phase === 'ringing', 'ringing');
    await session.dispatch({ type: 'accept' });
    await panel.updateComplete;
    const editor = deepAll(panel.shadowRoot!, 'record-editor')[0] as HTMLElement & { updateComplete: Promise<unknown> };
    await until(() => editor.shadowRoot?.querySelector('#f-notes'), 'notes field');
    const notes = editor.shadowRoot!.querySelector<HTMLTextAreaElement>('#f-notes')!;
    notes.value = 'お客様は12月に折り返し希望';
    notes.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    connector.setFaults({ failureRate: 1 });
    await editor.updateComplete;
    editor.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="update-record"]')!.click();
    await until(() => session.state.refusal?.reason === 'network', 'refused');
    await editor.updateComplete;
    expect(editor.shadowRoot!.querySelector('[part~="refusal"]')!.textContent).to.contain('Your entries are kept');
    expect(editor.shadowRoot!.querySelector<HTMLTextAreaElement>('#f-notes')!.value).to.equal('お客様は12月に折り返し希望');
    expect(session.state.drafts.fields[session.state.workflow.interaction!.chain.activeHandle]).to.deep.equal({ notes: 'お客様は12月に折り返し希望' });
    session.dispose();
  });

  it('W-30: a stale record is said plainly, actions are gone, typed text stays visible read-only', async () => {
    const connector = new SimulatedConnector({ agentId: 'agent-s', pushDelayMs: 30, campaign: { staleTimeoutSec: 2 } });
    const { panel, session } = await panelOn(connector);
    await session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] });
    await session.dispatch({ type: 'ready' });
    await until(() => session.state.workflow.phase === 'ringing', 'ringing');
    await session.dispatch({ type: 'accept' });
    session.edit({ kind: 'field', handle: session.state.workflow.interaction!.chain.activeHandle, name: 'notes', value: 'typed before stale' });
    await until(() => session.state.workflow.phase === 'stale', 'stale');
    await panel.updateComplete;
    const form = deepAll(panel.shadowRoot!, 'push-preview-form')[0]!;
    await (form as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(form.shadowRoot!.querySelector('[part~="banner"]')!.textContent).to.contain('stale');
    expect(deepAll(panel.shadowRoot!, '[data-action="connect"], [data-action="update-record"], [data-action="mark-done"]')).to.have.length(0);
    expect(deepAll(panel.shadowRoot!, '[data-action="dismiss"]')).to.have.length(1);
    const notes = deepAll(panel.shadowRoot!, '#f-notes')[0] as HTMLTextAreaElement;
    await until(() => notes.value === 'typed before stale', 'typed text shown');
    expect(notes.readOnly).to.equal(true);
    session.dispose();
  });

  it('before the connection is up, controls are disabled with the reason and nothing is sent', async () => {
    const connector = new FixtureConnector(reach('logged-out', { at: Date.now() }));
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const connect = connector.connect.bind(connector);
    connector.connect = async () => {
      connector.connection$.next('connecting');
      await gate;
      return connect();
    };
    const provider = await fixture<PushPreviewSession>(
      html`<push-preview-session no-persist .connector=${connector}><push-preview-agent></push-preview-agent></push-preview-session>`,
    );
    const agent = provider.querySelector('push-preview-agent')!;
    const login = () => agent.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="login"]');
    await until(() => login(), 'login shown');
    expect(login()!.getAttribute('aria-disabled')).to.equal('true');
    expect(agent.shadowRoot!.textContent).to.contain('Not connected to the server yet');
    login()!.click();
    await Promise.resolve();
    expect(connector.sent).to.have.length(0);
    open();
    await until(() => login()?.getAttribute('aria-disabled') === 'false', 'login enabled once online');
    login()!.click();
    await until(() => connector.sent.length === 1, 'login sent');
    expect(connector.sent[0]!.type).to.equal('login');
  });

  it('W-30: a number typed to dial or to add stays in view, read-only, once the record is stale', async () => {
    const { session, el: chain } = await acceptedIn(
      'chained-records',
      new SimulatedConnector({ agentId: 'agent-n', pushDelayMs: 30, campaign: { staleTimeoutSec: 2 } }),
    );
    session.edit({ kind: 'dial-number', value: '03-1234-0000' });
    session.edit({ kind: 'new-chained', value: { phone: '080-2222-3333', phoneType: 'mobile' } });
    await until(() => session.state.workflow.phase === 'stale', 'stale');
    const dial = () => chain.shadowRoot!.querySelector<HTMLInputElement>('#dial');
    const added = () => chain.shadowRoot!.querySelector<HTMLInputElement>('#nc-phone');
    await until(() => dial()?.readOnly && added()?.readOnly, 'read-only fields');
    expect(dial()!.value).to.equal('03-1234-0000');
    expect(added()!.value).to.equal('080-2222-3333');
    expect(chain.shadowRoot!.querySelector('[data-action="add-chained-record"]')).to.equal(null);
  });

  it('W-9: Connect with an edited number that cannot be dialed is refused with the number named; nothing is dialed', async () => {
    const { session, el: controls } = await acceptedIn(
      'call-controls',
      new SimulatedConnector({ agentId: 'agent-d', pushDelayMs: 30, contacts: ANY_HOUR_CONTACTS }),
    );
    session.edit({ kind: 'dial-number', value: '1234-56' });
    await until(() => controls.shadowRoot!.querySelector('[data-action="connect"]')?.getAttribute('aria-disabled') === 'false', 'Connect');
    controls.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="connect"]')!.click();
    await until(() => controls.shadowRoot!.querySelector('[part~="refusal"]'), 'refusal shown');
    expect(controls.shadowRoot!.querySelector('[part~="refusal"]')!.textContent).to.contain('(1234-56)');
    expect(session.state.workflow.phase).to.equal('previewing');
    expect(session.state.drafts.dialNumber).to.equal('1234-56');
  });

  it('follows the page language at run time (en → ja)', async () => {
    const connector = new FixtureConnector(reach('ringing', { at: Date.now() }));
    // Built by hand: fixture() on a plain <div> waits for an animation frame, and a background tab
    // (two test files run at once) never gets one.
    const wrapper = document.createElement('div');
    wrapper.lang = 'en';
    const panel = document.createElement('push-preview-panel');
    panel.noPersist = true;
    panel.connector = connector;
    wrapper.append(panel);
    document.body.append(wrapper);
    after(() => wrapper.remove());
    await panel.ready();
    const accept = () => (deepAll(panel.shadowRoot!, '[data-action="accept"]')[0]?.textContent ?? '').trim();
    await until(() => accept() === 'Accept', 'English');
    wrapper.lang = 'ja';
    await until(() => accept() === '受け入れ', 'Japanese');
    expect((deepAll(panel.shadowRoot!, '[data-action="reject"]')[0]!.textContent ?? '').trim()).to.equal('拒否');
  });
});

describe('registration', () => {
  it('defining a tag twice is safe; another class on the same tag only warns', async () => {
    const warn = console.warn;
    const said: string[] = [];
    console.warn = (...a: unknown[]) => said.push(a.join(' '));
    try {
      expect(() => define('call-controls', CallControls)).to.not.throw();
      await allSaid();
      expect(said).to.have.length(0);
      class Other extends CallControls {}
      expect(() => define('call-controls', Other)).to.not.throw();
      expect(customElements.get('call-controls')).to.equal(CallControls);
      await allSaid();
      expect(said[0]).to.contain('<call-controls> is already defined');
    } finally {
      await allSaid();
      console.warn = warn;
    }
  });
});

describe('no subscription leaks', () => {
  it('connecting and disconnecting each element 200 times leaves no live subscription', async () => {
    const connector = new FixtureConnector(reach('connected', { at: Date.now() }));
    const provider = await fixture<PushPreviewSession>(html`<push-preview-session no-persist .connector=${connector}></push-preview-session>`);
    const session = await provider.ready();
    const base = session.liveSubscriptions;
    for (const tag of [
      'push-preview-agent',
      'push-preview-indicator',
      'push-preview-form',
      'call-controls',
      'call-timers',
      'chained-records',
      'record-editor',
      'reschedule-picker',
      'wrapup-codes',
      'push-preview-panel',
    ]) {
      const el = document.createElement(tag) as HTMLElement & { updateComplete: Promise<unknown> };
      for (let i = 0; i < 200; i++) {
        provider.append(el);
        if (i % 50 === 0) await el.updateComplete;
        el.remove();
      }
      await new Promise((r) => setTimeout(r, 0));
      expect(session.liveSubscriptions, tag).to.equal(base);
    }
    // and while attached, each element does hold one
    const one = document.createElement('call-controls');
    provider.append(one);
    await (one as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(session.liveSubscriptions).to.equal(base + 1);
    one.remove();
    expect(session.liveSubscriptions).to.equal(base);
  });
});

describe('bad input from the host page', () => {
  it('a connector that is not one is refused with a clear message; the session goes on', async () => {
    const connector = new FixtureConnector(reach('previewing', { at: Date.now() }));
    const provider = await fixture<PushPreviewSession>(
      html`<push-preview-session no-persist .connector=${connector}><call-controls></call-controls></push-preview-session>`,
    );
    const session = await provider.ready();
    const errors: string[] = [];
    const error = console.error;
    console.error = (...a: unknown[]) => errors.push(a.join(' '));
    try {
      provider.connector = { send: 'nope' } as unknown as typeof connector;
      await provider.updateComplete;
      await allSaid();
    } finally {
      console.error = error;
    }
    expect(errors[0]).to.contain('`connector` must implement the Connector port');
    expect(provider.session).to.equal(session);
    expect(session.state.workflow.phase).to.equal('previewing');
  });

  it('a malformed shortcuts attribute falls back to the defaults', async () => {
    const { parseShortcuts, DEFAULT_SHORTCUTS } = await import('../../src/elements/internal/shortcuts.js');
    const errors: string[] = [];
    const error = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      expect(parseShortcuts('nonsense;;accept=;=X;reject=Alt+Shift+Q')).to.deep.equal({ ...DEFAULT_SHORTCUTS, reject: 'Alt+Shift+Q' });
      // A key without Alt, Control or Meta would fire while the agent types: refused.
      expect(parseShortcuts('hold=H; done=Shift+Enter; connect=Control+Enter')).to.deep.equal({ ...DEFAULT_SHORTCUTS, connect: 'Control+Enter' });
      parseShortcuts('hold=H; done=Shift+Enter; connect=Control+Enter'); // said once per value
      await allSaid();
    } finally {
      console.error = error;
    }
    expect(errors).to.have.length(2);
    expect(errors[1]).to.contain('"hold=H", "done=Shift+Enter" ignored');
  });
});
