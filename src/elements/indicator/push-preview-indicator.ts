import { css, html, svg } from 'lit';
import type { IntentType } from '../../domain/intents.js';
import { isLivePhase } from '../../domain/machine.js';
import { prefersReducedMotion } from '../internal/closest-attr.js';
import { PushPreviewElement } from '../internal/push-preview-element.js';

const previewIcon = svg`<path d="M5 3h10l4 4v14H5z M15 3v4h4 M8 11h8 M8 15h8" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/>`;
const voiceIcon = svg`<path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1 11.4 11.4 0 0 0 .57 3.6 1 1 0 0 1-.25 1z" fill="currentColor"/>`;

/**
 * The yellow Outbound Campaign indicator of the batch navigation (W-3): it flashes while a
 * preview rings — once a second, well under three flashes a second, and not at all under
 * reduced motion — and stops once accepted (W-4). Its icon shows open media or voice (W-16, W-22).
 *
 * @summary Campaign indicator with the media of the interaction.
 * @csspart indicator - The badge.
 * @csspart media - The media icon and its label.
 * @cssstate ringing - Also every other workflow phase: the current phase.
 * @cssproperty --pp-color-campaign - The badge colour (yellow by default).
 * @cssproperty --pp-flash-duration - One flash cycle. Default 1s; anything under 0.34s is taken as 0.34s (under 3 flashes a second).
 */
export class PushPreviewIndicator extends PushPreviewElement {
  // The flash cycle is never under 0.34 s, whatever the page sets: under 3 flashes a second (WCAG 2.3.1).
  static override styles = [
    ...PushPreviewElement.styles,
    css`
      :host {
        display: inline-block;
      }
      .indicator {
        display: inline-flex;
        align-items: center;
        gap: 0.5rem;
        padding: 0.25rem 0.625rem;
        border-radius: 999px;
        border: 2px solid transparent;
        background: var(--_surface-alt);
        color: var(--_text);
      }
      .indicator.campaign {
        background: var(--_campaign);
        color: var(--_on-campaign);
      }
      .indicator.flash {
        animation: flash 1s steps(1, end) infinite;
        animation-duration: max(var(--pp-flash-duration, 1s), 0.34s);
      }
      .indicator.still {
        border-color: var(--_on-campaign);
        outline: 3px dashed var(--_danger);
        outline-offset: 2px;
      }
      @keyframes flash {
        50% {
          background: var(--_surface);
          color: var(--_text);
          border-color: var(--_campaign);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .indicator.flash {
          animation: none;
        }
      }
      svg {
        width: 1.125rem;
        height: 1.125rem;
      }
      .media {
        display: inline-flex;
        align-items: center;
        gap: 0.25rem;
        font-size: 0.875em;
      }
    `,
  ];

  protected readonly intents: readonly IntentType[] = [];

  protected override render() {
    const wf = this.wf;
    const t = this.t;
    const i = wf?.interaction;
    // Yellow while the campaign's interaction is live (the machine's live phases); an ended one,
    // stale and failed included, is no longer ringing or owned.
    const live = i !== null && i !== undefined && wf !== undefined && isLivePhase(wf.phase);
    const ringing = wf?.phase === 'ringing';
    const reduced = ringing && prefersReducedMotion(this);
    const voice = i?.media === 'voice';
    return html`<span part="indicator" class="indicator ${live ? 'campaign' : ''} ${ringing ? (reduced ? 'still' : 'flash') : ''}" data-phase=${wf?.phase ?? 'logged-out'}>
      <strong>${t.outboundCampaign}</strong>
      <span class="muted-on">${wf ? t.phases[wf.phase] : ''}</span>
      ${
        live
          ? html`<span class="media" part="media" data-media=${i!.media}
            ><svg viewBox="0 0 24 24" aria-hidden="true">${voice ? voiceIcon : previewIcon}</svg>${voice ? t.voiceInteraction : t.openMedia}</span
          >`
          : ''
      }
    </span>`;
  }
}
