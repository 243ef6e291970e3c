/**
 * REST calls to the Workspace API (spec §1): JSON in and out, each with its own timeout and the
 * caller's abort (`AbortSignal.timeout` joined with `AbortSignal.any`), every failure a typed
 * {@link Refused}. A server's error body is never passed on raw: the refusal says the status and,
 * where the body is JSON, the server's message, capped; the whole body goes to the debug note.
 */
import type { RefusalReason } from '../../domain/reasons.js';
import type { Settings } from './settings.js';

/** A typed refusal thrown inside the connector and returned by its commands. */
export class Refused extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly detail?: string,
    /** The HTTP status, where a server answered with an error. */
    readonly status?: number,
  ) {
    super(detail ?? reason);
  }
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export const isAbort = (e: unknown): boolean => e instanceof Refused && e.reason === 'aborted';

const MAX_MESSAGE = 160;

/** One id as one path segment: encoded, and never `.` or `..`, which a URL would resolve away. */
export function segment(id: string): string {
  if (id === '' || id === '.' || id === '..') throw new Refused('unknown-record', `not an id: ${JSON.stringify(id)}`);
  return encodeURIComponent(id);
}

/** The short text of an error answer: the status, and the server's message where the body is JSON. */
export function errorSummary(status: number, body: string): string {
  let message = '';
  try {
    const j = JSON.parse(body) as { message?: unknown; status?: { message?: unknown } } | null;
    const m = j?.status?.message ?? j?.message;
    if (typeof m === 'string' || typeof m === 'number') message = String(m);
  } catch {
    // Not JSON (an HTML error page, a stack trace): only the status is said.
  }
  message = message.replace(/[\s\u0000-\u001f]+/g, ' ').trim();
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE - 1)}…`;
  return message ? `HTTP ${status}: ${message}` : `HTTP ${status}`;
}

export interface Body {
  readonly operationId: string;
  readonly data: Record<string, unknown>;
}

export class Rest {
  private nextOp = 0;

  constructor(private readonly s: Settings) {}

  /** A request body with a fresh operationId (§1). */
  body(data: Record<string, unknown>): Body {
    this.nextOp += 1;
    return { operationId: `pp-${Date.now().toString(36)}-${this.nextOp}`, data };
  }

  async request(method: 'GET' | 'POST', path: string, body: unknown, signal?: AbortSignal, extraHeaders?: Record<string, string>): Promise<unknown> {
    if (signal?.aborted) throw new Refused('aborted');
    const timeout = AbortSignal.timeout(this.s.requestTimeoutMs);
    const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.s.apiKey) headers['x-api-key'] = this.s.apiKey;
    try {
      const res = await fetch(`${this.s.api}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: this.s.credentials,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const text = await res.text();
      if (!res.ok) {
        this.s.debug(`HTTP ${res.status} on ${method} ${path}`, text.slice(0, 20_000));
        throw new Refused('server-error', errorSummary(res.status, text), res.status);
      }
      if (text.trim() === '') return null;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        this.s.debug(`not JSON on ${method} ${path}`, text.slice(0, 20_000));
        throw new Refused('malformed-response', `${path}: not JSON`);
      }
    } catch (e) {
      if (e instanceof Refused) throw e;
      if (signal?.aborted) throw new Refused('aborted');
      if (timeout.aborted) throw new Refused('timeout', `${path}: no answer`);
      throw new Refused('network', errorText(e));
    }
  }
}
