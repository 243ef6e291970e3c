/**
 * No silent fake server: what an element that makes its own session (`<push-preview-session>`,
 * a `<push-preview-panel>` on its own) says when it runs on the simulated server it fell back to,
 * and how it refuses a `connector` that is not one.
 */
import { css, html, nothing } from 'lit';
import type { Translation } from '../../i18n/index.js';
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
  console.warn(
    `push-preview-elements: <${tag}> has no \`connector\`, so it runs on the built-in simulated server and shows a "Simulated server" badge. ` +
      'Set `connector` to your server’s connector (e.g. createGenesysConnector(…)), or, to use the simulated server on purpose, ' +
      'add the `simulated` attribute (or set `connector` to a SimulatedConnector): then neither the badge nor this warning appears.',
  );
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

/** How a value the page gave reads in a message: `the string "foo"`, `the number 42`, `an object with keys send`. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `the ${typeof value} ${String(value)}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') {
    const keys = Object.keys(value).slice(0, 8);
    return keys.length ? `an object with keys ${keys.join(', ')}` : 'an object without the port’s members';
  }
  return typeof value;
}

const PORT =
  '`connector` must implement the Connector port (messages$, connection$, problems$, agentId, connect, disconnect, snapshot, send), ' +
  'e.g. a SimulatedConnector or the result of createGenesysConnector(…)';

/**
 * Is `value` (just set as the `connector` property of `tag`) acceptable? `undefined` (none) and a
 * connector are; anything else is refused with a console error, and the caller keeps what it had.
 */
export function acceptConnector(tag: string, value: unknown): boolean {
  if (value === undefined || isConnector(value)) return true;
  console.error(
    `push-preview-elements: <${tag}>.connector was set to ${describe(value)}, which is not a connector: ${PORT}. It was ignored and the current session kept.`,
  );
  return false;
}

/**
 * Is `value` (just set as the `connectorFactory` property of `tag`) acceptable? `undefined` and a
 * function are; anything else is refused with a console error, and the caller keeps what it had.
 */
export function acceptConnectorFactory(tag: string, value: unknown): boolean {
  if (value === undefined || typeof value === 'function') return true;
  console.error(
    `push-preview-elements: <${tag}>.connectorFactory was set to ${describe(value)}, which is not a function: ` +
      '`connectorFactory` must be a function (agentId) => Connector | Promise<Connector>, e.g. (agentId) => createGenesysConnector({ … }). ' +
      'It was ignored and the current session kept.',
  );
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
  if (value === null) return;
  console.error(
    `push-preview-elements: <${tag} connector=${JSON.stringify(value)}> was ignored: \`connector\` is a property, not an attribute; ` +
      `set it from script (element.connector = connector). ${PORT}. The current session is kept.`,
  );
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
