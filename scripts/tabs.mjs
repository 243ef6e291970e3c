// One agent, many tabs (issue 17), in Debian's Chromium: pages of one browser context share Web
// Locks and BroadcastChannels, as the tabs of one browser profile do. On the simulated connector:
//  1. three tabs: Accept from a follower, Connect from another, the leader closed mid-call, a new
//     leader within 2 s with the call intact (and what was typed in a follower), Mark Done from
//     the third — one command per action, counted at the connector, the same phase in every tab;
//  2. the same with a tab opened mid-call (shown at once, and later the leader itself), the
//     Accept by a keyboard shortcut in one tab, announcements only in the tab that is shown;
//  3. connectorFactory: called in the leader tab only, once more after a handover — on a lone
//     <push-preview-panel> (simulated) and with a GenesysConnector on the strict fake; every host
//     event's detail.primary true in exactly one tab (tabs-events.mjs);
//  4. fallbacks: no Web Locks, or `no-shared-tabs` — each tab its own session (as before).
// Writes .reports/tabs.json {passed, failed}.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename } from 'node:path';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from './browsers.mjs';
import { HANG_MS } from './page-waits.mjs';
import { primaryOnce } from './tabs-events.mjs';
import { FakeWorkspaceApi } from '../test/genesys-server/fake-gws.mjs';

// The CDN entry, the simulated connector's and the Genesys connector's: a page's connectorFactory builds either.
const bundle = await build({
  entryPoints: { pp: 'src/cdn.ts', sim: 'src/cdn-connectors.ts', genesys: 'src/connectors/genesys/index.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  outdir: 'tabs-out',
  write: false,
  logLevel: 'warning',
});
const files = new Map(bundle.outputFiles.map((f) => [`/${basename(f.path)}`, f.text]));
// A factory that counts its calls in the page (window.__made), making a simulated or a Genesys connector.
const factories = {
  sim: `import { SimulatedConnector } from '/sim.js';
    el.connectorFactory = (agentId) => ((window.__made += 1), new SimulatedConnector({ agentId }));`,
  genesys: `import { GenesysConnector } from '/genesys.js';
    const q = new URLSearchParams(location.search);
    el.connectorFactory = (agentId) => {
      window.__made += 1;
      // The tab the sign-in came back to has the code; the others (and a later leader) the session cookie.
      const auth = q.get('code') ? { kind: 'code', code: q.get('code'), redirectUri: location.href } : { kind: 'session' };
      return new GenesysConnector({ baseUrl: q.get('base'), auth, agentId, ocs: { topic: '<tenant-id>@<place>' },
        campaign: { dispositionCodes: [{ code: 'SALE', name: 'Sale' }], dispositionRequired: true }, debug: () => undefined });
    };`,
};
const page = ({ attrs, agent, panel, factory }) => {
  const tag = panel
    ? `<push-preview-panel agent-id="${agent}" ${attrs}></push-preview-panel>`
    : `<push-preview-session agent-id="${agent}" ${attrs}><push-preview-panel></push-preview-panel></push-preview-session>`;
  // Set before the tags are defined: the element takes the property when it upgrades.
  const setup = factories[factory] ? `<script type="module">const el = document.body.firstElementChild; window.__made = 0; ${factories[factory]}</script>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tabs</title></head><body>${tag}${setup}<script type="module" src="/pp.js"></script></body></html>`;
};
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const js = files.get(url.pathname);
  if (js !== undefined) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
  const q = url.searchParams;
  const agent = /^[\w-]{1,40}$/.test(q.get('agent') ?? '') ? q.get('agent') : 'agent-7';
  res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end(page({ attrs: q.get('attrs') ?? '', agent, panel: q.has('panel'), factory: q.get('factory') }));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
const results = [];
const errors = [];

function check(ok, message) {
  if (!ok) throw new Error(message);
}

/** A tab of the agent: the desk as this page shows it, and a log of the phases it went through. */
async function open(context, attrs = '', agent = 'agent-7', query = '') {
  const p = await context.newPage();
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(`${origin}/?attrs=${encodeURIComponent(attrs)}&agent=${agent}${query}`);
  await p.waitForFunction(() => document.body.firstElementChild?.session, null, { timeout: HANG_MS });
  await p.evaluate(() => {
    const el = document.body.firstElementChild; // <push-preview-session>, or a <push-preview-panel> on its own
    window.__el = el;
    window.__phases = [];
    // Every host event this tab fired, and whether it was this tab's to act on (detail.primary).
    window.__events = [];
    for (const type of [
      'pp-preview-offered',
      'pp-accepted',
      'pp-rejected',
      'pp-call-connected',
      'pp-call-ended',
      'pp-done',
      'pp-interaction-ended',
      'pp-refused',
      'pp-error',
    ])
      document.addEventListener(type, (e) =>
        window.__events.push({ key: `${type} ${e.detail.interaction?.id ?? e.detail.intent ?? ''}`, primary: e.detail.primary }),
      );
    el.session.select((s) => s.workflow.phase).subscribe((x) => window.__phases.push(x));
    // When this tab held the connector, online (the clock of the handover check).
    el.session.state$.subscribe((s) => {
      if (el.session.isLeader && s.connection === 'online') window.__ledAt ??= Date.now();
    });
    window.__desk = () => {
      const s = el.session;
      return {
        phase: s.state.workflow.phase,
        interaction: s.state.workflow.interaction?.id ?? null,
        connection: s.state.connection,
        leader: s.isLeader ?? null,
        sent: s.connector ? (s.connector.sent ?? -1) : null, // -1: a connector that does not count (Genesys: counted at the fake)
        made: window.__made ?? null,
        drafts: JSON.stringify(s.state.drafts.fields),
        live: el.shadowRoot.querySelector('[part="live-region"]')?.textContent ?? '',
      };
    };
    window.__act = (intent) => el.session.dispatch(intent);
  });
  return p;
}

const desk = (p) => p.evaluate(() => window.__desk());
const act = (p, intent) => p.evaluate((i) => window.__act(i), intent);
/**
 * Connect as an agent who confirmed a call outside the contact's calling window: the seed list's
 * first contact is in Tokyo (09:00–21:00), so without it the run's outcome depended on its hour.
 */
const CONNECT = { type: 'connect', outsideWindow: 'confirmed' };
const until = (p, fn, arg) => p.waitForFunction(fn, arg, { timeout: HANG_MS });
const phaseIs = (p, phase) => until(p, (ph) => window.__desk().phase === ph && window.__desk().connection === 'online', phase);

/** Commands sent so far by whichever tab holds the connector, plus those of leaders gone. */
async function sentBy(pages, gone) {
  let n = gone.count;
  let leaders = 0;
  for (const p of pages) {
    const d = await desk(p);
    if (d.sent === null) continue;
    n += d.sent;
    leaders += 1;
  }
  check(leaders === 1, `${leaders} tabs hold a connector (one expected)`);
  return n;
}

/** Run `step` from one tab; exactly one command sent, and every tab ends in `phase`. */
async function step(pages, gone, label, run, phase, commands = 1) {
  const before = await sentBy(pages, gone);
  const r = await run();
  check(r.ok, `${label}: refused ${JSON.stringify(r.refusal)}`);
  for (const p of pages) await phaseIs(p, phase);
  const after = await sentBy(pages, gone);
  check(after - before === commands, `${label}: ${after - before} commands sent (${commands} expected)`);
  const phases = new Set(await Promise.all(pages.map(async (p) => (await desk(p)).phase)));
  check(phases.size === 1, `${label}: tabs disagree: ${[...phases]}`);
}

const events = (p) => p.evaluate(() => window.__events);

/** Close the leader; another tab must hold the connector, online, within 2 s, the call intact. */
async function handover(pages, gone, leader, phase) {
  const { interaction, sent, leader: was } = await desk(leader);
  check(was === true, 'the tab to close is not the leader');
  gone.count += sent;
  const t = Date.now();
  await leader.close();
  const rest = pages.filter((p) => p !== leader);
  // A tab that takes the lock shows the desk it mirrored until its session has the snapshot: wait for that.
  await Promise.race(rest.map((p) => until(p, ([want, since]) => window.__ledAt >= since && window.__desk().phase === want, [phase, t])));
  // Every tab's clock of when it held the connector, online: exactly one did, after the close began.
  const led = await Promise.all(rest.map((p) => p.evaluate(() => window.__ledAt ?? null)));
  const fresh = led.filter((x) => x !== null && x >= t);
  check(fresh.length === 1, `${fresh.length} tabs took the lead`);
  const ms = fresh[0] - t;
  check(ms < 2000, `new leader after ${ms} ms (2000 allowed)`);
  for (const p of rest) {
    const d = await desk(p);
    check(d.phase === phase && d.interaction === interaction, `after handover a tab shows ${d.phase} ${d.interaction} (${phase} ${interaction} expected)`);
  }
  const next = rest[led.indexOf(fresh[0])];
  console.log(`    new leader (tab ${pages.indexOf(next) + 1} of ${pages.length}) in ${ms} ms, ${phase} ${interaction} intact`);
  return { rest, next };
}

async function ringing(pages, gone, from) {
  await step(pages, gone, 'login', () => act(from, { type: 'login', mediaTypes: ['voice-preview'] }), 'not-ready');
  await step(pages, gone, 'ready', () => act(from, { type: 'ready' }), 'ringing');
}

async function wrapUp(pages, gone, from) {
  await step(pages, gone, 'disconnect', () => act(from, { type: 'disconnect' }), 'after-call');
  const code = await from.evaluate(() => window.__el.session.state.workflow.campaign.dispositionCodes[0].code);
  await step(pages, gone, 'disposition (kept on the desk, nothing sent)', () => act(from, { type: 'set-disposition', code }), 'after-call', 0);
  await step(pages, gone, 'Mark Done', () => act(from, { type: 'mark-done' }), 'done');
  for (const p of pages) check((await p.evaluate(() => window.__phases)).includes('done'), 'a tab never showed done');
}

async function test(name, fn) {
  const context = await browser.newContext();
  try {
    await fn(context);
    check(errors.length === 0, `page errors: ${errors.join('; ')}`);
    results.push({ name, ok: true });
    console.log(`  ✔ ${name}`);
  } catch (e) {
    results.push({ name, ok: false });
    console.error(
      `  ✖ ${name}\n    ${String(e?.stack ?? e)
        .split('\n')
        .slice(0, 4)
        .join('\n    ')}`,
    );
  } finally {
    errors.length = 0;
    await context.close();
  }
}

console.log('tabs: one agent, many tabs (Chromium, one browser context)');

await test('three tabs: Accept from a follower, Connect from another, leader closed mid-call, Mark Done from the third', async (context) => {
  const a = await open(context);
  await until(a, () => window.__desk().leader === true && window.__desk().connection === 'online');
  const b = await open(context);
  const c = await open(context);
  let pages = [a, b, c];
  const gone = { count: 0 };
  for (const p of [b, c]) check((await desk(p)).sent === null, 'a follower made a connector');
  await ringing(pages, gone, a);
  await step(pages, gone, 'Accept from a follower', () => act(b, { type: 'accept' }), 'previewing');
  await step(pages, gone, 'Connect from another', () => act(c, CONNECT), 'connected');
  // Typed in a follower: every tab shows it, and it outlives the leader.
  const handle = await b.evaluate(() => window.__el.session.state.workflow.interaction.chain.activeHandle);
  await b.evaluate((h) => window.__el.session.edit({ kind: 'field', handle: h, name: 'note', value: 'call back after 5' }), handle);
  for (const p of pages) await until(p, () => window.__desk().drafts.includes('call back after 5'));
  // Refused in one follower: told there only.
  const again = await act(c, { type: 'accept' });
  check(!again.ok, 'an Accept while connected was not refused');
  await until(c, () => window.__events.some((e) => e.key.startsWith('pp-refused')));
  const closed = [await events(a)];
  ({ rest: pages } = await handover(pages, gone, a, 'connected'));
  for (const p of pages) await until(p, () => window.__desk().drafts.includes('call back after 5'));
  await step(pages, gone, 'save the typed field', () => act(b, { type: 'update-record', handle, fields: { note: 'call back after 5' } }), 'connected');
  await wrapUp(pages, gone, c);
  primaryOnce('host events', await Promise.all(pages.map(events)), closed);
});

await test('a tab opened mid-call shows the call at once and can take over; shortcut and announcements per tab', async (context) => {
  const a = await open(context);
  await until(a, () => window.__desk().leader === true && window.__desk().connection === 'online');
  const b = await open(context);
  let pages = [a, b];
  const gone = { count: 0 };
  await ringing(pages, gone, b);
  // The shortcut pressed in B acts there, once; B is the tab shown, so only B announces. Headless
  // pages are all 'visible': A is put in the background as a browser does (visibilityState).
  await a.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await until(b, () => document.visibilityState === 'visible');
  await b.bringToFront(); // the key goes to the focused tab only
  await step(pages, gone, 'Accept by Alt+Shift+A in one tab', () => b.keyboard.press('Alt+Shift+KeyA').then(() => ({ ok: true })), 'previewing');
  await until(b, () => window.__desk().live.includes('Preview accepted'));
  check((await a.evaluate(() => document.visibilityState)) === 'hidden', 'tab A should be in the background');
  check(!(await desk(a)).live.includes('Preview accepted'), 'a background tab announced the Accept');
  await step(pages, gone, 'Connect', () => act(a, CONNECT), 'connected');
  const c = await open(context);
  await phaseIs(c, 'connected');
  check((await desk(c)).sent === null, 'the late tab made a connector');
  pages = [...pages, c];
  let next;
  ({ rest: pages, next } = await handover(pages, gone, a, 'connected'));
  // Until the tab opened mid-call leads: it takes over with what the leader told it when it joined.
  if (next !== c) ({ rest: pages } = await handover(pages, gone, next, 'connected'));
  check((await desk(c)).leader === true, 'the tab opened mid-call did not take over');
  await wrapUp(pages, gone, c);
});

const made = async (pages) => (await Promise.all(pages.map(async (p) => (await desk(p)).made))).reduce((x, y) => x + y, 0);

await test('connectorFactory (simulated) on a <push-preview-panel> of its own: shared tabs, the factory called in the leader only, once more after it closes', async (context) => {
  const q = '&panel=1&factory=sim';
  const a = await open(context, '', 'agent-7', q);
  await until(a, () => window.__desk().connection === 'online');
  check((await desk(a)).leader === true, 'a <push-preview-panel> of its own does not share its session with the tabs');
  const b = await open(context, '', 'agent-7', q);
  const c = await open(context, '', 'agent-7', q);
  const pages = [a, b, c];
  for (const p of [b, c]) await until(p, () => window.__desk().connection === 'online');
  for (const p of [b, c]) check((await desk(p)).made === 0 && (await desk(p)).sent === null, 'a follower called the factory');
  check((await made(pages)) === 1, `the factory was called ${await made(pages)} times in three tabs (once expected)`);
  await step(pages, { count: 0 }, 'login from a follower panel', () => act(b, { type: 'login', mediaTypes: ['voice-preview'] }), 'not-ready');
  const first = (await desk(a)).made;
  const t = Date.now();
  await a.close();
  await Promise.race([b, c].map((p) => until(p, (since) => window.__ledAt >= since, t)));
  const total = first + (await made([b, c]));
  check(total === 2, `the factory was called ${total} times after the handover (twice expected)`);
  // A factory's simulated connector carries no server to the next leader (a real server keeps the desk): the tabs still agree.
  const want = (await desk(pages[(await desk(b)).leader ? 1 : 2])).phase;
  for (const p of [b, c]) await until(p, (ph) => window.__desk().phase === ph && window.__desk().connection === 'online', want);
});

await test('connectorFactory with a GenesysConnector against the strict fake: made in the leader only and again after handover, the preview intact, one Accept', async (context) => {
  const fake = new FakeWorkspaceApi({ prefix: '/gws-tabs' });
  await fake.listen();
  try {
    const base = `http://127.0.0.1:${fake.port}${fake.prefix}`;
    const { code } = fake.command('sign-in');
    const q = (withCode) => `&factory=genesys&base=${encodeURIComponent(base)}${withCode ? `&code=${code}` : ''}`;
    const a = await open(context, '', 'JohnSmith', q(true));
    await until(a, () => window.__desk().leader === true && window.__desk().connection === 'online');
    const b = await open(context, '', 'JohnSmith', q(false));
    const c = await open(context, '', 'JohnSmith', q(false));
    let pages = [a, b, c];
    for (const p of [b, c]) await until(p, () => window.__desk().connection === 'online');
    check(
      (await made(pages)) === 1 && (await desk(a)).made === 1,
      `the factory was called ${await made(pages)} times in three tabs (once, in the leader, expected)`,
    );
    const accepts = () => fake.log.filter((e) => e.kind === 'http' && /\/accept$/.test(e.path)).length;
    const ok = async (r, label) => check((await r).ok, `${label} refused`);
    await ok(act(b, { type: 'login', mediaTypes: ['voice-preview'] }), 'login');
    for (const p of pages) await phaseIs(p, 'not-ready');
    await ok(act(c, { type: 'ready' }), 'ready');
    fake.command('push-preview');
    for (const p of pages) await phaseIs(p, 'ringing');
    await ok(act(b, { type: 'accept' }), 'Accept from a follower');
    for (const p of pages) await phaseIs(p, 'previewing');
    check(accepts() === 1, `${accepts()} accept requests reached the server (one expected)`);
    const closed = [await events(a)];
    ({ rest: pages } = await handover(pages, { count: 0 }, a, 'previewing'));
    const total = 1 + (await made(pages));
    check(total === 2, `the factory was called ${total} times after the handover (twice expected)`);
    check(accepts() === 1, `${accepts()} accept requests after the handover (one expected)`);
    primaryOnce('host events (Genesys)', await Promise.all(pages.map(events)), closed);
  } finally {
    await fake.close();
  }
});

for (const [name, attrs, init] of [
  ['fallback: no Web Locks — each tab its own session', '', () => Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined })],
  ['no-shared-tabs — each tab its own session', 'no-shared-tabs', null],
]) {
  await test(name, async (context) => {
    if (init) await context.addInitScript(init);
    const a = await open(context, attrs);
    const b = await open(context, attrs);
    for (const p of [a, b]) await until(p, () => window.__desk().connection === 'online');
    for (const p of [a, b]) check((await desk(p)).sent === 0 && (await desk(p)).leader === null, 'each tab should run a connector of its own');
    const r = await act(a, { type: 'login', mediaTypes: ['voice-preview'] });
    check(r.ok, 'login refused');
    await phaseIs(a, 'not-ready');
    check((await desk(b)).phase === 'logged-out', 'the other tab followed: sessions are shared');
    check((await desk(a)).sent === 1 && (await desk(b)).sent === 0, 'commands went to the wrong connector');
  });
}

await test('a tab of another agent id never joins', async (context) => {
  const a = await open(context);
  const other = await open(context, '', 'agent-8');
  for (const p of [a, other]) await until(p, () => window.__desk().leader === true && window.__desk().connection === 'online');
  const r = await act(a, { type: 'login', mediaTypes: ['voice-preview'] });
  check(r.ok, 'login refused');
  await phaseIs(a, 'not-ready');
  check((await desk(other)).phase === 'logged-out' && (await desk(other)).sent === 0, "agent-8's tab followed agent-7's");
});

await browser.close();
server.close();
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
mkdirSync('.reports', { recursive: true });
writeFileSync('.reports/tabs.json', JSON.stringify({ passed, failed }));
console.log(`tabs: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
