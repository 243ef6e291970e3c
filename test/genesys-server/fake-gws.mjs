/**
 * A fake Genesys Workspace API v3 server for the connector's tests, written from
 * shared/spec/genesys-workspace-api.md (the § numbers below): REST under /workspace/v3 with the
 * WORKSPACE_SESSIONID cookie as the session (a real GWS, §2.1), CometD long polling
 * (cometd-nodejs-server) on /workspace/v3/notifications with BAYEUX_BROWSER, the outboundpreview
 * interaction, voice calls, and OCS user events over both transports. Listens on 127.0.0.1 only,
 * on an ephemeral port.
 *
 * Stricter than the simulator, as a real server is (§3, §12): notifications are published on
 * their channel and reach only the sessions subscribed to it (cometd-nodejs-server's own channel
 * semantics, never a direct delivery); a handshake without the session cookie is answered with
 * `/meta/disconnect`; an authorization code is good for one initialize-workspace; a topic other
 * than the routed one is 501; a transfer is never confirmed unless `confirmTransfers` says so.
 * Where the simulator lacks a behaviour the client spec documents (conference, OCS errors,
 * stale records, chained records) this server does what the documentation says. It can be
 * mounted under a path prefix, as behind a proxy, so that servers of concurrent test pages do not
 * share cookies. Fault switches: see {@link FakeWorkspaceApi#command}.
 *
 * Node only: never imported by browser code.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import cometdServer from 'cometd-nodejs-server';
import { CONSULT_CAPS, consultOp } from './fake-consult.mjs';

const { createCometDServer } = cometdServer;

const API = '/workspace/v3';
const CH = {
  init: '/workspace/v3/initialization',
  voice: '/workspace/v3/voice',
  media: '/workspace/v3/media',
  preview: '/workspace/v3/media/outboundpreview',
  topics: '/workspace/v3/media/topics',
};

/** The acknowledgement of each OCS request (§9.4, the expected real replies). */
export const ACKS = {
  RecordProcessed: 'RecordProcessedAcknowledge',
  RecordReject: 'RecordRejectAcknowledge',
  RequestRecordCancel: 'RecordCancelAcknowledge',
  UpdateCallCompletionStats: 'UpdateCallCompletionStatsAcknowledge',
  DoNotCall: 'DoNotCallAcknowledge',
  RecordReschedule: 'RecordRescheduleAcknowledge',
  AddRecord: 'AddRecordAcknowledge',
  ChainedRecordRequest: 'ChainedRecordsDataEnd',
};

const IXN_CAPS = {
  Invited: ['accept', 'reject'],
  Processing: ['attach-user-data', 'delete-user-data', 'update-user-data', 'place-in-queue', 'transfer', 'complete'],
  Completed: [],
};
const CALL_CAPS = {
  Dialing: ['release', 'clear', 'attach-user-data', 'update-user-data', 'delete-user-data-pair', 'send-dtmf', 'start-recording'],
  Established: [
    'release',
    'hold',
    'clear',
    'attach-user-data',
    'update-user-data',
    'delete-user-data-pair',
    'send-dtmf',
    'initiate-conference',
    'initiate-transfer',
    'single-step-conference',
    'single-step-transfer',
    'start-recording',
  ],
  Released: ['complete', 'attach-user-data', 'update-user-data', 'delete-user-data-pair', 'start-recording'],
};

const hex = (n = 8) => crypto.randomBytes(n).toString('hex');
const kv = (key, type, value) => ({ key, type, value });

function parseCookies(header) {
  const out = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** KV list or flat object → Map key → {type, value}; the last duplicate wins. */
function toMap(data) {
  const m = new Map();
  if (Array.isArray(data)) {
    for (const p of data) if (p && typeof p.key === 'string') m.set(p.key, { type: p.type, value: p.value });
  } else if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) m.set(k, { type: typeof v === 'number' ? 'int' : 'str', value: v });
  }
  return m;
}
const flat = (m) => Object.fromEntries([...m].map(([k, p]) => [k, p.value]));

/** update-user-data: replace the first pair with the key, append new keys (§8). */
function mergeUserData(list, updates) {
  const out = [...list];
  for (const u of updates) {
    const i = out.findIndex((p) => p.key === u.key);
    if (i >= 0) out[i] = { ...out[i], type: u.type ?? out[i].type, value: u.value };
    else out.push(u);
  }
  return out;
}

export class FakeWorkspaceApi {
  constructor(opts = {}) {
    this.prefix = opts.prefix ?? '';
    /** The topic publish works on this literal topic only (§9.2: the simulator's placeholder). */
    this.topic = opts.topic ?? '<tenant-id>@<place>';
    /** The simulator answers every external number after 5 s (§10.1). */
    this.answerDelayMs = opts.answerDelayMs ?? 150;
    /** DnStateChanged / ChannelStateChanged after the handshake (≈2 s in the simulator, §3). */
    this.readyDelayMs = opts.readyDelayMs ?? 60;
    this.apiKey = opts.apiKey ?? null;
    /**
     * W-2, §6: the outbound campaigns, by name: `loaded` (stopped) or `running`. CampaignStatusRequest
     * answers with their real state (the simulator says CampaignStarted whatever it is).
     */
    this.campaigns = new Map((opts.campaigns ?? [{ name: 'Push Preview Campaign', mode: 'PushPreview', state: 'running' }]).map((c) => [c.name, { ...c }]));
    this.user = {
      DBID: 101,
      firstName: 'John',
      lastName: 'Smith',
      userName: 'JohnSmith',
      employeeId: 'JohnSmith',
      userProperties: [kv('interaction-workspace', 'kvlist', [kv('workspace.web-content', 'str', 'LocalSCAPISample')])],
      tenantDBID: 1,
      tenant: '',
      password: 'JohnSmith',
      defaultPlace: 'Place_JohnSmith',
      agentLogin: '+33298025003',
      dbid: 101,
    };
    /** Authorization codes handed out and not used yet: each is good for one initialize-workspace. */
    this.codes = new Set();
    /** WORKSPACE_SESSIONID values of the signed-in sessions. */
    this.sessionIds = new Set();
    this.sessionReady = false;
    /** Every Bayeux session's handshake and subscriptions, in order: what a real server sees. */
    this.wire = [];
    this.activated = null;
    this.topicSubscriptions = [];
    this.dn = {
      number: '+33298025003',
      switchName: 'SIP_Switch',
      agentId: '+33298025003',
      capabilities: ['ready', 'not-ready', 'dnd-on', 'set-forward', 'start-monitoring'],
      available: true,
      agentState: 'Ready',
      agentWorkMode: 'Unknown',
      timestamp: Date.now(),
    };
    this.channels = Object.fromEntries(
      ['email', 'workitem', 'outboundpreview'].map((name) => [name, { name, state: 'NotReady', dnd: false, reasons: [], timestamp: Date.now() }]),
    );
    this.interactions = new Map();
    this.calls = new Map();
    this.chains = new Map();
    this.stale = new Set();
    this.log = [];
    this.nextHandle = 7001;
    this.faults = {
      /** type → how many acknowledgements to drop. */ dropAck: {},
      /** type → ms to delay the acknowledgement. */ delayAckMs: {},
      /** type → GSW_ERROR text for the next request of that type. */ errorAck: {},
      /** A reply with another GSW_REFERENCE_ID (and an error) before every real acknowledgement. */ decoyAcks: false,
      /** REST ops (last path segment) that never get an HTTP answer. */ hang: [],
      /** Capabilities removed from calls and interactions. */ withoutCapabilities: [],
      /** Deliver every notification twice. */ duplicate: false,
      /** Hold each notification back until the next one (or 40 ms). */ reorder: false,
      /** Send the HTTP answer before the events it caused (default: events first, as seen in §1). */ eventsAfterResponse: false,
      /** Push no initialization messages at the handshake (whether a real server does is unverified, §3). */ noInitPush: false,
      /** Answer the initialization with state Failed. */ initFails: false,
      /** AddRecord's acknowledgement carries the request's record handle, not the new one's. */ addRecordAckWithoutHandle: false,
      /** type → the acknowledgement name sent instead of the right one (a wrong acknowledgement). */ wrongAck: {},
      /** REST ops (last path segment) answered 500 with an HTML error page and a stack trace (§1). */ htmlError: [],
      /** Confirm transfers with events: the interaction leaves after transfer-agent, the call after single-step-transfer. */ confirmTransfers: false,
      /** Confirm single-step-conference with the third party on the call (the simulator answers 500, §10.2). */ confirmConference: true,
      /** Deliver a notification straight to every session, subscribed or not, as the simulator does (§3). */ deliverUnsubscribed: false,
      /** REST ops (last path segment) that do what they say but whose events are lost. */ silent: [],
    };
    this.down = false;
    this.sessions = new Set();
    this.polls = new Set();
    this.hung = new Set();
    this.timers = new Set();
    this.heldBack = null;

    this.bayeux = createCometDServer({ browserCookiePath: this.prefix || '/', browserCookieSameSite: 'Lax', browserCookieHttpOnly: true, timeout: 10_000 });
    this.bayeux.addListener('sessionAdded', (session) => this.onHandshake(session));
    this.bayeux.addListener('sessionRemoved', (session) => this.sessions.delete(session));
    this.bayeux.addListener('subscribed', (channel, session) => this.onSubscribe(channel, session));
    // A client's own /meta/disconnect (a page that goes away says so).
    this.bayeux.addExtension({
      incoming: (server, session, message, callback) => {
        if (message.channel === '/meta/disconnect') this.wire.push({ session: session?.id ?? message.clientId, channel: '/meta/disconnect', client: true });
        callback(undefined, true);
      },
    });
    /** current-session answered 403 because the session was not set up yet (each a red console line in a browser). */
    this.notReadyRefusals = 0;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end(String(e?.stack ?? e));
        }
      });
    });
  }

  listen() {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => {
        this.port = this.server.address().port;
        resolve(this.port);
      }),
    );
  }

  async close() {
    for (const t of this.timers) clearTimeout(t);
    for (const res of [...this.hung, ...this.polls]) res.socket?.destroy();
    for (const s of this.sessions) s.disconnect();
    this.bayeux.close();
    this.server.closeAllConnections?.();
    await new Promise((resolve) => this.server.close(() => resolve()));
  }

  later(ms, fn) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  // ---------------------------------------------------------------------------------------
  // Test controls, through the test runner plugin

  command(action, args = {}) {
    switch (action) {
      case 'sign-in': {
        // §2.1 steps 1–5: the code the sign-in page hands back to the app.
        const code = hex(2);
        this.codes.add(code);
        return { code };
      }
      case 'push-preview':
        return { id: this.pushPreview(args) };
      case 'fault':
        Object.assign(this.faults, args);
        return true;
      case 'drop-connection':
        this.dropConnection(args.downMs ?? 1000);
        return true;
      case 'hangup': {
        const call = [...this.calls.values()].find((c) => c.state !== 'Released');
        if (call) this.setCall(call, { state: 'Released' });
        return Boolean(call);
      }
      case 'make-stale': {
        const ixn = [...this.interactions.values()].at(-1);
        const handle = ixn && toMap(ixn.userData).get('GSW_RECORD_HANDLE')?.value;
        if (handle !== undefined) this.stale.add(String(handle));
        return handle !== undefined;
      }
      case 'inject':
        this.push(args.channel, args.data);
        return true;
      case 'campaign':
        return this.campaignAction(args.name, args.campaignAction);
      case 'state':
        return {
          log: this.log,
          activated: this.activated,
          topicSubscriptions: this.topicSubscriptions,
          channels: this.channels,
          dn: this.dn,
          interactions: [...this.interactions.values()],
          calls: [...this.calls.values()],
          sessions: this.sessions.size,
          wire: this.wire,
          notReadyRefusals: this.notReadyRefusals,
          campaigns: [...this.campaigns.values()],
          subscribers: Object.fromEntries(Object.values(CH).map((c) => [c, this.bayeux.getServerChannel(c)?.subscribers.length ?? 0])),
        };
      default:
        throw new Error(`unknown fake server action ${action}`);
    }
  }

  /** Network loss: in-flight long polls die, the Bayeux session is gone, requests fail for a while. */
  dropConnection(downMs) {
    this.down = true;
    for (const res of this.polls) res.socket?.destroy();
    for (const s of [...this.sessions]) s.disconnect();
    this.sessions.clear();
    this.later(downMs, () => {
      this.down = false;
    });
  }

  // ---------------------------------------------------------------------------------------
  // Notifications

  /** The session cookie of the HTTP request being handled (REST, or a Bayeux message). */
  signedIn(req) {
    const id = parseCookies(req?.headers.cookie).WORKSPACE_SESSIONID;
    return id !== undefined && this.sessionIds.has(id);
  }

  onHandshake(session) {
    this.wire.push({ session: session.id, channel: '/meta/handshake' });
    if (!this.signedIn(this.bayeux.context.request)) {
      // A handshake without the session cookie succeeds, then the server disconnects (§3).
      // Sent on the session's first held /meta/connect, so the client reads it.
      const refuse = () => {
        session.removeListener('suspended', refuse);
        this.wire.push({ session: session.id, channel: '/meta/disconnect', refused: true });
        session.disconnect();
      };
      session.addListener('suspended', refuse);
      return;
    }
    this.sessions.add(session);
    // The simulator pushes the initialization at the handshake, subscribed or not (§3).
    if (this.faults.deliverUnsubscribed) this.later(0, () => this.sendInit());
    // The agent's DN and channels come a little later (≈2 s in the simulator, §3), on their channels.
    this.later(this.readyDelayMs, () => {
      if (!this.sessions.has(session)) return;
      this.sessionReady = true;
      this.publishTo(session, CH.voice, { dn: this.dn, messageType: 'DnStateChanged' });
      this.publishTo(session, CH.media, { media: { channels: Object.values(this.channels) }, messageType: 'ChannelStateChanged' });
    });
  }

  onSubscribe(channel, session) {
    this.wire.push({ session: session.id, channel: '/meta/subscribe', subscription: channel.name });
    // The initialization state goes to whoever subscribes to it (the Genesys client waits for Complete there, §4).
    if (channel.name === CH.init && this.sessions.has(session) && !this.faults.deliverUnsubscribed) this.later(0, () => this.sendInit());
  }

  sendInit() {
    const user = this.user;
    const at = new Date().toISOString();
    const progress = (pc) => ({
      state: 'Executing',
      submittedAt: at,
      progress: { percentComplete: pc },
      data: pc === 100 ? { user, configuration: {} } : {},
      messageType: 'WorkspaceInitializationProgress',
    });
    if (this.faults.initFails) {
      this.push(CH.init, { state: 'Failed', submittedAt: at, data: {}, messageType: 'WorkspaceInitializationFailed' });
    } else if (!this.faults.noInitPush) {
      this.push(CH.init, progress(50));
      this.push(CH.init, progress(100));
      this.push(CH.init, { state: 'Complete', submittedAt: at, data: { user, configuration: {} }, messageType: 'WorkspaceInitializationComplete' });
    }
  }

  /** Publish once `session` has subscribed to the channel (now, or when it does). */
  publishTo(session, channel, data) {
    const subscribed = () => this.bayeux.getServerChannel(channel)?.subscribers.includes(session);
    if (subscribed() || this.faults.deliverUnsubscribed) return this.push(channel, data);
    const wait = (ch, s) => {
      if (ch.name !== channel || s !== session) return;
      this.bayeux.removeListener('subscribed', wait);
      this.later(0, () => this.push(channel, data));
    };
    this.bayeux.addListener('subscribed', wait);
  }

  /** Publish on the channel: only its subscribers get it (cometd-nodejs-server's channel semantics). */
  push(channel, data) {
    const copies = this.faults.duplicate ? 2 : 1;
    const publish = (ch, d) => {
      for (let i = 0; i < copies; i++) {
        const copy = JSON.parse(JSON.stringify(d));
        // The simulator's way, on request only: straight to every session, subscribed or not (§3).
        if (this.faults.deliverUnsubscribed) for (const s of this.sessions) s.deliver(null, ch, copy);
        else this.bayeux.createServerChannel(ch).publish(null, copy);
      }
    };
    if (this.faults.reorder) {
      const held = this.heldBack;
      if (!held) {
        this.heldBack = { channel, data };
        this.later(40, () => {
          if (this.heldBack?.data === data) {
            this.heldBack = null;
            publish(channel, data);
          }
        });
        return;
      }
      this.heldBack = null;
      publish(channel, data);
      publish(held.channel, held.data);
      return;
    }
    publish(channel, data);
  }

  // ---------------------------------------------------------------------------------------
  // Interactions and calls

  pushPreview({
    phone = '+81312345678',
    handle,
    shape = 'kvlist',
    fields = { CustomerName: 'Yamada Taro', Segment: 'Gold' },
    chain = [{ phone: '+819012345678', type: 4 }],
  } = {}) {
    const id = hex(8);
    const recordHandle = handle ?? id; // the simulator's handle is the interaction id, typed int (§7)
    const chainId = 2;
    const list = [
      ...Object.entries(fields).map(([k, v]) => kv(k, 'str', v)),
      kv('Priority', 'interger', 8),
      kv('GSW_PHONE', 'str', phone),
      kv('GSW_PHONE_TYPE', 'int', 2),
      kv('GSW_FROM', 'int', 0),
      kv('GSW_UNTIL', 'int', 86340),
      kv('GSW_CALLING_LIST', 'str', 'Calling List SIP 2'),
      kv('GSW_CAMPAIGN_NAME', 'str', 'CampaignSIP2'),
      kv('GSW_RECORD_HANDLE', 'int', recordHandle),
      kv('GSW_APPLICATION_ID', 'int', 139),
      kv('GSW_CHAIN_ID', 'int', chainId),
    ];
    this.chains.set(
      chainId,
      chain.map((c) => ({ handle: this.nextHandle++, ...c })),
    );
    const now = new Date().toString();
    const ixn = {
      capabilities: [],
      ticketId: 5,
      inQueues: [],
      interactionType: 'Internal',
      id,
      receivedAt: now,
      isHeld: false,
      submittedBy: 'OCS',
      mediatype: 'outboundpreview',
      tenantId: 1,
      queue: 'outboundpreview-queue',
      workflowState: 'Routing',
      submittedAt: now,
      userData: list,
      interactionSubtype: 'OutboundNew',
      isLocked: false,
      isOnline: false,
      state: 'Invited',
      isInWorkflow: false,
    };
    this.userDataShape = shape;
    this.interactions.set(id, ixn);
    this.channels.outboundpreview.activity = 'DeliveringInteraction';
    this.push(...this.setIxn(ixn, { state: 'Invited' }, 'StatusChange'));
    return id;
  }

  caps(list) {
    return list.filter((c) => !this.faults.withoutCapabilities.includes(c));
  }

  ixnWire(ixn) {
    const out = { ...ixn };
    if (this.userDataShape === 'object') out.userData = flat(toMap(ixn.userData));
    return out;
  }

  setIxn(ixn, patch, notificationType, operationId) {
    Object.assign(ixn, patch);
    ixn.capabilities = this.caps(IXN_CAPS[ixn.state] ?? []);
    if (ixn.state === 'Completed') this.interactions.delete(ixn.id);
    const data = { notificationType, interaction: this.ixnWire(ixn), messageType: 'InteractionStateChanged' };
    if (operationId) data.operationId = operationId;
    return [CH.preview, data];
  }

  callCaps(call) {
    if (call.callType === 'Consult' && !['Released', 'Completed'].includes(call.state)) return this.caps(CONSULT_CAPS); // issue 16 (§10.2)
    let caps = [...(CALL_CAPS[call.state === 'Held' ? 'Established' : call.state] ?? CALL_CAPS.Released)];
    if (call.state === 'Held') caps = [...caps.filter((c) => c !== 'hold'), 'retrieve'];
    if (call.recordingState === 'Recording') caps = caps.flatMap((c) => (c === 'start-recording' ? ['stop-recording', 'pause-recording'] : [c]));
    if (call.recordingState === 'Paused') caps = caps.flatMap((c) => (c === 'start-recording' ? ['stop-recording', 'resume-recording'] : [c]));
    return this.caps(caps);
  }

  setCall(call, patch, notificationType = 'StateChange') {
    Object.assign(call, patch);
    call.capabilities = this.callCaps(call);
    if (call.state === 'Completed') this.calls.delete(call.id);
    const ev = [CH.voice, { notificationType, call: JSON.parse(JSON.stringify(call)), messageType: 'CallStateChanged' }];
    this.push(...ev);
    return ev;
  }

  /** A call's state as its CallStateChanged carries it, without pushing it (issue 16: ./fake-consult.mjs). */
  callEvent(call) {
    return [CH.voice, { notificationType: 'StateChange', call: JSON.parse(JSON.stringify(call)), messageType: 'CallStateChanged' }];
  }

  // ---------------------------------------------------------------------------------------
  // Campaign status (§6)

  campaignEvent(c, name) {
    const userData = { GSW_APPLICATION_ID: '1', GSW_CAMPAIGN_DESCRIPTION: c.name, GSW_CAMPAIGN_MODE: c.mode, GSW_CAMPAIGN_NAME: c.name, GSW_USER_EVENT: name };
    return [CH.voice, { userData, messageType: 'EventUserEvent' }];
  }

  /** The management trigger (§6): LOAD, START, STOP, UNLOAD; START/STOP of an unloaded or unknown campaign fails, as the simulator's 500. */
  campaignAction(name, action) {
    const c = this.campaigns.get(name);
    const names = { LOAD: 'CampaignLoaded', START: 'CampaignStarted', STOP: 'CampaignStopped', UNLOAD: 'CampaignUnloaded' };
    if (!names[action]) return { error: `unknown campaignAction ${action}` };
    if (action === 'LOAD') {
      const loaded = c ?? { name, mode: 'PushPreview' };
      loaded.state = 'loaded';
      this.campaigns.set(name, loaded);
      this.push(...this.campaignEvent(loaded, names.LOAD));
      return true;
    }
    if (!c) return { error: `no campaign ${name} loaded` };
    if (action === 'UNLOAD') this.campaigns.delete(name);
    else c.state = action === 'START' ? 'running' : 'loaded';
    this.push(...this.campaignEvent(c, names[action]));
    return true;
  }

  /** CampaignStatusRequest (§6, §9.4): on the voice DN only, with GSW_APPLICATION_ID; one event per campaign. */
  campaignStatus(transport, m) {
    if (transport !== 'voice')
      return { status: 200, body: { status: { code: 1 } }, events: [this.campaignRefusal('CampaignStatusRequest goes on the voice DN')] };
    const app = m.get('GSW_APPLICATION_ID')?.value;
    if (app === undefined || app === '' || app === null) return { status: 400, body: { message: 'GSW_APPLICATION_ID missing' } };
    const events = [...this.campaigns.values()].map((c) => this.campaignEvent(c, c.state === 'running' ? 'CampaignStarted' : 'CampaignLoaded'));
    return { status: 200, body: { status: { code: 1 } }, events };
  }

  campaignRefusal(text) {
    return [CH.topics, { eventContent: [kv('GSW_ERROR', 'str', text), kv('GSW_USER_EVENT', 'str', 'RequestRejected')], messageType: 'EventUserEvent' }];
  }

  // ---------------------------------------------------------------------------------------
  // OCS (§9): acknowledgements echo GSW_REFERENCE_ID

  ocs(transport, list) {
    const m = toMap(list);
    const type = m.get('GSW_AGENT_REQ_TYPE')?.value;
    if (typeof type !== 'string') return { status: 500, body: 'GSW_AGENT_REQ_TYPE missing' };
    const ref = m.get('GSW_REFERENCE_ID')?.value;
    this.log.push({ kind: 'ocs', transport, type, ref, data: flat(m) });
    if (type === 'CampaignStatusRequest') return this.campaignStatus(transport, m);
    const handle = m.get('GSW_RECORD_HANDLE')?.value;
    const echo = list.filter((p) => p.key !== 'GSW_AGENT_REQ_TYPE');
    const replies = [];
    const reply = (extra) => replies.push(extra);
    if (handle !== undefined && this.stale.has(String(handle))) {
      reply([kv('GSW_ERROR', 'str', 'Record is stale'), kv('GSW_ERROR_NUMBER', 'int', 115), kv('GSW_USER_EVENT', 'str', 'RequestRejected')]);
    } else if (this.faults.errorAck[type]) {
      const text = this.faults.errorAck[type];
      delete this.faults.errorAck[type];
      reply([kv('GSW_ERROR', 'str', text), kv('GSW_USER_EVENT', 'str', 'RequestRejected')]);
    } else if (type === 'ChainedRecordRequest') {
      const chainId = m.get('GSW_CHAIN_ID')?.value;
      for (const r of this.chains.get(Number(chainId)) ?? []) {
        reply([
          kv('GSW_RECORD_HANDLE', 'int', r.handle),
          kv('GSW_PHONE', 'str', r.phone),
          kv('GSW_PHONE_TYPE', 'int', r.type),
          kv('GSW_CHAIN_ID', 'int', Number(chainId)),
          kv('GSW_USER_EVENT', 'str', 'ChainedRecord'),
        ]);
      }
      reply([kv('GSW_USER_EVENT', 'str', ACKS.ChainedRecordRequest)]);
    } else if (type === 'AddRecord') {
      // OCS adds the number to the contact's chain; whether its acknowledgement names the new
      // handle is unverified (§9.4): addRecordAckWithoutHandle echoes the request's instead.
      const added = { handle: this.nextHandle++, phone: String(m.get('GSW_PHONE')?.value ?? ''), type: Number(m.get('GSW_PHONE_TYPE')?.value ?? 4) };
      const chainId = Number(m.get('GSW_CHAIN_ID')?.value);
      this.chains.set(chainId, [...(this.chains.get(chainId) ?? []), added]);
      reply([kv('GSW_RECORD_HANDLE', 'int', this.faults.addRecordAckWithoutHandle ? handle : added.handle), kv('GSW_USER_EVENT', 'str', ACKS.AddRecord)]);
    } else if (ACKS[type]) {
      reply([kv('GSW_USER_EVENT', 'str', ACKS[type])]);
    } else {
      reply([kv('GSW_USER_EVENT', 'str', 'RequestRejected'), kv('GSW_ERROR', 'str', `unknown request ${type}`)]);
    }
    const wrong = this.faults.wrongAck[type];
    if (wrong) {
      // The last reply, the acknowledgement, named as another request's.
      const last = replies.at(-1);
      replies[replies.length - 1] = [...last.filter((p) => p.key !== 'GSW_USER_EVENT'), kv('GSW_USER_EVENT', 'str', wrong)];
    }
    if (this.faults.dropAck[type] > 0) {
      this.faults.dropAck[type] -= 1;
      return { status: 200, body: { status: { code: 1 } }, events: [] };
    }
    const shape = (extra, refValue = ref) => {
      if (transport === 'topic') {
        const base = echo.filter((p) => !extra.some((e) => e.key === p.key)).map((p) => (p.key === 'GSW_REFERENCE_ID' ? { ...p, value: refValue } : p));
        const content = [...base, ...extra.filter((e) => e.key !== 'GSW_USER_EVENT'), ...extra.filter((e) => e.key === 'GSW_USER_EVENT')];
        return [CH.topics, { eventContent: content, messageType: 'EventUserEvent' }];
      }
      // The DN user event: a flat object (§9.2 B).
      return [CH.voice, { userData: { ...Object.fromEntries(extra.map((e) => [e.key, e.value])), GSW_REFERENCE_ID: refValue }, messageType: 'EventUserEvent' }];
    };
    const events = replies.map((extra) => shape(extra));
    if (this.faults.decoyAcks) {
      events.unshift(shape([kv('GSW_ERROR', 'str', 'decoy for another request'), kv('GSW_USER_EVENT', 'str', ACKS[type] ?? 'X')], Number(ref) + 7919));
    }
    const delay = this.faults.delayAckMs[type];
    if (delay) {
      this.later(delay, () => events.forEach((e) => this.push(...e)));
      return { status: 200, body: { status: { code: 1 } }, events: [] };
    }
    return { status: 200, body: { status: { code: 1 } }, events };
  }

  // ---------------------------------------------------------------------------------------
  // HTTP

  async handle(req, res) {
    const origin = req.headers.origin;
    if (origin) {
      // CORS as observed (§1): the origin echoed, with credentials.
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader(
        'Access-Control-Allow-Headers',
        'Authorization, Origin, X-Requested-With, Content-Type, Accept, x-b3-spanid, x-b3-traceid, x-api-key, x-gws-unstable',
      );
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    }
    if (req.method === 'OPTIONS') {
      res.statusCode = 200;
      res.end();
      return;
    }
    const url = new URL(req.url, 'http://127.0.0.1');
    const root = `${this.prefix}${API}`;
    if (!url.pathname.startsWith(root)) return this.send(res, 404, { message: 'Not found' });
    const path = url.pathname.slice(root.length);
    if (path === '/notifications' || path.startsWith('/notifications/')) {
      if (this.down) {
        req.socket.destroy();
        return;
      }
      this.polls.add(res);
      res.on('close', () => this.polls.delete(res));
      if (this.apiKey && req.headers['x-api-key'] !== this.apiKey) return this.send(res, 401, { status: { code: 401, message: 'Invalid API key' } });
      this.bayeux.handle(req, res);
      return;
    }
    if (this.down) {
      req.socket.destroy();
      return;
    }
    if (this.apiKey && req.headers['x-api-key'] !== this.apiKey) return this.send(res, 401, { status: { code: 401, message: 'Invalid API key' } });
    const text = await new Promise((resolve) => {
      let s = '';
      req.on('data', (c) => (s += c));
      req.on('end', () => resolve(s));
    });
    let body = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      return this.send(res, 400, { message: 'Bad JSON' });
    }
    if (path === '/initialize-workspace') {
      const code = url.searchParams.get('code');
      this.log.push({ kind: 'http', method: req.method, path, body, code });
      // An authorization code is single-use: a second initialize-workspace with it is refused.
      if (!code || !this.codes.has(code)) return this.send(res, 403, { status: { code: 603, message: 'Unauthorized' } });
      this.codes.delete(code);
      const id = hex(16);
      this.sessionIds.add(id);
      res.setHeader('Set-Cookie', `WORKSPACE_SESSIONID=${id}; Path=${this.prefix || '/'}; HttpOnly; SameSite=Lax`);
      return this.send(res, 200, { status: { code: 1 } });
    }
    if (!this.signedIn(req)) {
      return path === '/current-session' ? this.send(res, 403, '') : this.send(res, 403, { status: { code: 603, message: 'Unauthorized' } });
    }
    this.log.push({ kind: 'http', method: req.method, path, body });
    if (path === '/logout') {
      // Ends the session; interactions and calls survive it (§2.1). GET redirects, POST (the client spec) answers.
      this.sessionIds.delete(parseCookies(req.headers.cookie).WORKSPACE_SESSIONID);
      const to = url.searchParams.get('redirect_uri');
      if (req.method === 'GET' && to) {
        res.statusCode = 302;
        res.setHeader('Location', to);
        res.end();
        return;
      }
      return this.send(res, 200, { status: { code: 0 } });
    }
    const op = path.split('/').at(-1);
    if (this.faults.hang.includes(op)) {
      this.hung.add(res);
      return;
    }
    if (this.faults.htmlError.includes(op)) {
      // What a server's framework answers on a crash: an HTML page with the stack and file paths.
      res.statusCode = 500;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(
        `<!DOCTYPE html>\n<html lang="en"><head><title>Error</title></head><body><pre>TypeError: Cannot read properties of undefined (reading 'participants')<br> &nbsp; &nbsp;at callOp (/opt/gws/lib/voice/calls.js:412:31)<br> &nbsp; &nbsp;at Layer.handle (/opt/gws/node_modules/express/lib/router/layer.js:95:5)</pre></body></html>`,
      );
      return;
    }
    const out = this.route(req.method, path, body) ?? { status: 501, body: 'Not Implemented' };
    if (out.hang) {
      this.hung.add(res);
      return;
    }
    const events = this.faults.silent.includes(op) ? [] : (out.events ?? []);
    if (this.faults.eventsAfterResponse) {
      this.send(res, out.status, out.body);
      this.later(5, () => events.forEach((e) => this.push(...e)));
    } else {
      events.forEach((e) => this.push(...e));
      this.send(res, out.status, out.body);
    }
  }

  send(res, status, body) {
    res.statusCode = status;
    if (typeof body === 'string') {
      res.setHeader('Content-Type', 'text/plain');
      res.end(body);
    } else {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(body));
    }
  }

  route(method, path, body) {
    const data = body?.data ?? {};
    const opId = body?.operationId;
    const done = (events = [], echo = true) => ({ status: 200, body: { status: { code: 1 }, operationId: echo && opId ? opId : hex(16) }, events });
    if (method === 'GET' && path === '/current-session') {
      if (!this.sessionReady) {
        this.notReadyRefusals += 1;
        return { status: 403, body: '' };
      }
      const channels = Object.values(this.channels).map((c) =>
        c.name === 'outboundpreview' ? { ...c, interactions: [...this.interactions.values()].map((i) => this.ixnWire(i)) } : c,
      );
      return {
        status: 200,
        body: {
          status: { code: 0 },
          data: { configuration: {}, user: { ...this.user, activeSession: { dn: this.dn, media: { channels }, calls: [...this.calls.values()] } } },
        },
      };
    }
    if (method !== 'POST') return null;
    if (path === '/media/topics/subscribe') {
      this.topicSubscriptions.push(data.topicList);
      // Only the routed topic can be subscribed to.
      const topics = (data.topicList ?? []).map((p) => p?.value);
      if (!topics.every((t) => t === this.topic)) return { status: 501, body: 'Not Implemented' };
      return done();
    }
    if (path === '/activate-channels') {
      this.activated = data;
      return { status: 200, body: { status: { code: 0 }, data: { channels: ['voice', 'email', 'workitem', 'outboundpreview'] } } };
    }
    let m = path.match(/^\/voice\/(ready|not-ready)$/);
    if (m) {
      Object.assign(this.dn, { agentState: m[1] === 'ready' ? 'Ready' : 'NotReady', available: m[1] === 'ready', timestamp: Date.now() });
      return done([[CH.voice, { dn: this.dn, messageType: 'DnStateChanged' }]], false);
    }
    m = path.match(/^\/media\/outboundpreview\/(ready|not-ready|logout)$/);
    if (m) {
      const state = { ready: 'Ready', 'not-ready': 'NotReady', logout: 'LoggedOut' }[m[1]];
      const ch = Object.assign(this.channels.outboundpreview, { state, available: state === 'Ready', timestamp: Date.now() });
      return done([[CH.media, { media: { channels: [{ ...ch, interactions: [] }] }, messageType: 'ChannelStateChanged' }]]);
    }
    m = path.match(/^\/media\/topics\/([^/]+)\/publish$/);
    if (m) {
      if (decodeURIComponent(m[1]) !== this.topic) return { status: 501, body: 'Not Implemented' };
      const r = this.ocs('topic', data.eventContent ?? []);
      return { ...r, body: r.status === 200 ? { status: { code: 1 }, operationId: opId ?? hex(16) } : r.body };
    }
    if (path === '/voice/send-user-event') {
      const r = this.ocs('voice', data.userData ?? []);
      return { ...r, body: r.status === 200 ? { status: { code: 1 }, operationId: hex(16) } : r.body };
    }
    m = path.match(/^\/media\/outboundpreview\/interactions\/([^/]+)\/([^/]+)$/);
    if (m) return this.ixnOp(decodeURIComponent(m[1]), m[2], data, opId, done);
    if (path === '/voice/make-call') {
      if (!data.destination) return { status: 400, body: { message: 'Missing parameters' } };
      if (data.destination === this.dn.number) {
        return done([[CH.voice, { error: { errorCode: 415, errorMessage: 'Invalid Destination DN' }, messageType: 'EventError' }]], false);
      }
      const id = hex(8);
      const call = {
        id,
        phoneNumber: this.dn.number,
        connId: id,
        callUuid: hex(8),
        userData: data.userData ?? [],
        extensions: [],
        dnis: data.destination,
        capabilities: [],
        callType: 'Outbound',
        participants: [{ number: data.destination, role: 'RoleDestination' }],
        duration: 0,
        startedAt: new Date().toISOString(),
        state: 'Dialing',
        recordingState: 'Stopped',
      };
      this.calls.set(id, call);
      call.capabilities = this.callCaps(call);
      this.later(this.answerDelayMs, () => {
        if (call.state === 'Dialing') this.setCall(call, { state: 'Established' });
      });
      return done([[CH.voice, { notificationType: 'StateChange', call: JSON.parse(JSON.stringify(call)), messageType: 'CallStateChanged' }]], false);
    }
    m = path.match(/^\/voice\/calls\/([^/]+)\/([^/]+)$/);
    if (m) {
      const call = this.calls.get(decodeURIComponent(m[1]));
      if (!call) return { status: 500, body: `Call with ${m[1]} id does not exist for ${this.user.userName}` };
      return this.callOp(call, m[2], data, done);
    }
    return null;
  }

  ixnOp(id, op, data, opId, done) {
    const ixn = this.interactions.get(id);
    if (!ixn) return { hang: true }; // the simulator never answers an unknown interaction id (§1)
    switch (op) {
      case 'accept':
        return done([this.setIxn(ixn, { state: 'Processing' }, 'StatusChange', opId)]);
      case 'reject':
      case 'complete':
        return done([this.setIxn(ixn, { state: 'Completed' }, 'StatusChange', opId)]);
      case 'transfer-agent':
        // Answered, but it leaves this desk only when the server confirms it (confirmTransfers).
        return done(this.faults.confirmTransfers ? [this.setIxn(ixn, { state: 'Completed' }, 'StatusChange', opId)] : []);
      case 'update-user-data':
        ixn.userData = mergeUserData(ixn.userData, data.userData ?? []);
        return done([this.setIxn(ixn, {}, 'PropertiesUpdated', opId)]);
      case 'place-in-queue':
        return done([]);
      default:
        // Any other op with an eventContent body is an OCS topic publish (§8).
        if (data.eventContent) {
          const r = this.ocs('topic', data.eventContent);
          return { ...r, body: { status: { code: 1 }, operationId: opId ?? hex(16) } };
        }
        return { status: 501, body: 'Not Implemented' };
    }
  }

  callOp(call, op, data, done) {
    const ev = (patch, type) => {
      Object.assign(call, patch);
      call.capabilities = this.callCaps(call);
      if (call.state === 'Completed') this.calls.delete(call.id);
      return [CH.voice, { notificationType: type ?? 'StateChange', call: JSON.parse(JSON.stringify(call)), messageType: 'CallStateChanged' }];
    };
    switch (op) {
      case 'hold':
        return done([ev({ state: 'Held' })]);
      case 'retrieve':
        return done([ev({ state: 'Established' })]);
      case 'start-recording':
      case 'resume-recording':
        return done([ev({ recordingState: 'Recording' }, 'CallRecordingStateChange')]);
      case 'pause-recording':
        return done([ev({ recordingState: 'Paused' }, 'CallRecordingStateChange')]);
      case 'stop-recording':
        return done([ev({ recordingState: 'Stopped' }, 'CallRecordingStateChange')]);
      case 'release':
        return done([ev({ state: 'Released' })]);
      case 'complete':
        return done([ev({ state: 'Completed' })]);
      case 'update-user-data':
        call.userData = mergeUserData(call.userData, data.userData ?? []);
        return done([ev({}, 'AttachedDataChanged')]);
      case 'single-step-conference':
        // Documented by the client spec (§10.2); the simulator answers 500 here.
        if (!data.destination) return { status: 400, body: { message: 'Missing parameters' } };
        if (!this.faults.confirmConference) return done([]);
        return done([ev({ participants: [...call.participants, { number: data.destination, role: 'RoleDestination' }] })]);
      case 'single-step-transfer':
        if (!data.destination) return { status: 400, body: { message: 'Missing parameters' } };
        if (!this.faults.confirmTransfers) return done([]);
        return done([ev({ state: 'Released', participants: [{ role: 'RoleOrigination' }] })]);
      default:
        return consultOp(this, call, op, data, done) ?? { status: 501, body: 'Not Implemented' };
    }
  }
}
