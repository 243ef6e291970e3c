/**
 * Issue 13, defect 4 in the elements: the Reschedule picker shows the callback time that is set
 * (W-14), and the record editor says whose fields it shows (W-8, W-26).
 */
import { expect, fixture } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import '../../src/define/all.js';
import { transition, type WorkflowState } from '../../src/domain/machine.js';
import { epochToZoned, zonedToEpoch } from '../../src/domain/time.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

async function mountIn(tag: string, state: WorkflowState) {
  const t = unsafeStatic(tag);
  const provider = await fixture<PushPreviewSession>(
    staticHtml`<push-preview-session no-persist lang="en" .connector=${new FixtureConnector(state)}><${t}></${t}></push-preview-session>`,
  );
  const session = await provider.ready();
  await until(() => session.state.workflow.phase === state.phase, `session in ${state.phase}`, { sessions: [session] });
  const el = provider.querySelector(tag) as HTMLElement & { updateComplete: Promise<unknown> };
  await el.updateComplete;
  return el;
}

describe('each record its own, and the time set shown (issue 13, defect 4)', () => {
  it('the Reschedule picker shows the callback time set, not the default', async () => {
    const p = reach('previewing', { at: Date.now() });
    const rec = p.interaction!.chain.records[0]!;
    const date = epochToZoned(Date.now() + 2 * 86_400_000, rec.timeZone).date;
    const at = zonedToEpoch(date, '15:30', rec.timeZone);
    const state = transition(p, { type: 'rescheduled', interactionId: p.interaction!.id, at, callbackType: 'campaign' });
    const picker = await mountIn('reschedule-picker', state);
    const time = await until(() => picker.shadowRoot!.querySelector<HTMLInputElement>('input[name="time"]'), 'the time input');
    expect(time.value).to.equal('15:30');
    expect(picker.shadowRoot!.querySelector<HTMLInputElement>('input[name="date"]')!.value).to.equal(date);
    await expect(picker).to.be.accessible();
  });

  it('the record editor names the record whose fields it shows', async () => {
    const p = reach('previewing', { at: Date.now() });
    const [a, b] = p.interaction!.chain.records;
    const first = await mountIn('record-editor', p);
    const caption = await until(() => first.shadowRoot!.querySelector('[part~="editing"]'), 'the caption');
    expect(caption.textContent).to.contain(a!.phone);
    const other = transition(p, { type: 'chain', interactionId: p.interaction!.id, chain: { ...p.interaction!.chain, activeHandle: b!.handle } });
    const second = await mountIn('record-editor', other);
    expect((await until(() => second.shadowRoot!.querySelector('[part~="editing"]'), 'the caption')).textContent).to.contain(b!.phone);
    await expect(second).to.be.accessible();
  });
});
