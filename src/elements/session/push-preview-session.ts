import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { Connector, ConnectorFactory } from '../../connectors/port.js';
import { previewPolicy, type PreviewPolicy } from '../../domain/policy.js';
import type { DeskSession } from '../../session/session.js';
import { Announcer } from '../internal/announcer.js';
import { LocalizeController } from '../internal/localize.js';
import { SessionOwner, validFactory } from '../internal/session-owner.js';
import { guardConnectorAttribute, refuseBadSources, simulatedBadge, simulatedBadgeStyles, warnSimulatedOnce } from '../internal/simulated.js';
import { ShortcutController, parseShortcuts } from '../internal/shortcuts.js';
import { tokens } from '../internal/tokens.js';

/**
 * Holds one push preview session for a region of the page. Every element inside it — header,
 * sidebar, record page — reads the same session through context. Without a `connector`, the
 * embedded simulated outbound server is used, and a "Simulated server" badge and one console
 * warning say so — unless the page opts in with `simulated` (or a SimulatedConnector).
 *
 * @summary The session provider: one workflow shared by the elements inside it.
 * @slot - The page region whose elements share the session.
 * @csspart live-region - The visually hidden live region announcing workflow changes.
 * @csspart simulated-badge - The "Simulated server" badge, before the slotted content: shown while no `connector` is set and `simulated` is not.
 * @cssproperty --pp-font-family - Font family of the region (inherited by its content).
 * @cssproperty --pp-font-size - Base font size of the region (inherited by its content).
 * @cssproperty --pp-color-text - Text colour of the region (inherited by its content).
 * Where the agent's tabs share the session, every tab fires each event (so that each page can
 * update its view) and `detail.primary` is true in exactly one of them: log a call only there.
 *
 * @event {PpPreviewOfferedEvent} pp-preview-offered - A preview was pushed and rings (W-3). `detail.record` is the contact's active record; `detail.policy` the campaign's preview policy.
 * @event {PpAcceptedEvent} pp-accepted - The agent accepted the preview (W-4).
 * @event {PpRejectedEvent} pp-rejected - The preview was rejected, by the agent or the timeout (`detail.auto`) (W-5, W-6).
 * @event {PpCallConnectedEvent} pp-call-connected - The contact answered (W-16).
 * @event {PpCallEndedEvent} pp-call-ended - The call ended; wrap-up begins (W-22).
 * @event {PpDoneEvent} pp-done - Mark Done succeeded (W-28, W-29).
 * @event {PpInteractionEndedEvent} pp-interaction-ended - The interaction left the desk: cancelled, transferred, stale or failed.
 * @event {PpRefusedEvent} pp-refused - An action was refused; `detail.reason` says why. Nothing changed.
 * @event {PpErrorEvent} pp-error - A server message could not be trusted and was ignored.
 */
export class PushPreviewSession extends LitElement {
  static override styles = [
    tokens,
    simulatedBadgeStyles,
    css`
      :host {
        display: contents;
      }
    `,
  ];

  /**
   * The connector to the outbound server (a property; no attribute). Defaults to the simulated one; a value that is not a connector is refused with a console error.
   * A connector is an object of this page: it cannot be shared with the agent's other tabs, so a page that sets it runs a session (and a connection) of its own in each tab — set `connectorFactory` instead to share one.
   */
  @property({ attribute: false }) connector: Connector | undefined;

  /**
   * Makes the connector, `(agentId) => Connector | Promise<Connector>` (a property; no attribute), e.g.
   * `(agentId) => createGenesysConnector({ baseUrl, auth, … })`. Where the agent's tabs share a session it is
   * called only in the tab that holds the connection — once at start, and once more in the tab that takes
   * over when that one closes; the other tabs never call it. Without sharing (`no-shared-tabs`, or no Web
   * Locks) each tab calls it once. `connector`, when set, is used instead. A value that is not a function is
   * refused with a console error and the current session kept.
   */
  @property({ attribute: false }) connectorFactory: ConnectorFactory | undefined;

  /** Run on the simulated server on purpose: no "Simulated server" badge and no console warning without a `connector`. */
  @property({ type: Boolean }) simulated = false;

  /** Agent id: of the default simulated connector, the one `connectorFactory` is given, and whose tabs share a session. */
  @property({ attribute: 'agent-id' }) agentId = 'agent-1';

  /** Do not keep unsaved edits in sessionStorage across a reload. */
  @property({ type: Boolean, attribute: 'no-persist' }) noPersist = false;

  /**
   * Give every tab of this browser its own session. By default the tabs of one agent (same
   * origin, same `agent-id`) share one — on the simulated server or a `connectorFactory`'s connector: one tab holds the connection, every tab shows the desk,
   * an action is sent once, and another tab takes over when that one closes. Where the browser
   * lacks Web Locks or BroadcastChannel each tab has its own session anyway.
   */
  @property({ type: Boolean, attribute: 'no-shared-tabs' }) noSharedTabs = false;

  /** Keyboard shortcuts, e.g. `accept=Alt+Shift+A; done=Alt+Shift+M` (defaults: see the docs). */
  @property() shortcuts = '';

  /** No keyboard shortcuts. */
  @property({ type: Boolean, attribute: 'no-shortcuts' }) noShortcuts = false;

  private readonly owner = new SessionOwner(this, () => ({
    connector: this.connector,
    connectorFactory: this.connectorFactory,
    agentId: this.agentId,
    persist: !this.noPersist,
    sharedTabs: !this.noSharedTabs,
    enabled: true,
  }));

  /** The session, once made. Set it to share a session you made yourself. */
  get session(): DeskSession | undefined {
    return this.owner.session;
  }
  set session(session: DeskSession | undefined) {
    this.owner.adopt(session);
  }

  /**
   * The campaign's preview policy (issue 16): may the agent Reject and Cancel, what the accept
   * timeout does, the wrap-up bound. Null until the campaign is known.
   */
  get previewPolicy(): PreviewPolicy | null {
    const c = this.owner.session?.state.workflow.campaign;
    return c ? previewPolicy(c) : null;
  }

  /** Resolves with the session once it exists. */
  ready(): Promise<DeskSession> {
    return this.owner.ready();
  }

  /** Is the "Simulated server" badge due (the fallback simulated server, not opted in)? */
  private get unannounced(): boolean {
    return this.owner.defaulted && !this.simulated;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.unannounced) warnSimulatedOnce(this.localName);
    const s = this.owner.session;
    if (changed.has('connector') && this.owner.active && (!s || s.connector !== this.connector) && this.connector) {
      void this.owner.remake();
    } else if (changed.has('connectorFactory') && this.owner.active && !this.connector && this.owner.factory !== validFactory(this.connectorFactory)) {
      void this.owner.remake();
    }
  }

  private readonly i18n = new LocalizeController(this);
  private readonly announcer = new Announcer(this, this.i18n);

  private readonly keys = new ShortcutController(this, () => ({ enabled: !this.noShortcuts, shortcuts: parseShortcuts(this.shortcuts) }));

  protected override willUpdate(changed: PropertyValues<this>): void {
    refuseBadSources(this, changed as unknown as Map<string, unknown>);
    this.announcer.watch(this.owner.session);
    this.keys.use(this.owner.session);
  }

  protected override render() {
    return html`${simulatedBadge(this.i18n.t, this.unannounced)}<slot></slot>${this.announcer.render()}`;
  }
}
guardConnectorAttribute(PushPreviewSession);
