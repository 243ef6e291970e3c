// Size report and budget. Bytes minified, gzip (level 9) and brotli (quality 11) of
//  - the full CDN file, dist/cdn/push-preview-elements.min.js (everything, lit and rxjs included);
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
import { elements, readManifest } from './cem.mjs';

const BUDGET = 'size-budget.json';
const MARGIN = 1.05;

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
const cdn = 'dist/cdn/push-preview-elements.min.js';
if (!existsSync(cdn)) {
  console.error(`✖ ${cdn} is missing: run \`npm run build\` first.`);
  process.exit(1);
}
rows.push({ name: 'CDN file (all elements, lit, rxjs, simulated server)', key: cdn, ...(await measure(readFileSync(cdn, 'utf8'), false)) });
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
    `${JSON.stringify({ $comment: `Bytes; ${Math.round((MARGIN - 1) * 100)}% above what scripts/size.mjs measured. Raise only on purpose.`, ...budget }, null, 2)}\n`,
  );
  console.log(`wrote ${BUDGET}`);
}

const budget = existsSync(BUDGET) ? JSON.parse(readFileSync(BUDGET, 'utf8')) : {};
const w = Math.max(...rows.map((r) => r.name.length));
const cell = (n, b) => `${String(n).padStart(7)}${b ? ` /${String(b).padStart(7)}` : '         '}`;
console.log(`${'bytes (measured / budget)'.padEnd(w)}  ${'min'.padStart(16)}  ${'gzip'.padStart(16)}  ${'brotli'.padStart(16)}`);
let passed = 0;
let failed = 0;
for (const r of rows) {
  const b = budget[r.key];
  const over = !b ? ['no budget'] : ['min', 'gzip', 'brotli'].filter((k) => r[k] > b[k]);
  console.log(
    `${r.name.padEnd(w)}  ${cell(r.min, b?.min)}  ${cell(r.gzip, b?.gzip)}  ${cell(r.brotli, b?.brotli)}${over.length ? `  ✖ over: ${over.join(', ')}` : ''}`,
  );
  if (over.length) failed++;
  else passed++;
}
for (const k of Object.keys(budget)) if (k !== '$comment' && !rows.some((r) => r.key === k)) console.log(`(budget for ${k}, which is no longer measured)`);
mkdirSync('.reports', { recursive: true });
writeFileSync('.reports/size.json', JSON.stringify({ passed, failed }));
if (failed) console.error(`✖ ${failed} over the size budget (${BUDGET}). Make it smaller, or raise the budget on purpose.`);
console.log(`size budget: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
