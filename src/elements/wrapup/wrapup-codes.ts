import { css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { IntentType } from '../../domain/intents.js';
import { offeredIn, type WorkflowState } from '../../domain/machine.js';
import { extensionsOf, onTimeoutOf } from '../../domain/policy.js';
import { isCallResult } from '../../domain/types.js';
import { PushPreviewElement } from '../internal/push-preview-element.js';
import { shortcutLabel } from '../internal/shortcuts.js';

/**
 * Wrap-up: the Call Result dropdown (W-24), Mark Do Not Call (W-25), the disposition codes
 * (W-29) and Mark Done (W-28), which is refused with a clear reason until a required code is
 * picked; Done and Stop (Mark Done, then Not Ready); where the campaign bounds wrap-up, its
 * countdown and Extend (issue 16). The time left is announced at set points, not every second.
 *
 * @summary Call result, do-not-call, disposition code and Mark Done.
 * @csspart wrapup - The whole form.
 * @csspart call-result - The call result dropdown.
 * @csspart do-not-call - The Mark Do Not Call checkbox and its label.
 * @csspart codes - The disposition code group.
 * @csspart timer - The wrap-up countdown (also `timer-over` once the time is up).
 * @csspart action - Every action button; also `action-mark-done`, `action-done-and-stop`, `action-extend-wrapup`.
 * @csspart refusal - The reason an action was refused.
 * @csspart refusal-detail - The server's or validator's own words beside the reason (a field, a number, the server's error text).
 * @cssstate after-call - Also every other workflow phase.
 */
export class WrapupCodes extends PushPreviewElement {
  static override styles = [
    ...PushPreviewElement.styles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 0.75rem;
      }
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        margin: 0;
        padding: 0.5rem 0.75rem;
        display: grid;
        gap: 0.25rem;
      }
      .field {
        display: grid;
        gap: 0.25rem;
        justify-items: start;
      }
      .req {
        color: var(--_danger);
        font-size: 0.875em;
      }
      .timer {
        font-weight: 600;
        align-items: center;
      }
    `,
  ];

  protected readonly intents: readonly IntentType[] = ['set-call-result', 'mark-do-not-call', 'set-disposition', 'mark-done', 'done-and-stop', 'extend-wrapup'];

  /** Issue 16: the wrap-up countdown and Extend, where the campaign bounds wrap-up. */
  private renderTimer(wf: WorkflowState) {
    const timer = wf.afterCallTimer;
    if (wf.phase !== 'after-call' || !timer) return nothing;
    const t = this.t;
    const left = Math.max(0, Math.ceil((timer.deadline - wf.now) / 1000));
    const over = timer.defaulted || left === 0;
    const ext = extensionsOf(wf.campaign);
    const text = over ? t.wrapupOver : onTimeoutOf(wf.campaign) === 'not-ready' ? t.wrapupLeftNotReady(left) : t.wrapupLeft(left);
    return html`<div class="row timer">
      <span part=${over ? 'timer timer-over' : 'timer'} role="timer" aria-live="off">${text}</span>
      ${
        this.status('extend-wrapup').shown && !over
          ? html`${this.renderAction({ action: 'extend-wrapup', label: t.extendWrapup(ext.sec) })}
            <span class="muted">${t.wrapupExtensionsLeft(Math.max(0, ext.max - timer.extensions))}</span>`
          : nothing
      }
    </div>`;
  }

  protected override render() {
    const wf = this.wf;
    const t = this.t;
    if (!wf || !wf.campaign || !(offeredIn(wf, 'mark-done') || offeredIn(wf, 'set-call-result'))) return nothing;
    const c = wf.campaign;
    const w = wf.wrapup;
    // The choices are intents like the others: disabled, with the reason, while refused (a Mark
    // Done under way reads them, so none may change until it is answered).
    type Choice = 'set-call-result' | 'mark-do-not-call' | 'set-disposition';
    const off = (a: Choice) => (this.status(a).refusal ? 'true' : 'false');
    const reason = (a: Choice) => {
      const r = this.status(a).refusal;
      return r && r.reason !== 'not-allowed' ? t.reasons[r.reason] : '';
    };
    const described = (a: Choice) => (reason(a) ? `why-${a}` : nothing);
    const hint = (a: Choice) => (reason(a) ? html`<span id=${`why-${a}`} class="visually-hidden">${reason(a)}</span>` : nothing);
    return html`<form part="wrapup" @submit=${(e: Event) => e.preventDefault()}>
      ${
        offeredIn(wf, 'set-call-result')
          ? html`<div class="field">
            <label for="result">${t.callResult}</label>
            <select
              id="result"
              part="call-result"
              aria-disabled=${off('set-call-result')}
              aria-describedby=${described('set-call-result')}
              .value=${live(w.callResult === null ? '' : String(w.callResult))}
              @change=${(e: Event) => {
                const v = (e.target as HTMLSelectElement).value;
                const n = Number(v);
                this.dispatchIntent({ type: 'set-call-result', callResult: v === '' ? null : isCallResult(n) ? n : null });
              }}
            >
              <option value="" ?selected=${w.callResult === null}>${t.chooseCallResult}</option>
              ${c.callResults.map((r) => html`<option value=${String(r)} ?selected=${w.callResult === r}>${t.callResults[r] ?? String(r)}</option>`)}
            </select>
            ${hint('set-call-result')}
          </div>`
          : nothing
      }
      ${
        offeredIn(wf, 'mark-do-not-call')
          ? html`<label part="do-not-call"
            ><input
              type="checkbox"
              name="dnc"
              aria-disabled=${off('mark-do-not-call')}
              aria-describedby=${described('mark-do-not-call')}
              .checked=${live(w.doNotCall)}
              @change=${(e: Event) => this.dispatchIntent({ type: 'mark-do-not-call', value: (e.target as HTMLInputElement).checked })}
            />${t.markDoNotCall}</label
            >${hint('mark-do-not-call')}`
          : nothing
      }
      ${
        offeredIn(wf, 'set-disposition') && c.dispositionCodes.length
          ? html`<fieldset
            part="codes"
            role="radiogroup"
            aria-required=${c.dispositionRequired ? 'true' : 'false'}
            aria-disabled=${off('set-disposition')}
            aria-describedby=${described('set-disposition')}
          >
            <legend>${t.dispositionCode} ${c.dispositionRequired ? html`<span class="req">(${t.required})</span>` : nothing}</legend>
            ${
              c.dispositionRequired
                ? nothing
                : html`<label><input type="radio" name="code" value="" .checked=${live(w.dispositionCode === null)} @change=${() => this.dispatchIntent({ type: 'set-disposition', code: null })} />${t.noDisposition}</label>`
            }
            ${c.dispositionCodes.map(
              (d) => html`<label
                ><input type="radio" name="code" .value=${d.code} .checked=${live(w.dispositionCode === d.code)} @change=${() => this.dispatchIntent({ type: 'set-disposition', code: d.code })} />${d.name}</label
              >`,
            )}
          </fieldset>
          ${hint('set-disposition')}`
          : nothing
      }
      ${this.renderTimer(wf)}
      <div class="row">
        ${this.renderAction({ action: 'mark-done', label: t.markDone, variant: 'primary', shortcut: shortcutLabel(this, 'done') })}
        ${this.renderAction({ action: 'done-and-stop', label: t.doneAndStop, shortcut: shortcutLabel(this, 'done-and-stop') })}
      </div>
      ${this.renderRefusal()}
    </form>`;
  }
}
