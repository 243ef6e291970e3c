import { css, html, nothing } from 'lit';
import type { IntentType } from '../../domain/intents.js';
import { offeredIn } from '../../domain/machine.js';
import { activeRecord } from '../../domain/types.js';
import { PushPreviewElement } from '../internal/push-preview-element.js';

const LONG = new Set(['notes']);

/**
 * Edit (W-12) the contact's campaign information and save it with Update Record (W-15), also
 * while connected (W-21). What is typed stays until the server confirms it — through a failed
 * request, a reconnect or a reload — and a stale record (W-30) shows it read-only.
 *
 * @summary Record fields with Update Record.
 * @csspart editor - The form.
 * @csspart editing - Whose fields these are: the active record's number and type (W-8, W-26).
 * @csspart field - One field (label and input).
 * @csspart action - Every action button; also `action-update-record`.
 * @csspart refusal - The reason an action was refused.
 * @csspart refusal-detail - The server's or validator's own words beside the reason (a field, a number, the server's error text).
 * @cssstate previewing - Also every other workflow phase.
 */
export class RecordEditor extends PushPreviewElement {
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
      textarea {
        min-height: 4.5rem;
        resize: vertical;
      }
      .unsaved {
        font-size: 0.8125em;
        color: var(--_danger);
      }
    `,
  ];

  protected readonly intents: readonly IntentType[] = ['update-record'];

  protected override render() {
    const wf = this.wf;
    const t = this.t;
    const i = wf?.interaction;
    if (!wf || !i) return nothing;
    const rec = activeRecord(i.chain)!;
    const typed = this.store.state!.drafts.fields[rec.handle] ?? {};
    const names = [...new Set([...Object.keys(rec.fields), ...Object.keys(typed)])];
    const editable = offeredIn(wf, 'update-record');
    const readonly = !editable;
    const dirty = Object.keys(typed).length > 0;
    return html`<form
      part="editor"
      aria-label=${t.edit}
      aria-describedby="editing"
      @submit=${(e: Event) => {
        e.preventDefault();
        this.dispatchIntent({ type: 'update-record', handle: rec.handle, fields: typed });
      }}
    >
      <p class="muted" part="editing" id="editing">${t.fieldsOf(this.phone(rec.phone, rec.country), t.phoneTypes[rec.phoneType])}</p>
      ${names.map((name) => {
        const value = typed[name] ?? rec.fields[name] ?? '';
        const changed = name in typed;
        const id = `f-${name}`;
        const onInput = (e: Event) => this.store.edit({ kind: 'field', handle: rec.handle, name, value: (e.target as HTMLInputElement).value });
        return html`<div class="field" part="field">
          <label for=${id}>${t.field(name)} ${changed ? html`<span class="unsaved">(${t.unsaved})</span>` : nothing}</label>
          ${
            LONG.has(name)
              ? html`<textarea id=${id} name=${name} .value=${value} ?readonly=${readonly} @input=${onInput}></textarea>`
              : html`<input id=${id} name=${name} .value=${value} ?readonly=${readonly} autocomplete="off" @input=${onInput} />`
          }
        </div>`;
      })}
      <div class="row">
        ${
          editable
            ? html`${this.renderAction({ action: 'update-record', label: t.updateRecord, variant: 'primary', intent: { type: 'update-record', handle: rec.handle, fields: typed } })}
              ${dirty ? html`<button type="button" data-action="discard" @click=${() => this.store.edit({ kind: 'discard', handle: rec.handle })}>${t.discardChanges}</button>` : nothing}`
            : nothing
        }
      </div>
      ${this.renderRefusal()}
    </form>`;
  }
}
