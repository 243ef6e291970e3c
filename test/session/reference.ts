/**
 * An independent reference of the workflow's rules for the model-based test, written from
 * /work/shared/spec/workflow.md (the W-ids) and NOT from src/domain/machine.ts: it imports
 * nothing from the domain, so a bug in the machine cannot move this model with it.
 *
 * It says, for each phase, which server event may move an interaction where, and which actions
 * may be offered at all. The model test replays every event the server recorded through it, and
 * checks every phase change the session makes and every action it offers against it.
 */

/** Phases by the spec's words: the agent's own, an interaction on the desk, and its ends. */
const AGENT = ['logged-out', 'not-ready', 'ready'] as const;
const LIVE = ['ringing', 'previewing', 'dialing', 'connected', 'after-call'] as const;
const ENDS = ['done', 'rejected', 'cancelled', 'transferred', 'stale', 'failed'] as const;
export type RefPhase = (typeof AGENT)[number] | (typeof LIVE)[number] | (typeof ENDS)[number];

const isAgent = (p: string) => (AGENT as readonly string[]).includes(p);
const isLive = (p: string) => (LIVE as readonly string[]).includes(p);
const isEnd = (p: string) => (ENDS as readonly string[]).includes(p);

/** Ends after which the next preview may come without a dismiss (stale and failed hold the desk: W-30). */
const FREE_ENDS: readonly RefPhase[] = ['done', 'rejected', 'cancelled', 'transferred'];

/** Server events that move an interaction: from which phases, to which. */
export const MOVES: Readonly<Record<string, { from: readonly RefPhase[]; to: RefPhase }>> = {
  offered: { from: ['ready', ...FREE_ENDS], to: 'ringing' }, // W-2, W-3
  accepted: { from: ['ringing'], to: 'previewing' }, // W-4
  rejected: { from: ['ringing'], to: 'rejected' }, // W-5, W-6 (by the agent or the deadline)
  cancelled: { from: ['previewing'], to: 'cancelled' }, // W-10
  transferred: { from: ['previewing', 'dialing', 'connected', 'after-call'], to: 'transferred' }, // W-11, W-18, W-23
  dialing: { from: ['previewing', 'after-call'], to: 'dialing' }, // W-7, W-16, W-26 (dial the newly active record)
  connected: { from: ['dialing'], to: 'connected' }, // W-16
  'call-ended': { from: ['dialing', 'connected'], to: 'after-call' }, // W-22 (or the dial did not connect)
  done: { from: ['previewing', 'after-call'], to: 'done' }, // W-28, W-29
  stale: { from: ['ringing', 'previewing', 'after-call'], to: 'stale' }, // W-30: a preview not processed (not a call under way)
  failed: { from: [...LIVE], to: 'failed' }, // the server lost it: the desk cannot go on with it
};

/** Events that change no phase, and where they may come (`call`: the voice call's parties, hold, recording). */
const IN_PLACE: Readonly<Record<string, readonly RefPhase[]>> = {
  call: ['connected'], // W-17, W-19, W-20
  chain: [...LIVE], // W-8, W-12, W-13, W-15, W-26
  rescheduled: ['previewing', 'dialing', 'connected', 'after-call'], // W-14, W-21, W-27
  // issue 16: the consult (two-step) transfer and conference of the connected call
  'consult-dialing': ['connected'],
  'consult-answered': ['connected'],
  'consult-failed': ['connected'],
  'consult-ended': ['connected'],
};

/** Which actions a phase may offer at all (the spec's own lists; status changes once logged in, W-2). */
const OFFERS: Readonly<Record<RefPhase, readonly string[]>> = {
  'logged-out': ['login'], // W-1
  'not-ready': ['ready', 'logout'],
  ready: ['not-ready', 'logout'],
  ringing: ['accept', 'reject'], // W-3..W-6
  // W-7..W-15; W-29 (a code may be picked, then Mark Done, without dialing)
  // issue 16: Done and Stop wherever Mark Done is
  previewing: [
    'connect',
    'set-active-record',
    'cancel',
    'transfer',
    'update-record',
    'add-chained-record',
    'reschedule',
    'set-disposition',
    'mark-done',
    'done-and-stop',
  ],
  // W-16..W-22: the voice section's controls (what the desk may offer; it may offer fewer while dialing)
  dialing: [
    'conference',
    'transfer',
    'hold',
    'retrieve',
    'start-recording',
    'stop-recording',
    'update-record',
    'add-chained-record',
    'reschedule',
    'disconnect',
  ],
  connected: [
    'conference',
    'transfer',
    'hold',
    'retrieve',
    'start-recording',
    'stop-recording',
    'update-record',
    'add-chained-record',
    'reschedule',
    'disconnect',
    // issue 16: consult the target (the customer on hold), then complete the transfer, make it a conference, or cancel and retrieve
    'consult',
    'complete-transfer',
    'complete-conference',
    'cancel-consult',
  ],
  // W-23..W-29; Edit/Update Record (W-12, W-15) are not withdrawn by the spec in wrap-up
  'after-call': [
    'transfer',
    'set-call-result',
    'mark-do-not-call',
    'set-active-record',
    'connect',
    'add-chained-record',
    'reschedule',
    'update-record',
    'set-disposition',
    'mark-done',
    'done-and-stop', // issue 16
    'extend-wrapup', // issue 16: the campaign's wrap-up bound
  ],
  done: ['dismiss', 'logout'],
  rejected: ['dismiss', 'logout'],
  cancelled: ['dismiss', 'logout'],
  transferred: ['dismiss', 'logout'],
  stale: ['dismiss'], // W-30: the actions are disabled; only closing it
  failed: ['dismiss'],
};

/** An action offered in `phase` that the rules do not offer there, or null. */
export function offerProblem(phase: string, status: string, offered: Iterable<string>): string | null {
  const own = OFFERS[phase as RefPhase];
  if (!own) return `unknown phase ${phase}`;
  for (const a of offered) {
    const status_ = (a === 'ready' && status === 'not-ready') || (a === 'not-ready' && status === 'ready');
    if (!own.includes(a) && !status_) return `${a} offered in ${phase} (the reference offers ${own.join(', ')})`;
  }
  return null;
}

interface EventLike {
  readonly type: string;
  readonly interactionId?: string;
  readonly interaction?: { readonly id: string };
  readonly agent?: { readonly status: string };
}

/** One desk as the reference sees it, from the events the server recorded for it. */
export class ReferenceDesk {
  phase: RefPhase = 'logged-out';
  status = 'logged-out';
  interactionId: string | null = null;
  /** `interactionId:phase` pairs the server's record passed through (a resync may land on one). */
  readonly visited = new Set<string>();

  /** Apply one recorded event; a string says which rule it broke. */
  apply(e: EventLike): string | null {
    const id = e.interactionId ?? e.interaction?.id ?? null;
    if (e.type === 'agent') {
      const s = e.agent!.status;
      if (s === 'logged-out' && isLive(this.phase)) return `logged out with ${this.phase} ${this.interactionId} on the desk`;
      this.status = s;
      if (s === 'logged-out') [this.phase, this.interactionId] = ['logged-out', null];
      else if (isAgent(this.phase)) this.phase = s as RefPhase;
      return null;
    }
    if (e.type === 'closed') {
      if (id !== this.interactionId || !isEnd(this.phase)) return `closed ${id} in ${this.phase}`;
      [this.phase, this.interactionId] = [this.status as RefPhase, null];
      return null;
    }
    const move = MOVES[e.type];
    if (move) {
      if (e.type === 'offered') {
        if (this.status !== 'ready' || !move.from.includes(this.phase)) return `offered ${id} to a desk in ${this.phase} (${this.status})`;
        this.interactionId = id;
      } else if (id !== this.interactionId || !move.from.includes(this.phase)) {
        return `${e.type} ${id} recorded while the desk was ${this.phase} ${this.interactionId ?? ''}`;
      }
      this.phase = move.to;
      this.visited.add(`${id}:${move.to}`);
      return null;
    }
    const where = IN_PLACE[e.type];
    if (where && (id !== this.interactionId || !where.includes(this.phase))) return `${e.type} ${id} recorded while the desk was ${this.phase}`;
    return null;
  }

  /**
   * May a session go from `from` to `to` (with interaction `id` after the change)? By one of the
   * rules' moves, or by a resync onto a phase the server's record really had for that interaction.
   */
  movable(from: string, to: string, id: string | null): boolean {
    if (isAgent(to)) return !isLive(from); // a logout, a status change, or a dismiss (W-1, W-2)
    for (const m of Object.values(MOVES)) if (m.to === to && m.from.includes(from as RefPhase)) return true;
    return id !== null && this.visited.has(`${id}:${to}`);
  }
}
