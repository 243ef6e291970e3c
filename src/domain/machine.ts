/**
 * The push preview workflow as a pure state machine: `transition(state, event)`; the rule of
 * which action each state allows is in actions.ts (re-exported here). Rules carry the W-ids of
 * shared/spec/workflow.md.
 */
import {
  MAX_CONFERENCE_PARTIES,
  type AfterCallTimer,
  PUSH_PREVIEW_MEDIA,
  type Agent,
  type Call,
  type CallResult,
  type CallbackType,
  type Campaign,
  type Chain,
  type DoNotCallMarks,
  type Interaction,
  type Target,
  type Wrapup,
} from './types.js';
import { SERVER_GATED, type Action } from './actions.js';
import { NO_DNC_MARKS } from './dial-rules.js';
import { extendRefusal, extensionsOf, startTimer, withDefaults } from './policy.js';
import { withCampaignRun, type CampaignRun, type CampaignStatusEvent } from './campaign-status.js';
import { consultTransition, type Consult, type ConsultEvent } from './consult.js';

export { ACTIONS, SERVER_GATED, allowedActions, offeredIn, refusalFor, type Action } from './actions.js';

export const AGENT_PHASES = ['logged-out', 'not-ready', 'ready'] as const;
/** Phases with a live interaction on the agent's desktop. */
export const LIVE_PHASES = ['ringing', 'previewing', 'dialing', 'connected', 'after-call'] as const;
/** Ends of an interaction. It stays on screen until the next preview or a dismiss. */
export const END_PHASES = ['done', 'rejected', 'cancelled', 'transferred', 'stale', 'failed'] as const;
export const PHASES = [...AGENT_PHASES, ...LIVE_PHASES, ...END_PHASES] as const;

export type AgentPhase = (typeof AGENT_PHASES)[number];
export type LivePhase = (typeof LIVE_PHASES)[number];
export type EndPhase = (typeof END_PHASES)[number];
export type Phase = (typeof PHASES)[number];

export const isLivePhase = (p: Phase): p is LivePhase => (LIVE_PHASES as readonly string[]).includes(p);
export const isEndPhase = (p: Phase): p is EndPhase => (END_PHASES as readonly string[]).includes(p);
/** Ends that still hold the agent until dismissed: the server must be told (W-30). */
export const isBlockingEnd = (p: Phase): boolean => p === 'stale' || p === 'failed';

export interface WorkflowState {
  readonly phase: Phase;
  readonly agent: Agent;
  readonly campaign: Campaign | null;
  /** Present in live and end phases, null in agent phases. */
  readonly interaction: Interaction | null;
  /** Present while dialing or connected. */
  readonly call: Call | null;
  readonly wrapup: Wrapup;
  /** How it ended: the transfer target, the server's words, an auto-reject, or gone from the server. */
  readonly ended: { readonly target?: Target; readonly detail?: string; readonly auto?: boolean; readonly gone?: boolean } | null;
  /** The last time the machine was told about (epoch ms), for countdowns. */
  readonly now: number;
  /**
   * What the server's own capability lists allow right now, among {@link SERVER_GATED} actions;
   * null where the server does not say (the simulated one), and nothing is restricted.
   */
  readonly serverActions: readonly Action[] | null;
  /** W-25: the agent's Do Not Call tick and the numbers the server refused as such; absent means none. */
  readonly doNotCall?: DoNotCallMarks;
  /** Issue 16: the wrap-up countdown, where the campaign bounds after-call work; absent means none. */
  readonly afterCallTimer?: AfterCallTimer | null;
  /** W-2: what the server last said of each campaign's run state; absent until it says (campaign-status.ts). */
  readonly campaigns?: readonly CampaignRun[];
  /** Issue 16: the consult of the connected call (consult.ts); only ever set while connected. */
  readonly consult?: Consult | null;
}

export const EMPTY_WRAPUP: Wrapup = { callResult: null, doNotCall: false, dispositionCode: null };

export function initialState(agentId = 'agent', agentName = ''): WorkflowState {
  return {
    phase: 'logged-out',
    agent: { id: agentId, name: agentName, status: 'logged-out', mediaTypes: [] },
    campaign: null,
    interaction: null,
    call: null,
    wrapup: EMPTY_WRAPUP,
    ended: null,
    now: 0,
    serverActions: null,
    doNotCall: NO_DNC_MARKS,
    afterCallTimer: null,
  };
}

/** The server's view of the desk, as a connector reads it after a reload or reconnect. */
export interface Snapshot {
  readonly agent: Agent;
  readonly campaign: Campaign | null;
  readonly interaction: Interaction | null;
  readonly phase: Phase;
  readonly call: Call | null;
  /** W-2: the campaigns' run states, where the server's view has them. */
  readonly campaigns?: readonly CampaignRun[];
  /** Issue 16: the consult of the connected call, where the server's view has one. */
  readonly consult?: Consult | null;
}

/** Events the machine understands: what the server said, and a few local facts. */
export type WorkflowEvent =
  | { readonly type: 'agent'; readonly agent: Agent; readonly campaign?: Campaign | null }
  | { readonly type: 'offered'; readonly interaction: Interaction; readonly campaign: Campaign }
  | { readonly type: 'accepted'; readonly interactionId: string; readonly owner: string; readonly at: number }
  | { readonly type: 'rejected'; readonly interactionId: string; readonly auto: boolean }
  | { readonly type: 'cancelled'; readonly interactionId: string }
  | { readonly type: 'transferred'; readonly interactionId: string; readonly target: Target }
  | { readonly type: 'dialing'; readonly interactionId: string; readonly call: Call }
  | { readonly type: 'connected'; readonly interactionId: string; readonly at: number }
  | { readonly type: 'call'; readonly interactionId: string; readonly call: Call }
  /** `at`: when the call ended (the server's time where it says; the session fills in its own). */
  | { readonly type: 'call-ended'; readonly interactionId: string; readonly callResult: CallResult | null; readonly at?: number }
  | { readonly type: 'chain'; readonly interactionId: string; readonly chain: Chain }
  | { readonly type: 'rescheduled'; readonly interactionId: string; readonly at: number; readonly callbackType: CallbackType }
  | { readonly type: 'done'; readonly interactionId: string }
  | { readonly type: 'stale'; readonly interactionId: string }
  | { readonly type: 'failed'; readonly interactionId: string; readonly detail?: string }
  | { readonly type: 'closed'; readonly interactionId: string }
  /** `at`: when it was taken (the session fills it in), for a wrap-up timer it starts. */
  | { readonly type: 'snapshot'; readonly snapshot: Snapshot; readonly at?: number }
  | { readonly type: 'capabilities'; readonly interactionId: string; readonly actions: readonly Action[] | null }
  | { readonly type: 'tick'; readonly at: number }
  | { readonly type: 'wrapup'; readonly patch: Partial<Wrapup> }
  /** The server refused to dial `number` of this interaction as Do Not Call (W-25). */
  | { readonly type: 'do-not-call'; readonly interactionId: string; readonly number: string }
  /** Issue 16, local: the agent took more time for wrap-up. */
  | { readonly type: 'wrapup-extended'; readonly interactionId: string }
  /** Issue 16, local: wrap-up's time is up; the campaign's defaults fill what the agent left empty. */
  | { readonly type: 'wrapup-timeout'; readonly interactionId: string }
  /** W-2: the server says a campaign started, stopped or was unloaded. */
  | CampaignStatusEvent
  /** Issue 16: the consult call of a connected interaction (consult.ts). */
  | ConsultEvent;

export type WorkflowEventType = WorkflowEvent['type'];

function sameInteraction(state: WorkflowState, id: string): boolean {
  return state.interaction !== null && state.interaction.id === id;
}

function inPhase(state: WorkflowState, ...phases: Phase[]): boolean {
  return phases.includes(state.phase);
}

/** Is the snapshot's phase one the machine can be in with that data? */
export function isConsistent(s: Snapshot): boolean {
  if (s.agent.status === 'logged-out') return s.phase === 'logged-out' && s.interaction === null;
  if ((AGENT_PHASES as readonly string[]).includes(s.phase)) return s.interaction === null && s.phase === s.agent.status;
  if (s.interaction === null) return false;
  const calling = s.phase === 'dialing' || s.phase === 'connected';
  return calling === (s.call !== null);
}

/**
 * The machine. Pure: returns the same object when the event does not apply (a duplicate,
 * an event for another interaction, one the phase does not expect), so callers can tell
 * "ignored" by identity.
 */
export function transition(state: WorkflowState, event: WorkflowEvent): WorkflowState {
  const next = step(state, event);
  // issue 16: a consult lives only on the connected call; any other phase ends it
  return next.consult && next.phase !== 'connected' ? { ...next, consult: null } : next;
}

function step(state: WorkflowState, event: WorkflowEvent): WorkflowState {
  switch (event.type) {
    case 'tick':
      return event.at > state.now ? { ...state, now: event.at } : state;

    case 'agent': {
      const agent = event.agent;
      const campaign = event.campaign === undefined ? state.campaign : event.campaign;
      if (agent.status === 'logged-out') {
        if (isLivePhase(state.phase)) return state; // the server never logs out a busy desk
        return { ...state, agent, campaign, phase: 'logged-out', interaction: null, call: null, ended: null, campaigns: undefined };
      }
      const phase = isLivePhase(state.phase) || isEndPhase(state.phase) ? state.phase : agent.status;
      return { ...state, agent, campaign, phase };
    }

    case 'offered': {
      // W-2: only a Ready agent who chose the push preview media type (W-1) gets a preview,
      // and never on top of a live one or a stale one still on screen.
      const free = !isLivePhase(state.phase) && !isBlockingEnd(state.phase);
      if (!free || state.agent.status !== 'ready' || !state.agent.mediaTypes.includes(PUSH_PREVIEW_MEDIA)) {
        return state;
      }
      if (state.interaction?.id === event.interaction.id) return state;
      // W-3: it rings, as open media.
      return {
        ...state,
        phase: 'ringing',
        campaign: event.campaign,
        interaction: { ...event.interaction, media: 'open-media', owner: null },
        call: null,
        wrapup: EMPTY_WRAPUP,
        ended: null,
        serverActions: null,
        doNotCall: NO_DNC_MARKS,
        afterCallTimer: null,
      };
    }

    case 'accepted': // W-4
      if (!sameInteraction(state, event.interactionId) || !inPhase(state, 'ringing')) return state;
      return {
        ...state,
        phase: 'previewing',
        interaction: { ...state.interaction!, owner: event.owner, acceptedAt: event.at },
      };

    case 'rejected': // W-5, W-6
      if (!sameInteraction(state, event.interactionId) || !inPhase(state, 'ringing')) return state;
      return { ...state, phase: 'rejected', ended: { auto: event.auto } };

    case 'cancelled': // W-10
      if (!sameInteraction(state, event.interactionId) || !inPhase(state, 'previewing')) return state;
      return { ...state, phase: 'cancelled', interaction: { ...state.interaction!, owner: null } };

    case 'transferred': // W-11, W-18, W-23
      if (!sameInteraction(state, event.interactionId)) return state;
      if (!inPhase(state, 'previewing', 'dialing', 'connected', 'after-call')) return state;
      return {
        ...state,
        phase: 'transferred',
        call: null,
        interaction: { ...state.interaction!, owner: null, media: 'open-media' },
        ended: { target: event.target },
      };

    case 'dialing': // W-7, W-16, W-26 (redial from wrap-up)
      if (!sameInteraction(state, event.interactionId) || !inPhase(state, 'previewing', 'after-call')) return state;
      return {
        ...state,
        phase: 'dialing',
        call: event.call,
        interaction: { ...state.interaction!, media: 'voice' },
        wrapup: { ...state.wrapup, callResult: null },
      };

    case 'connected': // W-16
      if (!sameInteraction(state, event.interactionId) || !inPhase(state, 'dialing') || !state.call) return state;
      return { ...state, phase: 'connected', call: { ...state.call, connectedAt: event.at } };

    case 'call': // W-17, W-19, W-20
      if (!sameInteraction(state, event.interactionId) || !inPhase(state, 'connected')) return state;
      if (event.call.parties > MAX_CONFERENCE_PARTIES || event.call.parties < 2) return state;
      return { ...state, call: event.call };

    case 'call-ended': // W-22
      if (!sameInteraction(state, event.interactionId) || !inPhase(state, 'dialing', 'connected')) return state;
      return {
        ...state,
        phase: 'after-call',
        call: null,
        interaction: { ...state.interaction!, media: 'open-media' },
        wrapup: { ...state.wrapup, callResult: event.callResult ?? state.wrapup.callResult },
        // issue 16: wrap-up's countdown starts when the call ends
        afterCallTimer: startTimer(state.campaign, event.at ?? state.now, state.afterCallTimer),
      };

    case 'chain': // W-8, W-12, W-13, W-15, W-26
      if (!sameInteraction(state, event.interactionId) || !isLivePhase(state.phase)) return state;
      if (!event.chain.records.some((r) => r.handle === event.chain.activeHandle)) return state;
      return { ...state, interaction: { ...state.interaction!, chain: event.chain } };

    case 'rescheduled': // W-14, W-27
      if (!sameInteraction(state, event.interactionId) || !isLivePhase(state.phase) || state.phase === 'ringing') {
        return state;
      }
      return {
        ...state,
        interaction: { ...state.interaction!, rescheduledAt: { at: event.at, type: event.callbackType } },
      };

    case 'done': // W-28, W-29
      if (!sameInteraction(state, event.interactionId) || !inPhase(state, 'previewing', 'after-call')) return state;
      return { ...state, phase: 'done' };

    case 'stale': // W-30
      if (!sameInteraction(state, event.interactionId)) return state;
      if (!inPhase(state, 'ringing', 'previewing', 'after-call')) return state;
      return { ...state, phase: 'stale', call: null };

    case 'failed':
      if (!sameInteraction(state, event.interactionId) || !isLivePhase(state.phase)) return state;
      return { ...state, phase: 'failed', call: null, ended: { detail: event.detail } };

    case 'closed':
      if (!sameInteraction(state, event.interactionId) || !isEndPhase(state.phase)) return state;
      return {
        ...state,
        phase: state.agent.status,
        interaction: null,
        call: null,
        wrapup: EMPTY_WRAPUP,
        ended: null,
        serverActions: null,
        doNotCall: NO_DNC_MARKS,
        afterCallTimer: null,
      };

    case 'snapshot': {
      const s = event.snapshot;
      if (!isConsistent(s)) return state;
      const same = state.interaction !== null && s.interaction !== null && state.interaction.id === s.interaction.id;
      const kept = same ? (state.afterCallTimer ?? null) : null;
      // A live interaction the server no longer has failed from the agent's point of view.
      if (isLivePhase(state.phase) && s.interaction === null) {
        return { ...state, agent: s.agent, campaign: s.campaign ?? state.campaign, phase: 'failed', call: null, ended: { gone: true } };
      }
      return {
        ...state,
        agent: s.agent,
        campaign: s.campaign,
        interaction: s.interaction,
        call: s.call,
        phase: s.phase,
        wrapup: same ? state.wrapup : EMPTY_WRAPUP,
        ended: same ? state.ended : null,
        serverActions: same ? state.serverActions : null,
        doNotCall: same ? state.doNotCall : NO_DNC_MARKS,
        // issue 16: a desk found in wrap-up (a reload, a missed call end) gets its wrap-up time from now
        afterCallTimer: s.phase === 'after-call' && !kept ? startTimer(s.campaign, event.at ?? state.now, null) : kept,
        campaigns: s.campaigns ?? state.campaigns,
        consult: s.consult ?? null,
      };
    }

    case 'capabilities': {
      if (!sameInteraction(state, event.interactionId) || !isLivePhase(state.phase)) return state;
      const next = event.actions === null ? null : SERVER_GATED.filter((a) => event.actions!.includes(a));
      const same = next === null ? state.serverActions === null : state.serverActions !== null && next.join() === state.serverActions.join();
      return same ? state : { ...state, serverActions: next };
    }

    case 'wrapup': {
      // W-24, W-25, W-29: choices made while wrapping up; before dialing only the code (W-29).
      const p = event.patch;
      const codeOnly = Object.keys(p).every((k) => k === 'dispositionCode');
      if (!state.campaign || !(inPhase(state, 'after-call') || (inPhase(state, 'previewing') && codeOnly))) return state;
      if (p.callResult !== undefined && p.callResult !== null && !state.campaign.callResults.includes(p.callResult)) {
        return state;
      }
      if (p.dispositionCode !== undefined && p.dispositionCode !== null && !state.campaign.dispositionCodes.some((d) => d.code === p.dispositionCode)) {
        return state;
      }
      // W-25: the tick marks the record active when it is ticked, until it is unticked.
      const marks = state.doNotCall ?? NO_DNC_MARKS;
      const doNotCall = p.doNotCall === undefined ? marks : { ...marks, marked: p.doNotCall ? state.interaction!.chain.activeHandle : null };
      return { ...state, wrapup: { ...state.wrapup, ...p }, doNotCall };
    }

    case 'do-not-call': {
      // W-25: the server says this number is Do Not Call; it stays so for the rest of the interaction.
      if (!sameInteraction(state, event.interactionId) || !isLivePhase(state.phase)) return state;
      const marks = state.doNotCall ?? NO_DNC_MARKS;
      if (marks.numbers.includes(event.number)) return state;
      return { ...state, doNotCall: { ...marks, numbers: [...marks.numbers, event.number] } };
    }

    case 'wrapup-extended': {
      // issue 16: as often and by as much as the campaign says, while the time runs
      const t = state.afterCallTimer;
      if (!sameInteraction(state, event.interactionId) || !inPhase(state, 'after-call') || !t || extendRefusal(state.campaign, t)) return state;
      const deadline = t.deadline + extensionsOf(state.campaign).sec * 1000;
      return { ...state, afterCallTimer: { ...t, deadline, extensions: t.extensions + 1 } };
    }

    case 'wrapup-timeout': {
      // issue 16: once per interaction; only what the agent left empty is filled
      const t = state.afterCallTimer;
      if (!sameInteraction(state, event.interactionId) || !inPhase(state, 'after-call') || !t || t.defaulted) return state;
      return { ...state, wrapup: withDefaults(state.campaign, state.wrapup), afterCallTimer: { ...t, defaulted: true } };
    }
    case 'campaign-status': // W-2
      if (state.agent.status === 'logged-out') return state;
      return { ...state, campaigns: withCampaignRun(state.campaigns, event) };
    case 'consult-dialing':
    case 'consult-answered':
    case 'consult-failed':
    case 'consult-ended':
      return consultTransition(state, event);
  }
}

/** Apply several events in order. */
export function run(state: WorkflowState, events: readonly WorkflowEvent[]): WorkflowState {
  return events.reduce(transition, state);
}
