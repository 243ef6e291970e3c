/**
 * What the tabs of one agent say to each other over a BroadcastChannel, and the two browser
 * APIs the sharing needs, feature-detected (or passed in, by a test). Same-origin tabs run the
 * same code, so a message is checked for its shape and its agent, not distrusted field by field;
 * a message for another agent, or of no known kind, is dropped.
 */
import type { DraftEdit } from '../drafts.js';
import type { Intent } from '../../domain/intents.js';
import type { Result } from '../../connectors/port.js';
import type { Notice, SessionState } from '../types.js';

export type TabMessage =
  /** A tab opened: the leader answers with its state. */
  | { readonly kind: 'hello' }
  /** The leader's state, after every change; `acks` counts each tab's edits it has applied. */
  | { readonly kind: 'state'; readonly state: SessionState; readonly acks: Readonly<Record<string, number>> }
  /** What the connector hands to the next leader (the simulated server's state). */
  | { readonly kind: 'carry'; readonly carry: unknown }
  | { readonly kind: 'notice'; readonly notice: Notice }
  | { readonly kind: 'intent'; readonly id: number; readonly intent: Intent }
  | { readonly kind: 'answer'; readonly to: string; readonly id: number; readonly result: Result<void> }
  | { readonly kind: 'edit'; readonly seq: number; readonly edit: DraftEdit; readonly interactionId: string | null }
  /** A new leader took the lock: requests sent to the old one get no answer. */
  | { readonly kind: 'leader' };

export type Envelope = TabMessage & { readonly agentId: string; readonly from: string };

const KINDS: ReadonlySet<string> = new Set(['hello', 'state', 'carry', 'notice', 'intent', 'answer', 'edit', 'leader']);

/** The envelope when `data` is one for `agentId` from another tab, else null. */
export function readEnvelope(data: unknown, agentId: string, self: string): Envelope | null {
  const e = data as Partial<Envelope> | null;
  if (typeof e !== 'object' || e === null || typeof e.kind !== 'string' || !KINDS.has(e.kind)) return null;
  if (e.agentId !== agentId || typeof e.from !== 'string' || e.from === self) return null;
  return e as Envelope;
}

/** The part of BroadcastChannel the sharing uses. */
export interface TabChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: { readonly data: unknown }) => void): void;
  close(): void;
}

/** The part of the Web Locks API the sharing uses. */
export interface TabLocks {
  request(name: string, options: { readonly signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<unknown>;
}

export interface TabPlatform {
  readonly locks: TabLocks;
  channel(name: string): TabChannel;
}

/** The browser's Web Locks and BroadcastChannel, or null where either is missing (each tab its own session then). */
export function detectTabs(g: typeof globalThis = globalThis): TabPlatform | null {
  try {
    const locks = (g.navigator as { locks?: TabLocks } | undefined)?.locks;
    const Channel = (g as { BroadcastChannel?: new (name: string) => TabChannel }).BroadcastChannel;
    if (!locks || typeof locks.request !== 'function' || typeof Channel !== 'function') return null;
    return { locks, channel: (name) => new Channel(name) };
  } catch {
    return null;
  }
}

/** One lock and one channel per agent (both are per origin already): another agent never joins. */
export const tabsName = (agentId: string): string => `push-preview-tabs:${agentId}`;
