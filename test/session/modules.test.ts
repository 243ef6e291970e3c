/** The session's concerns one by one: announcements, timers, the availability rule, commands. */
import { expect } from '@open-wc/testing';
import { actionStatus, enabledActions } from '../../src/domain/availability.js';
import { allowedActions } from '../../src/domain/machine.js';
import { noticeFor } from '../../src/session/announce.js';
import { commandFor, confirmDrafts, within } from '../../src/session/commands.js';
import { EMPTY_DRAFTS } from '../../src/session/drafts.js';
import { timerKey } from '../../src/session/timers.js';
import { reach } from '../fixtures/states.js';
import { TestClock } from '../fixtures/virtual-time.js';

describe('session modules', () => {
  it('announce: a notice per phase entered, none when the phase stays', () => {
    const ringing = reach('ringing');
    const rejected = reach('rejected');
    expect(noticeFor(ringing, ringing, { type: 'tick', at: 1 })).to.equal(null);
    expect(noticeFor(ringing, rejected, { type: 'rejected', interactionId: ringing.interaction!.id, auto: true })).to.deep.include({
      kind: 'rejected',
      auto: true,
    });
    expect(noticeFor(ringing, reach('previewing'), { type: 'tick', at: 1 })).to.deep.include({ kind: 'accepted' });
  });

  it('timers: armed per interaction and ringing/owned stage, none without a live one', () => {
    expect(timerKey(reach('ready'))).to.equal('');
    expect(timerKey(reach('done'))).to.equal('');
    const r = reach('ringing');
    expect(timerKey(r)).to.equal(`${r.interaction!.id}:ringing`);
    expect(timerKey(reach('previewing'))).to.equal(`${r.interaction!.id}:owned`);
    expect(timerKey(reach('connected'))).to.equal(timerKey(reach('after-call')));
  });

  it('availability: the machine’s rule, less everything while busy or offline, with the reason', () => {
    const w = reach('connected');
    expect(enabledActions({ workflow: w, online: true, pending: null })).to.deep.equal(allowedActions(w));
    expect(enabledActions({ workflow: w, online: true, pending: 'hold' }).size).to.equal(0);
    expect(actionStatus({ workflow: w, online: true, pending: 'hold' }, 'disconnect')).to.deep.equal({
      offered: true,
      shown: true,
      refusal: { reason: 'busy' },
    });
    expect(actionStatus({ workflow: w, online: false, pending: null }, 'disconnect').refusal).to.deep.equal({ reason: 'offline' });
    expect(actionStatus({ workflow: w, online: true, pending: null }, 'accept')).to.deep.equal({
      offered: false,
      shown: false,
      refusal: { reason: 'not-allowed' },
    });
    expect(actionStatus({ workflow: reach('connected', { held: true }), online: true, pending: null }, 'hold').shown).to.equal(false);
  });

  it('commands: the number dialed is the intent’s, else the edited one; confirmation drops only what was sent', () => {
    const w = reach('previewing');
    const drafts = { ...EMPTY_DRAFTS, dialNumber: '03-9999-0000' };
    const c = commandFor({ type: 'connect' }, w, drafts);
    expect(c).to.deep.include({ type: 'connect', number: '03-9999-0000' });
    expect(commandFor({ type: 'connect', number: '03-1' }, w, drafts)).to.deep.include({ number: '03-1' });
    expect(confirmDrafts(c, drafts, w).dialNumber).to.equal(null);
    expect(confirmDrafts(c, { ...drafts, dialNumber: 'other' }, w).dialNumber).to.equal('other');
  });

  it('within: an answer, a throw, no answer and an abort each settle as a Result', async () => {
    const clock = new TestClock();
    expect(await within(clock, 100, async () => ({ ok: true, value: 1 }))).to.deep.equal({ ok: true, value: 1 });
    expect(await within(clock, 100, () => Promise.reject(new Error('x')))).to.deep.equal({ ok: false, refusal: { reason: 'network', detail: 'x' } });
    let aborted = false;
    const late = within(clock, 100, (signal) => new Promise(() => signal.addEventListener('abort', () => (aborted = true))));
    await clock.advance(100);
    expect((await late).ok).to.equal(false);
    expect(aborted, 'the connector is told').to.equal(true);
    const outer = new AbortController();
    const cut = within(clock, 100, () => new Promise(() => undefined), outer.signal);
    outer.abort();
    expect(await cut).to.deep.equal({ ok: false, refusal: { reason: 'aborted' } });
  });
});
