/**
 * Issue 16 in the model-based test: runs draw one of a few campaigns (the seed's; Reject and
 * Cancel disabled with a bounded, extendable wrap-up; a bounded wrap-up that sets Not Ready), and
 * what each agent does is judged by it:
 * - a Reject or Cancel the campaign disables, when the agent attempts it, sends nothing to the
 *   server, and no dial is recorded while it is handled (nothing comes of it);
 * - no Reject by the agent and no Cancel is ever sent under a campaign that disables it;
 * - the wrap-up defaults are applied exactly once per interaction whose wrap-up time ran out: never
 *   twice, never missing once the deadline has passed, and they overwrite nothing set.
 */
import type { Command } from '../../src/connectors/port.js';
import type { Intent } from '../../src/domain/intents.js';
import { CallResult, type Campaign } from '../../src/domain/types.js';
import type { WorkflowState } from '../../src/domain/machine.js';
import type { Observable } from 'rxjs';

export const POLICIES: readonly Partial<Campaign>[] = [
  {},
  {
    rejectAllowed: false,
    cancelAllowed: false,
    afterCallWork: { limitSec: 20, defaultDispositionCode: 'CALLBACK', defaultCallResult: CallResult.NoAnswer, extendSec: 10, maxExtensions: 1 },
  },
  { cancelAllowed: false, afterCallWork: { limitSec: 15, defaultDispositionCode: 'INFO-SENT', onTimeout: 'not-ready' } },
];

export interface PolicyNotes {
  /** Commands each agent's connector was asked to send, in order. */
  readonly sent: Command[][];
  /** Interaction id → how often the defaults were applied on each agent's desk. */
  readonly defaulted: Map<string, number>;
  readonly problems: string[];
  /** Disabled Rejects and Cancels the agents attempted (so a report shows the rule was exercised). */
  attempts: number;
  /** Watch what this connector sends for agent k (the model wraps every connector it makes). */
  watchSend(c: { send: (c: Command, s?: AbortSignal) => Promise<unknown> }, k: number): void;
}

const disabled = (c: Partial<Campaign> | null | undefined, type: string) =>
  (type === 'reject' && c?.rejectAllowed === false) || (type === 'cancel' && c?.cancelAllowed === false);

/** Watch what each connector is asked to send, and each session's wrap-up defaults. */
/** `sessions[k]` is agent k's desk: a Session, or (multi-tab variant) the tab group's state as its leader shows it. */
export function watchPolicy(
  campaign: Partial<Campaign>,
  sessions: readonly { readonly state$: Observable<{ readonly workflow: WorkflowState }> }[],
): PolicyNotes {
  const notes: PolicyNotes = {
    sent: sessions.map(() => []),
    defaulted: new Map(),
    problems: [],
    attempts: 0,
    // every connector the agent's sessions use, including one a new leader tab makes
    watchSend(c, k) {
      const send = c.send.bind(c);
      c.send = (command, signal) => {
        notes.sent[k]!.push(command);
        const byAgent = command.type === 'cancel' || (command.type === 'reject' && !command.auto);
        if (byAgent && disabled(campaign, command.type)) notes.problems.push(`sent ${command.type} though the campaign disables it`);
        return send(command, signal);
      };
    },
  };
  sessions.forEach((s, k) => {
    let prev: WorkflowState | null = null;
    s.state$.subscribe(({ workflow: w }) => {
      const was = prev?.interaction?.id === w.interaction?.id ? prev?.afterCallTimer : null;
      if (w.interaction && w.afterCallTimer?.defaulted && was && !was.defaulted) {
        const key = `${k}:${w.interaction.id}`;
        notes.defaulted.set(key, (notes.defaulted.get(key) ?? 0) + 1);
        if (notes.defaulted.get(key)! > 1) notes.problems.push(`the wrap-up defaults were applied twice to ${w.interaction.id}`);
        for (const f of ['dispositionCode', 'callResult'] as const) {
          if (prev!.wrapup[f] !== null && prev!.wrapup[f] !== w.wrapup[f])
            notes.problems.push(`the defaults overwrote ${f} ${prev!.wrapup[f]} with ${w.wrapup[f]}`);
        }
      }
      prev = w;
    });
  });
  return notes;
}

/**
 * Before an intent of the agent's is dispatched: the returned check, called once it is answered,
 * judges it — a disabled Reject or Cancel sent nothing, and no dial was recorded meanwhile.
 */
export function judgeAttempt(notes: PolicyNotes, agent: number, w: WorkflowState, intent: Intent, dials: () => number): () => void {
  const attempted = (intent.type === 'reject' || intent.type === 'cancel') && disabled(w.campaign, intent.type) && w.interaction !== null;
  const [sentBefore, dialsBefore] = [notes.sent[agent]!.length, dials()];
  if (attempted) notes.attempts += 1;
  return () => {
    if (!attempted) return;
    if (notes.sent[agent]!.slice(sentBefore).some((c) => c.type === intent.type)) notes.problems.push(`a disabled ${intent.type} was sent`);
    if (dials() !== dialsBefore) notes.problems.push(`dialed while a disabled ${intent.type} was handled`);
  };
}

/**
 * The other half of "exactly once": a desk still in wrap-up of an interaction whose wrap-up time
 * has run out (its deadline passed on the session's clock) has had the defaults applied.
 */
export function checkDefaultsDue(
  notes: PolicyNotes,
  sessions: readonly ({ readonly state: { readonly workflow: WorkflowState } } | null)[],
  now: number,
): void {
  sessions.forEach((s, k) => {
    const w = s?.state.workflow;
    const t = w?.afterCallTimer;
    if (!w || w.phase !== 'after-call' || !t || t.defaulted || now < t.deadline) return;
    notes.problems.push(`agent ${k + 1}: wrap-up of ${w.interaction?.id} ran out ${now - t.deadline} ms ago and the defaults were not applied`);
  });
}
