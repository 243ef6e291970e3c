// One agent, many tabs (issue 17), in Debian's Chromium: pages of one browser context share Web
// Locks and BroadcastChannels, as the tabs of one browser profile do. On the simulated connector:
//  1. three tabs: Accept from a follower, Connect from another, the leader closed mid-call, a new
//     leader within 2 s with the call intact (and what was typed in a follower), Mark Done from
//     the third — one command per action, counted at the connector, the same phase in every tab;
//  2. the same with a tab opened mid-call (shown at once, and later the leader itself), the
//     Accept by a keyboard shortcut in one tab, announcements only in the tab that is shown;
//  3. fallbacks: no Web Locks, or `no-shared-tabs` — each tab its own session (as before).
// Writes .reports/tabs.json {passed, failed}.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from './browsers.mjs';
import { HANG_MS } from './page-waits.mjs';

const bundle = await build({ entryPoints: ['src/cdn.ts'], bundle: true, format: 'esm', target: 'es2022', write: false, logLevel: 'warning' });
const js = bundle.outputFiles[0].text;
const page = (attrs, agent) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tabs</title>
<script type="module" src="/pp.js"></script></head><body>
<push-preview-session agent-id="${agent}" ${attrs}><push-preview-panel></push-preview-panel></push-preview-session>
</body></html>`;
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/pp.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
  res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end(page(url.searchParams.get('attrs') ?? '', url.searchParams.get('agent') === 'agent-8' ? 'agent-8' : 'agent-7'));
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
async function open(context, attrs = '', agent = 'agent-7') {
  const p = await context.newPage();
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(`${origin}/?attrs=${encodeURIComponent(attrs)}&agent=${agent}`);
  await p.waitForFunction(() => document.querySelector('push-preview-session')?.session, null, { timeout: HANG_MS });
  await p.evaluate(() => {
    const el = document.querySelector('push-preview-session');
    window.__phases = [];
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
        sent: s.connector ? s.connector.sent : null,
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
  const code = await from.evaluate(() => document.querySelector('push-preview-session').session.state.workflow.campaign.dispositionCodes[0].code);
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
  await step(pages, gone, 'Connect from another', () => act(c, { type: 'connect' }), 'connected');
  // Typed in a follower: every tab shows it, and it outlives the leader.
  const handle = await b.evaluate(() => document.querySelector('push-preview-session').session.state.workflow.interaction.chain.activeHandle);
  await b.evaluate(
    (h) => document.querySelector('push-preview-session').session.edit({ kind: 'field', handle: h, name: 'note', value: 'call back after 5' }),
    handle,
  );
  for (const p of pages) await until(p, () => window.__desk().drafts.includes('call back after 5'));
  ({ rest: pages } = await handover(pages, gone, a, 'connected'));
  for (const p of pages) await until(p, () => window.__desk().drafts.includes('call back after 5'));
  await step(pages, gone, 'save the typed field', () => act(b, { type: 'update-record', handle, fields: { note: 'call back after 5' } }), 'connected');
  await wrapUp(pages, gone, c);
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
  await step(pages, gone, 'Accept by Alt+Shift+A in one tab', () => b.keyboard.press('Alt+Shift+KeyA').then(() => ({ ok: true })), 'previewing');
  await until(b, () => window.__desk().live.includes('Preview accepted'));
  check((await a.evaluate(() => document.visibilityState)) === 'hidden', 'tab A should be in the background');
  check(!(await desk(a)).live.includes('Preview accepted'), 'a background tab announced the Accept');
  await step(pages, gone, 'Connect', () => act(a, { type: 'connect' }), 'connected');
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
