/**
 * Drafts hold personal data: stored only while the interaction is live on the desk, removed at
 * its end, at logout and at dispose; what storage holds is validated before use.
 */
import { expect } from '@open-wc/testing';
import { PUSH_PREVIEW_MEDIA } from '../../src/domain/types.js';
import { SimulatedConnector } from '../../src/connectors/simulated/connector.js';
import { Session } from '../../src/session/session.js';
import { loadDrafts } from '../../src/session/drafts.js';
import { act, desk, readyAndRinging, until, MemoryStorage, type Desk } from '../fixtures/desk.js';

const KEY = 'push-preview-drafts:agent-1';

async function typedEverything(d: Desk): Promise<number> {
  await readyAndRinging(d);
  await act(d, d.session.dispatch({ type: 'accept' }));
  const handle = d.session.state.workflow.interaction!.chain.activeHandle;
  d.session.edit({ kind: 'field', handle, name: 'notes', value: 'Mrs Yamada, allergic to mornings' });
  d.session.edit({ kind: 'dial-number', value: '03-9999-0000' });
  d.session.edit({ kind: 'new-chained', value: { phone: '080-1111-2222', phoneType: 'mobile' } });
  d.session.edit({ kind: 'reschedule', value: { date: '2026-12-24', time: '10:00', callbackType: 'personal' } });
  expect(d.storage.items.get(KEY)).to.contain('Mrs Yamada').and.contain('080-1111-2222').and.contain('2026-12-24');
  return handle;
}

describe('drafts in storage', () => {
  it('leave storage when the interaction ends (Mark Done) — still shown until it leaves the desk', async () => {
    const d = await desk({ campaign: { dispositionCodes: [], dispositionRequired: false } });
    const handle = await typedEverything(d);
    d.session.edit({ kind: 'discard' });
    d.session.edit({ kind: 'dial-number', value: '03-9999-0000' });
    expect(d.storage.items.has(KEY)).to.equal(true);
    expect((await act(d, d.session.dispatch({ type: 'mark-done' }))).ok).to.equal(true);
    expect(d.session.state.workflow.phase).to.equal('done');
    expect(d.storage.items.has(KEY), 'nothing stored after Mark Done').to.equal(false);
    expect(handle).to.be.a('number');
  });

  it('leave storage when the interaction goes stale, and at dispose', async () => {
    const d = await desk();
    await typedEverything(d);
    await d.clock.advance(d.session.state.workflow.interaction!.staleAt - d.clock.now());
    expect(d.session.state.workflow.phase).to.equal('stale');
    expect(d.session.state.drafts.dialNumber, 'kept in memory, read-only').to.equal('03-9999-0000');
    expect(d.storage.items.has(KEY)).to.equal(false);

    const e = await desk();
    await typedEverything(e);
    e.session.dispose();
    expect(e.storage.items.has(KEY), 'nothing stored after dispose').to.equal(false);
  });

  it('leave storage at logout', async () => {
    const d = await desk();
    await act(d, d.session.dispatch({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] }));
    d.storage.setItem(KEY, JSON.stringify({ interactionId: 'old', drafts: { fields: {}, newChained: null, dialNumber: '03-1', reschedule: null } }));
    await act(d, d.session.dispatch({ type: 'logout' }));
    await d.clock.advance(100);
    expect(d.session.state.workflow.phase).to.equal('logged-out');
    expect(d.storage.items.has(KEY)).to.equal(false);
  });

  it('stored drafts of the wrong inner shape are dropped part by part, and never break a dispatch', async () => {
    const storage = new MemoryStorage();
    const d = await desk({ storage });
    await readyAndRinging(d);
    await act(d, d.session.dispatch({ type: 'accept' }));
    const id = d.session.state.workflow.interaction!.id;
    const handle = d.session.state.workflow.interaction!.chain.activeHandle;
    const hostile = {
      interactionId: id,
      drafts: {
        fields: { [handle]: { notes: 'kept', constructor: 'x', big: 'y'.repeat(5000) }, '7': 'not an object', abc: { a: 'b' } },
        newChained: { phone: 42, phoneType: 'pager' },
        dialNumber: { not: 'a string' },
        reschedule: 'tomorrow',
      },
    };
    storage.setItem(KEY, JSON.stringify(hostile));
    const read = loadDrafts(storage, KEY)!;
    expect(read.drafts).to.deep.equal({ fields: { [handle]: { notes: 'kept' } }, newChained: null, dialNumber: null, reschedule: null });
    // a reload with it: every dispatch works, Mark Done is not refused for ever as "unsaved"
    d.connector.dropConnection();
    const connector = new SimulatedConnector({ server: d.connector.server, agentId: 'agent-1' });
    const again = new Session({ connector, scheduler: d.clock, storage });
    await until(d.clock, again.start());
    expect(again.state.drafts.fields[handle]).to.deep.equal({ notes: 'kept' });
    again.edit({ kind: 'discard' });
    const r = await until(d.clock, again.dispatch({ type: 'connect' }));
    expect(r.ok).to.equal(true);
    again.dispose();
    d.session.dispose();
  });
});
