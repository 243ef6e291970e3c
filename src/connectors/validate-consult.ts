/** Issue 16: the readers of a consult's events and state (validate.ts), from untrusted server data; and of its target. */
import type { Consult, ConsultEvent } from '../domain/consult.js';
import type { Target } from '../domain/types.js';
import { Invalid, bool, num, obj, oneOf, own, str, type Obj } from './validate-core.js';

export function readTarget(v: unknown, path: string): Target {
  const o = obj(v, path);
  return { id: str(o, 'id', path, 200), name: str(o, 'name', path, 500), kind: oneOf(o, 'kind', ['agent', 'queue', 'number'] as const, path) };
}

const FAILURES = ['refused', 'no-answer', 'released'] as const;

export function readConsult(v: unknown, path: string): Consult {
  const o = obj(v, path);
  const state = oneOf(o, 'state', ['ringing', 'talking', 'failed'] as const, path);
  const answeredAt = own(o, 'answeredAt') === null ? null : num(o, 'answeredAt', path);
  const base = { target: readTarget(own(o, 'target'), `${path}.target`), state, startedAt: num(o, 'startedAt', path), answeredAt };
  if (state !== 'failed') return base;
  return { ...base, failure: oneOf(o, 'failure', FAILURES, path) };
}

export function readConsultEvent(o: Obj, path: string): ConsultEvent {
  const interactionId = str(o, 'interactionId', path, 200);
  const type = own(o, 'type');
  switch (type) {
    case 'consult-dialing':
      return { type, interactionId, target: readTarget(own(o, 'target'), `${path}.target`), at: num(o, 'at', path) };
    case 'consult-answered':
      return { type, interactionId, at: num(o, 'at', path) };
    case 'consult-failed':
      return { type, interactionId, failure: oneOf(o, 'failure', FAILURES, path) };
    case 'consult-ended':
      return { type, interactionId, conferenced: bool(o, 'conferenced', path) };
    default:
      throw new Invalid(`${path}.type`, 'not a consult event');
  }
}
