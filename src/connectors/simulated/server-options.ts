/**
 * The simulated server's options and the tables and checks it keeps apart from its state: the
 * call result of each dial outcome, the workflow action each command asks for, and the refusals
 * of wrap-up (W-24…W-29) and callbacks (W-14) that depend only on the command and the campaign.
 */
import type { SchedulerLike, Subscription } from 'rxjs';
import type { Action, WorkflowEvent, WorkflowState } from '../../domain/machine.js';
import { inCallingWindow } from '../../domain/time.js';
import { CallResult, type Campaign, type Chain, type ContactRecord, type Interaction } from '../../domain/types.js';
import { refused, type Command, type ServerMessage } from '../port.js';

type Refused = ReturnType<typeof refused>;
import type { ContactSeed } from './seed-data.js';
import type { ConsultOutcome } from './consult.js';

export type DialOutcome = 'answer' | 'busy' | 'no-answer' | 'answering-machine' | 'fax' | 'wrong-number';

export const OUTCOME_RESULT: Record<Exclude<DialOutcome, 'answer'>, CallResult> = {
  busy: CallResult.Busy,
  'no-answer': CallResult.NoAnswer,
  'answering-machine': CallResult.AnsweringMachine,
  fax: CallResult.Fax,
  'wrong-number': CallResult.WrongNumber,
};

export interface SimulatedServerOptions {
  readonly seed?: number;
  readonly scheduler?: SchedulerLike;
  readonly campaign?: Partial<Campaign>;
  readonly contacts?: readonly ContactSeed[];
  /** Outcomes of dialing, drawn at random with the seed; `['answer']` by default. */
  readonly dialOutcomes?: readonly DialOutcome[];
  /** How long the contact's phone rings before the outcome. */
  readonly dialDelayMs?: number;
  /** Pause before the next preview is pushed to an agent who just finished one. */
  readonly pushDelayMs?: number;
  /** Extra time after the accept deadline before the server itself auto-rejects (a desk that went away). */
  readonly acceptGraceMs?: number;
  /** Refuse Connect outside the record's calling window. Off by default so the demo works at any hour. */
  readonly enforceCallingWindow?: boolean;
  /** W-2: is the campaign running at start (default true)? {@link SimulatedServer.setCampaignRunning} starts and stops it. */
  readonly campaignRunning?: boolean;
  /** Issue 16: what a consulted target does, drawn at random with the seed; `['answer']` by default. */
  readonly consultOutcomes?: readonly ConsultOutcome[];
  /** Issue 16: how long the consulted target's phone rings before their answer (default 2000). */
  readonly consultDelayMs?: number;
}

/** The options with their defaults, as the server keeps them. */
export type ServerTimings = Required<Omit<SimulatedServerOptions, 'campaign' | 'contacts' | 'scheduler' | 'seed' | 'campaignRunning'>>;

export function serverTimings(o: SimulatedServerOptions, dialOutcomes: readonly DialOutcome[]): ServerTimings {
  return {
    dialOutcomes,
    dialDelayMs: o.dialDelayMs ?? 1500,
    pushDelayMs: o.pushDelayMs ?? 1500,
    acceptGraceMs: o.acceptGraceMs ?? 5000,
    enforceCallingWindow: o.enforceCallingWindow ?? false,
    consultOutcomes: o.consultOutcomes ?? ['answer'],
    consultDelayMs: o.consultDelayMs ?? 2000,
  };
}

export interface Desk {
  state: WorkflowState;
  seq: number;
  listeners: Set<(m: ServerMessage) => void>;
  timers: Subscription[];
}

export const ACTION_OF: Record<Command['type'], Action | null> = {
  login: 'login',
  logout: 'logout',
  'set-status': null,
  accept: 'accept',
  reject: 'reject',
  cancel: 'cancel',
  transfer: 'transfer',
  connect: 'connect',
  hold: 'hold',
  retrieve: 'retrieve',
  conference: 'conference',
  'start-recording': 'start-recording',
  'stop-recording': 'stop-recording',
  disconnect: 'disconnect',
  'update-record': 'update-record',
  'add-chained-record': 'add-chained-record',
  'set-active-record': 'set-active-record',
  reschedule: 'reschedule',
  'mark-done': 'mark-done',
  consult: 'consult',
  'complete-transfer': 'complete-transfer',
  'complete-conference': 'complete-conference',
  'cancel-consult': 'cancel-consult',
  close: 'dismiss',
};

/** W-2: what the server says of its campaign at login and when it starts or stops. */
export function campaignStatusEvent(c: Campaign, running: boolean): WorkflowEvent {
  return { type: 'campaign-status', campaign: c.name, status: running ? 'running' : 'stopped', mode: 'PushPreview' };
}

/** A preview as the server pushes it: ringing, with its accept deadline (W-6) and stale time (W-30). */
export function newInteraction(id: string, c: Campaign, chain: Chain, now: number): Interaction {
  return {
    id,
    campaignId: c.id,
    chain,
    media: 'open-media',
    owner: null,
    offeredAt: now,
    acceptDeadline: now + c.acceptTimeoutSec * 1000,
    staleAt: now + c.staleTimeoutSec * 1000,
    acceptedAt: null,
    rescheduledAt: null,
  };
}

type MarkDone = Extract<Command, { type: 'mark-done' }>;

/** W-26, W-28, W-29: a code of the campaign's, one when the campaign requires it, a call result it offers. */
export function markDoneRefusal(c: Campaign, command: MarkDone): Refused | null {
  if (command.dispositionCode !== null && !c.dispositionCodes.some((d) => d.code === command.dispositionCode)) {
    return refused('invalid-field', 'dispositionCode');
  }
  if (c.dispositionRequired && c.dispositionCodes.length > 0 && command.dispositionCode === null) return refused('disposition-required');
  if (command.callResult !== null && !c.callResults.includes(command.callResult)) return refused('invalid-field', 'callResult');
  return null;
}

/** W-14: a callback in the future, inside the record's calling window. */
export function rescheduleRefusal(record: ContactRecord, at: number, now: number): Refused | null {
  if (!(at > now)) return refused('invalid-time');
  if (!inCallingWindow(at, record)) return refused('outside-calling-window');
  return null;
}
