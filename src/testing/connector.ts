/**
 * The test desk's server and connector: the simulated outbound server with nothing pushed on its
 * own and dials that can be held, and a simulated connector that logs every command the elements
 * send and can hold a command or refuse it before it reaches the server.
 */
import { SimulatedConnector } from '../connectors/simulated/connector.js';
import { SimulatedServer, type DialOutcome, type SimulatedServerOptions } from '../connectors/simulated/server.js';
import type { ContactSeed } from '../connectors/simulated/seed-data.js';
import { refused, type Command, type CommandType, type Result, type ServerMessage } from '../connectors/port.js';
import type { WorkflowEvent } from '../domain/machine.js';
import type { RefusalReason } from '../domain/reasons.js';
import type { Chain, ContactRecord } from '../domain/types.js';

/**
 * The server of a test desk. Its calling list starts empty: a preview is pushed only when the
 * test asks ({@link TestServer.offer}), or when a rejected or cancelled one goes back to the top
 * of the list and the agent is free again, as on the real server.
 */
export class TestServer extends SimulatedServer {
  private nextChain = 701;
  private readonly heldDials = new Set<string>();

  constructor(options: Omit<SimulatedServerOptions, 'contacts'> = {}) {
    super({ ...options, contacts: [] });
  }

  /** Put a contact at the top of the calling list and push it to the first free Ready agent. */
  offer(contact: ContactSeed): Chain | null {
    if (contact.numbers.length === 0) throw new Error('push-preview-elements/testing: a contact needs at least one number');
    const chainId = this.nextChain++;
    const records: ContactRecord[] = contact.numbers.map(([phone, phoneType]) => ({
      handle: this.nextHandle++,
      chainId,
      phone,
      phoneType,
      country: contact.country,
      timeZone: contact.timeZone,
      callFrom: contact.callFrom,
      callTill: contact.callTill,
      callResult: null,
      attempts: 0,
      fields: contact.fields,
    }));
    const chain: Chain = { chainId, activeHandle: records[0]!.handle, records };
    this.chains.set(chainId, chain);
    this.queue = [chain, ...this.queue];
    if (this.pushNext()) return chain;
    this.queue = this.queue.filter((c) => c.chainId !== chainId);
    return null;
  }

  /** The agent's next dial rings until {@link settleDial}. */
  holdDial(agentId: string): void {
    this.heldDials.add(agentId);
  }

  /** The ringing contact answers (or not): the desk leaves Dialing now. False when it is not dialing. */
  settleDial(agentId: string, outcome: DialOutcome): boolean {
    this.heldDials.delete(agentId);
    const s = this.desk(agentId).state;
    if (s.phase !== 'dialing' || !s.interaction) return false;
    super.dialOutcome(agentId, s.interaction.id, outcome);
    return true;
  }

  /** Play a workflow event on an agent's desk as if the server had produced it (a line failing, a record going stale). */
  play(agentId: string, event: WorkflowEvent): void {
    this.emit(agentId, event);
  }

  protected override dialOutcome(agentId: string, interactionId: string, given?: DialOutcome): void {
    if (this.heldDials.has(agentId)) return;
    super.dialOutcome(agentId, interactionId, given);
  }
}

/** How a held command is answered: carried out (for Connect, with the call's outcome), or refused. */
export type Answer = { readonly refused: RefusalReason; readonly detail?: string } | { readonly dial?: DialOutcome };

interface Held {
  readonly command: Command;
  readonly release: (answer: Answer) => Promise<Result<readonly ServerMessage[]>>;
}

type Rule = { readonly hold: true } | { readonly refused: RefusalReason; readonly detail?: string };

/** The simulated connector of a test desk: every command logged, any of them held or refused. */
export class TestConnector extends SimulatedConnector {
  declare readonly server: TestServer;
  /** Every command sent through this connector, in order. */
  readonly commands: Command[] = [];
  private readonly rules = new Map<CommandType, Rule[]>();
  private readonly held: Held[] = [];
  private readonly watchers = new Set<() => void>();

  /** Refuse the next command of this kind with `reason`, before it reaches the server. */
  refuseNext(kind: CommandType, reason: RefusalReason, detail?: string): void {
    this.arm(kind, detail === undefined ? { refused: reason } : { refused: reason, detail });
  }

  /** Hold the next command of this kind (shown as under way) until {@link answer}. */
  hold(kind: CommandType): void {
    this.arm(kind, { hold: true });
  }

  /** A held command of this kind, if one has arrived. */
  heldCommand(kind: CommandType): Command | undefined {
    return this.held.find((h) => h.command.type === kind)?.command;
  }

  /** Is a hold armed for this kind that no command has met yet? */
  holding(kind: CommandType): boolean {
    return (this.rules.get(kind) ?? []).some((r) => 'hold' in r);
  }

  /** Answer the first held command of this kind; resolves with what the session is told. */
  release(kind: CommandType, answer: Answer): Promise<Result<readonly ServerMessage[]>> {
    const i = this.held.findIndex((h) => h.command.type === kind);
    if (i < 0) throw new Error(`push-preview-elements/testing: no ${kind} is held`);
    const [h] = this.held.splice(i, 1);
    return h!.release(answer);
  }

  /** Call `fn` after each command is sent (until the returned function is called). */
  watch(fn: () => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  override async send(command: Command, signal?: AbortSignal): Promise<Result<readonly ServerMessage[]>> {
    this.commands.push(command);
    const rules = this.rules.get(command.type);
    const rule = rules?.shift();
    for (const w of [...this.watchers]) w();
    if (rule && 'refused' in rule) return refused(rule.refused, rule.detail);
    if (!rule) return super.send(command, signal);
    return new Promise((resolve) => {
      const held: Held = {
        command,
        release: async (answer) => {
          signal?.removeEventListener('abort', onAbort);
          const result = 'refused' in answer ? refused(answer.refused, answer.detail) : await this.carryOut(command, answer.dial, signal);
          resolve(result);
          return result;
        },
      };
      const onAbort = () => {
        const i = this.held.indexOf(held);
        if (i >= 0) this.held.splice(i, 1);
        resolve(refused('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.held.push(held);
      for (const w of [...this.watchers]) w();
    });
  }

  /** Send a released command on to the server; a Connect's call then ends as `dial` says. */
  private async carryOut(command: Command, outcome: DialOutcome | undefined, signal?: AbortSignal) {
    const dial = command.type === 'connect' ? outcome : undefined;
    if (dial) this.server.holdDial(this.agentId);
    const result = await super.send(command, signal);
    if (dial) this.server.settleDial(this.agentId, dial);
    return result;
  }

  private arm(kind: CommandType, rule: Rule): void {
    const list = this.rules.get(kind) ?? [];
    list.push(rule);
    this.rules.set(kind, list);
  }
}
