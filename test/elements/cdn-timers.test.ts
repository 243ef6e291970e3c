/**
 * The CDN entry's `<call-timers>` (src/cdn-define.ts): the other tags are defined when the entry
 * has run, `<call-timers>` once its own chunk has loaded (here the module it imports), and from
 * then on it shows the timers and ticks — on its own and inside `<push-preview-panel>`, whose
 * place for it was empty until then. test/node/cdn-timers.test.mjs checks the built files.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import type { PushPreviewPanel } from '../../src/elements/panel/push-preview-panel.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { act, desk, readyAndRinging } from '../fixtures/desk.js';
import { until } from '../fixtures/wait.js';

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A <call-timers>' timers as shown: label → value. */
function shown(el: Element | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of el?.shadowRoot?.querySelectorAll('[part~="call-timer"]') ?? [])
    out[text(t.querySelector('[part~="timer-label"]'))] = text(t.querySelector('[part~="timer-value"]'));
  return out;
}

describe('the CDN entry: <call-timers> from a chunk of its own', () => {
  it('is defined once its chunk loads, after the other tags, and then shows the timers, alone and in the panel', async () => {
    const d = await desk({ faults: { latencyMs: [0, 0] } });
    await readyAndRinging(d);
    await act(d, d.session.dispatch({ type: 'accept' }));
    expect(d.session.state.workflow.phase).to.equal('previewing');

    await import('../../src/cdn.js');
    for (const tag of ['push-preview-session', 'push-preview-form', 'call-controls', 'wrapup-codes', 'push-preview-panel'])
      expect(customElements.get(tag), `<${tag}> up front`).to.not.equal(undefined);
    expect(customElements.get('call-timers'), 'not yet: its chunk is loading').to.equal(undefined);

    const provider = await fixture<PushPreviewSession>(
      html`<push-preview-session no-persist .session=${d.session}
        ><call-timers></call-timers><push-preview-panel no-agent></push-preview-panel
      ></push-preview-session>`,
    );
    const alone = provider.querySelector('call-timers')!;
    const panel = provider.querySelector<PushPreviewPanel>('push-preview-panel')!;
    const inPanel = () => panel.shadowRoot?.querySelector('call-timers');
    await until(() => customElements.get('call-timers'), '<call-timers> defined from its chunk');
    await until(() => shown(alone)['In preview'] === '0:00' && shown(inPanel())['In preview'] === '0:00', 'both show the preview timer', {
      describe: () => ({ alone: shown(alone), inPanel: shown(inPanel()) }),
    });
    const acceptedAt = d.session.state.workflow.interaction!.acceptedAt!;
    await d.clock.advance(acceptedAt + 12_000 - d.clock.now());
    await until(() => shown(alone)['In preview'] === '0:12' && shown(inPanel())['In preview'] === '0:12', 'both tick on the session clock', {
      describe: () => ({ alone: shown(alone), inPanel: shown(inPanel()) }),
    });
  });
});
