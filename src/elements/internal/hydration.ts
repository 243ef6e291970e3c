/**
 * Hydration (server-side rendering, issue 15): an element whose shadow root came from the server
 * (`@lit-labs/ssr`, declarative shadow DOM) hydrates on its first update, and lit then requires that
 * update to render exactly the templates and values the server rendered. The server renders the
 * first state: no session, no context, English (nothing that only a browser knows). So whatever an
 * element reads from the page — the session through context, the page's language, a provider above —
 * reads as that first state while {@link hydrating} is true, even when the page already has a
 * session when the element connects. Right after that update the element updates again, now with
 * the real state: lit then changes only the parts whose values differ, and the server's nodes stay.
 */
import { isServer, type ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { hasUpdated?: boolean };

const serverRendered = new WeakSet<Host>();
const asked = new WeakSet<Host>();

/**
 * Call from a controller's constructor (that is, while the element is constructed): an element
 * upgraded over server-rendered DOM has its declarative shadow root already; one made in the
 * browser has none yet. (lit's own flag for this is renamed in its production build.)
 */
export function noteServerRendered(host: Host): void {
  if (!isServer && host.shadowRoot) serverRendered.add(host);
}

/** Is `host` in its first update over server-rendered DOM? Then render the first state; it updates again right after. */
export function hydrating(host: Host): boolean {
  if (host.hasUpdated || !serverRendered.has(host)) return false;
  if (!asked.has(host)) {
    asked.add(host);
    void host.updateComplete.then(() => host.requestUpdate());
  }
  return true;
}
