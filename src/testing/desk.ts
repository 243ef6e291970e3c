/**
 * A test desk: one agent on a simulated outbound server that a test drives — put the desk in any
 * phase, push a preview, hold, answer or refuse the commands the elements send, and read the log.
 */
import type { Command, CommandType, Result, ServerMessage } from '../connectors/port.js';
import type { DialOutcome } from '../connectors/simulated/server.js';
import { DEFAULT_CONTACTS, type ContactSeed } from '../connectors/simulated/seed-data.js';
import { loadPhoneMetadata } from '../domain/phone.js';
import { isBlockingEnd, isEndPhase, type Phase, type WorkflowState } from '../domain/machine.js';
import type { RefusalReason } from '../domain/reasons.js';
import { PUSH_PREVIEW_MEDIA, activeRecord, type Campaign, type Chain, type PhoneType } from '../domain/types.js';
import { TestConnector, TestServer, type Answer } from './connector.js';

/** A contact to push: any field left out takes a default (a US business number, callable all day). */
export interface TestContact {
  /** Shown as the contact's name (`fields.name`). */
  readonly name?: string;
  readonly fields?: Readonly<Record<string, string>>;
  /** The contact's one number; `numbers` gives a chain of several. */
  readonly phone?: string;
  readonly numbers?: readonly (readonly [phone: string, type: PhoneType])[];
  readonly country?: string;
  readonly timeZone?: string;
  /** Minutes after local midnight the contact may be called from / till. */
  readonly callFrom?: number;
  readonly callTill?: number;
}

export interface TestDeskOptions {
  /**
   * The contacts {@link TestDesk.pushPreview} pushes in turn when it is given none. Default: the
   * simulated server's seed list with every calling window open all day, so that a Connect is
   * never refused for the hour a test runs at; give contacts their own `callFrom`/`callTill` to
   * test the calling window.
   */
  readonly contacts?: readonly (TestContact | ContactSeed)[];
  /** The campaign, over the simulated server's default one. */
  readonly campaign?: Partial<Campaign>;
  /** The agent the desk belongs to (default `agent-1`). */
  readonly agentId?: string;
  /** How a dialed contact answers unless a test says otherwise (default `answer`). */
  readonly dialOutcome?: DialOutcome;
  /** How long a dialed contact's phone rings (default 0 ms). */
  readonly dialDelayMs?: number;
}

export interface TestDesk {
  /** Set it as the `connector` of `<push-preview-session>` (or of your own `Session`). */
  readonly connector: TestConnector;
  readonly server: TestServer;
  readonly agentId: string;
  /** Every command the elements sent, in order (the ones put in by {@link putInPhase} are not). */
  readonly commands: readonly Command[];
  /** The desk as the server holds it. */
  readonly state: WorkflowState;
  readonly phase: Phase;
  /**
   * Push a preview to the agent now (the next of `contacts` when none is given). The agent must
   * be Ready with no preview on the desk: otherwise this throws, saying the phase it found.
   */
  pushPreview(contact?: TestContact): Chain;
  /**
   * Walk the desk forward along the workflow to `phase`, on the server (Log in, Ready, a preview,
   * Accept, Connect, the contact answers, Disconnect, Mark Done, or the ends on the way). It does
   * not wait for the elements: `await waitForPhase(el, phase)` then. Throws when `phase` lies
   * behind the desk's phase (other than going Not Ready or logging out). Resolves with the
   * server's state (after loading the phone metadata the server checks numbers with).
   */
  putInPhase(phase: Phase): Promise<WorkflowState>;
  /** Refuse the next command of this kind with `reason`, as the server would; nothing changes on the server. */
  refuseNext(kind: CommandType, reason: RefusalReason, detail?: string): void;
  /** Hold the next command of this kind: the elements show it under way until {@link answer}. */
  hold(kind: CommandType): void;
  /**
   * Answer the held command of this kind (waiting for it to be sent, up to `timeoutMs`): carried
   * out by the server — for Connect, `{ dial: 'busy' }` says how the call goes — or
   * `{ refused: reason }`. Resolves with the answer the session got.
   */
  answer(kind: CommandType, answer?: Answer, timeoutMs?: number): Promise<Result<readonly ServerMessage[]>>;
  /** The next Connect rings (the desk stays Dialing) until {@link settleDial}. */
  holdDialing(): void;
  /** The ringing contact answers, or the call ends as `outcome` says. */
  settleDial(outcome?: DialOutcome): void;
}

const DEFAULTS: ContactSeed = {
  fields: { name: 'Test Contact' },
  country: 'US',
  timeZone: 'America/New_York',
  callFrom: 0,
  callTill: 24 * 60,
  numbers: [['(201) 555-0123', 'business']],
};

function seedOf(c: TestContact | ContactSeed): ContactSeed {
  const name: Record<string, string> = 'name' in c && c.name !== undefined ? { name: c.name } : {};
  const phone = 'phone' in c && c.phone !== undefined ? [[c.phone, 'business'] as const] : undefined;
  return {
    fields: { ...DEFAULTS.fields, ...c.fields, ...name },
    country: c.country ?? DEFAULTS.country,
    timeZone: c.timeZone ?? DEFAULTS.timeZone,
    callFrom: c.callFrom ?? DEFAULTS.callFrom,
    callTill: c.callTill ?? DEFAULTS.callTill,
    numbers: c.numbers ?? phone ?? DEFAULTS.numbers,
  };
}

/** The main path of the workflow, and the ends that branch off it (from the phase before). */
const PATH: readonly Phase[] = ['logged-out', 'not-ready', 'ready', 'ringing', 'previewing', 'dialing', 'connected', 'after-call', 'done'];
const BRANCH: Partial<Record<Phase, Phase>> = {
  rejected: 'ringing',
  cancelled: 'previewing',
  transferred: 'previewing',
  stale: 'previewing',
  failed: 'connected',
};
const NEVER_PUSHED = 24 * 60 * 60 * 1000; // the next preview after an end: only when the test pushes one

export function createTestDesk(options: TestDeskOptions = {}): TestDesk {
  const agentId = options.agentId ?? 'agent-1';
  const server = new TestServer({
    campaign: options.campaign ?? {},
    dialOutcomes: [options.dialOutcome ?? 'answer'],
    dialDelayMs: options.dialDelayMs ?? 0,
    pushDelayMs: NEVER_PUSHED,
  });
  const connector = new TestConnector({ server, agentId });
  const contacts = (options.contacts ?? DEFAULT_CONTACTS.map((c) => ({ ...c, callFrom: 0, callTill: 24 * 60 }))).map(seedOf);
  let nextContact = 0;
  const here = () => server.desk(agentId).state;
  const fail = (what: string): never => {
    throw new Error(`push-preview-elements/testing: ${what}`);
  };

  function pushPreview(contact?: TestContact): Chain {
    const s = here();
    const seed = contact ? seedOf(contact) : contacts[nextContact++ % Math.max(contacts.length, 1)];
    if (!seed) return fail('pushPreview: the desk has no contacts to push');
    const chain = server.offer(seed);
    if (!chain) return fail(`pushPreview: the agent must be Ready with no preview on the desk (the desk is ${s.phase}, agent ${s.agent.status})`);
    return chain;
  }

  /** Carry out one command on the server as the agent's desk would send it. */
  function command(c: Command, goal: Phase): void {
    const r = server.handle(agentId, c);
    if (!r.ok) fail(`putInPhase('${goal}'): the server refused ${c.type} in ${here().phase} (${r.refusal.reason})`);
  }

  function step(goal: Phase): void {
    const s = here();
    const p = s.phase;
    const id = s.interaction?.id ?? '';
    if (BRANCH[goal] === p) {
      if (goal === 'rejected') return command({ type: 'reject', interactionId: id, auto: false }, goal);
      if (goal === 'cancelled') return command({ type: 'cancel', interactionId: id }, goal);
      if (goal === 'stale') return server.play(agentId, { type: 'stale', interactionId: id });
      if (goal === 'failed') return server.play(agentId, { type: 'failed', interactionId: id, detail: 'line dropped (test desk)' });
      const target = s.campaign?.transferTargets[0] ?? fail(`putInPhase('transferred'): the campaign has no transfer target`);
      return command({ type: 'transfer', interactionId: id, targetId: target.id }, goal);
    }
    const target = BRANCH[goal] ?? goal;
    if (isEndPhase(p)) {
      const another = !PATH.slice(0, 3).includes(target) && !isBlockingEnd(p) && s.agent.status === 'ready';
      return another ? void pushPreview() : command({ type: 'close', interactionId: id }, goal);
    }
    const from = PATH.indexOf(p);
    const to = PATH.indexOf(target);
    if (to < from) {
      if (target === 'not-ready' && p === 'ready') return command({ type: 'set-status', status: 'not-ready' }, goal);
      if (target === 'logged-out' && from <= 2) return command({ type: 'logout' }, goal);
      fail(`putInPhase('${goal}'): the desk is ${p}, and putInPhase walks forward only (use a new desk)`);
    }
    switch (p) {
      case 'logged-out':
        return command({ type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] }, goal);
      case 'not-ready':
        return command({ type: 'set-status', status: 'ready' }, goal);
      case 'ready':
        return void pushPreview();
      case 'ringing':
        return command({ type: 'accept', interactionId: id }, goal);
      case 'previewing': {
        const record = activeRecord(s.interaction!.chain)!;
        server.holdDial(agentId);
        command({ type: 'connect', interactionId: id, handle: record.handle, number: record.phone }, goal);
        if (goal !== 'dialing') server.settleDial(agentId, 'answer');
        return;
      }
      case 'dialing':
        return void server.settleDial(agentId, 'answer');
      case 'connected':
        return command({ type: 'disconnect', interactionId: id }, goal);
      case 'after-call': {
        const code = s.campaign?.dispositionCodes[0]?.code ?? null;
        return command({ type: 'mark-done', interactionId: id, callResult: null, dispositionCode: code, doNotCall: false }, goal);
      }
    }
  }

  async function answer(kind: CommandType, how: Answer = {}, timeoutMs = 10_000) {
    if (!connector.heldCommand(kind) && !connector.holding(kind)) {
      fail(`answer('${kind}'): no ${kind} is held — call desk.hold('${kind}') before the elements send it`);
    }
    if (!connector.heldCommand(kind)) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          stop();
          const sent = connector.commands.map((c) => c.type).join(', ') || 'none';
          reject(new Error(`push-preview-elements/testing: answer('${kind}'): no ${kind} was sent within ${timeoutMs} ms (sent: ${sent})`));
        }, timeoutMs);
        const stop = connector.watch(() => {
          if (!connector.heldCommand(kind)) return;
          clearTimeout(timer);
          stop();
          resolve();
        });
      });
    }
    return connector.release(kind, how);
  }

  return {
    connector,
    server,
    agentId,
    get commands() {
      return connector.commands;
    },
    get state() {
      return here();
    },
    get phase() {
      return here().phase;
    },
    pushPreview,
    async putInPhase(goal) {
      await loadPhoneMetadata();
      for (let i = 0; i < 20 && here().phase !== goal; i++) step(goal);
      if (here().phase !== goal) fail(`putInPhase('${goal}'): the desk stopped in ${here().phase}`);
      return here();
    },
    refuseNext: (kind, reason, detail) => connector.refuseNext(kind, reason, detail),
    hold: (kind) => connector.hold(kind),
    answer,
    holdDialing: () => server.holdDial(agentId),
    settleDial(outcome = 'answer') {
      if (!server.settleDial(agentId, outcome)) fail(`settleDial: the desk is ${here().phase}, not dialing`);
    },
  };
}
