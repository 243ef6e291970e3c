// The example apps (examples/html, examples/react, examples/vue, examples/angular) and the Storybook docs pages,
// checked in Debian's Chromium:
//  1. typecheck the React app, compile the Angular one (ngc), build the apps with Vite (the package resolves by
//     its name through the root's `exports` to dist/, so `npm run build` must have run);
//  2. serve each app and walk the workflow as an agent: log in, Ready, a preview arrives,
//     Accept, Connect, Disconnect, pick a disposition code, Mark Done — then the app's own log
//     must show the host events it listened to, through its framework's binding, and the page
//     must have raised no error; the plain HTML page must have fetched the CDN build's core chunk
//     and neither its ja chunk nor the Genesys connector (English, simulated server);
//  3. open every MDX docs page of storybook-static/ (when built) and check it rendered.
// Writes .reports/examples.json {passed, failed}. `--serve` builds, serves and prints the URLs.
import { HANG_MS, watchBanner } from './page-waits.mjs';
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from './browsers.mjs';
import { CSP } from './serve.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};
// Vue's runtime writes static markup with innerHTML under its own Trusted Types policy name.
const VUE_CSP = CSP.replace('trusted-types lit-html', 'trusted-types lit-html vue');
// Angular creates its own policy (it is refused here, and Angular does without it).
const ANGULAR_CSP = CSP.replace('trusted-types lit-html', 'trusted-types lit-html angular');

/** A static server for one folder; `csp` null serves without a Content-Security-Policy. */
function serve(root, csp) {
  const base = resolve(root);
  const reports = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/csp-report') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => (reports.push(body), res.writeHead(204).end()));
      return;
    }
    let path = normalize(join(base, decodeURIComponent(url.pathname)));
    if (!path.startsWith(base)) return res.writeHead(403).end();
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path)) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...(csp ? { 'content-security-policy': csp } : {}),
    });
    createReadStream(path).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, reports, url: `http://127.0.0.1:${server.address().port}` })));
}

const apps = [
  { name: 'plain HTML + CDN build', root: '.', path: '/examples/html/', csp: CSP },
  { name: 'React', root: 'examples/react/dist', path: '/', csp: CSP, vite: 'examples/react/vite.config.mjs', tsconfig: 'examples/react/tsconfig.json' },
  { name: 'Vue', root: 'examples/vue/dist', path: '/', csp: VUE_CSP, vite: 'examples/vue/vite.config.mjs' },
  // ngc: Angular's ahead-of-time compiler (templates type-checked) into dist/ngc, which Vite bundles.
  {
    name: 'Angular',
    root: 'examples/angular/dist/app',
    path: '/',
    csp: ANGULAR_CSP,
    vite: 'examples/angular/vite.config.mjs',
    tsconfig: 'examples/angular/tsconfig.json',
    compiler: 'ngc',
  },
];

const results = [];
function record(name, error) {
  results.push({ name, ok: !error });
  if (error)
    console.error(
      `  ✖ ${name}\n    ${String(error?.stack ?? error)
        .split('\n')
        .slice(0, 6)
        .join('\n    ')}`,
    );
  else console.log(`  ✔ ${name}`);
}

if (!existsSync('dist/cdn/push-preview-elements.min.js') || !existsSync('dist/cdn/connectors.min.js') || !existsSync('dist/react/index.js')) {
  console.error('✖ dist/ is missing or old: run `npm run build` first.');
  process.exit(1);
}

// 1. Typecheck and build.
for (const app of apps) {
  const t = Date.now();
  try {
    if (app.tsconfig) {
      const compiler = app.compiler ?? 'tsc';
      const r = spawnSync('npx', ['--no-install', compiler, '-p', app.tsconfig], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`${compiler} -p ${app.tsconfig} failed`);
    }
    if (app.vite) await build({ configFile: app.vite, logLevel: 'error' });
    record(
      `${app.name}: ${app.tsconfig ? 'typecheck and build' : app.vite ? 'build' : 'files present'} (${((Date.now() - t) / 1000).toFixed(1)} s)`,
      app.vite && !existsSync(join(app.root, 'index.html')) ? 'no index.html built' : null,
    );
  } catch (e) {
    record(`${app.name}: build`, e);
  }
}

if (process.argv.includes('--serve')) {
  for (const app of apps) {
    const s = await serve(app.root, app.csp);
    console.log(`${app.name}: ${s.url}${app.path}`);
  }
} else {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    // 2. Smoke-test each app.
    for (const app of apps) {
      const t = Date.now();
      const s = await serve(app.root, app.csp);
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const cdnFiles = [];
      page.on('request', (r) => r.url().includes('/dist/cdn/') && cdnFiles.push(new URL(r.url()).pathname.replace(/^.*\/dist\/cdn\//, '')));
      try {
        await page.goto(`${s.url}${app.path}`);
        await workflow(page);
        await page.waitForTimeout(100);
        if (s.reports.length) throw new Error(`CSP violations: ${s.reports.join('\n')}`);
        if (errors.length) throw new Error(`page errors:\n${errors.join('\n')}`);
        // The CDN page in English ran the whole workflow without the chunks it does not need.
        const unneeded = cdnFiles.filter((f) => /^chunks\/ja-|^genesys-connector/.test(f));
        if (app.root === '.' && (unneeded.length || !cdnFiles.some((f) => /^chunks\/core-/.test(f))))
          throw new Error(`CDN files fetched: ${cdnFiles.join(', ')}; not needed in English on the simulated server: ${unneeded.join(', ') || 'none'}`);
        record(`${app.name}: preview arrives, Accept, Connect, Disconnect, code, Mark Done (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      } catch (e) {
        mkdirSync('.reports', { recursive: true });
        await page.screenshot({ path: `.reports/example-${app.name.replace(/\W+/g, '-')}.png` }).catch(() => {});
        record(`${app.name}: workflow`, e);
      } finally {
        await page.close();
        s.server.close();
      }
    }
    // 3. The docs pages of the Storybook build.
    if (existsSync('storybook-static/index.json')) await docsPages(browser);
    else console.log('  (storybook-static/ not built: docs pages not checked)');
  } finally {
    await browser.close();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  mkdirSync('.reports', { recursive: true });
  writeFileSync('.reports/examples.json', JSON.stringify({ passed, failed }));
  console.log(`examples and docs pages: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

/** The agent's walk, by mouse. Playwright's CSS locators reach into open shadow roots. */
async function workflow(page) {
  const action = (name) => page.locator(`[data-action="${name}"]`).first();
  const click = async (name) => {
    const b = action(name);
    await b.waitFor({ timeout: HANG_MS });
    // Playwright waits for the button to be enabled, which includes aria-disabled="false".
    await b.click({ timeout: HANG_MS });
  };
  const log = page.locator('#log');
  await click('login');
  await click('ready');
  await log.getByText('pp-preview-offered', { exact: false }).waitFor({ timeout: HANG_MS });
  await click('accept');
  await click('connect');
  // Outside the contact's calling window Connect asks first (issue 13), and the agent confirms:
  // which of the two comes depends on the hour the run starts at.
  const connected = log.getByText('pp-call-connected');
  await connected.or(action('connect-anyway')).first().waitFor({ timeout: HANG_MS });
  if (!(await connected.isVisible())) await click('connect-anyway');
  await connected.waitFor({ timeout: HANG_MS });
  await click('disconnect');
  await log.getByText('pp-call-ended').waitFor({ timeout: HANG_MS });
  // The default campaign requires a disposition code (W-29).
  await page.locator('wrapup-codes input[type=radio][value="RENEWED"]').check({ timeout: HANG_MS });
  const sawDone = await watchBanner(page, 'Done'); // the next preview follows 300 ms later
  await click('mark-done');
  await log.getByText('pp-done', { exact: false }).waitFor({ timeout: HANG_MS });
  // The agent is still Ready after Mark Done, so the next preview may already be arriving.
  const seen = (await log.locator('li').allTextContents()).map((l) => l.split(':')[0]).slice(0, 5);
  const want = ['pp-preview-offered', 'pp-accepted', 'pp-call-connected', 'pp-call-ended', 'pp-done'];
  if (JSON.stringify(seen) !== JSON.stringify(want)) throw new Error(`events seen: ${seen.join(', ')}; expected ${want.join(', ')}`);
  await sawDone();
}

async function docsPages(browser) {
  const index = JSON.parse(readFileSync('storybook-static/index.json', 'utf8'));
  const pages = Object.values(index.entries).filter((e) => e.type === 'docs' && e.tags?.includes('unattached-mdx'));
  const s = await serve('storybook-static', null);
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    for (const doc of pages) {
      errors.length = 0;
      try {
        await page.goto(`${s.url}/iframe.html?id=${doc.id}&viewMode=docs`);
        const h1 = page.locator('#storybook-docs h1').first();
        await h1.waitFor({ timeout: HANG_MS });
        const text = await page.locator('#storybook-docs').innerText();
        if (/\bError:/.test(text)) throw new Error(`the page shows an error: ${text.slice(text.indexOf('Error:'), text.indexOf('Error:') + 200)}`);
        if (errors.length) throw new Error(errors.join('\n'));
        record(`docs page "${doc.title}" renders (${text.length} characters)`);
      } catch (e) {
        record(`docs page "${doc.title}"`, e);
      }
    }
  } finally {
    await page.close();
    s.server.close();
  }
}
