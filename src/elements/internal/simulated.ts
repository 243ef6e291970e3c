/**
 * No silent fake server: what an element that makes its own session (`<push-preview-session>`,
 * a `<push-preview-panel>` on its own) says when it runs on the simulated server it fell back to,
 * and how it refuses a `connector` that is not one.
 */
import { css, html, nothing } from 'lit';
import type { Translation } from '../../i18n/index.js';
import { say } from './say.js';
import { isConnector } from './session-owner.js';

let warned = false;

/** Forget that the page was warned (tests only: the warning is once per page). */
export function resetSimulatedWarning(): void {
  warned = false;
}

/** Say once per page that an element runs on the simulated server, and how to opt in. */
export function warnSimulatedOnce(tag: string): void {
  if (warned) return;
  warned = true;
  say('warn', 'simulated', tag);
}

/** The badge, shown while the element runs on the simulated server it fell back to. */
export function simulatedBadge(t: Translation, shown: boolean) {
  return shown
    ? html`<p class="simulated-badge" part="simulated-badge" role="note" aria-label=${t.simulatedServer} title=${t.simulatedServerHint}>
        ${t.simulatedServer}
      </p>`
    : nothing;
}

export const simulatedBadgeStyles = css`
  .simulated-badge {
    display: inline-block;
    justify-self: start;
    margin: 0 0 var(--_gap);
    padding: 0.125rem 0.5rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_warning-bg);
    color: var(--_text);
    font-size: 0.8125rem;
    font-weight: 600;
  }
`;

/**
 * Is `value` (just set as the `connector` property of `tag`) acceptable? `undefined` (none) and a
 * connector are; anything else is refused with a console error, and the caller keeps what it had.
 */
export function acceptConnector(tag: string, value: unknown): boolean {
  if (value === undefined || isConnector(value)) return true;
  say('error', 'connector', tag, value);
  return false;
}

/**
 * Is `value` (just set as the `connectorFactory` property of `tag`) acceptable? `undefined` and a
 * function are; anything else is refused with a console error, and the caller keeps what it had.
 */
export function acceptConnectorFactory(tag: string, value: unknown): boolean {
  if (value === undefined || typeof value === 'function') return true;
  say('error', 'connectorFactory', tag, value);
  return false;
}

/**
 * In an element's `willUpdate`: a `connector` or `connectorFactory` just set to what is not one is
 * refused (a console error) and set back to what it was.
 */
export function refuseBadSources(
  el: HTMLElement & { connector: unknown; connectorFactory: unknown },
  changed: { has(k: string): boolean; get(k: string): unknown },
): void {
  if (changed.has('connector') && !acceptConnector(el.localName, el.connector)) el.connector = changed.get('connector');
  if (changed.has('connectorFactory') && !acceptConnectorFactory(el.localName, el.connectorFactory)) el.connectorFactory = changed.get('connectorFactory');
}

/** A `connector` attribute in markup: a connector is an object, so it can only be set as a property. */
function refuseConnectorAttribute(tag: string, value: string | null): void {
  if (value !== null) say('error', 'connectorAttribute', tag, value);
}

type ElementClass = { prototype: HTMLElement & { attributeChangedCallback(name: string, old: string | null, value: string | null): void } };

/**
 * Make `cls` watch a `connector` attribute only to refuse it (`<push-preview-session connector="foo">`
 * would otherwise be ignored without a word). Done outside the class body so that the manifest
 * lists no `connector` attribute: there is none to set.
 */
export function guardConnectorAttribute(cls: ElementClass): void {
  const inherited = Object.getPrototypeOf(cls) as object;
  Object.defineProperty(cls, 'observedAttributes', {
    configurable: true,
    get(this: object): string[] {
      return [...(Reflect.get(inherited, 'observedAttributes', this) as string[]), 'connector'];
    },
  });
  const changed = cls.prototype.attributeChangedCallback;
  cls.prototype.attributeChangedCallback = function (this: HTMLElement, name: string, old: string | null, value: string | null) {
    if (name === 'connector') refuseConnectorAttribute(this.localName, value);
    else changed.call(this, name, old, value);
  };
}
