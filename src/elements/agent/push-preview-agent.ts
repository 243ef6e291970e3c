import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { IntentType } from '../../domain/intents.js';
import { campaignRunState } from '../../domain/campaign-status.js';
import { PUSH_PREVIEW_MEDIA } from '../../domain/types.js';
import { PushPreviewElement } from '../internal/push-preview-element.js';

const MEDIA = [PUSH_PREVIEW_MEDIA, 'email', 'chat'] as const;

/**
 * The agent's login and status: choose the media types at login — the push preview one is
 * needed for previews (W-1) — then switch between Ready and Not Ready (W-2).
 *
 * @summary Agent login and Ready / Not Ready.
 * @csspart login - The login form.
 * @csspart status - The status line once logged in.
 * @csspart campaign - W-2: whether the agent's campaign is running, beside Ready (once the server said); also `campaign-running` or `campaign-stopped`.
 * @csspart action - Every action button; also `action-<name>`, e.g. `action-ready`.
 * @csspart refusal - The reason an action was refused.
 * @csspart refusal-detail - The server's or validator's own words beside the reason (a field, a number, the server's error text).
 * @cssstate logged-out - Also `not-ready`, `ready` and every workflow phase: the current phase.
 * @cssproperty --pp-color-accent - Primary button background.
 */
export class PushPreviewAgent extends PushPreviewElement {
  static override styles = [
    ...PushPreviewElement.styles,
    css`
      :host {
        display: block;
      }
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        margin: 0;
        padding: var(--_gap);
      }
      legend {
        padding: 0 0.25rem;
      }
      label {
        display: inline-flex;
        gap: 0.375rem;
        align-items: center;
        margin-inline-end: 1rem;
        min-height: 2rem;
      }
      .status {
        font-weight: 600;
      }
      .dot {
        display: inline-block;
        width: 0.625rem;
        height: 0.625rem;
        border-radius: 50%;
        background: var(--_muted);
      }
      .dot.ready {
        background: var(--_success);
      }
      .campaign {
        color: var(--_muted);
      }
    `,
  ];

  protected readonly intents: readonly IntentType[] = ['login', 'logout', 'ready', 'not-ready'];

  @state() private media = new Set<string>([PUSH_PREVIEW_MEDIA]);

  private toggle(m: string, on: boolean): void {
    const next = new Set(this.media);
    if (on) next.add(m);
    else next.delete(m);
    this.media = next;
  }

  private mediaLabel(m: string): string {
    const t = this.t;
    return m === PUSH_PREVIEW_MEDIA ? t.mediaVoicePreview : m === 'email' ? t.mediaEmail : t.mediaChat;
  }

  /** W-2: the campaign's run state, announced politely when it changes; nothing until the server said. */
  private renderCampaign() {
    const run = campaignRunState(this.wf?.campaigns, this.wf?.campaign ?? null);
    const t = this.t;
    return html`<span class="campaign" part="campaign ${run ? `campaign-${run}` : ''}" role="status"
      >${run === 'running' ? t.campaignRunning : run === 'stopped' ? t.campaignStopped : nothing}</span
    >`;
  }

  protected override render() {
    const wf = this.wf;
    if (!wf) return html`<p class="muted">${this.t.working}</p>`;
    const t = this.t;
    const conn = this.store.state!.connection;
    const connection =
      conn === 'reconnecting' || conn === 'offline'
        ? html`<span class="reason" role="status">${conn === 'reconnecting' ? t.reconnecting : t.offline}</span>`
        : nothing;
    if (wf.agent.status === 'logged-out') {
      return html`<form
          part="login"
          @submit=${(e: Event) => {
            e.preventDefault();
            this.dispatchIntent({ type: 'login', mediaTypes: [...this.media] });
          }}
        >
          <fieldset>
            <legend>${t.mediaTypes}</legend>
            ${MEDIA.map(
              (m) => html`<label
                ><input type="checkbox" name="media" .value=${m} .checked=${this.media.has(m)} @change=${(e: Event) => this.toggle(m, (e.target as HTMLInputElement).checked)} />
                ${this.mediaLabel(m)}</label
              >`,
            )}
            <div class="row">
              ${this.renderAction({ action: 'login', label: t.login, variant: 'primary', intent: { type: 'login', mediaTypes: [...this.media] } })}
              ${connection}
            </div>
          </fieldset>
        </form>
        ${this.renderRefusal()}`;
    }
    const ready = wf.agent.status === 'ready';
    return html`<div class="row" part="status" role="group" aria-label=${t.agentStatus}>
        <span class="dot ${ready ? 'ready' : ''}" aria-hidden="true"></span>
        <span class="status" data-focus="agent-status">${ready ? t.ready : t.notReady}</span>
        ${this.renderAction({ action: 'ready', label: t.ready, variant: 'primary' })}
        ${this.renderAction({ action: 'not-ready', label: t.notReady })} ${this.renderCampaign()}
        ${this.renderAction({ action: 'logout', label: t.logout })} ${connection}
      </div>
      ${this.renderRefusal()}`;
  }
}
