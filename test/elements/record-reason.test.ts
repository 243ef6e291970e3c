/**
 * W-20 (issue 13, defect 4): on a line that is not SIP, Record is disabled and says why beside
 * itself, visibly — not only in a tooltip the agent sees once they hover or click.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import type { CallControls } from '../../src/elements/call-controls/call-controls.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { en } from '../../src/i18n/en.js';
import { loadLocale } from '../../src/i18n/index.js';
import { anyHour } from '../fixtures/any-hour.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

describe('the Record reason beside the disabled control (W-20)', () => {
  let ja: typeof en;
  before(async () => {
    ja = await loadLocale('ja');
  });

  for (const lang of ['en', 'ja'] as const) {
    it(`a TDM line (${lang}): Record is disabled, and the reason is shown beside it and named by it`, async () => {
      const t = lang === 'en' ? en : ja;
      const connector = new FixtureConnector(anyHour(reach('connected', { at: Date.now(), campaign: { telephony: 'tdm' } })));
      const provider = await fixture<PushPreviewSession>(
        html`<push-preview-session no-persist lang=${lang} .connector=${connector}><call-controls></call-controls></push-preview-session>`,
      );
      const session = await provider.ready();
      await until(() => session.state.workflow.phase === 'connected', 'connected', { sessions: [session] });
      const controls = provider.querySelector<CallControls>('call-controls')!;
      const record = await until(() => controls.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="start-recording"]'), 'Record shown');
      expect(record.getAttribute('aria-disabled')).to.equal('true');
      const why = controls.shadowRoot!.getElementById(record.getAttribute('aria-describedby') ?? '');
      expect(why, 'the reason the button names').to.exist;
      expect(why!.textContent!.trim()).to.equal(t.reasons['recording-unavailable']);
      // shown, not clipped to one pixel for screen readers only
      const box = why!.getBoundingClientRect();
      expect(why!.classList.contains('visually-hidden')).to.equal(false);
      expect(box.width, 'the reason’s width').to.be.greaterThan(20);
      expect(box.height, 'the reason’s height').to.be.greaterThan(5);
      expect(why!.getAttribute('part')).to.equal('why why-start-recording');
      await expect(controls).to.be.accessible();
      session.dispose();
    });
  }

  it('a SIP line: Record is enabled and no reason is shown', async () => {
    const connector = new FixtureConnector(anyHour(reach('connected', { at: Date.now(), campaign: { telephony: 'sip' } })));
    const provider = await fixture<PushPreviewSession>(
      html`<push-preview-session no-persist .connector=${connector}><call-controls></call-controls></push-preview-session>`,
    );
    const session = await provider.ready();
    await until(() => session.state.workflow.phase === 'connected', 'connected', { sessions: [session] });
    const controls = provider.querySelector<CallControls>('call-controls')!;
    const record = await until(() => controls.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="start-recording"]'), 'Record shown');
    expect(record.getAttribute('aria-disabled')).to.equal('false');
    expect(controls.shadowRoot!.querySelector('[part~="why"]')).to.equal(null);
    session.dispose();
  });
});
