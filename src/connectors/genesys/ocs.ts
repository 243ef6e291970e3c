/**
 * OCS desktop-protocol requests (spec §9): a fresh GSW_REFERENCE_ID each, answered only by the
 * reply carrying it; the acknowledgement's name says the outcome, an error key or a wrong name is
 * a refusal, silence a timeout. Two transports: a topic publish on Interaction Server, or a user
 * event on the voice DN. The topic's real name is unverified (§9.2): when the server answers it
 * 501 or 404 and the page did not choose a transport, the connector says so once and carries the
 * requests over the voice transport.
 */
import type { OcsRequestType } from './options.js';
import { kvText, toKvList, type KvMap, type KvPair } from './kv.js';
import { Refused, isAbort, segment, type Rest } from './rest.js';
import type { GUser } from './read.js';
import type { Settings } from './settings.js';

export interface OcsRequest {
  readonly type: OcsRequestType;
  /** The wire pairs of the record the request is about (its identifiers are copied from them). */
  readonly pairs: KvMap;
  readonly extra?: readonly (readonly [string, unknown])[];
  readonly signal?: AbortSignal;
  /** The reference, before the request goes (chained records come under it). */
  readonly onRef?: (ref: string) => void;
}

export interface OcsHooks {
  readonly user: () => GUser | null;
  /** A problem the page should hear about (`pp-error`). */
  readonly problem: (message: string) => void;
}

const NOT_ROUTED = new Set([404, 501]);

function resolvers<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class Ocs {
  private readonly pending = new Map<string, (reply: KvMap) => void>();
  private nextRef = (Date.now() % 1_000_000) * 1000; // unique integers, also across page reloads
  private transportNow: 'topic' | 'voice';

  constructor(
    private readonly s: Settings,
    private readonly rest: Rest,
    private readonly hooks: OcsHooks,
  ) {
    this.transportNow = s.ocs.transport;
  }

  get transport(): 'topic' | 'voice' {
    return this.transportNow;
  }

  /** A reply to one of ours: true when it was (and has been handed over). */
  reply(data: KvMap): boolean {
    const ref = data.get('GSW_REFERENCE_ID');
    const pending = ref ? this.pending.get(String(ref.value)) : undefined;
    if (!pending) return false;
    pending(data);
    return true;
  }

  /** Send one request and wait for its acknowledgement: every reply that came under its reference. */
  async request(r: OcsRequest, onStale: () => void): Promise<KvMap[]> {
    const ref = ++this.nextRef;
    r.onRef?.(String(ref));
    const content = toKvList([
      ['GSW_AGENT_REQ_TYPE', r.type],
      ...this.s.ocs.recordKeys.map((k) => r.pairs.get(k)).filter((p): p is KvPair => p !== undefined),
      ['GSW_REFERENCE_ID', ref],
      ...(r.extra ?? []),
    ]);
    const acks = this.s.ocs.acks[r.type];
    const isStale = this.s.ocs.isStale;
    const replies: KvMap[] = [];
    const answered = resolvers<KvMap[]>();
    // Registered before the request goes: the reply may come before the HTTP answer (§1).
    this.pending.set(String(ref), (reply) => {
      const name = kvText(reply, 'GSW_USER_EVENT') ?? '';
      if (reply.has('GSW_ERROR') || reply.has('GSW_ERROR_NUMBER') || isStale(reply)) {
        const text = (kvText(reply, 'GSW_ERROR') ?? `${name} ${kvText(reply, 'GSW_ERROR_NUMBER') ?? ''}`.trim()).slice(0, 300);
        if (isStale(reply)) {
          onStale();
          answered.reject(new Refused('stale', text));
        } else answered.reject(new Refused('server-error', text || 'refused by the outbound server'));
      } else if (acks.includes(name)) {
        answered.resolve([...replies, reply]);
      } else if (r.type === 'ChainedRecordRequest' && reply.has('GSW_PHONE')) {
        replies.push(reply);
      } else {
        answered.reject(new Refused('server-error', `unexpected reply ${name.slice(0, 100) || '(unnamed)'} to ${r.type}`));
      }
    });
    // An acknowledgement that never comes is a timeout, not a hang.
    const timer = setTimeout(() => answered.reject(new Refused('timeout', `no acknowledgement of ${r.type}`)), this.s.ackTimeoutMs);
    const onAbort = () => answered.reject(new Refused('aborted'));
    r.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      this.send(content, r.signal).catch((e: unknown) => answered.reject(e));
      return await answered.promise;
    } finally {
      clearTimeout(timer);
      r.signal?.removeEventListener('abort', onAbort);
      this.pending.delete(String(ref));
    }
  }

  private async send(content: KvPair[], signal?: AbortSignal): Promise<void> {
    if (this.transportNow === 'topic') {
      try {
        await this.rest.request(
          'POST',
          `/media/topics/${segment(this.topicName()).replace(/%40/g, '@')}/publish`,
          this.rest.body({ eventContent: content }),
          signal,
        );
        return;
      } catch (e) {
        if (!this.notRouted(e)) throw e;
      }
    }
    await this.rest.request('POST', '/voice/send-user-event', this.rest.body({ userData: content }), signal);
  }

  /** The topic is not routed on this server: fall back to the voice transport, unless the page chose. */
  private notRouted(e: unknown): boolean {
    if (!(e instanceof Refused) || e.status === undefined || !NOT_ROUTED.has(e.status) || this.s.ocs.transportChosen) return false;
    if (this.transportNow === 'topic') {
      this.transportNow = 'voice';
      const message = `the OCS topic "${this.topicName().slice(0, 100)}" is not routed on this server (HTTP ${e.status}): OCS requests go as user events on the voice DN. Set ocs.topic to the routed topic, or ocs.transport to keep to one transport.`;
      console.warn(`push-preview-elements: ${message}`);
      this.hooks.problem(message);
    }
    return true;
  }

  topicName(): string {
    const u = this.hooks.user();
    return this.s.ocs.topic
      .replace('{tenantId}', u?.tenantDBID ?? '')
      .replace('{placeName}', u?.defaultPlace ?? '')
      .replace('{agentLogin}', u?.agentLogin ?? '');
  }

  /**
   * Subscribe to the OCS topic so its replies reach this client (§9.2, `media/topics/subscribe`).
   * An unrouted topic moves the requests to the voice transport (said once); any other failure is
   * a debug note, not a failed login: whether a real server needs the subscription is unverified.
   */
  async subscribeTopic(signal?: AbortSignal): Promise<void> {
    if (this.transportNow !== 'topic' || !this.s.ocs.subscribeTopic) return;
    try {
      await this.rest.request('POST', '/media/topics/subscribe', { data: { topicList: [{ key: 'topic', type: 'str', value: this.topicName() }] } }, signal);
    } catch (e) {
      if (isAbort(e)) throw e;
      if (!this.notRouted(e)) this.s.debug('topic subscription failed; OCS replies may still come', e);
    }
  }
}
