/** Machine guards a deliberate bug showed no test caught (see scripts/mutate.mjs). */
import { expect } from '@open-wc/testing';
import { CallResult, transition } from '../../src/domain/index.js';
import { reach } from '../fixtures/states.js';

describe('workflow machine: guards', () => {
  it('a chain without its active record is ignored (W-8, W-26)', () => {
    const s = reach('previewing');
    const chain = { ...s.interaction!.chain, activeHandle: 987_654 };
    expect(transition(s, { type: 'chain', interactionId: s.interaction!.id, chain })).to.equal(s);
  });

  it('wrap-up choices apply in wrap-up only; before dialing only the code (W-24, W-29)', () => {
    for (const phase of ['dialing', 'connected'] as const) {
      const s = reach(phase);
      expect(transition(s, { type: 'wrapup', patch: { callResult: CallResult.Answer } }), phase).to.equal(s);
      expect(transition(s, { type: 'wrapup', patch: { doNotCall: true } }), phase).to.equal(s);
    }
    const p = reach('previewing');
    expect(transition(p, { type: 'wrapup', patch: { doNotCall: true } })).to.equal(p);
    expect(transition(reach('after-call'), { type: 'wrapup', patch: { doNotCall: true } }).wrapup.doNotCall).to.equal(true);
  });

  it('a stale mark does not end a call under way (W-30)', () => {
    for (const phase of ['dialing', 'connected'] as const) {
      const s = reach(phase);
      expect(transition(s, { type: 'stale', interactionId: s.interaction!.id }), phase).to.equal(s);
    }
  });
});
