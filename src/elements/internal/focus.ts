/**
 * Focus that never falls to the page (issue 13). Every workflow element holds one
 * {@link FocusKeeper}; together they move focus on when the focused control leaves the DOM.
 *
 * The design, in four rules:
 * 1. Lost, not moved. Before each render an element notes the focused control when focus is
 *    inside its own shadow root (`renderRoot.activeElement`, then down through nested roots);
 *    after the render, if that control is gone and focus is on `<body>` (or nowhere), focus was
 *    lost by this render. Focus that was elsewhere — a CRM field on the host page, another
 *    widget — is never noted, so it is never taken.
 * 2. The step names the next control. The lost control's action (`data-action`) says which step
 *    the agent just took, and {@link AFTER} names the control that step leads to (Log in →
 *    Ready, Ready → the agent's status line, Accept → Connect, Connect → Hold or Disconnect,
 *    Disconnect → the Call Result, Mark Done → the status line). A control that left because the
 *    workflow moved on (the server ended the interaction, a tab closed) has no step of its own:
 *    the phase now reached names the control instead ({@link BY_PHASE}).
 * 3. Across elements, through the session. The next control often lives in another element
 *    (Accept is in the form, Connect in call-controls). The elements that show one session form
 *    a group (keyed by the session object they read through context); the keeper searches its
 *    own shadow root first, then the group's. A peer that has not rendered the new phase yet
 *    (its render is pending, or held for the next frame: SessionController) is waited for after
 *    focus went to the fallback (rule 4), so focus is never left on `<body>` meanwhile; focus
 *    moves on only if it is still where the fallback put it.
 * 4. The fallback is the element's heading. When no named control is on the page, focus goes to
 *    the element's own heading (else its status line, else its first part), made focusable with
 *    `tabindex="-1"` when it is not already; where the element rendered nothing, a peer's.
 *
 * The templates need nothing for this beyond the `data-action` every action button carries and
 * one `data-focus` mark on the agent's status line.
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import type { Phase } from '../../domain/machine.js';

type Host = ReactiveElement;

const act = (a: string) => `[data-action="${a}"]`;
/** The agent's status line ("Ready" / "Not Ready"): where the agent waits between previews. */
const STATUS = '[data-focus="agent-status"]';
/** The form's notice of how the interaction ended. */
const BANNER = '[part~="banner"]';
const CALL_RESULT = 'select[part~="call-result"]';
const CODES = '[part~="codes"] input:checked, [part~="codes"] input';
const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';
const FALLBACK = [HEADING, '[data-focus]', '[part~="status"]', '[part]'];
const NATIVE = 'button, input, select, textarea, a[href], [tabindex]';

/** The control each step leads to, by the action of the control that left. */
export const AFTER: Readonly<Record<string, readonly string[]>> = {
  login: [act('ready'), STATUS],
  logout: [act('login')],
  ready: [STATUS],
  'not-ready': [STATUS],
  accept: [act('connect')],
  reject: [STATUS, BANNER],
  connect: [act('hold'), act('disconnect')],
  'connect-anyway': [act('hold'), act('disconnect')],
  cancel: [STATUS, BANNER],
  disconnect: [CALL_RESULT, CODES, act('mark-done')],
  'mark-done': [STATUS, BANNER],
  dismiss: [STATUS],
  // issue 16: the consult's controls replace one another in call-controls
  consult: [act('complete-transfer'), act('cancel-consult')],
  'complete-conference': [act('disconnect')],
  'complete-transfer': [STATUS, BANNER],
  // the consult ends, then the customer is retrieved: Retrieve (held still) gives way to Hold by the phase
  'cancel-consult': [act('hold'), act('retrieve'), act('consult'), act('disconnect')],
};

/** The control the phase now reached needs, where the lost control names no step. */
export const BY_PHASE: Readonly<Record<Phase, readonly string[]>> = {
  'logged-out': [act('login')],
  'not-ready': [act('ready'), STATUS],
  ready: [STATUS],
  ringing: [act('accept')],
  previewing: [act('connect')],
  dialing: [act('disconnect')],
  connected: [act('hold'), act('retrieve'), act('cancel-consult'), act('disconnect')],
  'after-call': [CALL_RESULT, CODES, act('mark-done')],
  done: [STATUS, BANNER],
  rejected: [STATUS, BANNER],
  cancelled: [STATUS, BANNER],
  transferred: [STATUS, BANNER],
  stale: [act('dismiss'), BANNER],
  failed: [act('dismiss'), BANNER],
};

/** The focused element, through every shadow root. */
export function deepActiveElement(doc: Document = document): Element | null {
  let a: Element | null = doc.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** Focus is on the page itself: `<body>`, nothing, or a node that left. */
function onPage(): boolean {
  const a = deepActiveElement();
  return a === null || a === document.body || a === document.documentElement || !a.isConnected;
}

/** Focus `el` (focusable by script when it is not already); true when it took focus. */
function take(el: Element): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (!el.matches(NATIVE)) el.setAttribute('tabindex', '-1');
  el.focus();
  return deepActiveElement() === el;
}

/** The elements showing each session: one group per session object. */
const groups = new WeakMap<object, Set<Host>>();

export interface FocusSource {
  /** The session the element shows (the group it belongs to). */
  session(): object | undefined;
  /** The workflow phase it shows. */
  phase(): Phase | undefined;
}

export class FocusKeeper implements ReactiveController {
  private noted: Element | null = null;
  private group: Set<Host> | undefined;

  constructor(
    private readonly host: Host,
    private readonly source: FocusSource,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.join();
  }

  hostDisconnected(): void {
    this.group?.delete(this.host);
    this.group = undefined;
  }

  hostUpdate(): void {
    const root = this.host.renderRoot;
    // (no ShadowRoot where there is no DOM: a server render)
    this.noted = typeof ShadowRoot === 'function' && root instanceof ShadowRoot && root.activeElement ? deepActiveElement() : null;
  }

  hostUpdated(): void {
    this.join();
    const noted = this.noted;
    this.noted = null;
    if (noted && !noted.isConnected && onPage()) void this.restore(noted.getAttribute('data-action'));
  }

  private join(): void {
    const session = this.source.session();
    const group = session ? groups.get(session) : undefined;
    if (group === this.group && group?.has(this.host)) return;
    this.group?.delete(this.host);
    this.group = undefined;
    if (!session) return;
    const next = group ?? new Set<Host>();
    if (!group) groups.set(session, next);
    next.add(this.host);
    this.group = next;
  }

  /** This element first, then the others showing the same session. */
  private peers(): Host[] {
    return [this.host, ...[...(this.group ?? [])].filter((h) => h !== this.host && h.isConnected)];
  }

  private plan(step: string | null): readonly string[] {
    const phase = this.source.phase();
    return [...((step && AFTER[step]) || []), ...(phase ? BY_PHASE[phase] : [])];
  }

  /**
   * Focus the first control of the plan on the page. A control shown disabled still counts (all
   * are, for a moment, while a request is answered); among the matches of one entry, an enabled
   * one comes first.
   */
  private next(step: string | null): boolean {
    for (const selector of this.plan(step)) {
      const found = this.peers().flatMap((peer) => [...peer.renderRoot.querySelectorAll(selector)]);
      const enabled = found.filter((el) => el.getAttribute('aria-disabled') !== 'true');
      for (const el of [...enabled, ...found.filter((el) => !enabled.includes(el))]) if (take(el)) return true;
    }
    return false;
  }

  /** The element's own heading (else a peer's, where this element rendered nothing). */
  private fallback(): Element | null {
    const [own, ...others] = this.peers();
    for (const peers of [[own!], others]) {
      for (const selector of FALLBACK) {
        for (const peer of peers) {
          const el = peer.renderRoot.querySelector(selector);
          if (el && take(el)) return el;
        }
      }
    }
    return null;
  }

  private async restore(step: string | null): Promise<void> {
    if (this.next(step)) return;
    // never left on <body> while peers render (their renders may be held for a frame)
    const fallback = this.fallback();
    // a peer not yet rendered (or made by a peer's render): move on once it has rendered, if
    // focus is still where the fallback put it
    for (let round = 0; round < 4; round++) {
      const peers = this.peers();
      await Promise.all(peers.map((p) => p.updateComplete));
      const here = deepActiveElement();
      if (here !== fallback && !onPage()) return;
      if (this.next(step)) return;
      const after = this.peers();
      if (after.length === peers.length && !after.some((p) => p.isUpdatePending)) break;
    }
    if (onPage()) this.fallback();
  }
}
