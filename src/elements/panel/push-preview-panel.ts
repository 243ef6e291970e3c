import { ContextConsumer } from '@lit/context';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Connector, ConnectorFactory } from '../../connectors/port.js';
import type { IntentType } from '../../domain/intents.js';
import { ACTIONS } from '../../domain/machine.js';
import type { DeskSession } from '../../session/session.js';
import { sessionContext } from '../context.js';
import { Announcer } from '../internal/announcer.js';
import { PushPreviewElement } from '../internal/push-preview-element.js';
import { DEFAULT_HEADING_LEVEL, headingLevel } from '../internal/heading-level.js';
import { hydrating } from '../internal/hydration.js';
import { SessionOwner, validFactory } from '../internal/session-owner.js';
import { ShortcutController, parseShortcuts } from '../internal/shortcuts.js';
import { guardConnectorAttribute, refuseBadSources, simulatedBadge, simulatedBadgeStyles, warnSimulatedOnce } from '../internal/simulated.js';
import { PushPreviewAgent } from '../agent/push-preview-agent.js';
import { CallControls } from '../call-controls/call-controls.js';
import { ChainedRecords } from '../chain/chained-records.js';
import { RecordEditor } from '../editor/record-editor.js';
import { PushPreviewForm } from '../form/push-preview-form.js';
import { PushPreviewIndicator } from '../indicator/push-preview-indicator.js';
import { ReschedulePicker } from '../reschedule/reschedule-picker.js';
import { WrapupCodes } from '../wrapup/wrapup-codes.js';

type Tab = 'edit' | 'chain' | 'reschedule' | 'disposition';
const TABS: readonly Tab[] = ['edit', 'chain', 'reschedule', 'disposition'];

/**
 * The parts of the elements inside the panel, forwarded under their own names (`exportparts`),
 * so `push-preview-panel::part(action-connect)` reaches the Connect button inside it.
 */
const INNER_PARTS = [
  ...['action', ...ACTIONS.map((a) => `action-${a}`), 'refusal', 'refusal-detail', 'status'],
  ...['indicator', 'media', 'login', 'form', 'contact', 'countdown', 'banner', 'details', 'controls', 'target'],
  ...['editor', 'field', 'list', 'record', 'active', 'dial-number', 'new-record', 'picker', 'wrapup', 'call-result', 'do-not-call', 'codes'],
  ...[
    'window',
    'window-outside',
    'action-connect-anyway',
    'connect-anyway',
    'editing',
    'campaign',
    'campaign-running',
    'campaign-stopped',
    'why',
    'why-start-recording',
  ],
  ...['timers', 'call-timer', ...['preview', 'call', 'hold', 'hold-total', 'wrapup'].map((k) => `call-timer-${k}`), 'timer-label', 'timer-value'],
].join(', ');

/**
 * The whole push preview workflow in one tag: the campaign indicator, agent status, the preview
 * form with Accept / Reject and the countdown, the call controls, the call timers, and tabs for Edit, Chained
 * Records, Reschedule and Disposition Code. Inside a `<push-preview-session>` it uses that
 * session; on its own it holds one itself (the simulated server unless `connector` is set, with a
 * "Simulated server" badge and one console warning unless `simulated` is set).
 * The parts of the elements inside it are forwarded under their own names (`exportparts`):
 * `push-preview-panel::part(action-connect)` styles its Connect button,
 * `push-preview-panel::part(action)` every action button, `::part(countdown)` the form's countdown.
 *
 * @summary The whole workflow in one tag.
 * @csspart panel - The panel's frame.
 * @csspart header - The indicator and agent status row.
 * @csspart tabs - The tab list.
 * @csspart tab - One tab; `tab selected` for the selected one.
 * @csspart tabpanel - The content of the selected tab.
 * @csspart live-region - The visually hidden live region (when the panel holds its own session).
 * @csspart simulated-badge - The "Simulated server" badge, atop the panel: shown while it holds its own session without a `connector` and `simulated` is not set.
 * @csspart action - Every action button of the elements inside (forwarded); also `action-<name>`, e.g. `action-connect`.
 * @csspart action-connect - The Connect button (forwarded from `<call-controls>`), like every other `action-<name>`.
 * @csspart status - The agent's and the call's status lines (forwarded), like every other part of the elements inside.
 * @cssstate ringing - Also every other workflow phase.
 * @cssproperty --pp-color-surface - Panel background.
 * @cssproperty --pp-color-text - Text colour.
 * @cssproperty --pp-color-accent - Accent (primary buttons, selected tab).
 * @cssproperty --pp-color-campaign - The Outbound Campaign indicator colour.
 * @cssproperty --pp-radius - Corner radius.
 * @cssproperty --pp-space - Base spacing.
 * @cssproperty --pp-font-family - Font family.
 * @event {PpPreviewOfferedEvent} pp-preview-offered - When the panel holds its own session: a preview rings (W-3).
 * @event {PpAcceptedEvent} pp-accepted - When the panel holds its own session: the preview was accepted (W-4).
 * @event {PpCallConnectedEvent} pp-call-connected - When the panel holds its own session: the call connected (W-16).
 * @event {PpCallEndedEvent} pp-call-ended - When the panel holds its own session: the call ended (W-22).
 * @event {PpDoneEvent} pp-done - When the panel holds its own session: Mark Done succeeded (W-28, W-29).
 * @event {PpRefusedEvent} pp-refused - When the panel holds its own session: an action was refused.
 * @event {PpRejectedEvent} pp-rejected - When the panel holds its own session: the preview was rejected, by the agent or the timeout (W-5, W-6).
 * @event {PpInteractionEndedEvent} pp-interaction-ended - When the panel holds its own session: the interaction left the desk (cancelled, transferred, stale or failed).
 * @event {PpErrorEvent} pp-error - When the panel holds its own session: a server message could not be trusted and was ignored.
 */
export class PushPreviewPanel extends PushPreviewElement {
  /**
   * The parts the panel defines with itself. Not `<call-timers>`: the panel's define module
   * (define/push-preview-panel.ts) brings it, and the CDN build loads it as a chunk of its own.
   */
  static dependencies = {
    'push-preview-indicator': PushPreviewIndicator,
    'push-preview-agent': PushPreviewAgent,
    'push-preview-form': PushPreviewForm,
    'call-controls': CallControls,
    'record-editor': RecordEditor,
    'chained-records': ChainedRecords,
    'reschedule-picker': ReschedulePicker,
    'wrapup-codes': WrapupCodes,
  };

  static override styles = [
    ...PushPreviewElement.styles,
    simulatedBadgeStyles,
    css`
      :host {
        display: block;
        background: var(--_surface);
        color: var(--_text);
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) * 1.5);
        padding: 0.75rem 1rem;
      }
      .panel {
        display: grid;
        gap: 0.75rem;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.5rem;
        align-items: center;
      }
      [role='tablist'] {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        border-bottom: 1px solid var(--_border);
      }
      [role='tab'] {
        border: 1px solid transparent;
        border-bottom: 3px solid transparent;
        border-radius: var(--_radius) var(--_radius) 0 0;
        background: transparent;
      }
      [role='tab'][aria-selected='true'] {
        border-bottom-color: var(--_accent);
        font-weight: 600;
      }
      [role='tabpanel'] {
        padding-top: 0.25rem;
      }
    `,
  ];

  protected readonly intents: readonly IntentType[] = [];

  /** The connector, when the panel holds its own session (a property; no attribute). Defaults to the simulated server; a value that is not a connector is refused with a console error. */
  @property({ attribute: false }) connector: Connector | undefined;
  /** Makes the connector when the panel holds its own session (a property; no attribute): as `<push-preview-session>`'s `connectorFactory`, called only in the tab holding the connection where tabs share. A value that is not a function is refused with a console error. */
  @property({ attribute: false }) connectorFactory: ConnectorFactory | undefined;
  /** Run on the simulated server on purpose: no "Simulated server" badge and no console warning without a `connector`. */
  @property({ type: Boolean }) simulated = false;
  /** Agent id: of the default simulated connector, the one `connectorFactory` is given, and whose tabs share a session. */
  @property({ attribute: 'agent-id' }) agentId = 'agent-1';
  /** Do not keep unsaved edits in sessionStorage across a reload. */
  @property({ type: Boolean, attribute: 'no-persist' }) noPersist = false;
  /** Give every tab its own session (when the panel holds its own): as `<push-preview-session no-shared-tabs>`. */
  @property({ type: Boolean, attribute: 'no-shared-tabs' }) noSharedTabs = false;
  /** Keyboard shortcuts, e.g. `accept=Alt+Shift+A; done=Alt+Shift+M` (when the panel holds its own session). */
  @property() shortcuts = '';
  /** No keyboard shortcuts. */
  @property({ type: Boolean, attribute: 'no-shortcuts' }) noShortcuts = false;
  /** Leave out the agent login/status (e.g. it sits in the page header). */
  @property({ type: Boolean, attribute: 'no-agent' }) noAgent = false;
  /**
   * The level of the headings inside (the preview's contact), 1–6: 2 (the default) under the page's
   * `<h1>`, deeper where the panel sits further down. Another value falls back to 2 with a console warning.
   */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = DEFAULT_HEADING_LEVEL;
  /** Leave out the campaign indicator (e.g. it sits in the page header). */
  @property({ type: Boolean, attribute: 'no-indicator' }) noIndicator = false;
  /** Leave out the call timers (e.g. a `<call-timers>` sits elsewhere on the page). */
  @property({ type: Boolean, attribute: 'no-timers' }) noTimers = false;

  @state() private tab: Tab = 'edit';
  private upper: DeskSession | undefined;
  /** A provider above answered (maybe before it has a session): then the panel makes none of its own. */
  private underProvider = false;

  protected readonly upperConsumer = new ContextConsumer(this, {
    context: sessionContext,
    subscribe: true,
    callback: (s) => {
      this.underProvider = true;
      this.upper = s;
      this.owner.adopt(s);
    },
  });
  private readonly owner = new SessionOwner(this, () => ({
    connector: this.connector,
    connectorFactory: this.connectorFactory,
    agentId: this.agentId,
    persist: !this.noPersist,
    // A panel on its own shares its session with the agent's tabs as <push-preview-session> does.
    sharedTabs: !this.noSharedTabs,
    enabled: !this.upper && !this.underProvider,
  }));
  private readonly keys = new ShortcutController(this, () => ({ enabled: !this.noShortcuts && !this.upper, shortcuts: parseShortcuts(this.shortcuts) }));
  private readonly announcer = new Announcer(this, this.i18n);

  override connectedCallback(): void {
    this.underProvider = false; // asked again now, by the consumer's own connect
    super.connectedCallback();
  }

  /** The session the panel shows (its own, or the provider's above it). */
  get session(): DeskSession | undefined {
    return this.owner.session;
  }

  /** Resolves with the session once it exists and is connected. */
  ready(): Promise<DeskSession> {
    return this.owner.ready();
  }

  /** Is the "Simulated server" badge due (its own fallback simulated server, not opted in)? */
  private get unannounced(): boolean {
    return !this.upper && !this.underProvider && this.owner.defaulted && !this.simulated;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.unannounced) warnSimulatedOnce(this.localName);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    refuseBadSources(this, changed as unknown as Map<string, unknown>);
    const s = this.owner.session;
    if (s !== this.store.session) this.store.use(s);
    const own = this.upper ? undefined : s;
    this.announcer.watch(own);
    this.keys.use(own);
    const prev = this.shownPhase;
    const phase = this.wf?.phase;
    if (phase === 'after-call' && prev !== 'after-call') this.tab = 'disposition';
    this.shownPhase = phase;
    if (
      !this.upper &&
      this.owner.active &&
      ((changed.has('connector') && this.connector && s?.connector !== this.connector) ||
        (changed.has('connectorFactory') && !this.connector && this.owner.factory !== validFactory(this.connectorFactory)))
    )
      void this.owner.remake();
    super.willUpdate(changed);
  }
  private shownPhase: string | undefined;

  private tabLabel(tab: Tab): string {
    const t = this.t;
    return tab === 'edit' ? t.edit : tab === 'chain' ? t.chainedRecords : tab === 'reschedule' ? t.reschedule : t.dispositionCode;
  }

  private onTabKey(e: KeyboardEvent): void {
    const i = TABS.indexOf(this.tab);
    const n = TABS.length;
    const next = ({ ArrowRight: i + 1, ArrowLeft: i + n - 1, Home: 0, End: n - 1 } as Record<string, number>)[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.tab = TABS[next % n]!;
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`#tab-${this.tab}`) as HTMLElement | null)?.focus());
  }

  private renderTab(tab: Tab) {
    switch (tab) {
      case 'edit':
        return html`<record-editor exportparts=${INNER_PARTS}></record-editor>`;
      case 'chain':
        return html`<chained-records exportparts=${INNER_PARTS}></chained-records>`;
      case 'reschedule':
        return html`<reschedule-picker exportparts=${INNER_PARTS}></reschedule-picker>`;
      case 'disposition':
        return html`<wrapup-codes exportparts=${INNER_PARTS}></wrapup-codes>`;
    }
  }

  protected override render() {
    const wf = this.wf;
    const showTabs = wf?.interaction && wf.phase !== 'ringing';
    return html`<div class="panel" part="panel">
      ${simulatedBadge(this.t, this.unannounced)}
      ${
        this.noAgent && this.noIndicator
          ? nothing
          : html`<header part="header">
            ${this.noIndicator ? nothing : html`<push-preview-indicator exportparts=${INNER_PARTS}></push-preview-indicator>`}
            ${this.noAgent ? nothing : html`<push-preview-agent exportparts=${INNER_PARTS}></push-preview-agent>`}
          </header>`
      }
      <push-preview-form exportparts=${INNER_PARTS} .headingLevel=${headingLevel(this, this.headingLevel)}></push-preview-form>
      <call-controls exportparts=${INNER_PARTS}></call-controls>
      ${this.noTimers ? nothing : html`<call-timers exportparts=${INNER_PARTS}></call-timers>`}
      ${
        showTabs
          ? html`<div role="tablist" part="tabs" aria-label=${this.t.recordTabs} @keydown=${this.onTabKey}>
              ${TABS.map(
                (tab) => html`<button
                  type="button"
                  role="tab"
                  id="tab-${tab}"
                  part="tab ${tab === this.tab ? 'selected' : ''}"
                  aria-selected=${tab === this.tab ? 'true' : 'false'}
                  aria-controls="panel-${tab}"
                  tabindex=${tab === this.tab ? '0' : '-1'}
                  @click=${() => (this.tab = tab)}
                >
                  ${this.tabLabel(tab)}
                </button>`,
              )}
            </div>
            <div role="tabpanel" part="tabpanel" id="panel-${this.tab}" aria-labelledby="tab-${this.tab}">${this.renderTab(this.tab)}</div>`
          : nothing
      }
      ${this.upper && !hydrating(this) ? nothing : this.announcer.render()}
    </div>`;
  }
}
guardConnectorAttribute(PushPreviewPanel);
