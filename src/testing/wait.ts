/**
 * Waiting for the elements: on the session's state (a phase reached, a refusal shown), then on
 * every element of the region having rendered it — never on a wall-clock sleep. The time limit
 * is a bound for a hang only, and its error says what was awaited and what was seen.
 */
import type { Phase } from '../domain/machine.js';
import type { Connector } from '../connectors/port.js';
import type { Session } from '../session/session.js';
import type { SessionState } from '../session/types.js';

export interface WaitOptions {
  /** Give up after this long: a hang (default 10 s). */
  readonly timeoutMs?: number;
}

interface Provider extends HTMLElement {
  connector: Connector | undefined;
  readonly session: Session | undefined;
  ready(): Promise<Session>;
}

/** `el` and the elements it is inside, up through shadow roots. */
function* ancestors(el: Element): Generator<Element> {
  for (let n: Element | null = el; n; n = n.parentElement ?? ((n.getRootNode() as ShadowRoot).host || null)) yield n;
}

const isProvider = (n: Element): n is Provider => typeof (n as Partial<Provider>).ready === 'function' && 'session' in n;

/**
 * The region of `el`: the nearest element that owns or shows a session (`<push-preview-session>`,
 * `<push-preview-panel>`) is or is above `el`; the outermost such element is the region to render.
 */
function regionOf(el: Element): { provider: Provider; root: Element } {
  const owners = [...ancestors(el)].filter(isProvider);
  if (owners.length === 0) throw new Error(`push-preview-elements/testing: <${el.localName}> is not inside a <push-preview-session> or <push-preview-panel>`);
  return { provider: owners[0]!, root: owners[owners.length - 1]! };
}

/** Every element of the region with a Lit update cycle, the provider first, shadow roots included. */
function updating(root: Element): { updateComplete: Promise<boolean> }[] {
  const out: { updateComplete: Promise<boolean> }[] = [];
  const visit = (n: Element) => {
    const u = (n as Partial<{ updateComplete: Promise<boolean> }>).updateComplete;
    if (u instanceof Promise) out.push(n as unknown as { updateComplete: Promise<boolean> });
    for (const c of n.children) visit(c);
    if (n.shadowRoot) for (const c of n.shadowRoot.children) visit(c);
  };
  visit(root);
  return out;
}

/** Resolve once every element of the region has no update pending. */
async function rendered(root: Element): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const done = await Promise.all(updating(root).map((e) => e.updateComplete));
    if (done.every(Boolean)) return;
  }
}

/**
 * Wait until the session of `el`'s region (a `<push-preview-session>` or `<push-preview-panel>`, or an element inside one)
 * is on the region's `connector` and its state satisfies `check`, then until every element has
 * rendered that state. Resolves with the session.
 */
export async function waitFor(el: Element, check: (s: SessionState) => boolean, what: string, options: WaitOptions = {}): Promise<Session> {
  const { provider, root } = regionOf(el);
  const bound = options.timeoutMs ?? 10_000;
  const session = await new Promise<Session>((resolve, reject) => {
    let sub: { unsubscribe(): void } | null = null;
    let watched: Session | null = null;
    const timer = setTimeout(() => {
      end();
      const s = provider.session?.state;
      const seen = s ? `phase ${s.workflow.phase}, connection ${s.connection}, pending ${s.pending}, refusal ${s.refusal?.reason ?? 'none'}` : 'no session';
      reject(new Error(`push-preview-elements/testing: still waiting for ${what} after ${bound} ms (saw ${seen})`));
    }, bound);
    const poll = setInterval(test, 20);
    function end() {
      clearTimeout(timer);
      clearInterval(poll);
      sub?.unsubscribe();
    }
    function test() {
      const s = provider.session;
      // A connector set after the element made its default session: wait for the remake.
      if (!s || (provider.connector && s.connector !== provider.connector)) return;
      if (s !== watched) {
        sub?.unsubscribe();
        watched = s;
        sub = s.state$.subscribe(() => test());
      }
      if (check(s.state)) {
        end();
        resolve(s);
      }
    }
    test();
  });
  await rendered(root);
  return session;
}

/**
 * Wait until the region's session is online and in `phase` with no command under way, and the
 * elements show it: their controls then take the next click. (A server may report the phase a
 * command leads to before it answers the command; until it answers, the controls stay disabled.)
 */
export function waitForPhase(el: Element, phase: Phase, options: WaitOptions = {}): Promise<Session> {
  return waitFor(el, (s) => s.connection === 'online' && s.workflow.phase === phase && s.pending === null, `phase ${phase}`, options);
}
