/**
 * What the elements say on the console to the page's developer (never to the agent: the agent's
 * texts are translated, in src/i18n): loaded by say.ts the first time there is something to say,
 * so that a page that makes no mistake never fetches them (the CDN chunk `messages`). Each text
 * is a function of what the caller saw; the caller decided what to do already.
 */
import { DEFAULT_HEADING_LEVEL } from './heading-level.js';
import { DEFAULT_SHORTCUTS } from './shortcuts.js';

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

const MEMBERS = 'messages$, connection$, problems$, agentId, connect, disconnect, snapshot, send';
const PORT = `\`connector\` must implement the Connector port (${MEMBERS}), e.g. a SimulatedConnector or the result of createGenesysConnector(…)`;

const version = (ctor: unknown) => (ctor as { version?: string }).version ?? 'unknown version';

/** console.warn's texts. */
export const warn = {
  simulated: (tag: string) =>
    `push-preview-elements: <${tag}> has no \`connector\`, so it runs on the built-in simulated server and shows a "Simulated server" badge. ` +
    'Set `connector` to your server’s connector (e.g. createGenesysConnector(…)), or, to use the simulated server on purpose, ' +
    'add the `simulated` attribute (or set `connector` to a SimulatedConnector): then neither the badge nor this warning appears.',

  defined: (tag: string, existing: unknown, ctor: unknown) =>
    `push-preview-elements: <${tag}> is already defined by another copy (${version(existing)}); this one (${version(ctor)}) was not registered.`,

  headingLevel: (tag: string, value: unknown) =>
    `<${tag}>: heading-level must be a whole number from 1 to 6, not "${String(value)}"; using ${DEFAULT_HEADING_LEVEL}.`,
};

/** console.error's texts. */
export const error = {
  connector: (tag: string, value: unknown) =>
    `push-preview-elements: <${tag}>.connector was set to ${describe(value)}, which is not a connector: ${PORT}. It was ignored and the current session kept.`,

  connectorFactory: (tag: string, value: unknown) =>
    `push-preview-elements: <${tag}>.connectorFactory was set to ${describe(value)}, which is not a function: ` +
    '`connectorFactory` must be a function (agentId) => Connector | Promise<Connector>, e.g. (agentId) => createGenesysConnector({ … }). ' +
    'It was ignored and the current session kept.',

  connectorAttribute: (tag: string, value: string) =>
    `push-preview-elements: <${tag} connector=${JSON.stringify(value)}> was ignored: \`connector\` is a property, not an attribute; ` +
    `set it from script (element.connector = connector). ${PORT}. The current session is kept.`,

  /** A connector that is not one reached the session owner (set while the session was being made). */
  notConnector: () => `push-preview-elements: ${PORT}; it was ignored and the current session kept.`,

  factoryGaveNoConnector: () => `push-preview-elements: \`connectorFactory\` returned something that is not a connector (${MEMBERS}); no session was started.`,

  factoryThrew: (e: unknown) => ['push-preview-elements: `connectorFactory` threw; no session was started.', e],

  shortcuts: (ignored: readonly string[]) =>
    `push-preview-elements: shortcuts ${ignored.map((p) => `"${p}"`).join(', ')} ignored: each is action=keys, the action one of ${Object.keys(DEFAULT_SHORTCUTS).join(', ')}, the keys with Alt, Control or Meta. The defaults stand for those.`,
};
