// Runtime and memory part of `npm run bench` (issue 7): bench/runtime/page.tsx (our Lit elements
// and the React twin in bench/twin/) bundled with esbuild, run in Debian's Chromium through
// Playwright (never a downloaded browser), the two sides alternated in one browser session.
// Each ratio is ours ÷ the twin's, per alternated pair; we report its median and spread.
// `node scripts/bench-runtime.mjs [--quick]` runs it alone; writes bench/results/runtime.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from './browsers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

export const TARGETS = { updateRatio: 0.5, firstRenderRatio: 1.0, rendersPerFrame: 1, subscriptionsLeft: 0 };

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => {
    const i = (s.length - 1) * p;
    const lo = Math.floor(i);
    return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
  };
  return { n: s.length, median: q(0.5), p25: q(0.25), p75: q(0.75), min: s[0], max: s[s.length - 1] };
}

async function bundle() {
  const r = await build({
    entryPoints: ['bench/runtime/page.tsx'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    conditions: ['es2015', 'production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: 'tsconfig.json',
    write: false,
    logLevel: 'error',
  });
  return r.outputFiles[0].text;
}

/** Alternate the two sides `reps` times (who goes first alternates too); ratios per pair. */
async function alternate(page, fn, args, reps, pick = (r) => r.ms, pick2 = null) {
  const lit = [];
  const react = [];
  const ratios = [];
  const two = { lit: [], react: [], ratio: [] };
  const raw = { lit: [], react: [] };
  for (let i = 0; i < reps; i++) {
    const order = i % 2 === 0 ? ['lit', 'react'] : ['react', 'lit'];
    const got = {};
    for (const impl of order) got[impl] = await page.evaluate(([f, impl, a]) => window.bench[f](impl, ...a), [fn, impl, args]);
    lit.push(pick(got.lit));
    react.push(pick(got.react));
    ratios.push(pick(got.lit) / pick(got.react));
    if (pick2) {
      two.lit.push(pick2(got.lit));
      two.react.push(pick2(got.react));
      two.ratio.push(pick2(got.lit) / pick2(got.react));
    }
    raw.lit.push(got.lit);
    raw.react.push(got.react);
  }
  const worst = (side, key) => (raw[side][0]?.[key] === undefined ? undefined : Math.max(...raw[side].map((r) => r[key])));
  return {
    lit: stats(lit),
    react: stats(react),
    ratio: stats(ratios),
    last: { lit: raw.lit.at(-1), react: raw.react.at(-1) },
    maxRendersPerElementPerFrame: { lit: worst('lit', 'maxRendersPerElementPerFrame'), react: worst('react', 'maxRendersPerElementPerFrame') },
    ...(pick2 ? { second: { lit: stats(two.lit), react: stats(two.react), ratio: stats(two.ratio) } } : {}),
  };
}

async function heapAfterGc(page, cdp) {
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => window.gc());
    await cdp.send('HeapProfiler.collectGarbage');
  }
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

export async function runRuntime({ quick = false, log = console.log } = {}) {
  const code = await bundle();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, '--js-flags=--expose-gc'], headless: true });
  const version = browser.version();
  const page = await browser.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.route('http://bench.localhost/**', (route) => {
    const url = route.request().url();
    // Cross-origin isolated, so performance.now() has 5 µs resolution rather than 100 µs.
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    if (url.endsWith('/page.js')) return route.fulfill({ headers, contentType: 'text/javascript', body: code });
    return route.fulfill({
      headers,
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><meta charset="utf-8"><body><div id="stage"></div><script type="module" src="/page.js"></script></body></html>',
    });
  });
  await page.goto('http://bench.localhost/');
  await page.waitForFunction(() => document.title === 'ready');
  if (!(await page.evaluate(() => crossOriginIsolated))) log('note: the page is not cross-origin isolated; timer resolution is 100 µs');
  const cdp = await page.context().newCDPSession(page);
  await page.evaluate(() => window.bench.warm());
  const reps = quick ? { first: 6, event: 10, burst: 2, workflow: 4, mount: 50 } : { first: 60, event: 100, burst: 15, workflow: 30, mount: 1000 };
  const out = { chromium: version, reps, targets: TARGETS };
  const f = (x) => x.toFixed(x < 1 ? 3 : x < 10 ? 2 : 1);
  const line = (name, r, unit = 'ms') =>
    `${name.padEnd(44)} ours ${f(r.lit.median).padStart(7)} ${unit}  twin ${f(r.react.median).padStart(7)} ${unit}  ratio ${r.ratio.median.toFixed(2)} (IQR ${r.ratio.p25.toFixed(2)}–${r.ratio.p75.toFixed(2)}, range ${r.ratio.min.toFixed(2)}–${r.ratio.max.toFixed(2)}, n=${r.ratio.n})`;

  log(`chromium ${version}; medians, ratio = ours ÷ twin per alternated pair`);
  out.firstRender = await alternate(page, 'firstRender', [], reps.first);
  log(line('first render, full panel (previewing)', out.firstRender));
  out.oneEvent = await alternate(page, 'oneEvent', [], reps.event);
  log(line('one server event → DOM updated', out.oneEvent));
  const storeMs = [];
  for (let i = 0; i < 5; i++) storeMs.push((await page.evaluate(() => window.bench.storeOnly())).ms);
  out.storeOnly = stats(storeMs);
  log(`${'  of which the store alone (no view)'.padEnd(44)} ${f(out.storeOnly.median).padStart(12)} ms per event (median of 5 × 200 events)`);

  out.bursts = [];
  for (const delivery of ['sync', 'tasks']) {
    for (const n of [1, 100, 1000]) {
      for (const k of [1, 4, 16]) {
        const r = await alternate(page, 'burst', [n, k, delivery], reps.burst);
        out.bursts.push({ delivery, n, k, ...r });
        const rp = `renders/element ours ${f(r.last.lit.rendersPerElement)} twin ${f(r.last.react.rendersPerElement)}; most renders of one element in one frame (worst run) ours ${f(r.maxRendersPerElementPerFrame.lit)} twin ${f(r.maxRendersPerElementPerFrame.react)}`;
        log(`${line(`burst ${n} events × ${k} subscribed (${delivery})`, r)}\n${' '.repeat(46)}${rp}`);
      }
    }
  }

  // The workflow: the sum of its six steps' times to DOM updated, and to the frame that shows each
  // (both from the same runs).
  out.workflow = await alternate(
    page,
    'workflow',
    [],
    reps.workflow,
    (r) => r.ms,
    (r) => r.presented,
  );
  out.workflowPresented = out.workflow.second;
  log(line('full workflow, preview → Mark Done: DOM', out.workflow));
  log(`${' '.repeat(46)}renders ours ${out.workflow.last.lit.renders} twin ${out.workflow.last.react.renders}`);
  log(line('full workflow, preview → Mark Done: on screen', out.workflowPresented));

  // Memory: a short warm-up on each side, then the counted run.
  out.memory = {};
  for (const impl of ['lit', 'react']) await page.evaluate(([impl]) => window.bench.mountCycles(impl, 20, 'previewing'), [impl]);
  // Two counted rounds per side, alternated: growth that repeats round after round is a leak;
  // growth in the first round only is what stays cached (templates, styles, formatters).
  for (const round of [1, 2]) {
    for (const impl of ['lit', 'react']) {
      const before = await heapAfterGc(page, cdp);
      const r = await page.evaluate(([impl, n]) => window.bench.mountCycles(impl, n, 'previewing'), [impl, reps.mount]);
      const after = await heapAfterGc(page, cdp);
      (out.memory[impl] ??= []).push({ round, ...r, heapBefore: before, heapAfter: after, heapGrowth: after - before });
      log(
        `memory round ${round} ${impl === 'lit' ? 'ours' : 'twin'}: ${reps.mount} × mount/unmount of each of ${Object.keys(r.perTag).length} elements${impl === 'lit' ? ` + ${reps.mount} × <push-preview-session>` : ''} in ${Math.round(r.ms)} ms; ` +
          `live state$ subscriptions left ${r.liveAfter - r.liveBefore}${impl === 'lit' ? ` (+ ${r.providerSessionsLeft} on the providers' own sessions)` : ''}; heap after GC ${(before / 1048576).toFixed(2)} → ${(after / 1048576).toFixed(2)} MiB (${after - before >= 0 ? '+' : ''}${((after - before) / 1024).toFixed(1)} KiB)`,
      );
    }
  }
  await browser.close();
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  const out = await runRuntime({ quick });
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/runtime${quick ? '-quick' : ''}.json`, `${JSON.stringify({ measuredAt: new Date().toISOString(), ...out }, null, 2)}\n`);
}
