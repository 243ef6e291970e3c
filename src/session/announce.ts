/** Announcements: what a change of phase tells the agent (live region) and the host page. */
import type { Phase, WorkflowEvent, WorkflowState } from '../domain/machine.js';
import type { Notice } from './types.js';

const ENTERED: Partial<Record<Phase, Notice['kind']>> = {
  ringing: 'offered',
  previewing: 'accepted',
  dialing: 'dialing',
  connected: 'connected',
  'after-call': 'call-ended',
  done: 'done',
  stale: 'stale',
  cancelled: 'cancelled',
  failed: 'failed',
};

/** The notice for a transition, or null when the phase did not change or says nothing. */
export function noticeFor(before: WorkflowState, after: WorkflowState, event: WorkflowEvent): Notice | null {
  if (before.phase === after.phase) return null;
  if (after.phase === 'rejected') return { kind: 'rejected', state: after, auto: event.type === 'rejected' ? event.auto : false };
  if (after.phase === 'transferred') return { kind: 'transferred', state: after, target: after.ended?.target };
  const kind = ENTERED[after.phase];
  return kind ? ({ kind, state: after } as Notice) : null;
}
