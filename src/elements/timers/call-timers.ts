import { css, html, nothing, type PropertyValues } from 'lit';
import type { Subscription } from 'rxjs';
import { timeoutScheduler } from '../../connectors/scheduler.js';
import { formatDuration, type CallTimes } from '../../domain/call-timing.js';
import type { IntentType } from '../../domain/intents.js';
import { callClock } from '../../session/call-clock.js';
import type { Translation } from '../../i18n/index.js';
import { PushPreviewElement } from '../internal/push-preview-element.js';

type Kind = keyof CallTimes;
const KINDS: readonly Kind[] = ['preview', 'call', 'hold', 'holdTotal', 'wrapup'];
const PART: Record<Kind, string> = { preview: 'preview', call: 'call', hold: 'hold', holdTotal: 'hold-total', wrapup: 'wrapup' };
const label = (t: Translation, k: Kind): string =>
  k === 'preview' ? t.timerPreview : k === 'call' ? t.timerCall : k === 'hold' ? t.timerHold : k === 'holdTotal' ? t.timerHoldTotal : t.timerWrapup;

/**
 * The call timers (issue 16): how long the agent has been in preview, on the call, on hold (this
 * hold and in all) and in wrap-up, as `m:ss` (`h:mm:ss` from an hour on). They count from the
 * server's timestamps where the connector gives them (the accept, the call's start and connection)
 * and from the session's clock for the rest (a hold, wrap-up), and tick on that clock (virtual
 * time in tests) once a second each: a tick changes only the timers' text, and renders nothing,
 * neither this element nor any other. Screen readers read them on demand and are not told every
 * second: each value is a `role="timer"` (not live), named by its label, and the group is one tab
 * stop whose accessible name holds every label and value. Empty outside a call's phases.
 *
 * A tag of its own, not part of `<call-controls>`: a CRM page often shows the timers apart from
 * the buttons (in a header, beside the contact), and a page that wants none leaves the tag out
 * (`no-timers` on the panel).
 *
 * @summary Time in preview, on the call, on hold and in wrap-up.
 * @csspart timers - The group of timers (one tab stop).
 * @csspart call-timer - One timer, its label and value; also `call-timer-preview`, `call-timer-call`, `call-timer-hold`, `call-timer-hold-total`, `call-timer-wrapup`.
 * @csspart timer-label - A timer's label.
 * @csspart timer-value - A timer's value (`m:ss` or `h:mm:ss`).
 * @cssstate connected - Also every other workflow phase.
 */
export class CallTimers extends PushPreviewElement {
  static override styles = [
    ...PushPreviewElement.styles,
    css`
      :host {
        display: block;
      }
      .timers {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        align-items: baseline;
        border-radius: var(--_radius);
      }
      .timer {
        display: inline-flex;
        gap: 0.375rem;
        align-items: baseline;
      }
      .label {
        color: var(--_muted);
      }
      .value {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
      }
    `,
  ];

  protected readonly intents: readonly IntentType[] = [];

  private tick: Subscription | null = null;
  /** The kinds rendered (those with a value); a tick that finds others asks for a render. */
  private shown = '';

  /** The timers' values now, in whole seconds (null where a timer does not apply); null without a session. */
  get times(): CallTimes | null {
    const s = this.store.session;
    return s ? callClock(s).times() : null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.paint();
  }

  private stop(): void {
    this.tick?.unsubscribe();
    this.tick = null;
  }

  protected override render() {
    const times = this.times;
    const kinds = times ? KINDS.filter((k) => times[k] !== null) : [];
    this.shown = kinds.join(' ');
    if (!kinds.length) return nothing;
    const t = this.t;
    const names = ['timers-title', ...kinds.flatMap((k) => [`${k}-label`, `${k}-value`])].join(' ');
    return html`<div class="timers" part="timers" role="group" tabindex="0" aria-labelledby=${names}>
      <span id="timers-title" class="visually-hidden">${t.timers}</span>
      ${kinds.map(
        (k) => html`<span class="timer" part="call-timer call-timer-${PART[k]}"
          ><span id="${k}-label" class="label" part="timer-label">${label(t, k)}</span>
          <span id="${k}-value" class="value" part="timer-value" role="timer" aria-labelledby="${k}-label" data-timer=${k}></span
        ></span>`,
      )}
    </div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.paint();
  }

  /** Write each value's text (only its text node, and only where it changed), then wait for the next turn. */
  private paint(): void {
    this.stop();
    const session = this.store.session;
    if (!session || !this.isConnected) return;
    const clock = callClock(session);
    const times = clock.times();
    if (KINDS.filter((k) => times[k] !== null).join(' ') !== this.shown) {
      this.requestUpdate(); // a timer came or went between renders (a clock fed after the store)
      return;
    }
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('[data-timer]')) {
      const v = times[el.dataset['timer'] as Kind];
      const text = v === null ? '' : formatDuration(v);
      const node = el.firstChild instanceof Text ? el.firstChild : el.appendChild(document.createTextNode(''));
      if (node.data !== text) node.data = text;
    }
    const next = clock.nextTurn();
    if (next === null) return;
    const scheduler = session.scheduler ?? timeoutScheduler;
    this.tick = scheduler.schedule(() => this.paint(), Math.max(0, next - clock.now()));
  }
}
