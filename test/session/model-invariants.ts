/**
 * The invariants of the model-based test (test/session/model.ts), checked after every command;
 * the list is in model.ts's header. The watchers they read are in ./model-checks.ts.
 */
import type { SimulatedServer } from '../../src/connectors/simulated/server.js';
import type { SimulatedConnector } from '../../src/connectors/simulated/connector.js';
import type { ServerMessage } from '../../src/connectors/port.js';
import { AGENT_PHASES, PHASES, isConsistent, type Phase } from '../../src/domain/machine.js';
import { checkPhone } from '../../src/domain/phone.js';
import { CallResult, type Chain } from '../../src/domain/types.js';
import { Session } from '../../src/session/session.js';
import type { Intent } from '../../src/domain/intents.js';
import type { TestClock } from '../fixtures/virtual-time.js';
import { checkWatched, confirmed, type Typed } from './model-checks.js';
import { checkDial, type DialNotes } from './model-dial.js';
import { checkDefaultsDue, type PolicyNotes } from './model-policy.js';
import type { TabGroup } from './model-tabs.js';

export const AGENTS = ['agent-1', 'agent-2'] as const;

export interface Real {
  readonly clock: TestClock;
  readonly server: SimulatedServer;
  readonly connectors: SimulatedConnector[];
  /** One Session per agent; in the multi-tab variant agent-1's is its tabs (./model-tabs.ts). */
  readonly sessions: ModelSession[];
  /** Every message each agent's desk produced, in order. */
  readonly log: { agent: string; m: ServerMessage }[];
  readonly phases: Set<Phase>;
  /** Incremental checking of the log: how far, and what was learnt. */
  checked: number;
  readonly chains: Map<string, Chain>;
  readonly ended: Set<string>;
  readonly dnc: Set<string>;
  /** Interactions the server recorded done (completed). */
  completed: number;
  /** Requests in flight per agent, and the most seen at once. */
  readonly inFlight: number[];
  /** What the watchers of ./model-checks.ts saw break (the reference, reject-to-top). */
  readonly problems: string[];
  /** The agents' Do Not Call ticks and Connect confirmations, by interaction (./model-dial.ts). */
  readonly dial: DialNotes;
  /** Issue 16: the campaign's policy, what was sent under it, the wrap-up defaults (./model-policy.ts). */
  readonly policy: PolicyNotes;
  /** Multi-tab variant: agent-1's tabs, and how many times its leader tab was lost. */
  readonly group: TabGroup | null;
  handovers: number;
}

/** What the model uses of a session: a Session, or the tabs of one agent sharing one. */
export type ModelSession = Pick<Session, 'state' | 'state$' | 'dispatch' | 'edit' | 'resync' | 'dispose'>;

export interface Model {
  /** What each agent typed (every draft kind) and has not seen confirmed, by agent and kind. */
  typed: Map<string, { agent: number; t: Typed }>;
}

export function invariants(r: Real, m: Model): void {
  // the session's state is one the machine can be in
  for (const s of r.sessions) {
    const w = s.state.workflow;
    r.phases.add(w.phase);
    if (!PHASES.includes(w.phase)) throw new Error(`unknown phase ${w.phase}`);
    if ((AGENT_PHASES as readonly string[]).includes(w.phase) !== (w.interaction === null)) throw new Error(`interaction presence wrong in ${w.phase}`);
    if (!isConsistent({ agent: w.agent, campaign: w.campaign, interaction: w.interaction, phase: w.phase, call: w.call })) {
      throw new Error(`inconsistent state ${w.phase}`);
    }
  }
  // one owner per record
  const held = new Map<number, string>();
  for (const a of AGENTS) {
    const st = r.server.desk(a).state;
    if (st.interaction && !['done', 'rejected', 'cancelled', 'transferred'].includes(st.phase)) {
      const c = st.interaction.chain.chainId;
      if (held.has(c)) throw new Error(`chain ${c} on two desks`);
      held.set(c, a);
      if (st.phase !== 'stale' && st.phase !== 'failed' && r.server.callingList.some((q) => q.chainId === c)) {
        throw new Error(`chain ${c} both on a desk and in the calling list`);
      }
    }
  }
  // nothing dialed after reject, stale or do-not-call; no done without a required code
  for (; r.checked < r.log.length; r.checked++) {
    const e = r.log[r.checked]!.m.event;
    if (e.type === 'offered') r.chains.set(e.interaction.id, e.interaction.chain);
    if (e.type === 'chain') r.chains.set(e.interactionId, e.chain);
    if (e.type === 'accepted' && r.ended.has(e.interactionId)) throw new Error(`accepted ${e.interactionId} after reject/stale`);
    if (e.type === 'call' && (e.call.parties > 3 || e.call.parties < 2)) throw new Error(`a call of ${e.call.parties} parties`);
    if (e.type === 'call' && e.call.recording && r.server.campaign.telephony !== 'sip') throw new Error('recording on a non-SIP line');
    if (e.type === 'rejected' || e.type === 'stale') r.ended.add(e.interactionId);
    if (e.type === 'dialing') {
      if (r.ended.has(e.interactionId)) throw new Error(`dialed ${e.interactionId} after reject/stale`);
      if (r.dnc.has(e.call.number)) throw new Error(`dialed ${e.call.number} after do-not-call`);
      // issue 13: nor a number the agent marked Do Not Call, nor outside the window unconfirmed
      checkDial(r, e, r.chains.get(e.interactionId));
    }
    if (e.type === 'done') {
      r.completed += 1;
      const chain = r.chains.get(e.interactionId)!;
      const processed = r.server.processedRecord(chain.chainId);
      // what the agent saw applied is what the server recorded (call result, Do Not Call, code)
      const k = AGENTS.indexOf(r.log[r.checked]!.agent as (typeof AGENTS)[number]);
      const seen = r.sessions[k]!.state.workflow;
      if (seen.interaction?.id === e.interactionId && seen.phase === 'done' && processed) {
        const expected = seen.wrapup.doNotCall ? CallResult.DoNotCall : seen.wrapup.callResult;
        if (processed.callResult !== expected || processed.dispositionCode !== seen.wrapup.dispositionCode) {
          throw new Error(`the agent saw ${JSON.stringify(seen.wrapup)} applied, the server recorded ${JSON.stringify(processed)}`);
        }
      }
      if (r.server.campaign.dispositionRequired && !processed?.dispositionCode) throw new Error('done without a required disposition code');
      if (processed?.callResult === CallResult.DoNotCall) {
        for (const rec of chain.records) {
          const p = checkPhone(rec.phone, rec.country);
          if (p.ok) r.dnc.add(p.e164);
        }
      }
    }
  }
  // Do Not Call across every list: no chain with a Do Not Call number waits in the calling list
  for (const c of r.server.callingList) {
    for (const rec of c.records) {
      const p = checkPhone(rec.phone, rec.country);
      if (p.ok && r.dnc.has(p.e164)) throw new Error(`chain ${c.chainId} still in the calling list after Do Not Call`);
    }
  }
  // at most one request in flight per session (the session's own auto-reject aside)
  for (const n of r.inFlight) if (n > 1) throw new Error(`${n} requests in flight at once`);
  // the reference's verdicts, reject-to-top, and no draft of any kind lost while its
  // interaction is on the desk and unconfirmed
  checkWatched(r.problems, m.typed, r.sessions);
  // issue 16: no disabled Reject or Cancel sent or dialing from one; the defaults exactly once
  checkDefaultsDue(
    r.policy,
    r.sessions.map((s) => (s instanceof Session ? s : null)),
    r.clock.now(),
  );
  if (r.policy.problems.length) throw new Error(r.policy.problems[0]);
}

/** Forget what the server confirmed (`okIntent`: the intent `agent` just had answered ok). */
export function forgetConfirmed(m: Model, r: Real, agent: number, okIntent: Intent | null): void {
  for (const [k, e] of m.typed) if (confirmed(r.sessions[e.agent]!.state, e.t, e.agent === agent ? okIntent : null)) m.typed.delete(k);
}
