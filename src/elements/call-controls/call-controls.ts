import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { IntentType } from '../../domain/intents.js';
import { offeredIn } from '../../domain/machine.js';
import { activeRecord, type Target } from '../../domain/types.js';
import { consultTargets, type Consult } from '../../domain/consult.js';
import type { ActionButton } from '../internal/push-preview-element.js';
import { PushPreviewElement } from '../internal/push-preview-element.js';
import { shortcutLabel } from '../internal/shortcuts.js';

/**
 * The call controls: Connect (W-7, W-16), Cancel (W-10), Transfer (W-11, W-18, W-23),
 * Conference of at most three (W-17), Hold ⇄ Retrieve (W-19), Record on SIP lines only (W-20),
 * Disconnect (W-22). Each is present only in the phases the workflow offers it; one offered but
 * blocked (a full conference, recording on a non-SIP line) is shown disabled with its reason.
 * Issue 16: Consult a target first (the customer on hold), then Complete transfer, Make it a
 * conference or Cancel consult; while the consult lasts, Hold/Retrieve and the one-step Transfer
 * and Conference give way to these, and Disconnect waits (disabled, with its reason).
 *
 * @summary Connect, Cancel, Transfer, Consult, Conference, Hold/Retrieve, Record, Disconnect.
 * @csspart controls - The group of controls.
 * @csspart status - The call status line (held, recording, parties).
 * @csspart action - Every action button; also `action-<name>`, e.g. `action-connect`.
 * @csspart why - The reason beside a control disabled for a lasting reason (Record on a line that is not SIP, W-20); also `why-<action>`.
 * @csspart target - The transfer, consult and conference target pickers.
 * @csspart consult - The consult's state in the status line: calling, consulting, refused, no answer (issue 16).
 * @csspart refusal - The reason an action was refused.
 * @csspart refusal-detail - The server's or validator's own words beside the reason (a field, a number, the server's error text).
 * @csspart connect-anyway - Connect confirmed outside the contact's calling window (after Connect asked).
 * @cssstate connected - Also every other workflow phase.
 */
export class CallControls extends PushPreviewElement {
  static override styles = [
    ...PushPreviewElement.styles,
    css`
      :host {
        display: block;
      }
      .group {
        display: grid;
        gap: var(--_gap);
      }
      .status {
        display: flex;
        gap: 0.75rem;
        font-weight: 600;
      }
      .status .recording {
        color: var(--_danger);
      }
      .dial {
        font-variant-numeric: tabular-nums;
      }
      label {
        display: inline-flex;
        gap: 0.375rem;
        align-items: center;
      }
    `,
  ];

  protected readonly intents: readonly IntentType[] = [
    'connect',
    'cancel',
    'transfer',
    'conference',
    'hold',
    'retrieve',
    'start-recording',
    'stop-recording',
    'disconnect',
    'consult',
    'complete-transfer',
    'complete-conference',
    'cancel-consult',
  ];

  @state() private transferTarget = '';
  @state() private conferenceTarget = '';
  @state() private consultTarget = '';

  private picker(kind: 'transfer' | 'conference' | 'consult', targets: readonly Target[], value: string) {
    const t = this.t;
    const label = kind === 'transfer' ? t.transferTo : kind === 'consult' ? t.consultWith : t.conferenceWith;
    return html`<label part="target"
      >${label}
      <select
        data-target=${kind}
        .value=${value}
        @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          if (kind === 'transfer') this.transferTarget = v;
          else if (kind === 'consult') this.consultTarget = v;
          else this.conferenceTarget = v;
        }}
      >
        ${targets.map((x) => html`<option value=${x.id} ?selected=${x.id === value}>${x.name}</option>`)}
      </select></label
    >`;
  }

  /**
   * Connect was refused as outside the contact's calling window: the agent may confirm on purpose
   * (issue 13). Shown beside the refusal, which says the contact's time and window.
   */
  private renderWindowConfirm() {
    const r = this.store.state?.refusal;
    if (r?.intent !== 'connect' || r.reason !== 'outside-calling-window-confirm' || !this.wf || !offeredIn(this.wf, 'connect')) return nothing;
    const blocked = this.status('connect').refusal !== null;
    return html`<div class="row">
      <button
        type="button"
        class="danger"
        part="action action-connect-anyway connect-anyway"
        data-action="connect-anyway"
        aria-disabled=${blocked ? 'true' : 'false'}
        @click=${() => this.dispatchIntent({ type: 'connect', outsideWindow: 'confirmed' })}
      >
        ${this.t.connectAnyway}
      </button>
    </div>`;
  }

  /** An offered action's control where the state shows it (during a consult, Hold gives way: actionStatus). */
  private renderShown(b: ActionButton) {
    return this.status(b.action).shown ? this.renderAction(b) : nothing;
  }

  /** Issue 16: the consult's state, in the status line. */
  private consultText(c: Consult): string {
    const t = this.t;
    const name = c.target.name;
    if (c.state === 'ringing') return t.consultRinging(name);
    if (c.state === 'talking') return t.consultTalking(name);
    return c.failure === 'refused' ? t.consultRefused(name) : c.failure === 'released' ? t.consultReleased(name) : t.consultNoAnswer(name);
  }

  /** Issue 16: Consult with a picked target; once consulting, Complete transfer, Make it a conference, Cancel consult. */
  private renderConsult() {
    const t = this.t;
    const targets = consultTargets(this.wf?.campaign ?? null);
    const to = targets.some((x) => x.id === this.consultTarget) ? this.consultTarget : (targets[0]?.id ?? '');
    if (this.status('consult').shown) {
      return html`<div class="row">
        ${this.picker('consult', targets, to)}${this.renderAction({ action: 'consult', label: t.consult, intent: { type: 'consult', targetId: to } })}
      </div>`;
    }
    if (!this.status('cancel-consult').shown) return nothing;
    return html`<div class="row">
      ${this.renderAction({ action: 'complete-transfer', label: t.completeTransfer, variant: 'primary' })}
      ${this.renderAction({ action: 'complete-conference', label: t.completeConference })}
      ${this.renderAction({ action: 'cancel-consult', label: t.cancelConsult })}
    </div>`;
  }

  protected override render() {
    const wf = this.wf;
    const t = this.t;
    if (!wf) return nothing;
    const c = wf.campaign;
    const call = wf.call;
    const transfers = c?.transferTargets ?? [];
    const confs = c?.conferenceTargets ?? [];
    const transferTo = this.transferTarget || transfers[0]?.id || '';
    const confWith = this.conferenceTarget || confs[0]?.id || '';
    const i = wf.interaction;
    const rec = i ? activeRecord(i.chain) : undefined;
    const country = rec?.country ?? '';
    const dialNumber = this.phone(this.store.state?.drafts.dialNumber ?? rec?.phone ?? '', country);
    const called = call ? i?.chain.records.find((r) => r.handle === call.handle) : undefined;
    return html`<div class="group" part="controls" role="group" aria-label=${t.callControls}>
      ${
        call
          ? html`<div class="status" part="status" role="status">
            <span class="dial">${this.phone(call.number, called?.country ?? country)}</span>
            ${call.held ? html`<span>${t.onHold}</span>` : nothing}
            ${call.recording ? html`<span class="recording">● ${t.recording}</span>` : nothing}
            ${call.parties > 2 ? html`<span>${t.parties(call.parties)}</span>` : nothing}
            ${wf.consult ? html`<span part="consult">${this.consultText(wf.consult)}</span>` : nothing}
          </div>`
          : nothing
      }
      ${offeredIn(wf, 'connect') && rec ? html`<div class="muted">${t.numberToDial}: <span class="dial">${dialNumber}</span></div>` : nothing}
      <div class="row">
        ${this.renderAction({ action: 'connect', label: t.connect, variant: 'primary', shortcut: shortcutLabel(this, 'connect') })}
        ${
          call?.held
            ? this.renderShown({ action: 'retrieve', label: t.retrieve, shortcut: shortcutLabel(this, 'hold') })
            : this.renderShown({ action: 'hold', label: t.hold, shortcut: shortcutLabel(this, 'hold') })
        }
        ${this.renderAction({ action: call?.recording ? 'stop-recording' : 'start-recording', label: call?.recording ? t.stopRecording : t.record, reasonShown: true })}
        ${this.renderAction({ action: 'disconnect', label: t.disconnect, variant: 'danger', shortcut: shortcutLabel(this, 'disconnect') })}
        ${this.renderAction({ action: 'cancel', label: t.cancel })}
      </div>
      ${
        this.status('transfer').shown
          ? html`<div class="row">
            ${this.picker('transfer', transfers, transferTo)}
            ${this.renderAction({ action: 'transfer', label: t.transfer, intent: { type: 'transfer', targetId: transferTo } })}
          </div>`
          : nothing
      }
      ${
        this.status('conference').shown
          ? html`<div class="row">
            ${this.picker('conference', confs, confWith)}
            ${this.renderAction({ action: 'conference', label: t.conference, intent: { type: 'conference', targetId: confWith } })}
          </div>`
          : nothing
      }
      ${this.renderConsult()} ${this.renderRefusal()}${this.renderWindowConfirm()}
    </div>`;
  }
}
