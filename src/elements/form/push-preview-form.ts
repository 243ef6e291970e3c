import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { IntentType } from '../../domain/intents.js';
import { isEndPhase } from '../../domain/machine.js';
import { previewPolicy, type PreviewPolicy } from '../../domain/policy.js';
import { formatMinuteOfDay, inCallingWindow } from '../../domain/time.js';
import { activeRecord } from '../../domain/types.js';
import { PushPreviewElement } from '../internal/push-preview-element.js';
import { DEFAULT_HEADING_LEVEL, headingLevel } from '../internal/heading-level.js';
import { shortcutLabel } from '../internal/shortcuts.js';

/**
 * The preview form: contact and campaign data of the pushed record (W-3), the time left to
 * accept (W-6), Accept and Reject (W-4, W-5); after the end of an interaction, what happened
 * and Close. A stale record (W-30) is said plainly. Contact data is shown as text, never markup.
 *
 * @summary Contact and campaign preview with Accept / Reject and the countdown.
 * @csspart form - The whole preview.
 * @csspart contact - The contact's name (the number where the record has none) and company.
 * @csspart details - The list of record and campaign data.
 * @csspart countdown - The time left to accept.
 * @csspart banner - The stale or ended notice.
 * @csspart window - Whether the contact's local time is inside the calling window (also `window-outside` when not).
 * @csspart action - Every action button; also `action-accept`, `action-reject`, `action-dismiss`.
 * @csspart refusal - The reason an action was refused.
 * @csspart refusal-detail - The server's or validator's own words beside the reason (a field, a number, the server's error text).
 * @cssstate ringing - Also every other workflow phase.
 */
export class PushPreviewForm extends PushPreviewElement {
  static override styles = [
    ...PushPreviewElement.styles,
    css`
      :host {
        display: block;
      }
      .heading {
        margin: 0;
        font-weight: 700;
        font-size: 1.25em;
      }
      .company {
        margin: 0.125rem 0 0.5rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        /* a label on its value's baseline: CJK glyphs' taller ascent put Japanese labels lower */
        align-items: baseline;
        gap: 0.25rem 1rem;
        margin: 0.5rem 0;
      }
      dt {
        color: var(--_muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
        white-space: pre-wrap;
      }
      .countdown {
        display: grid;
        gap: 0.25rem;
        margin: 0.5rem 0;
        font-weight: 600;
      }
      progress {
        width: 100%;
        height: 0.5rem;
        accent-color: var(--_accent);
      }
      .countdown.low {
        color: var(--_danger);
      }
      .banner {
        padding: 0.5rem 0.75rem;
        border-radius: var(--_radius);
        background: var(--_warning-bg);
        border: 1px solid var(--_border);
        margin: 0.5rem 0;
      }
      .actions {
        margin-top: 0.5rem;
      }
      .outside {
        color: var(--_danger);
      }
    `,
  ];

  protected readonly intents: readonly IntentType[] = ['accept', 'reject', 'dismiss'];

  /** The campaign's preview policy (issue 16): Reject and Cancel, the timeout action; null before a campaign. */
  get previewPolicy(): PreviewPolicy | null {
    return this.wf?.campaign ? previewPolicy(this.wf.campaign) : null;
  }
  /**
   * The level of the contact's heading, 1–6: 2 (the default) under the page's `<h1>`, deeper where
   * the form sits further down. Another value falls back to 2 with a console warning.
   */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = DEFAULT_HEADING_LEVEL;

  protected override render() {
    const wf = this.wf;
    const t = this.t;
    if (!wf) return html`<p class="muted">${t.working}</p>`;
    const i = wf.interaction;
    if (!i) {
      const hint = wf.phase === 'logged-out' ? t.notLoggedIn : wf.phase === 'not-ready' ? t.notReadyHint : t.waitingForPreview;
      return html`<p class="muted" part="form">${hint}</p>`;
    }
    const rec = activeRecord(i.chain)!;
    const now = Math.max(wf.now, i.offeredAt);
    const { name = '', company = '', ...rest } = rec.fields;
    const left = Math.max(0, Math.ceil((i.acceptDeadline - now) / 1000));
    const total = Math.max(1, Math.round((i.acceptDeadline - i.offeredAt) / 1000));
    // issue 16: the countdown says what the timeout does
    const timeoutAction = previewPolicy(wf.campaign).timeoutAction;
    const countdown = timeoutAction === 'dial' ? t.countdownDial : timeoutAction === 'not-ready' ? t.countdownNotReady : t.countdown;
    // the contact's local time against the window, before Accept (issue 13)
    const inside = inCallingWindow(now, rec);
    return html`<section part="form" aria-label=${t.previewForm}>
      <div part="contact">
        <div class="heading" role="heading" aria-level=${headingLevel(this, this.headingLevel)}>${name || this.phone(rec.phone, rec.country)}</div>
        ${company ? html`<p class="company muted">${company}</p>` : nothing}
      </div>
      ${
        wf.phase === 'ringing'
          ? html`<div part="countdown" class="countdown ${left <= 10 ? 'low' : ''}" role="timer" aria-atomic="true">
            <span>${countdown(left)}</span>
            <progress max=${total} .value=${left} aria-hidden="true"></progress>
          </div>`
          : nothing
      }
      ${wf.phase === 'stale' ? html`<p part="banner" class="banner" role="alert"><strong>${t.staleNotice}</strong> ${t.staleExplained}</p>` : nothing}
      ${
        isEndPhase(wf.phase) && wf.phase !== 'stale'
          ? html`<p part="banner" class="banner" role="status">
            <strong>${t.phases[wf.phase]}</strong>${wf.ended?.target ? html` — ${wf.ended.target.name}` : nothing}${wf.ended?.gone ? html` — ${t.interactionGone}` : wf.ended?.detail ? html` — ${wf.ended.detail}` : nothing}
          </p>`
          : nothing
      }
      <dl part="details">
        <dt>${t.campaign}</dt>
        <dd>${wf.campaign?.name ?? ''}</dd>
        <dt>${t.phone}</dt>
        <dd>${this.phone(rec.phone, rec.country)} (${t.phoneTypes[rec.phoneType]})</dd>
        <dt>${t.localTime}</dt>
        <dd>${this.i18n.time(now, rec.timeZone)} <span class="muted">(${rec.timeZone})</span></dd>
        <dt>${t.callingWindow}</dt>
        <dd>
          ${formatMinuteOfDay(rec.callFrom)}–${formatMinuteOfDay(rec.callTill)}
          <strong part=${inside ? 'window' : 'window window-outside'} class=${inside ? 'muted' : 'outside'}>(${inside ? t.insideCallingWindow : t.outsideCallingWindow})</strong>
        </dd>
        <dt>${t.attempts}</dt>
        <dd>${rec.attempts}</dd>
        ${Object.entries(rest).map(([k, v]) => html`<dt>${t.field(k)}</dt><dd>${v}</dd>`)}
        ${
          i.rescheduledAt
            ? html`<dt>${t.reschedule}</dt>
              <dd>${t.rescheduledFor(this.i18n.dateTime(i.rescheduledAt.at, rec.timeZone))}</dd>`
            : nothing
        }
      </dl>
      <div class="row actions">
        ${this.renderAction({ action: 'accept', label: t.accept, variant: 'primary', shortcut: shortcutLabel(this, 'accept') })}
        ${this.renderAction({ action: 'reject', label: t.reject, variant: 'danger', shortcut: shortcutLabel(this, 'reject') })}
        ${this.renderAction({ action: 'dismiss', label: t.dismiss })}
      </div>
      ${this.renderRefusal()}
    </section>`;
  }
}
