/**
 * Accessibility beyond the per-phase axe runs: AA contrast in the dark theme too, and the live
 * region's announcements in the agent's language.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import type { PushPreviewPanel } from '../../src/elements/panel/push-preview-panel.js';
import { SimulatedConnector } from '../../src/connectors/simulated/connector.js';
import { loadLocale } from '../../src/i18n/index.js';
import type { Phase } from '../../src/domain/machine.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { ANY_HOUR_CONTACTS } from '../fixtures/any-hour.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

const PHASES: Phase[] = ['logged-out', 'ringing', 'previewing', 'connected', 'after-call', 'stale', 'done'];

describe('dark theme: AA contrast (color-scheme: dark)', () => {
  for (const phase of PHASES) {
    it(`${phase}: the panel passes axe, colour contrast included`, async () => {
      const panel = await fixture<PushPreviewPanel>(
        html`<push-preview-panel style="color-scheme: dark" no-persist .connector=${new FixtureConnector(reach(phase, { at: Date.now() }))}></push-preview-panel>`,
      );
      const session = await panel.ready();
      await until(() => session.state.workflow.phase === phase, phase);
      await panel.updateComplete;
      // the dark tokens really apply: the panel's background is dark
      const bg = getComputedStyle(panel).backgroundColor;
      const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
      expect(r! + g! + b!, bg).to.be.lessThan(150);
      await expect(panel).to.be.accessible();
    });
  }
});

describe('live region', () => {
  before(() => loadLocale('ja'));

  for (const lang of ['en', 'ja'] as const) {
    it(`announces a preview, a connected call and a refusal with its reason (${lang})`, async () => {
      const connector = new SimulatedConnector({ agentId: `agent-live-${lang}`, pushDelayMs: 30, dialDelayMs: 50, contacts: ANY_HOUR_CONTACTS });
      const panel = await fixture<PushPreviewPanel>(html`<push-preview-panel lang=${lang} no-persist .connector=${connector}></push-preview-panel>`);
      const session = await panel.ready();
      const polite = () => panel.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')!.textContent!.trim();
      const assertive = () => panel.shadowRoot!.querySelector('[role="alert"][aria-live="assertive"]')!.textContent!.trim();
      await session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] });
      await session.dispatch({ type: 'ready' });
      const offered = lang === 'en' ? 'Preview arriving: 山田 太郎. Accept within 30 seconds.' : 'プレビュー着信：山田 太郎。30 秒以内に受け入れてください。';
      await until(() => polite() === offered, `offered: ${polite()}`);
      await session.dispatch({ type: 'accept' });
      await session.dispatch({ type: 'connect' });
      await until(() => polite() === (lang === 'en' ? 'Call connected.' : '通話が接続されました。'), 'connected');
      await session.dispatch({ type: 'disconnect' });
      await session.dispatch({ type: 'mark-done' });
      const refused =
        lang === 'en' ? 'Not done: Pick a disposition code before Mark Done.' : '実行できません：完了のマークの前に後処理コードを選択してください。';
      await until(() => assertive() === refused, `refused: ${assertive()}`);
      session.dispose();
    });
  }

  it('announces time running out while ringing', async () => {
    // 12 s to accept: the warning (≤ 10 s left) comes on the second tick, far from the deadline
    // even where a background tab throttles timers.
    const connector = new SimulatedConnector({ agentId: 'agent-live-t', pushDelayMs: 30, campaign: { acceptTimeoutSec: 12 } });
    const panel = await fixture<PushPreviewPanel>(html`<push-preview-panel lang="en" no-persist .connector=${connector}></push-preview-panel>`);
    const session = await panel.ready();
    await session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] });
    await session.dispatch({ type: 'ready' });
    const alert = () => panel.shadowRoot!.querySelector('[role="alert"][aria-live="assertive"]')!.textContent!.trim();
    await until(() => /^10 seconds left to accept\.$/.test(alert().trim()), 'time running out announced');
    expect(session.state.workflow.phase).to.equal('ringing');
    session.dispose();
  });
});
