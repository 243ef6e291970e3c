import { css, html, nothing } from 'lit';
import type { IntentType } from '../../domain/intents.js';
import { offeredIn } from '../../domain/machine.js';
import { checkPhone } from '../../domain/phone.js';
import { PHONE_TYPES, activeRecord, type PhoneType } from '../../domain/types.js';
import { PushPreviewElement } from '../internal/push-preview-element.js';

/**
 * The Chained Records tab: the contact's numbers, one of them active. Pick the number to dial
 * before Connect (W-8) or after a call that was not answered (Set Active Record, W-26); edit the
 * number to dial, e.g. to add the area code (W-9), checked as it is typed; add another number
 * (New Chained Record, W-13, W-21, W-27).
 *
 * @summary The chain of numbers, the number to dial, New Chained Record.
 * @csspart list - The list of records.
 * @csspart record - One record; `record active` for the active one.
 * @csspart dial-number - The number-to-dial input.
 * @csspart new-record - The New Chained Record form.
 * @csspart action - Every action button; also `action-set-active-record`, `action-add-chained-record`.
 * @csspart refusal - The reason an action was refused.
 * @csspart refusal-detail - The server's or validator's own words beside the reason (a field, a number, the server's error text).
 * @cssstate previewing - Also every other workflow phase.
 */
export class ChainedRecords extends PushPreviewElement {
  static override styles = [
    ...PushPreviewElement.styles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0 0 0.75rem;
        display: grid;
        gap: 0.375rem;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        padding: 0.375rem 0.5rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      li.active {
        border-width: 2px;
        border-color: var(--_accent);
      }
      .phone {
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .badge {
        font-size: 0.8125em;
        padding: 0.0625rem 0.5rem;
        border-radius: 999px;
        background: var(--_accent);
        color: var(--_on-accent);
      }
      .field {
        display: grid;
        gap: 0.25rem;
        margin-bottom: 0.75rem;
      }
    `,
  ];

  protected readonly intents: readonly IntentType[] = ['set-active-record', 'add-chained-record', 'connect'];

  protected override render() {
    const wf = this.wf;
    const t = this.t;
    const i = wf?.interaction;
    if (!wf || !i) return nothing;
    const drafts = this.store.state!.drafts;
    const active = activeRecord(i.chain)!;
    const editable = offeredIn(wf, 'connect');
    const shownActive = this.phone(active.phone, active.country);
    const dial = drafts.dialNumber ?? shownActive;
    const dialOk = checkPhone(dial, active.country).ok;
    const nc = drafts.newChained;
    const ncTyped = !!nc && nc.phone.trim() !== '';
    const ncOk = !ncTyped || checkPhone(nc.phone, active.country).ok;
    // What the agent typed stays in view, read-only, where it can no longer be sent (W-30).
    const canAdd = offeredIn(wf, 'add-chained-record');
    const showDial = editable || drafts.dialNumber !== null;
    const showNew = canAdd || ncTyped;
    return html`
      ${i.chain.records.length < 2 ? html`<p class="muted">${t.noChain}</p>` : nothing}
      <ul part="list" aria-label=${t.chainedRecords}>
        ${i.chain.records.map((r) => {
          const isActive = r.handle === i.chain.activeHandle;
          return html`<li part="record ${isActive ? 'active' : ''}" class=${isActive ? 'active' : ''} aria-current=${isActive ? 'true' : 'false'}>
            <span class="phone">${this.phone(r.phone, r.country)}</span>
            <span>${t.phoneTypes[r.phoneType]}</span>
            ${r.callResult !== null ? html`<span class="muted">${t.callResult}: ${t.callResults[r.callResult]}</span>` : nothing}
            <span class="muted">${t.attempts}: ${r.attempts}</span>
            ${
              isActive
                ? html`<span class="badge">${t.active}</span>`
                : this.renderAction({
                    action: 'set-active-record',
                    label: `${t.setActiveRecord}: ${this.phone(r.phone, r.country)}`,
                    intent: { type: 'set-active-record', handle: r.handle },
                  })
            }
          </li>`;
        })}
      </ul>
      ${
        showDial
          ? html`<div class="field">
            <label for="dial">${t.numberToDial}</label>
            <input
              id="dial"
              part="dial-number"
              inputmode="tel"
              autocomplete="off"
              .value=${dial}
              ?readonly=${!editable}
              aria-invalid=${dialOk ? 'false' : 'true'}
              aria-describedby=${dialOk ? nothing : 'dial-why'}
              @input=${(e: Event) => {
                const v = (e.target as HTMLInputElement).value;
                this.store.edit({ kind: 'dial-number', value: v === active.phone || v === shownActive ? null : v });
              }}
            />
            ${dialOk ? nothing : html`<span id="dial-why" class="reason">${t.reasons['invalid-number']}</span>`}
          </div>`
          : nothing
      }
      ${
        showNew
          ? html`<fieldset part="new-record">
            <legend>${t.anotherNumber}</legend>
            <div class="row">
              <label for="nc-phone">${t.phone}</label>
              <input
                id="nc-phone"
                inputmode="tel"
                autocomplete="off"
                .value=${nc?.phone ?? ''}
                ?readonly=${!canAdd}
                aria-invalid=${ncOk ? 'false' : 'true'}
                @input=${(e: Event) => this.store.edit({ kind: 'new-chained', value: { phone: (e.target as HTMLInputElement).value, phoneType: nc?.phoneType ?? 'mobile' } })}
              />
              <label for="nc-type">${t.phoneType}</label>
              <select
                id="nc-type"
                ?disabled=${!canAdd}
                @change=${(e: Event) => this.store.edit({ kind: 'new-chained', value: { phone: nc?.phone ?? '', phoneType: (e.target as HTMLSelectElement).value as PhoneType } })}
              >
                ${PHONE_TYPES.map((p) => html`<option value=${p} ?selected=${(nc?.phoneType ?? 'mobile') === p}>${t.phoneTypes[p]}</option>`)}
              </select>
              ${this.renderAction({
                action: 'add-chained-record',
                label: t.newChainedRecord,
                intent: { type: 'add-chained-record', phone: nc?.phone ?? '', phoneType: nc?.phoneType ?? 'mobile' },
              })}
            </div>
            ${ncOk ? nothing : html`<span class="reason">${t.reasons['invalid-number']}</span>`}
            ${ncTyped ? html`<span class="muted">${t.unsaved}</span>` : nothing}
          </fieldset>`
          : nothing
      }
      ${this.renderRefusal()}
    `;
  }
}
