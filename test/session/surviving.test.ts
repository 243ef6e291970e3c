/**
 * Tests for rules an earlier round of deliberate bugs showed no test caught: each fails when its
 * rule is broken (see scripts/mutate.mjs, which breaks them one by one).
 */
import { expect } from '@open-wc/testing';
import { SimulatedServer } from '../../src/connectors/simulated/server.js';
import { DEFAULT_CONTACTS } from '../../src/connectors/simulated/seed-data.js';
import { PUSH_PREVIEW_MEDIA } from '../../src/domain/types.js';
import { loadPhoneMetadata } from '../../src/domain/phone.js';
import { Session } from '../../src/session/session.js';
import { act, desk, readyAndRinging, until } from '../fixtures/desk.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { TestClock } from '../fixtures/virtual-time.js';

describe('rules no test caught before', () => {
  it('W-25: Do Not Call takes the contact’s other chains out of the calling list too', async () => {
    await loadPhoneMetadata();
    const clock = new TestClock();
    const first = DEFAULT_CONTACTS[0]!;
    // the same contact twice: a second chain sharing one of the numbers
    const contacts = [first, DEFAULT_CONTACTS[1]!, { ...first, numbers: [first.numbers[1]!] }];
    const s = new SimulatedServer({ scheduler: clock, pushDelayMs: 10, contacts, campaign: { dispositionRequired: false } });
    s.handle('a', { type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] });
    s.handle('a', { type: 'set-status', status: 'ready' });
    await clock.advance(20);
    const i = s.desk('a').state.interaction!;
    expect(s.callingList.length).to.equal(2);
    s.handle('a', { type: 'accept', interactionId: i.id });
    expect(s.handle('a', { type: 'mark-done', interactionId: i.id, callResult: null, dispositionCode: null, doNotCall: true }).ok).to.equal(true);
    expect(s.callingList.map((c) => c.records.map((r) => r.phone))).to.deep.equal([DEFAULT_CONTACTS[1]!.numbers.map((n) => n[0])]);
  });

  it('W-10, W-11: Cancel and Transfer are refused with unsaved edits; nothing is sent', async () => {
    const d = await desk();
    await readyAndRinging(d);
    await act(d, d.session.dispatch({ type: 'accept' }));
    const handle = d.session.state.workflow.interaction!.chain.activeHandle;
    d.session.edit({ kind: 'field', handle, name: 'notes', value: 'typed, not saved' });
    const send = d.connector.send.bind(d.connector);
    let sent = 0;
    d.connector.send = (c, s) => (sent++, send(c, s));
    expect(await act(d, d.session.dispatch({ type: 'cancel' }))).to.deep.equal({ ok: false, refusal: { reason: 'unsaved-changes' } });
    expect(await act(d, d.session.dispatch({ type: 'transfer', targetId: 'agent-sato' }))).to.deep.equal({ ok: false, refusal: { reason: 'unsaved-changes' } });
    expect(sent).to.equal(0);
    expect(d.session.state.workflow.phase).to.equal('previewing');
    expect(d.session.state.drafts.fields[handle]).to.deep.equal({ notes: 'typed, not saved' });
  });

  it('W-30: the session’s own stale timer marks the preview stale though the server says nothing', async () => {
    const clock = new TestClock();
    const state = reach('previewing', { at: clock.now() });
    const session = new Session({ connector: new FixtureConnector(state), scheduler: clock, storage: null });
    await until(clock, session.start());
    expect(session.state.workflow.phase).to.equal('previewing');
    await clock.advance(state.interaction!.staleAt - clock.now() - 1);
    expect(session.state.workflow.phase).to.equal('previewing');
    await clock.advance(1);
    expect(session.state.workflow.phase).to.equal('stale');
    session.dispose();
  });

  it('W-9: a number typed while Connect is under way is kept (only the number sent is confirmed)', async () => {
    const d = await desk({ faults: { latencyMs: [100, 100] } });
    await readyAndRinging(d);
    await act(d, d.session.dispatch({ type: 'accept' }));
    d.session.edit({ kind: 'dial-number', value: '03-9999-0000' });
    const connect = d.session.dispatch({ type: 'connect' });
    d.session.edit({ kind: 'dial-number', value: '03-8888-0000' });
    expect((await act(d, connect)).ok).to.equal(true);
    expect(d.session.state.drafts.dialNumber).to.equal('03-8888-0000');
  });
});
