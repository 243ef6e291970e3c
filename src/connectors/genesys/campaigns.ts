/**
 * W-2 campaign status (spec §6): OCS says a campaign was loaded, started, stopped or unloaded in an
 * `EventUserEvent`, unasked or in answer to the `CampaignStatusRequest` the desktop sends at login
 * on the voice DN (`voice/send-user-event`). The simulator answers it with one event per configured
 * campaign; a real server's answer, and the `GSW_APPLICATION_ID` it wants, are unverified: the
 * request is fire and forget (a failure is a debug note, the status stays unknown), and any
 * campaign event is read whenever it comes.
 */
import type { CampaignRunStatus, CampaignStatusEvent } from '../../domain/campaign-status.js';
import { kvText, toKvList, type KvMap } from './kv.js';
import { isAbort, type Rest } from './rest.js';
import type { Settings } from './settings.js';

const STATUS: Readonly<Record<string, CampaignRunStatus>> = {
  CampaignLoaded: 'stopped',
  CampaignStarted: 'running',
  CampaignStopped: 'stopped',
  CampaignUnloaded: 'unloaded',
};

/** The campaign event an OCS user event is, or null when it is none (or names no campaign). */
export function campaignEventOf(data: KvMap): CampaignStatusEvent | null {
  const status = STATUS[kvText(data, 'GSW_USER_EVENT') ?? ''];
  const campaign = kvText(data, 'GSW_CAMPAIGN_NAME')?.slice(0, 200);
  if (!status || !campaign) return null;
  const mode = kvText(data, 'GSW_CAMPAIGN_MODE');
  return mode ? { type: 'campaign-status', campaign, status, mode: mode.slice(0, 100) } : { type: 'campaign-status', campaign, status };
}

/** Ask OCS which campaigns run (at login). Never fails the login: the answer comes as events, or not. */
export async function requestCampaignStatus(s: Settings, rest: Rest, signal?: AbortSignal): Promise<void> {
  const app = s.ocs.campaignStatusApplicationId;
  if (app === false) return;
  const userData = toKvList([
    ['GSW_AGENT_REQ_TYPE', 'CampaignStatusRequest'],
    ['GSW_APPLICATION_ID', app],
  ]);
  try {
    await rest.request('POST', '/voice/send-user-event', rest.body({ userData }), signal);
  } catch (e) {
    if (isAbort(e)) throw e;
    s.debug('CampaignStatusRequest failed: the campaign status stays unknown until OCS says it', e);
  }
}
