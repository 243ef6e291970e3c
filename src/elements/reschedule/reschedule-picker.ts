import { css, html, nothing } from 'lit';
import type { IntentType } from '../../domain/intents.js';
import { offeredIn } from '../../domain/machine.js';
import { formatMinuteOfDay, inCallingWindow, zonedToEpoch } from '../../domain/time.js';
import { activeRecord, type CallbackType } from '../../domain/types.js';
import { rescheduleShown, type RescheduleDraft } from '../../session/drafts.js';
import { PushPreviewElement } from '../internal/push-preview-element.js';

/**
 * Reschedule (W-14, W-21, W-27): when this contact will be called again — a date and a time in
 * the contact's own time zone, inside its calling window — as a personal or a campaign callback.
 *
 * @summary Date and time picker in the contact's time zone, personal or campaign callback.
 * @csspart picker - The form.
 * @csspart action - Every action button; also `action-reschedule`.
 * @csspart refusal - The reason an action was refused.
 * @csspart refusal-detail - The server's or validator's own words beside the reason (a field, a number, the server's error text).
 * @cssstate previewing - Also every other workflow phase.
 */
export class ReschedulePicker extends PushPreviewElement {
  static override styles = [
    ...PushPreviewElement.styles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 0.5rem;
      }
    `,
  ];

  protected readonly intents: readonly IntentType[] = ['reschedule'];

  protected override render() {
    const wf = this.wf;
    const t = this.t;
    const i = wf?.interaction;
    if (!wf || !i) return nothing;
    const rec = activeRecord(i.chain)!;
    const now = Math.max(wf.now, i.offeredAt);
    // what is typed, else the callback time set (W-14), else a default in the window
    const draft: RescheduleDraft = rescheduleShown(this.store.state!.drafts, i, rec, now);
    const edit = (patch: Partial<RescheduleDraft>) => this.store.edit({ kind: 'reschedule', value: { ...draft, ...patch } });
    // The time typed (or the default shown), read in the contact's zone.
    const at = zonedToEpoch(draft.date, draft.time, rec.timeZone);
    const outside = Number.isFinite(at) && !inCallingWindow(at, rec);
    const disabled = !offeredIn(wf, 'reschedule');
    return html`<form part="picker" aria-label=${t.reschedule} @submit=${(e: Event) => e.preventDefault()}>
      <p class="muted">
        ${t.inContactTime(rec.timeZone)} · ${t.localTime}: ${this.i18n.time(now, rec.timeZone)} · ${t.callingWindow}:
        ${formatMinuteOfDay(rec.callFrom)}–${formatMinuteOfDay(rec.callTill)}
      </p>
      ${i.rescheduledAt ? html`<p role="status">${t.rescheduledFor(this.i18n.dateTime(i.rescheduledAt.at, rec.timeZone))}</p>` : nothing}
      <div class="row">
        <label>${t.date} <input type="date" name="date" .value=${draft.date} ?disabled=${disabled} @input=${(e: Event) => edit({ date: (e.target as HTMLInputElement).value })} /></label>
        <label>${t.time} <input type="time" name="time" step="300" .value=${draft.time} ?disabled=${disabled} @input=${(e: Event) => edit({ time: (e.target as HTMLInputElement).value })} /></label>
      </div>
      <fieldset>
        <legend>${t.callbackType}</legend>
        ${(['personal', 'campaign'] as CallbackType[]).map(
          (type) => html`<label
            ><input type="radio" name="cb" .value=${type} .checked=${draft.callbackType === type} ?disabled=${disabled} @change=${() => edit({ callbackType: type })} />${
              type === 'personal' ? t.personalCallback : t.campaignCallback
            }</label
          >`,
        )}
      </fieldset>
      ${outside ? html`<span class="reason">${t.reasons['outside-calling-window']}</span>` : nothing}
      <div class="row">
        ${this.renderAction({
          action: 'reschedule',
          label: t.reschedule,
          variant: 'primary',
          intent: { type: 'reschedule', at, callbackType: draft.callbackType },
        })}
        ${
          this.store.state!.drafts.reschedule
            ? html`<button type="button" data-action="discard" @click=${() => this.store.edit({ kind: 'reschedule', value: null })}>${t.discardChanges}</button>`
            : nothing
        }
      </div>
      ${this.renderRefusal()}
    </form>`;
  }
}
