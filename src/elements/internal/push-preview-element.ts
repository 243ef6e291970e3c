/**
 * The base of every workflow element: reads the session through context, follows the page's
 * language, exposes the phase as a CSS custom state, and renders action buttons from the
 * machine's rule (absent where the phase does not offer them, disabled with a reason where
 * something else stands in the way).
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Intent, IntentType } from '../../domain/intents.js';
import { actionStatus } from '../../domain/availability.js';
import { showPhone } from '../../domain/phone.js';
import type { Action, WorkflowState } from '../../domain/machine.js';
import type { Translation } from '../../i18n/index.js';
import { FocusKeeper } from './focus.js';
import { LocalizeController } from './localize.js';
import { SessionController } from './session-controller.js';
import { tokens } from './tokens.js';

export interface ActionButton {
  readonly action: Action;
  readonly label: string;
  readonly intent?: Intent;
  readonly variant?: 'primary' | 'danger' | '';
  /** Extra `part` names beside `action` and `action-<name>`. */
  readonly part?: string;
  /** Shown as the keyboard shortcut hint (aria-keyshortcuts). */
  readonly shortcut?: string | undefined;
  /**
   * The reason a refused control is disabled, shown beside it (part `why`) and not only to screen
   * readers and in a tooltip: for a lasting reason, such as Record on a line that is not SIP (W-20).
   */
  readonly reasonShown?: boolean;
}

export const VERSION = '0.1.0';

/** The refusal's icon: a circled "!" in the danger colour, hidden from assistive technology (the text says it). */
const alertIcon = html`<svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
  <circle cx="10" cy="10" r="9" fill="currentColor" />
  <path d="M10 5.5v5.5" stroke="var(--_on-danger)" stroke-width="2.2" stroke-linecap="round" />
  <circle cx="10" cy="14.5" r="1.3" fill="var(--_on-danger)" />
</svg>`;

/**
 * The base class of the workflow elements. Its design tokens (the CSS custom properties below, each
 * with a default that follows the page's `color-scheme`) apply to every element that extends it;
 * the manifest lists them on each element (inherited).
 *
 * @cssproperty --pp-color-surface - Background.
 * @cssproperty --pp-color-surface-alt - Secondary background (the campaign indicator when idle).
 * @cssproperty --pp-color-text - Text colour.
 * @cssproperty --pp-color-muted - Secondary text colour; also the agent status dot when not ready.
 * @cssproperty --pp-color-border - Border colour.
 * @cssproperty --pp-color-accent - Accent: primary buttons, the active record, the selected tab.
 * @cssproperty --pp-color-on-accent - Text on the accent colour.
 * @cssproperty --pp-color-danger - Danger buttons, refusal reasons, invalid inputs.
 * @cssproperty --pp-color-on-danger - Text on the danger colour.
 * @cssproperty --pp-color-success - The agent status dot when ready.
 * @cssproperty --pp-color-campaign - The Outbound Campaign indicator colour.
 * @cssproperty --pp-color-on-campaign - Text on the campaign colour.
 * @cssproperty --pp-color-warning-bg - Background of the stale or ended preview notice.
 * @cssproperty --pp-color-danger-bg - Background of a refusal's alert (its text is `--pp-color-text`, its border and icon `--pp-color-danger`).
 * @cssproperty --pp-focus-ring - Focus ring colour.
 * @cssproperty --pp-radius - Corner radius.
 * @cssproperty --pp-space - Base spacing.
 * @cssproperty --pp-font-family - Font family.
 * @cssproperty --pp-font-size - Base font size.
 */
export abstract class PushPreviewElement extends LitElement {
  static version = VERSION;
  static override styles = [tokens];

  protected readonly store = new SessionController(this);
  protected readonly i18n = new LocalizeController(this);
  /** When the focused control leaves with a render, focus goes to the one the next step needs (focus.ts). */
  protected readonly focusKeeper = new FocusKeeper(this, { session: () => this.store.session, phase: () => this.wf?.phase });
  private readonly internals: ElementInternals | null = typeof this.attachInternals === 'function' ? this.attachInternals() : null;
  private shownState = '';

  /** The intents this element offers; a refusal of one of them is shown by this element. */
  protected abstract readonly intents: readonly IntentType[];

  protected get t(): Translation {
    return this.i18n.t;
  }

  protected get wf(): WorkflowState | undefined {
    return this.store.state?.workflow;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const phase = this.wf?.phase ?? 'logged-out';
    if (phase !== this.shownState && this.internals?.states) {
      try {
        if (this.shownState) this.internals.states.delete(this.shownState);
        this.internals.states.add(phase);
      } catch {
        // CustomStateSet without plain identifiers (older engines): states are a progressive extra.
      }
      this.shownState = phase;
    }
  }

  /** Also waits for a store-driven render held for the next frame (see SessionController). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.store.held) {
      await this.store.held;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  /** A number as every element shows it: national for the contact's region ({@link showPhone}). */
  protected phone(number: string, country: string): string {
    return showPhone(number, country).text;
  }

  protected dispatchIntent(intent: Intent): void {
    void this.store.dispatch(intent);
  }

  /** The refusal of one of this element's intents, translated; empty when none. */
  protected refusalText(): string {
    const r = this.store.state?.refusal;
    if (!r || !this.intents.includes(r.intent)) return '';
    return this.t.reasons[r.reason];
  }

  /** The reason in the agent's language, then the server's or validator's own words, if any: an alert with an icon. */
  protected renderRefusal(): TemplateResult | typeof nothing {
    const text = this.refusalText();
    const detail = this.store.state?.refusal?.detail?.slice(0, 200);
    return text
      ? html`<div class="refusal" part="refusal" role="alert">
          ${alertIcon}<span>${text}${detail ? html` <span part="refusal-detail">(${detail})</span>` : nothing}</span>
        </div>`
      : nothing;
  }

  /** Offered, shown, and why not enabled: the one domain rule ({@link actionStatus}). */
  protected status(action: Action) {
    const s = this.store.state;
    if (!s) return { offered: false, shown: false, refusal: { reason: 'offline' as const } };
    return actionStatus({ workflow: s.workflow, online: s.connection === 'online', pending: s.pending }, action);
  }

  protected renderAction(b: ActionButton): TemplateResult | typeof nothing {
    const state = this.store.state;
    if (!state) return nothing;
    const { offered, refusal } = this.status(b.action);
    if (!offered) return nothing;
    const busy = state.pending === b.action;
    const disabled = refusal !== null;
    const reason = refusal && refusal.reason !== 'not-allowed' ? this.t.reasons[refusal.reason] : '';
    const id = `why-${b.action}`;
    return html`<button
        type="button"
        class=${b.variant ?? ''}
        part="action action-${b.action} ${b.part ?? ''}"
        data-action=${b.action}
        aria-disabled=${disabled ? 'true' : 'false'}
        aria-busy=${busy ? 'true' : 'false'}
        aria-describedby=${reason ? id : nothing}
        aria-keyshortcuts=${b.shortcut ?? nothing}
        title=${ifDefined(reason || undefined)}
        @click=${() => this.dispatchIntent(b.intent ?? ({ type: b.action } as Intent))}
      >
        ${b.label}</button
      >${
        reason
          ? html`<span id=${id} class=${b.reasonShown ? 'why' : 'visually-hidden'} part=${ifDefined(b.reasonShown ? `why why-${b.action}` : undefined)}>${reason}</span>`
          : nothing
      }`;
  }
}
