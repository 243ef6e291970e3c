/**
 * The default scheduler (src/connectors/scheduler.ts): setTimeout and Date.now behind RxJS's
 * SchedulerLike, as the session, the tabs' shared session, the call timers and the simulated
 * server use it. Each test waits on what ran, never on a wall-clock budget; "never ran" is checked
 * after a later timer (a marker scheduled with a longer delay) has run.
 */
import { expect } from '@open-wc/testing';
import type { SchedulerAction } from 'rxjs';
import { timeoutScheduler as scheduler } from '../../src/connectors/scheduler.js';
import { until } from '../fixtures/wait.js';

/** Resolves once a timer scheduled now with `delay` has run: every earlier-due timer ran before it. */
function marker(delay: number): Promise<void> {
  let ran = false;
  scheduler.schedule(() => (ran = true), delay);
  return until(() => ran, `the marker timer (${delay} ms)`).then(() => undefined);
}

describe('timeoutScheduler', () => {
  it('now() is the wall clock', () => {
    const before = Date.now();
    const now = scheduler.now();
    expect(now).to.be.within(before, Date.now());
  });

  it('runs a work once, with its state, not before its delay, earlier delays first', async () => {
    const ran: string[] = [];
    const at: number[] = [];
    const start = Date.now();
    scheduler.schedule((s?: string) => (ran.push(s ?? '?'), at.push(Date.now() - start)), 40, 'late');
    scheduler.schedule((s?: string) => ran.push(s ?? '?'), 0, 'soon');
    scheduler.schedule(() => ran.push('no state'));
    await until(() => ran.length === 3, 'three works ran', { describe: () => ran });
    expect(ran).to.deep.equal(['soon', 'no state', 'late']);
    expect(at[0]).to.be.at.least(39); // a timer may fire within a millisecond of its due time
    await marker(60);
    expect(ran).to.have.length(3);
  });

  it('a work reschedules itself with this.schedule(state, delay), on the same action', async () => {
    const seen: number[] = [];
    const actions: SchedulerAction<number>[] = [];
    const sub = scheduler.schedule(
      function (this: SchedulerAction<number>, n?: number) {
        actions.push(this);
        seen.push(n!);
        if (n! < 3) this.schedule(n! + 1, 5);
      },
      5,
      1,
    );
    await until(() => seen.length === 3, 'three runs', { describe: () => seen });
    expect(seen).to.deep.equal([1, 2, 3]);
    expect(actions.every((a) => a === sub)).to.equal(true);
    await marker(30);
    expect(seen).to.deep.equal([1, 2, 3]);
  });

  it('a work cancelled before its time never runs', async () => {
    let ran = false;
    const sub = scheduler.schedule(() => (ran = true), 0);
    sub.unsubscribe();
    expect(sub.closed).to.equal(true);
    await marker(20);
    expect(ran).to.equal(false);
    // Rescheduling a cancelled action does nothing either.
    (sub as SchedulerAction<unknown>).schedule(undefined, 0);
    await marker(20);
    expect(ran).to.equal(false);
  });

  it('a repeating work stops when it is unsubscribed, from outside or from inside the work', async () => {
    let outside = 0;
    const sub = scheduler.schedule(function (this: SchedulerAction<unknown>) {
      outside++;
      this.schedule(undefined, 5);
    }, 0);
    await until(() => outside >= 2, 'two runs');
    sub.unsubscribe();
    const count = outside;
    let inside = 0;
    scheduler.schedule(function (this: SchedulerAction<unknown>) {
      inside++;
      this.schedule(undefined, 0); // rescheduled, then cancelled in the same run
      this.unsubscribe();
    }, 0);
    await until(() => inside >= 1, 'the work that cancels itself ran');
    await marker(30);
    expect(outside).to.equal(count);
    expect(inside).to.equal(1);
  });
});
