/**
 * The session an element shares with the agent's other tabs (src/session/tabs/): loaded on demand
 * with it (the CDN chunk `shared`), where the page shares tabs (the default), so that a page whose
 * elements each have a connector of their own never fetches it.
 */
import type { ConnectorFactory } from '../../connectors/port.js';
import { detectTabs } from '../../session/tabs/channel.js';
import { SharedSession } from '../../session/tabs/shared.js';
import type { DeskSession } from '../../session/types.js';
import { makeWith } from './session-owner.js';

/**
 * The tabs' shared session, or null where the browser cannot share (no Web Locks or
 * BroadcastChannel: each tab its own session then). Its leader tab makes the connector with
 * `factory`, or else the simulated one, from the server state the last leader handed over.
 */
export function sharedSession(agentId: string, persist: boolean, factory: ConnectorFactory | undefined): DeskSession | null {
  const platform = detectTabs();
  if (!platform) return null;
  const connect = factory
    ? async () => {
        const connector = await makeWith(factory, agentId);
        if (!connector) throw new Error('connectorFactory gave no connector');
        return { connector };
      }
    : async (carried: unknown) => (await import('../../connectors/simulated/handover.js')).leaderConnector(agentId, carried);
  return new SharedSession({ agentId, platform, connect, session: persist ? {} : { storage: null } });
}
