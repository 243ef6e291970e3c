// Server-side rendering and hydration (issue 15), after `npm run build`:
//  1. In Node, @lit-labs/ssr renders a page with every public element in its first state (no session
//     yet) to declarative shadow DOM: the package imported by its name, as a server imports it.
//  2. The page is served with a client bundle (esbuild) that imports lit's hydrate support first,
//     marks every server-rendered node, gives the two <push-preview-session>s a session BEFORE the
//     workflow elements are defined (the hard case: a session is there through context when they
//     connect), then defines every tag.
//  3. In Debian Chromium: no page error or console error (lit throws "Hydration value mismatch"); in
//     every shadow root, hydration kept every server node and changed no node, and the client's first
//     render is the server's (the same elements, attributes and text, rendered client-side from the
//     value the hydrating update used); then the desk goes live — Log in, Ready, a preview arrives —
//     in the same hydrated nodes.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from './browsers.mjs';
import { elements, readManifest } from './cem.mjs';
import { HANG_MS } from './page-waits.mjs';

const started = Date.now();
const dir = join('.reports', 'ssr');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

// 1. The server render, in a child process: the check itself stays free of lit's Node shims.
const RENDER = `
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
await import('push-preview-elements/define');
const body = html\`
  <h1>CRM</h1>
  <push-preview-session id="desk" simulated no-persist no-shared-tabs>
    <push-preview-agent></push-preview-agent>
    <push-preview-indicator></push-preview-indicator>
    <push-preview-form></push-preview-form>
    <call-controls></call-controls>
    <call-timers></call-timers>
    <chained-records></chained-records>
    <record-editor></record-editor>
    <reschedule-picker></reschedule-picker>
    <wrapup-codes></wrapup-codes>
  </push-preview-session>
  <push-preview-session id="embed" agent-id="agent-2" simulated no-persist no-shared-tabs>
    <push-preview-panel no-agent></push-preview-panel>
  </push-preview-session>
  <push-preview-panel id="alone" agent-id="agent-3" simulated no-persist></push-preview-panel>\`;
process.stdout.write(await collectResult(render(body)));
`;
const rendered = spawnSync(process.execPath, ['--input-type=module', '-e', RENDER], { encoding: 'utf8', timeout: 60_000 });
if (rendered.status !== 0) {
  console.error(`✖ the server render failed:\n${rendered.stderr}`);
  process.exit(1);
}
writeFileSync(
  join(dir, 'index.html'),
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SSR</title>` +
    `<script type="module" src="/client.js"></script></head><body>${rendered.stdout}</body></html>`,
);

// 2. The client, as an app's bundler makes it: hydrate support before lit.
const CLIENT = `
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { LitElement, render } from 'lit';
import { Session } from 'push-preview-elements/session';
import { SimulatedConnector } from 'push-preview-elements/connectors/simulated';

const errors = (window.__errors = []);
const hosts = [];
const find = (root) => {
  for (const el of root.querySelectorAll('*'))
    if (el.shadowRoot) {
      hosts.push(el);
      find(el.shadowRoot);
    }
};
find(document);

// A canonical form of a subtree: elements (attributes sorted), text; no comments, no <style>.
const canon = (node) =>
  [...node.childNodes]
    .map((n) =>
      n.nodeType === 3
        ? JSON.stringify(n.data)
        : n.nodeType === 1 && n.localName !== 'style'
          ? '<' + n.localName + [...n.attributes].filter((a) => a.name !== 'defer-hydration').map((a) => ' ' + a.name + '=' + JSON.stringify(a.value)).sort().join('') + '>' + canon(n) + '</>'
          : '',
    )
    .join('');

const name = (h) => h.localName + (h.id ? '#' + h.id : '') + (h.getRootNode().host ? ' in ' + h.getRootNode().host.localName : '');
const server = new Map();
for (const h of hosts) {
  const nodes = [...h.shadowRoot.querySelectorAll('*')];
  server.set(h, { nodes, canon: canon(h.shadowRoot) });
  for (const n of nodes) n.__ssr = true;
}
window.__ssr = { hosts: hosts.map(name), nodes: [...server.values()].reduce((a, s) => a + s.nodes.length, 0) };

// Watch each hydrating update: the value it rendered, and what became of the server's nodes.
window.__hydrated = [];
const update = LitElement.prototype.update;
LitElement.prototype.update = function (changed) {
  const s = server.get(this);
  if (this.hasUpdated || !s) return update.call(this, changed);
  const own = this.render;
  let value;
  this.render = function () {
    return (value = own.call(this));
  };
  try {
    update.call(this, changed);
  } finally {
    delete this.render;
  }
  const fresh = document.createElement('div');
  render(value, fresh, { host: this });
  window.__hydrated.push({
    host: name(this),
    nodes: s.nodes.length,
    kept: s.nodes.filter((n) => n.getRootNode() === this.shadowRoot).length,
    unchanged: canon(this.shadowRoot) === s.canon,
    sameAsClient: canon(fresh) === s.canon,
    server: s.canon.slice(0, 300),
    client: canon(fresh).slice(0, 300),
  });
};

try {
await import('push-preview-elements/define/push-preview-session.js');
for (const [id, agentId] of [['desk', 'agent-1'], ['embed', 'agent-2']]) {
  const session = new Session({ connector: new SimulatedConnector({ agentId }), storage: null });
  document.getElementById(id).session = session;
  void session.start();
}
await import('push-preview-elements/define');
await Promise.all(hosts.map((h) => h.updateComplete));
window.__ready = true;
} catch (e) {
  window.__ready = String(e);
  throw e;
}
`;
await build({
  stdin: { contents: CLIENT, resolveDir: process.cwd(), sourcefile: 'ssr-client.mjs', loader: 'js' },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outfile: join(dir, 'client.js'),
  logLevel: 'error',
});

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/favicon.ico') return res.writeHead(204).end();
  const file = path === '/' ? 'index.html' : path === '/client.js' ? 'client.js' : null;
  if (!file) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  createReadStream(join(dir, file)).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));

const results = [];
const check = (title, ok, detail = '') => {
  results.push({ title, ok });
  console.log(`${ok ? '✔' : '✖'} ${title}${detail ? ` — ${detail.length > 1200 ? `${detail.slice(0, 1200)}…` : detail}` : ''}`);
};

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs.filter((a) => !a.startsWith('--headless')), headless: true });
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || /mismatch/i.test(m.text())) errors.push(`console.${m.type()}: ${m.text()}`);
  });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  // Settled, or failed (an update threw): no waiting out a timeout on a mismatch.
  await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: HANG_MS });
  const ready = await page.evaluate(() => window.__ready);
  const ssr = await page.evaluate(() => window.__ssr);
  const tags = new Set(ssr.hosts.map((h) => h.split(/[#\s]/)[0]));
  // Every tag the manifest publishes, so that a new element cannot miss the check.
  const published = elements(readManifest())
    .map((d) => d.tagName)
    .filter(Boolean);
  const missing = published.filter((t) => !tags.has(t));
  check(
    `the server rendered every public element to declarative shadow DOM (${published.length} tags)`,
    published.length > 0 && missing.length === 0,
    `${ssr.hosts.length} shadow roots, ${ssr.nodes} elements in them${missing.length ? `; not rendered: ${missing.join(', ')}` : ''}`,
  );
  check('the page hydrated and settled', ready === true, ready === true ? '' : ready);
  check('no page error and no console error (no "Hydration value mismatch")', errors.length === 0, errors.join(' | ').slice(0, 600));
  const hydrated = await page.evaluate(() => window.__hydrated);
  check('every server-rendered shadow root hydrated', hydrated.length === ssr.hosts.length, `${hydrated.length} of ${ssr.hosts.length}`);
  const replaced = hydrated.filter((h) => h.kept !== h.nodes || !h.unchanged);
  check(
    'hydration kept every server node and changed none (no second render of the static parts)',
    replaced.length === 0,
    replaced.length
      ? replaced.map((h) => `${h.host}: ${h.kept}/${h.nodes} kept${h.unchanged ? '' : ', changed'}`).join('; ')
      : `${hydrated.reduce((a, h) => a + h.kept, 0)} nodes kept`,
  );
  const differ = hydrated.filter((h) => !h.sameAsClient);
  check(
    "the client's first render is the server's, value for value, though a session was there",
    differ.length === 0,
    differ.map((h) => `${h.host}: server ${h.server} ≠ client ${h.client}`).join('; '),
  );

  // 3. Live: the desk, on the session it was given, in the hydrated nodes.
  const desk = (sel) => page.locator(`#desk ${sel}`);
  const click = async (sel) => {
    const el = desk(`${sel}[aria-disabled="false"]`).first();
    await el.waitFor({ timeout: HANG_MS });
    await el.click();
  };
  await click('push-preview-agent [data-action="login"]');
  await click('push-preview-agent [data-action="ready"]');
  await desk('push-preview-form [data-action="accept"]').waitFor({ timeout: HANG_MS });
  const live = await page.evaluate(() => {
    const indicator = document.querySelector('#desk push-preview-indicator');
    const span = indicator.shadowRoot.querySelector('[part~="indicator"]');
    const styles = [...document.querySelectorAll('#desk > *')].map((el) => el.shadowRoot.querySelector('style'));
    return { phase: span.dataset.phase, same: span.__ssr === true, styles: styles.filter((s) => s?.__ssr === true).length, of: styles.length };
  });
  check('live: Log in → Ready → a preview arrives on the desk', live.phase === 'ringing' || live.phase === 'previewing', `indicator data-phase=${live.phase}`);
  check(
    "live: the updates land in the server-rendered nodes (the indicator, every shadow root's styles)",
    live.same && live.styles === live.of,
    JSON.stringify(live),
  );
  await page.locator('#alone [data-action="login"]').waitFor({ timeout: HANG_MS });
  check('live: the panel on its own made its session and shows Log in', true);
  check('still no page error and no console error', errors.length === 0, errors.join(' | ').slice(0, 600));
} catch (e) {
  check('the hydrated page could be driven', false, String(e).split('\n')[0]);
} finally {
  await browser.close();
  server.close();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
writeFileSync(join('.reports', 'ssr.json'), JSON.stringify({ passed, failed, skipped: 0 }));
console.log(`ssr: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failed ? 1 : 0);
