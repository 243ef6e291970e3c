// The README's "Embed it (plain HTML)" example, read from README.md itself and rendered as a page
// would: each control is there once (issue 15: the panel drew its own agent block beside the
// header's, two Log in blocks), and the page is told it runs on the simulated server.
import { expect } from '@open-wc/testing';
import '../../src/define/all.js';
import { allSaid } from '../../src/elements/internal/say.js';
import { resetSimulatedWarning } from '../../src/elements/internal/simulated.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { until } from '../fixtures/wait.js';

/** Every element below `root`, through shadow roots. */
function deepAll(root: ParentNode, selector: string): Element[] {
  const out: Element[] = [...root.querySelectorAll(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepAll(el.shadowRoot, selector));
  return out;
}

/** How many of each `data-action` control the page shows. */
function actionCounts(root: ParentNode): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of deepAll(root, '[data-action]')) {
    const a = b.getAttribute('data-action')!;
    out[a] = (out[a] ?? 0) + 1;
  }
  return out;
}

/** The markup of the README's first ```html block under "## Embed it (plain HTML)", without its scripts. */
async function readmeExample(): Promise<string> {
  const readme = await (await fetch('/README.md')).text();
  const section = readme.slice(readme.indexOf('## Embed it (plain HTML)'));
  const block = /```html\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no ```html block under "## Embed it (plain HTML)"');
  return block.replace(/<script[\s\S]*?<\/script>/g, '');
}

describe('the README embed example', () => {
  it('renders each control once, logged out and Ready, and shows the "Simulated server" badge', async () => {
    resetSimulatedWarning();
    const warns: string[] = [];
    const warn = console.warn;
    console.warn = (...a: unknown[]) => warns.push(a.join(' '));
    after(() => (console.warn = warn));
    const host = document.createElement('div');
    host.innerHTML = await readmeExample();
    document.body.append(host);
    after(() => host.remove());
    const provider = host.querySelector<PushPreviewSession>('push-preview-session')!;
    expect(provider, 'a <push-preview-session> in the example').to.exist;
    const session = await provider.ready();
    await until(() => deepAll(host, '[data-action="login"]').length > 0, 'the Log in control');
    await until(() => provider.shadowRoot?.querySelector('[part~="simulated-badge"]'), 'the badge');
    // The session says it, once; the panel inside it never held a session of its own.
    await allSaid();
    expect(warns).to.have.length(1);
    expect(warns[0]).to.contain('<push-preview-session> has no `connector`');
    expect(deepAll(host, '[part~="simulated-badge"]')).to.have.length(1);
    const once = (what: string) => {
      const counts = actionCounts(host);
      const twice = Object.entries(counts).filter(([, n]) => n > 1);
      expect(twice, `${what}: ${JSON.stringify(counts)}`).to.deep.equal([]);
      return counts;
    };
    expect(once('logged out')).to.have.property('login', 1);
    expect(deepAll(host, 'push-preview-agent')).to.have.length(1);
    expect(deepAll(host, 'push-preview-indicator')).to.have.length(1);
    const r = await session.dispatch({ type: 'login', mediaTypes: ['voice-preview'] });
    expect(r.ok, JSON.stringify(r)).to.equal(true);
    await until(() => deepAll(host, '[data-action="ready"]').length > 0, 'the Ready control');
    expect(once('logged in')).to.have.property('ready', 1);
  });
});
