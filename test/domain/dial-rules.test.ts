/** What may be dialed beyond the phase: Do Not Call (W-25) and the contact's calling window (issue 13). */
import { expect } from '@open-wc/testing';
import { checkIntent, loadPhoneMetadata, refusalFor, transition, CallResult, type Intent, type WorkflowState } from '../../src/domain/index.js';
import { readCampaign } from '../../src/connectors/validate.js';
import { DEFAULT_CAMPAIGN } from '../../src/connectors/simulated/seed-data.js';
import { reach, type Reach } from '../fixtures/states.js';
import { T0 } from '../fixtures/virtual-time.js';

const ctx = { now: T0, unsaved: false };
/** 01:24 in Tokyo on T0's night: outside the first contact's 09:00–21:00 window. */
const NIGHT = Date.UTC(2026, 10, 24, 16, 24);
const connect = (s: WorkflowState, extra: Partial<Extract<Intent, { type: 'connect' }>> = {}, now = T0) =>
  checkIntent(s, { type: 'connect', ...extra }, { ...ctx, now });

/** Wrap-up of the first chain (山田: 03-1234-5678 = 1001, 090-1234-5678 = 1002), Do Not Call ticked. */
function ticked(opts: Reach = {}): WorkflowState {
  return transition(reach('after-call', opts), { type: 'wrapup', patch: { doNotCall: true } });
}
function activate(s: WorkflowState, handle: number): WorkflowState {
  const chain = { ...s.interaction!.chain, activeHandle: handle };
  return transition(s, { type: 'chain', interactionId: s.interaction!.id, chain });
}

describe('dial rules: Do Not Call (W-25)', () => {
  before(() => loadPhoneMetadata());

  it('the agent ticks Mark Do Not Call: Connect of that number is refused, the chain scope by default', () => {
    const s = ticked();
    expect(s.doNotCall?.marked).to.equal(1001);
    expect(refusalFor(s, 'connect')).to.deep.equal({ reason: 'do-not-call' });
    expect(connect(s)).to.deep.equal({ reason: 'do-not-call' });
    expect(connect(s, { number: '03-1234-5678' })).to.deep.equal({ reason: 'do-not-call' });
    // W-26 then W-7: another record of the chain made active is the same contact
    const other = activate(s, 1002);
    expect(refusalFor(other, 'connect')).to.deep.equal({ reason: 'do-not-call' });
    expect(connect(other)).to.deep.equal({ reason: 'do-not-call' });
  });

  it('untick it and the number may be dialed again (nothing was sent yet)', () => {
    const s = transition(ticked(), { type: 'wrapup', patch: { doNotCall: false } });
    expect(s.doNotCall?.marked).to.equal(null);
    expect(refusalFor(s, 'connect')).to.equal(null);
    expect(connect(s)).to.equal(null);
  });

  it("the campaign's record scope: the marked record and its number only", () => {
    const s = ticked({ campaign: { doNotCallScope: 'record' } });
    expect(connect(s)).to.deep.equal({ reason: 'do-not-call' });
    expect(connect(s, { number: '03-1234-5679' }), 'a number typed for the marked record').to.deep.equal({ reason: 'do-not-call' });
    const other = activate(s, 1002);
    expect(refusalFor(other, 'connect')).to.equal(null);
    expect(connect(other)).to.equal(null);
    expect(connect(other, { number: '+81 3-1234-5678' }), 'the marked number, typed for another record').to.deep.equal({
      reason: 'do-not-call',
      detail: '+81 3-1234-5678',
    });
  });

  it("the server's word: a record whose call result is Do Not Call, or a number it refused as such", () => {
    const p = reach('previewing', { campaign: { doNotCallScope: 'record' } });
    const chain = p.interaction!.chain;
    const marked = transition(p, {
      type: 'chain',
      interactionId: p.interaction!.id,
      chain: { ...chain, records: chain.records.map((r) => (r.handle === 1001 ? { ...r, callResult: CallResult.DoNotCall } : r)) },
    });
    expect(connect(marked)).to.deep.equal({ reason: 'do-not-call' });
    expect(connect(activate(marked, 1002))).to.equal(null);

    const refused = transition(p, { type: 'do-not-call', interactionId: p.interaction!.id, number: '03-1234-5678' });
    expect(refused.doNotCall?.numbers).to.deep.equal(['03-1234-5678']);
    expect(connect(refused), 'the record with that number').to.deep.equal({ reason: 'do-not-call' });
    const second = activate(refused, 1002);
    expect(connect(second)).to.equal(null);
    expect(connect(second, { number: '+81312345678' }), 'that number in another spelling').to.deep.equal({ reason: 'do-not-call', detail: '+81312345678' });
    // chain scope: the contact's every number
    const chainScope = transition(reach('previewing'), { type: 'do-not-call', interactionId: p.interaction!.id, number: '03-1234-5678' });
    expect(connect(activate(chainScope, 1002))).to.deep.equal({ reason: 'do-not-call' });
  });

  it('a refusal for another interaction is ignored; the next preview starts clean', () => {
    const p = reach('previewing');
    expect(transition(p, { type: 'do-not-call', interactionId: 'ixn-other', number: '03-1234-5678' })).to.equal(p);
    const marked = ticked();
    const done = transition(marked, { type: 'done', interactionId: marked.interaction!.id });
    const closed = transition(done, { type: 'closed', interactionId: marked.interaction!.id });
    expect(closed.doNotCall).to.deep.equal({ marked: null, numbers: [] });
  });
});

describe('dial rules: the calling window (issue 13)', () => {
  before(() => loadPhoneMetadata());

  it('inside the window Connect goes; outside it asks for a confirmation given on purpose', () => {
    const s = reach('previewing');
    expect(connect(s)).to.equal(null);
    expect(connect(s, {}, NIGHT)).to.deep.equal({ reason: 'outside-calling-window-confirm', detail: '01:24 (09:00–21:00)' });
    expect(connect(s, { outsideWindow: 'confirmed' }, NIGHT)).to.equal(null);
    // the Connect control stays enabled: the confirmation is the element's to ask
    expect(refusalFor(s, 'connect')).to.equal(null);
  });

  it("the campaign's refuse policy: never outside the window, confirmed or not", () => {
    const s = reach('previewing', { campaign: { callingWindowPolicy: 'refuse' } });
    expect(connect(s, { outsideWindow: 'confirmed' }, NIGHT)).to.deep.equal({ reason: 'calling-window-closed', detail: '01:24 (09:00–21:00)' });
    expect(connect(s, {}, T0)).to.equal(null);
  });

  it('Do Not Call comes before the window: a confirmation does not dial a marked number', () => {
    expect(connect(ticked(), { outsideWindow: 'confirmed' }, NIGHT)).to.deep.equal({ reason: 'do-not-call' });
  });

  it('the campaign settings travel through the validator; absent stays absent, a wrong value is refused', () => {
    const wire = JSON.parse(JSON.stringify({ ...DEFAULT_CAMPAIGN, doNotCallScope: 'record', callingWindowPolicy: 'refuse' }));
    expect(readCampaign(wire)).to.deep.include({ doNotCallScope: 'record', callingWindowPolicy: 'refuse' });
    expect(readCampaign(JSON.parse(JSON.stringify(DEFAULT_CAMPAIGN)))).to.not.have.property('doNotCallScope');
    expect(() => readCampaign({ ...wire, callingWindowPolicy: 'sometimes' })).to.throw(/callingWindowPolicy/);
  });
});
