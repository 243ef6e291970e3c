/** The session's public shapes: its state, its announcements and its options. */
import type { Observable, SchedulerLike } from 'rxjs';
import type { Intent, IntentType } from '../domain/intents.js';
import type { Action, WorkflowState } from '../domain/machine.js';
import type { Refusal } from '../domain/reasons.js';
import type { Target } from '../domain/types.js';
import type { ConnectionState, Connector, ProtocolProblem, Result } from '../connectors/port.js';
import type { CallMarks } from './store.js';
import type { DraftEdit, DraftStorage, Drafts } from './drafts.js';

export interface SessionState {
  readonly workflow: WorkflowState;
  /** What the machine offers now, less anything while a request is under way. */
  readonly allowed: ReadonlySet<Action>;
  readonly drafts: Drafts;
  /** The request under way, if any (no double submit). */
  readonly pending: IntentType | null;
  /** The last refusal, until the next intent succeeds. */
  readonly refusal: (Refusal & { readonly intent: IntentType }) | null;
  readonly connection: ConnectionState | 'reconnecting';
  /** The last message from the server that could not be trusted. */
  readonly problem: ProtocolProblem | null;
}

/**
 * Things worth telling the agent (live region) and the host page (events). `mirrored`: told to
 * this tab by the tab holding the connection (tabs/shared.ts), which tells it too — so that a
 * host event's `detail.primary` is true in one tab only.
 */
export type Notice = NoticeOf & { readonly mirrored?: true };

type NoticeOf =
  | {
      readonly kind: 'offered' | 'accepted' | 'dialing' | 'connected' | 'call-ended' | 'done' | 'stale' | 'cancelled' | 'failed';
      readonly state: WorkflowState;
    }
  | { readonly kind: 'rejected'; readonly state: WorkflowState; readonly auto: boolean }
  | { readonly kind: 'transferred'; readonly state: WorkflowState; readonly target: Target | undefined }
  | { readonly kind: 'time-running-out'; readonly state: WorkflowState; readonly secondsLeft: number }
  /** Issue 16: wrap-up's time left, at set points (not every second). */
  | { readonly kind: 'wrapup-time'; readonly state: WorkflowState; readonly secondsLeft: number }
  | { readonly kind: 'refused'; readonly intent: IntentType; readonly refusal: Refusal }
  | { readonly kind: 'problem'; readonly problem: ProtocolProblem }
  | { readonly kind: 'connection'; readonly connection: SessionState['connection'] };

export interface SessionOptions {
  readonly connector: Connector;
  /** Timers run on it; tests pass a virtual-time scheduler. */
  readonly scheduler?: SchedulerLike;
  /** Where drafts survive a reload; `null` opts out. Defaults to sessionStorage where there is one. */
  readonly storage?: DraftStorage | null;
  readonly storageKey?: string;
  /** Wait this long for a missing message before resynchronising from a snapshot. */
  readonly gapTimeoutMs?: number;
  /** Announce "time running out" when this many seconds are left to Accept. */
  readonly warnSecondsLeft?: number;
  /** Reconnect after a lost connection, backing off from this delay to 30 s. */
  readonly reconnectDelayMs?: number | null;
  /**
   * The session's own deadline for every command and snapshot (default 15 s): a connector that
   * has not answered by then is aborted and the intent refused as `timeout`.
   */
  readonly commandTimeoutMs?: number;
}

/**
 * What the elements use of a session: a {@link Session} of its own, or a session shared by the
 * agent's tabs (tabs/shared.ts), whose leader tab runs the one Session and connector.
 */
export interface DeskSession {
  readonly state: SessionState;
  readonly state$: Observable<SessionState>;
  readonly notices$: Observable<Notice>;
  /** The connector this tab runs: undefined in a tab that mirrors another's. */
  readonly connector: Connector | undefined;
  /** Live subscriptions to {@link state$}: a leak test expects 0 once every element is gone. */
  readonly liveSubscriptions: number;
  /** Shared with the agent's other tabs: announcements then come only where the page is shown. */
  readonly sharedTabs?: boolean;
  /** The clock its timers run on (virtual time in tests); the call timers read it too. */
  readonly scheduler?: SchedulerLike;
  /** The call timers' marks (call-clock.ts reads them), kept from the start of the session. */
  readonly callClock?: CallMarks;
  select<T>(selector: (s: SessionState) => T, compare?: (a: T, b: T) => boolean): Observable<T>;
  start(): Promise<void>;
  dispose(): void;
  dispatch(intent: Intent, signal?: AbortSignal): Promise<Result<void>>;
  edit(edit: DraftEdit): void;
}
