// Size report and budget. Bytes minified, gzip (level 9) and brotli (quality 11) of
//  - the CDN build, as a browser fetches it (each file compressed on its own, then summed):
//    up front, what the README's <script type="module" src=".../dist/cdn/push-preview-elements.min.js">
//    loads before it runs — the entry and every file it imports statically, followed transitively
//    (scripts/cdn-graph.mjs) — measured against issue 15's cap of 35 kB gzip, with one line saying
//    by how much it is over (not met yet; that line is a warning, and the budget is what holds the
//    row: PP_SIZE_CAP=fail makes it fail the run); then each part loaded later,
//    beyond what is loaded up front: every chunk the up-front
//    files import dynamically (ja strings, phone metadata, the default simulated connector), and
//    the other entries (api.min.js, connectors.min.js, genesys-connector.min.js);
//  - each element's own code: its module in dist/ (what `import { X }` adds beside the shared
//    base, lit, rxjs and the domain), minified here with esbuild as a bundler would;
//  - the initial load of a page showing the whole workflow in English (<push-preview-panel> with
//    lit, @lit/context and rxjs; ja strings and phone numbers load on demand), bundled as
//    `npm run bench` bundles it (scripts/bench-size.mjs).
// Every number must stay within size-budget.json; a row over its budget fails the run.
// `node scripts/size.mjs --update` sets the budget 5% above what it measures now (do that on
// purpose, in its own commit, saying why the code grew). Run after `npm run build`.
// Writes .reports/size.json {passed, failed}.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import { workflowBuild } from './bench-size.mjs';
import { CDN_ENTRY, cdnGraph, upFront } from './cdn-graph.mjs';
import { elements, readManifest } from './cem.mjs';

const BUDGET = 'size-budget.json';
const MARGIN = 1.05;
/** Issue 15's cap on what the CDN <script> loads up front: 35 kB gzip (kB = 1,024 bytes). */
export const UP_FRONT_CAP_GZIP = 35 * 1024;
/** Not met yet (see README): over the cap is a warning unless PP_SIZE_CAP=fail. */
const CAP_FAILS = process.env.PP_SIZE_CAP === 'fail';
/** The CDN build's lazily loaded chunks, by the name rollup.config.mjs gives them. */
const LAZY = {
  ja: 'ja strings',
  phone: 'phone numbers (libphonenumber-js + metadata)',
  simulated: 'the default simulated connector + server',
  shared: "the agent's tabs' shared session (Web Locks, BroadcastChannel)",
  messages: "the developer's console texts",
  timers: '<call-timers> (defined right after the other tags)',
};

async function measure(code, minify) {
  const min = minify ? (await transform(code, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' })).code : code;
  const buf = Buffer.from(min);
  return {
    min: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const rows = [];
let graph;
try {
  graph = await cdnGraph('dist/cdn');
} catch (e) {
  console.error(`✖ ${e.message}`);
  process.exit(1);
}
const sum = async (files) => {
  const t = { min: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const [k, v] of Object.entries(await measure(readFileSync(f, 'utf8'), false))) t[k] += v;
  return t;
};
const entry = `dist/cdn/${CDN_ENTRY}`;
const front = upFront(graph, entry);
rows.push({
  name: `CDN up front: ${CDN_ENTRY} + its static imports (${front.size} files; whole workflow, en)`,
  key: 'cdn-up-front',
  target: { gzip: UP_FRONT_CAP_GZIP },
  ...(await sum(front)),
});
const later = (start) => [...upFront(graph, start)].filter((f) => !front.has(f));
for (const f of new Set([...front].flatMap((x) => graph.files.get(x).dynamic))) {
  const part = f.match(/chunks\/([a-z]+)-[^/]*\.js$/)?.[1] ?? f;
  rows.push({ name: `CDN lazy: ${LAZY[part] ?? f} (${later(f).length} files)`, key: `cdn-lazy-${part}`, ...(await sum(later(f))) });
}
for (const e of graph.entries.filter((x) => x !== entry)) {
  const name = e.replace(/^dist\/cdn\/|\.min\.js$/g, '');
  rows.push({
    name: `CDN entry ${e.replace('dist/cdn/', '')}, beyond the up-front files (${later(e).length} files)`,
    key: `cdn-${name}`,
    ...(await sum(later(e))),
  });
}
for (const el of elements(readManifest()).sort((a, b) => a.tagName.localeCompare(b.tagName))) {
  const file = el.modulePath.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
  rows.push({ name: `<${el.tagName}> own code`, key: el.tagName, file, ...(await measure(readFileSync(file, 'utf8'), true)) });
}
const { initial } = await workflowBuild();
rows.push({
  name: 'initial load, whole workflow in en (panel, lit, @lit/context, rxjs)',
  key: 'initial-load',
  min: initial.min,
  gzip: initial.gzip,
  brotli: initial.brotli,
});

if (process.argv.includes('--update')) {
  const budget = Object.fromEntries(
    rows.map((r) => [r.key, { min: Math.ceil(r.min * MARGIN), gzip: Math.ceil(r.gzip * MARGIN), brotli: Math.ceil(r.brotli * MARGIN) }]),
  );
  writeFileSync(
    BUDGET,
    `${JSON.stringify({ $comment: `Bytes; ${Math.round((MARGIN - 1) * 100)}% above what scripts/size.mjs measured (cdn-up-front is also held to issue 15's cap of ${UP_FRONT_CAP_GZIP.toLocaleString('en')} B gzip, which no budget raises). Raise only on purpose.`, ...budget }, null, 2)}\n`,
  );
  console.log(`wrote ${BUDGET}`);
}

const budget = existsSync(BUDGET) ? JSON.parse(readFileSync(BUDGET, 'utf8')) : {};
const w = Math.max(...rows.map((r) => r.name.length));
const cell = (n, b) => `${String(n).padStart(7)}${b ? ` /${String(b).padStart(7)}` : '         '}`;
console.log(`${'bytes (measured / budget)'.padEnd(w)}  ${'min'.padStart(16)}  ${'gzip'.padStart(16)}  ${'brotli'.padStart(16)}`);
let passed = 0;
let failed = 0;
const overCap = [];
let overBudget = 0;
for (const r of rows) {
  const b = budget[r.key];
  const over = !b ? ['no budget'] : ['min', 'gzip', 'brotli'].filter((k) => r[k] > b[k]);
  if (over.length) overBudget++;
  const capped = r.target && r.gzip > r.target.gzip;
  if (capped && CAP_FAILS) over.push(`the ${r.target.gzip / 1024} kB gzip cap`);
  const target = r.target
    ? `  (cap ${r.target.gzip / 1024} kB gzip: ${capped ? `${((r.gzip - r.target.gzip) / 1024).toFixed(1)} kB over` : `${((r.target.gzip - r.gzip) / 1024).toFixed(1)} kB under`})`
    : '';
  console.log(
    `${r.name.padEnd(w)}  ${cell(r.min, b?.min)}  ${cell(r.gzip, b?.gzip)}  ${cell(r.brotli, b?.brotli)}${over.length ? `  ✖ over: ${over.join(', ')}` : ''}${target}`,
  );
  if (over.length) failed++;
  else passed++;
  if (capped) overCap.push(r);
}
for (const k of Object.keys(budget)) if (k !== '$comment' && !rows.some((r) => r.key === k)) console.log(`(budget for ${k}, which is no longer measured)`);
mkdirSync('.reports', { recursive: true });
writeFileSync('.reports/size.json', JSON.stringify({ passed, failed }));
for (const r of overCap)
  console.error(
    `${CAP_FAILS ? '✖' : '⚠'} the CDN loads ${r.gzip.toLocaleString('en')} B gzip up front, over issue 15's cap of ${r.target.gzip.toLocaleString('en')} B (${r.target.gzip / 1024} kB) by ${(r.gzip - r.target.gzip).toLocaleString('en')} B: make it smaller (the cap is not a budget to raise)${CAP_FAILS ? '' : '; not met yet, so a warning (PP_SIZE_CAP=fail fails on it)'}.`,
  );
if (overBudget) console.error(`✖ ${overBudget} over the size budget (${BUDGET}). Make it smaller, or raise the budget on purpose.`);
console.log(`size budget: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
