/**
 * Issue 13, defect 4 (W-8, W-14, W-26): each record of the chain keeps its own fields and drafts
 * across Set Active Record, and the Reschedule picker shows the callback time that is set.
 */
import { expect } from '@open-wc/testing';
import { epochToZoned, zonedToEpoch } from '../../src/domain/time.js';
import { EMPTY_DRAFTS, rescheduleShown } from '../../src/session/drafts.js';
import { act, desk, readyAndRinging } from '../fixtures/desk.js';

describe('each record keeps its own fields and drafts (issue 13, defect 4)', () => {
  it('a note saved on one record, a field typed on it: both there again after another record and back', async () => {
    const d = await desk();
    await readyAndRinging(d);
    await act(d, d.session.dispatch({ type: 'accept' }));
    const [a, b] = d.session.state.workflow.interaction!.chain.records;
    expect((await act(d, d.session.dispatch({ type: 'update-record', handle: a!.handle, fields: { notes: 'saved on A' } }))).ok).to.equal(true);
    d.session.edit({ kind: 'field', handle: a!.handle, name: 'plan', value: 'typed on A' });
    expect((await act(d, d.session.dispatch({ type: 'set-active-record', handle: b!.handle }))).ok).to.equal(true);
    const records = () => d.session.state.workflow.interaction!.chain.records;
    // the other record shows its own fields; A's saved note and typed draft stay A's
    expect(records().find((r) => r.handle === b!.handle)!.fields.notes).to.equal(b!.fields.notes);
    expect(records().find((r) => r.handle === a!.handle)!.fields.notes).to.equal('saved on A');
    expect(d.session.state.drafts.fields[a!.handle]).to.deep.equal({ plan: 'typed on A' });
    expect(d.session.state.drafts.fields[b!.handle]).to.equal(undefined);
    expect((await act(d, d.session.dispatch({ type: 'set-active-record', handle: a!.handle }))).ok).to.equal(true);
    expect(records().find((r) => r.handle === a!.handle)!.fields.notes).to.equal('saved on A');
    expect(d.session.state.drafts.fields[a!.handle]).to.deep.equal({ plan: 'typed on A' });
  });

  it('after a Reschedule the picker shows the time set, not the default (W-14)', async () => {
    const d = await desk();
    await readyAndRinging(d);
    await act(d, d.session.dispatch({ type: 'accept' }));
    const i = () => d.session.state.workflow.interaction!;
    const rec = i().chain.records.find((r) => r.handle === i().chain.activeHandle)!;
    const tomorrow = epochToZoned(d.clock.now() + 86_400_000, rec.timeZone).date;
    const before = rescheduleShown(d.session.state.drafts, i(), rec, d.clock.now());
    expect(before).to.deep.equal({ date: tomorrow, time: '10:00', callbackType: 'personal' }); // nothing set yet: the default
    const at = zonedToEpoch(tomorrow, '15:30', rec.timeZone);
    expect((await act(d, d.session.dispatch({ type: 'reschedule', at, callbackType: 'campaign' }))).ok).to.equal(true);
    expect(d.session.state.drafts.reschedule, 'the draft is confirmed and gone').to.equal(null);
    expect(rescheduleShown(d.session.state.drafts, i(), rec, d.clock.now())).to.deep.equal({ date: tomorrow, time: '15:30', callbackType: 'campaign' });
    // what the agent types next is shown over it
    const typed = { date: tomorrow, time: '16:00', callbackType: 'personal' } as const;
    expect(rescheduleShown({ ...EMPTY_DRAFTS, reschedule: typed }, i(), rec, d.clock.now())).to.equal(typed);
  });
});
