/**
 * Issue 16: <call-controls> in each consult state — the controls the one rule shows, disabled with
 * their reason where it refuses them, the consult's state in the status line, en and ja, axe — and
 * the consult by keyboard on a simulated server: focus moves to the control the step leads to.
 */
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../src/define/all.js';
import { actionStatus } from '../../src/domain/availability.js';
import type { Action } from '../../src/domain/machine.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { SimulatedConnector } from '../../src/connectors/simulated/connector.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { anyHour } from '../fixtures/any-hour.js';
import { ANY_HOUR_CONTACTS } from '../fixtures/any-hour.js';
import { reach, type Reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';
import { PUSH_PREVIEW_MEDIA } from '../../src/domain/types.js';

const CONSULT: readonly Action[] = [
  'consult',
  'complete-transfer',
  'complete-conference',
  'cancel-consult',
  'hold',
  'retrieve',
  'transfer',
  'conference',
  'disconnect',
];

async function mountAt(opts: Reach, lang = 'en') {
  const connector = new FixtureConnector(anyHour(reach('connected', { at: Date.now(), ...opts })));
  const provider = await fixture<PushPreviewSession>(
    html`<push-preview-session no-persist lang=${lang} .connector=${connector}><call-controls></call-controls></push-preview-session>`,
  );
  const session = await provider.ready();
  await until(() => session.state.workflow.consult?.state === opts.consult, `consult ${opts.consult}`);
  const el = provider.querySelector('call-controls') as HTMLElement & { updateComplete: Promise<unknown> };
  await el.updateComplete;
  return { el, root: el.shadowRoot!, session, connector };
}

const STATES: { consult: 'ringing' | 'talking' | 'failed'; text: string; ja: string; enabled: readonly Action[] }[] = [
  { consult: 'ringing', text: 'Calling Dana Miller…', ja: 'Dana Miller を呼び出し中…', enabled: ['cancel-consult'] },
  { consult: 'talking', text: 'Consulting Dana Miller', ja: 'Dana Miller と相談中', enabled: ['complete-transfer', 'complete-conference', 'cancel-consult'] },
  { consult: 'failed', text: 'Dana Miller did not answer', ja: 'Dana Miller が応答しませんでした', enabled: ['cancel-consult'] },
];

describe('<call-controls> during a consult (issue 16)', () => {
  for (const s of STATES) {
    it(`consult ${s.consult}: its state shown; only the consult's controls; accessible in en and ja`, async () => {
      const { el, root, session, connector } = await mountAt({ consult: s.consult });
      expect(root.querySelector('[part~="consult"]')!.textContent!.trim()).to.equal(s.text);
      for (const a of CONSULT) {
        const st = actionStatus({ workflow: session.state.workflow, online: true, pending: null }, a);
        const b = root.querySelector(`[data-action="${a}"]`);
        expect(Boolean(b), `${a} shown`).to.equal(st.shown);
        if (b) expect(b.getAttribute('aria-disabled'), `${a} disabled`).to.equal(s.enabled.includes(a) ? 'false' : 'true');
      }
      // Hold and the one-step Transfer and Conference give way; Disconnect says why it waits
      expect(root.querySelector('[data-action="hold"], [data-action="retrieve"], select[data-target="transfer"]')).to.equal(null);
      const disconnect = root.querySelector('[data-action="disconnect"]')!;
      expect(root.getElementById(disconnect.getAttribute('aria-describedby')!)!.textContent).to.equal('Complete or cancel the consult first.');
      await expect(el).to.be.accessible();
      // an enabled control sends its command; a disabled one is refused with its reason, nothing sent
      root.querySelector<HTMLButtonElement>('[data-action="complete-transfer"]')!.click();
      await until(() => session.state.pending === null, 'settled');
      if (s.enabled.includes('complete-transfer')) expect(connector.sent.at(-1)).to.deep.equal({ type: 'complete-transfer', interactionId: 'ixn-1' });
      else {
        expect(connector.sent).to.have.length(0);
        await el.updateComplete;
        expect(root.querySelector('[part~="refusal"]')!.textContent).to.contain('The party you consulted has not answered.');
      }
      const ja = await mountAt({ consult: s.consult }, 'ja');
      await until(() => ja.root.querySelector('[part~="consult"]')?.textContent?.trim() === s.ja, 'ja consult text');
      expect(ja.root.querySelector('[data-action="cancel-consult"]')!.textContent!.trim()).to.equal('相談を取り消す');
      await expect(ja.el).to.be.accessible();
    });
  }

  it('connected: Consult with a picked target sends it; a full conference shows Consult disabled with the reason', async () => {
    const { root, session, connector } = await mountAt({});
    const picker = root.querySelector<HTMLSelectElement>('select[data-target="consult"]')!;
    expect([...picker.options].map((o) => o.value)).to.deep.equal(['agent-sato', 'agent-miller', 'queue-retention', 'sup-tanaka', 'interpreter']);
    picker.value = 'sup-tanaka';
    picker.dispatchEvent(new Event('change'));
    await (root.host as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    root.querySelector<HTMLButtonElement>('[data-action="consult"]')!.click();
    await until(() => connector.sent.length === 1 && session.state.pending === null, 'consult sent');
    expect(connector.sent[0]).to.deep.equal({ type: 'consult', interactionId: 'ixn-1', targetId: 'sup-tanaka' });
    const full = await mountAt({ parties: 3 });
    const consult = full.root.querySelector('[data-action="consult"]')!;
    expect(consult.getAttribute('aria-disabled')).to.equal('true');
    expect(full.root.getElementById(consult.getAttribute('aria-describedby')!)!.textContent).to.equal('A conference can have at most 3 parties.');
  });

  it('by keyboard on a simulated server: Consult → Complete transfer focused; Cancel consult → Hold focused', async () => {
    const connector = new SimulatedConnector({ agentId: 'agent-1', pushDelayMs: 50, dialDelayMs: 50, consultDelayMs: 50, contacts: ANY_HOUR_CONTACTS });
    const provider = await fixture<PushPreviewSession>(
      html`<push-preview-session no-persist lang="en" .connector=${connector}><call-controls></call-controls></push-preview-session>`,
    );
    const session = await provider.ready();
    const sessions = [session];
    await session.dispatch({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] });
    await session.dispatch({ type: 'ready' });
    await until(() => session.state.workflow.phase === 'ringing', 'ringing', { sessions });
    await session.dispatch({ type: 'accept' });
    await session.dispatch({ type: 'connect' });
    await until(() => session.state.workflow.phase === 'connected', 'connected', { sessions });
    const el = provider.querySelector('call-controls')!;
    const root = el.shadowRoot!;
    const focused = () => root.activeElement?.getAttribute('data-action');
    await until(() => root.querySelector('[data-action="consult"]'), 'Consult shown');
    root.querySelector<HTMLButtonElement>('[data-action="consult"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => session.state.workflow.consult?.state === 'talking', 'consult answered', { sessions });
    await until(() => focused() === 'complete-transfer', `focus on Complete transfer (is ${focused()})`);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('cancel-consult');
    await sendKeys({ press: 'Enter' });
    await until(() => !session.state.workflow.consult && session.state.workflow.call?.held === false, 'customer retrieved', { sessions });
    await until(() => focused() === 'hold', `focus on Hold (is ${focused()})`);
    await connector.disconnect();
  });
});
