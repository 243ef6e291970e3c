/**
 * W-2: whether the agent's push preview campaign is running, as the server last said. Shown
 * beside Ready; it refuses nothing here (whether a stopped campaign still pushes is the server's
 * business: the Genesys simulator pushes regardless, spec §5), so it is a fact, not a gate.
 */
import type { Campaign } from './types.js';

/** What the server last said of one campaign: loaded or stopped is not running. */
export interface CampaignRun {
  readonly name: string;
  readonly running: boolean;
  /** Does it dial in push preview mode? True where the server did not say (W-2 counts those). */
  readonly pushPreview: boolean;
}

/** `unloaded` takes the campaign off the list. */
export type CampaignRunStatus = 'running' | 'stopped' | 'unloaded';

export interface CampaignStatusEvent {
  readonly type: 'campaign-status';
  readonly campaign: string;
  readonly status: CampaignRunStatus;
  /** The server's mode word, if it gave one (Genesys `GSW_CAMPAIGN_MODE`: `PushPreview`, `Preview`). */
  readonly mode?: string;
}

/** The campaign list after one word from the server about one campaign. */
export function withCampaignRun(runs: readonly CampaignRun[] | undefined, e: CampaignStatusEvent): readonly CampaignRun[] {
  const rest = (runs ?? []).filter((r) => r.name !== e.campaign);
  if (e.status === 'unloaded') return rest;
  const pushPreview = e.mode === undefined || /push\s*-?\s*preview/i.test(e.mode);
  return [...rest, { name: e.campaign, running: e.status === 'running', pushPreview }];
}

/**
 * Is the agent's campaign running (W-2)? The agent's campaign where the server named it (by name
 * or id); else any push preview campaign the server spoke of (a server's campaign names need not
 * match the record's, as the Genesys simulator's do not). Null while the server has said nothing.
 */
export function campaignRunState(runs: readonly CampaignRun[] | undefined, campaign: Campaign | null): 'running' | 'stopped' | null {
  if (runs === undefined) return null;
  const mine = campaign ? runs.find((r) => r.name === campaign.name || r.name === campaign.id) : undefined;
  if (mine) return mine.running && mine.pushPreview ? 'running' : 'stopped';
  return runs.some((r) => r.running && r.pushPreview) ? 'running' : 'stopped';
}
