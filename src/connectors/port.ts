/**
 * The connector port: the one way the session talks to an outbound server. Commands go out
 * (each cancellable, each answered or refused with a typed reason); server messages come in
 * as validated workflow events numbered in the order the server produced them.
 */
import type { Observable } from 'rxjs';
import type { Snapshot, WorkflowEvent } from '../domain/machine.js';
import type { Refusal } from '../domain/reasons.js';
import type { CallResult, CallbackType, MediaType, PhoneType } from '../domain/types.js';

export type Command =
  | { readonly type: 'login'; readonly mediaTypes: readonly MediaType[] }
  | { readonly type: 'logout' }
  | { readonly type: 'set-status'; readonly status: 'ready' | 'not-ready' }
  | { readonly type: 'accept'; readonly interactionId: string }
  | { readonly type: 'reject'; readonly interactionId: string; readonly auto: boolean }
  | { readonly type: 'cancel'; readonly interactionId: string }
  | { readonly type: 'transfer'; readonly interactionId: string; readonly targetId: string }
  | { readonly type: 'connect'; readonly interactionId: string; readonly handle: number; readonly number: string }
  | { readonly type: 'hold'; readonly interactionId: string }
  | { readonly type: 'retrieve'; readonly interactionId: string }
  | { readonly type: 'conference'; readonly interactionId: string; readonly targetId: string }
  | { readonly type: 'start-recording'; readonly interactionId: string }
  | { readonly type: 'stop-recording'; readonly interactionId: string }
  | { readonly type: 'disconnect'; readonly interactionId: string }
  | {
      readonly type: 'update-record';
      readonly interactionId: string;
      readonly handle: number;
      readonly fields: Readonly<Record<string, string>>;
    }
  | { readonly type: 'add-chained-record'; readonly interactionId: string; readonly phone: string; readonly phoneType: PhoneType }
  | { readonly type: 'set-active-record'; readonly interactionId: string; readonly handle: number }
  | {
      readonly type: 'reschedule';
      readonly interactionId: string;
      readonly handle: number;
      readonly at: number;
      readonly callbackType: CallbackType;
    }
  | {
      readonly type: 'mark-done';
      readonly interactionId: string;
      readonly callResult: CallResult | null;
      readonly dispositionCode: string | null;
      readonly doNotCall: boolean;
      /** W-25: the record the agent ticked Mark Do Not Call for, where known (else the record dialed). */
      readonly doNotCallHandle?: number;
    }
  /**
   * Issue 16, the consult (two-step) transfer and conference: call the target with the customer
   * on hold; then hand the customer over, join the three, or drop the consult and retrieve the customer.
   */
  | { readonly type: 'consult'; readonly interactionId: string; readonly targetId: string }
  | { readonly type: 'complete-transfer'; readonly interactionId: string }
  | { readonly type: 'complete-conference'; readonly interactionId: string }
  | { readonly type: 'cancel-consult'; readonly interactionId: string }
  /** Take an ended interaction (stale, failed) off the agent's desk. */
  | { readonly type: 'close'; readonly interactionId: string };

export type CommandType = Command['type'];

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: Refusal };

/**
 * One server message. `seq` grows by one per message on a connection; a gap means a message
 * was lost and the session resynchronises from a snapshot.
 */
export interface ServerMessage {
  readonly seq: number;
  readonly event: WorkflowEvent;
}

export interface SnapshotAt {
  /** The seq of the last message the snapshot includes. */
  readonly seq: number;
  readonly snapshot: Snapshot;
}

export type ConnectionState = 'offline' | 'connecting' | 'online';

/** A message from the server the connector could not trust: reported, never applied. */
export interface ProtocolProblem {
  readonly kind: 'malformed' | 'unknown' | 'transport';
  readonly message: string;
  readonly raw?: unknown;
}

export interface Connector {
  /** Validated server messages, in arrival order. */
  readonly messages$: Observable<ServerMessage>;
  readonly connection$: Observable<ConnectionState>;
  readonly problems$: Observable<ProtocolProblem>;
  /** The agent id this connector speaks for. */
  readonly agentId: string;
  connect(signal?: AbortSignal): Promise<Result<void>>;
  disconnect(): Promise<void>;
  /** The live state of the desk, for a reload or a reconnect. */
  snapshot(signal?: AbortSignal): Promise<Result<SnapshotAt>>;
  /** Send a command. Its answer carries the messages it caused, in seq order. */
  send(command: Command, signal?: AbortSignal): Promise<Result<readonly ServerMessage[]>>;
}

/**
 * Makes the connector for an agent (the elements' `connectorFactory`): where the agent's tabs
 * share one session, it is called in the one tab that holds the connection, and again in the tab
 * that takes over when that one goes — never in the others.
 */
export type ConnectorFactory = (agentId: string) => Connector | Promise<Connector>;

export const refused = (reason: Refusal['reason'], detail?: string): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: detail === undefined ? { reason } : { reason, detail },
});
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
