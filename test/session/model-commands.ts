/**
 * The commands of the model-based test (test/session/model.ts): intents, races, typing, time and
 * faults, each checking the invariants (./model-invariants.ts) after it runs.
 */
import fc from 'fast-check';
import type { Faults, SimulatedConnector } from '../../src/connectors/simulated/connector.js';
import type { Intent } from '../../src/domain/intents.js';
import type { TestClock } from '../fixtures/virtual-time.js';
import { confirmed, typedKey, typedOf, type Typed } from './model-checks.js';
import { AGENTS, forgetConfirmed, invariants, type Model, type Real } from './model-invariants.js';
import { dispatchNoted } from './model-dial.js';
import { judgeAttempt } from './model-policy.js';

export async function step(r: Real, ms: number): Promise<void> {
  await r.clock.advance(ms);
}

export function settle<T>(r: Real, p: Promise<T>): Promise<T> {
  return settleOn(r.clock, p);
}

export async function settleOn<T>(clock: TestClock, p: Promise<T>): Promise<T> {
  let done = false;
  void p.finally(() => (done = true));
  for (let i = 0; !done && i < 400; i++) await clock.advance(25);
  return p;
}

export type Cmd = fc.AsyncCommand<Model, Real>;

export class IntentCmd implements Cmd {
  constructor(
    readonly agent: number,
    readonly make: (r: Real, agent: number) => Intent | null,
    readonly label: string,
  ) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    const intent = this.make(r, this.agent);
    let okIntent: Intent | null = null;
    if (intent) {
      const session = r.sessions[this.agent]!;
      const before = session.state;
      const judge = judgeAttempt(
        r.policy,
        this.agent,
        before.workflow,
        intent,
        () => r.log.filter((x) => x.agent === AGENTS[this.agent] && x.m.event.type === 'dialing').length,
      );
      const p = dispatchNoted(r, this.agent, intent);
      const refusedAtOnce = session.state.pending === before.pending ? session.state : null;
      const result = await settle(r, p);
      judge();
      // a refusal made on the spot (nothing sent) changes neither the workflow nor the drafts
      if (!result.ok && refusedAtOnce && refusedAtOnce.workflow !== before.workflow && !['network', 'timeout'].includes(result.refusal.reason)) {
        throw new Error(`refused ${intent.type} (${result.refusal.reason}) changed the state`);
      }
      if (!result.ok && refusedAtOnce && refusedAtOnce.drafts !== before.drafts) throw new Error(`refused ${intent.type} changed the drafts`);
      if (result.ok) okIntent = intent;
    }
    // typed drafts are confirmed only by the server
    forgetConfirmed(m, r, this.agent, okIntent);
    invariants(r, m);
  }
  toString() {
    return `${AGENTS[this.agent]}:${this.label}`;
  }
}

/** A request, and before its answer another intent (a wrap-up choice made while Mark Done is under way). */
export class RaceCmd implements Cmd {
  constructor(
    readonly agent: number,
    readonly first: Intent,
    readonly second: Intent,
  ) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    const a = dispatchNoted(r, this.agent, this.first);
    const b = dispatchNoted(r, this.agent, this.second);
    await settle(r, Promise.all([a, b]));
    forgetConfirmed(m, r, this.agent, null);
    invariants(r, m);
  }
  toString() {
    return `${AGENTS[this.agent]}:race(${this.first.type}, ${JSON.stringify(this.second)})`;
  }
}

/**
 * W-25, issue 13: the agent ticks Mark Do Not Call, maybe picks another record of the chain (W-26),
 * then asks to Connect, confirming the calling window too: the invariants see no dial come of it.
 */
export class DoNotCallThenConnectCmd implements Cmd {
  constructor(
    readonly agent: number,
    readonly switchRecord: boolean,
  ) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    const s = r.sessions[this.agent]!;
    // each step's answer confirms what it took (a number typed to dial, by Connect or Set Active Record)
    const go = async (intent: Intent) => {
      const result = await settle(r, dispatchNoted(r, this.agent, intent));
      forgetConfirmed(m, r, this.agent, result.ok ? intent : null);
    };
    if (s.state.workflow.phase === 'after-call') {
      await go({ type: 'mark-do-not-call', value: true });
      const i = s.state.workflow.interaction;
      const other = i?.chain.records.find((x) => x.handle !== i.chain.activeHandle);
      if (this.switchRecord && other) await go({ type: 'set-active-record', handle: other.handle });
      await go({ type: 'connect', outsideWindow: 'confirmed' });
    }
    invariants(r, m);
  }
  toString() {
    return `${AGENTS[this.agent]}:dnc-then-connect(${this.switchRecord ? 'other record' : 'same record'})`;
  }
}

/** Issue 16: the agent picks a code in wrap-up, then lets its time run out (the default must not replace it). */
export class PickThenWaitCmd implements Cmd {
  constructor(readonly agent: number) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    if (r.sessions[this.agent]!.state.workflow.phase === 'after-call') {
      await settle(r, dispatchNoted(r, this.agent, { type: 'set-disposition', code: 'RENEWED' }));
      await step(r, 25_000);
    }
    invariants(r, m);
  }
  toString() {
    return `${AGENTS[this.agent]}:pick-then-wait`;
  }
}

/** What the agent types, of every draft kind the session keeps (W-9, W-12, W-13, W-14). */
export type TypeKind = Typed['kind'];

export class TypeCmd implements Cmd {
  constructor(
    readonly agent: number,
    readonly kind: TypeKind,
    readonly value: string,
  ) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    const s = r.sessions[this.agent]!;
    const i = s.state.workflow.interaction;
    if (i && ['previewing', 'dialing', 'connected', 'after-call'].includes(s.state.workflow.phase)) {
      const t = typedOf(this.kind, this.value, i.id, i.chain.activeHandle);
      s.edit(
        t.kind === 'field'
          ? { kind: 'field', handle: t.handle, name: t.name, value: t.value }
          : t.kind === 'new-chained'
            ? { kind: 'new-chained', value: { phone: t.phone, phoneType: 'mobile' } }
            : t.kind === 'dial-number'
              ? { kind: 'dial-number', value: t.value }
              : { kind: 'reschedule', value: { date: t.date, time: t.time, callbackType: 'personal' } },
      );
      const k = typedKey(this.agent, t);
      if (!confirmed(s.state, t, null)) m.typed.set(k, { agent: this.agent, t });
      else m.typed.delete(k);
    }
    invariants(r, m);
  }
  toString() {
    return `${AGENTS[this.agent]}:type(${this.kind}, ${this.value})`;
  }
}

export class TimeCmd implements Cmd {
  constructor(readonly ms: number) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    await step(r, this.ms);
    invariants(r, m);
  }
  toString() {
    return `wait(${this.ms})`;
  }
}

export class FaultCmd implements Cmd {
  constructor(
    readonly agent: number,
    readonly kind: 'drop-connection' | 'faults-on' | 'faults-off',
  ) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    const c = r.connectors[this.agent]!;
    if (this.kind === 'drop-connection') c.dropConnection();
    else c.setFaults(this.kind === 'faults-on' ? FAULTS : CALM);
    await step(r, 50);
    invariants(r, m);
  }
  toString() {
    return `${AGENTS[this.agent]}:${this.kind}`;
  }
}

/** Multi-tab variant: agent-1's leader tab goes; another takes the lock and resumes from the snapshot. */
export class LoseLeaderCmd implements Cmd {
  constructor(readonly reopen: boolean) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    const g = r.group!;
    const t = r.clock.now();
    // The last tab closed is the agent leaving: a tab opened afterwards starts afresh, as a new
    // page does, and what was typed went with the tabs.
    if (g.tabs.length === 1) for (const [k, e] of m.typed) if (e.agent === 0) m.typed.delete(k);
    g.loseLeader(this.reopen);
    for (let i = 0; i < 200 && (g.leader?.connector as SimulatedConnector | undefined)?.connectionState !== 'online'; i++) await step(r, 10);
    const ms = r.clock.now() - t;
    if (ms > 2000) throw new Error(`no tab took over within 2 s (${ms} ms)`);
    r.handovers += 1;
    await step(r, 200);
    invariants(r, m);
  }
  toString() {
    return `agent-1:lose-leader(${this.reopen ? 'a tab opens again' : 'no new tab'})`;
  }
}

export const FAULTS: Faults = { latencyMs: [0, 60], failureRate: 0.15, lostAnswerRate: 0.1, dropRate: 0.1, duplicateRate: 0.15, reorderRate: 0.15 };
export const CALM: Faults = { latencyMs: [0, 20], failureRate: 0, lostAnswerRate: 0, dropRate: 0, duplicateRate: 0, reorderRate: 0 };
