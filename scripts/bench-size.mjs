// Size part of `npm run bench` (issue 7). Bytes minified, gzip (level 9) and brotli (quality 11),
// measured the way scripts/size.mjs measures them, of:
//  (a) what the CDN entry loads up front (the entry and every file it imports statically, as
//      scripts/size.mjs measures it) — built here by the project's own rollup.config.mjs into a
//      private folder (dist/ is left alone: other runs may be reading it);
//  (b) what a page loads for the whole workflow in English: src/define/push-preview-panel.ts
//      bundled by esbuild with code splitting and rxjs's `es2015` export condition; the initial
//      load is the entry chunk plus every chunk it imports statically;
//  (c) each element's own code (its module of the per-module build, minified — as scripts/size.mjs);
//  (d) each lazily loaded chunk: ja strings, phone-number metadata, the default simulated connector,
//      the Genesys connector entry;
// and, side by side, lit core, react + react-dom (production), and the published browser files of
// amazon-connect-streams and purecloud-platform-client-v2 (devDependencies, measured only).
// Run alone: `node scripts/bench-size.mjs` (writes bench/results/size.json); `npm run bench` runs it too.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import { rollup } from 'rollup';
import { CDN_ENTRY, cdnGraph, upFront } from './cdn-graph.mjs';
import { elements, readManifest } from './cem.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const OUT = 'node_modules/.cache/pp-bench';
export const TARGET_INITIAL_GZIP = 30 * 1024; // issue 7: ≤ 30 kB gzip for the initial load (kB = 1,024 bytes)

export function compress(buf) {
  return {
    min: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
const sum = (rows) => rows.reduce((a, r) => ({ min: a.min + r.min, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }), { min: 0, gzip: 0, brotli: 0 });
async function minified(code) {
  return Buffer.from((await transform(code, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' })).code);
}

/** (a) + the per-module build: the project's rollup config, outputs moved under OUT. */
async function rollupBuild() {
  const configs = (await import(new URL('../rollup.config.mjs', import.meta.url))).default;
  rmSync(join(OUT, 'dist'), { recursive: true, force: true }); // no chunk of an earlier build left beside the new ones
  for (const cfg of configs) {
    const plugins = cfg.plugins.filter((p) => p && p.name !== 'print-sizes');
    const bundle = await rollup({ ...cfg, plugins, onwarn: () => {} });
    const out = { ...cfg.output, sourcemap: false };
    out.dir = join(OUT, out.dir);
    await bundle.write(out);
    await bundle.close();
  }
}

/** (b), (d): esbuild with splitting, the way an app's bundler would serve the panel. */
export async function workflowBuild() {
  const outdir = join(OUT, 'workflow');
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { panel: 'src/define/push-preview-panel.ts', genesys: 'src/connectors/genesys/index.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    conditions: ['es2015', 'production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: 'tsconfig.build.json',
    outdir,
    metafile: true,
    write: true,
    logLevel: 'error',
  });
  const outputs = result.metafile.outputs;
  const file = (p) => relative(root, join(root, p));
  const stat = (p) => compress(readFileSync(p));
  const staticClosure = (start) => {
    const seen = new Set();
    const walk = (p) => {
      if (seen.has(p)) return;
      seen.add(p);
      for (const i of outputs[p].imports) if (i.kind === 'import-statement' && outputs[i.path]) walk(i.path);
    };
    walk(start);
    return seen;
  };
  const entryOf = (src) => Object.keys(outputs).find((p) => outputs[p].entryPoint === src);
  const panelEntry = entryOf('src/define/push-preview-panel.ts');
  const initial = staticClosure(panelEntry);
  const initialRows = [...initial].map((p) => ({ file: file(p), ...stat(p) }));
  // Where the initial load's minified bytes come from (esbuild's bytesInOutput, before compression).
  const by = {};
  for (const p of initial) {
    for (const [input, info] of Object.entries(outputs[p].inputs)) {
      const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
      const key = m ? m[1] : input.startsWith('src/') ? `src/${input.split('/')[1]}` : input;
      by[key] = (by[key] ?? 0) + info.bytesInOutput;
    }
  }
  // Lazy chunks: every dynamic import reachable from the panel, plus the Genesys entry; each with
  // the chunks it needs beyond what is already loaded.
  const lazy = [];
  const dyn = new Set();
  for (const p of initial) for (const i of outputs[p].imports) if (i.kind === 'dynamic-import') dyn.add(i.path);
  const label = (p) => {
    const ins = [...staticClosure(p)].filter((x) => !initial.has(x)).flatMap((x) => Object.keys(outputs[x].inputs));
    if (ins.some((x) => x.endsWith('src/i18n/ja.ts'))) return 'ja strings (src/i18n/ja.ts)';
    if (ins.some((x) => x.includes('libphonenumber-js/metadata'))) return 'phone numbers (libphonenumber-js core + metadata.min)';
    if (ins.some((x) => x.endsWith('src/connectors/simulated/connector.ts'))) return 'simulated connector + server (the default connector)';
    return `chunk of ${ins.slice(0, 2).join(', ')}`;
  };
  const loaded = new Set(initial);
  for (const p of dyn) {
    const extra = [...staticClosure(p)].filter((x) => !loaded.has(x));
    lazy.push({ name: label(p), files: extra.map(file), ...sum(extra.map(stat)) });
  }
  const genesysEntry = entryOf('src/connectors/genesys/index.ts');
  const genesysExtra = [...staticClosure(genesysEntry)].filter((x) => !loaded.has(x));
  lazy.push({
    name: 'Genesys connector entry (src/connectors/genesys/index.ts, cometd included)',
    files: genesysExtra.map(file),
    ...sum(genesysExtra.map(stat)),
  });
  return { initial: { files: initialRows, ...sum(initialRows) }, initialMinBytesBySource: by, lazy };
}

/** What one package costs the initial load: the panel bundled with it left out, compared. */
async function initialWithout(external) {
  const r = await build({
    entryPoints: ['src/define/push-preview-panel.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    conditions: ['es2015', 'production'],
    tsconfig: 'tsconfig.build.json',
    outdir: join(OUT, 'without'),
    external,
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  const outs = r.metafile.outputs;
  const files = new Map(r.outputFiles.map((f) => [relative(root, f.path), f.contents]));
  const entry = Object.keys(outs).find((p) => outs[p].entryPoint);
  const seen = new Set();
  const walk = (p) => {
    if (seen.has(p)) return;
    seen.add(p);
    for (const i of outs[p].imports) if (i.kind === 'import-statement' && outs[i.path]) walk(i.path);
  };
  walk(entry);
  return sum([...seen].map((p) => compress(Buffer.from(files.get(relative(root, join(root, p)))))));
}

async function bundleOf(code, name) {
  const r = await build({
    stdin: { contents: code, resolveDir: root, loader: 'js', sourcefile: name },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    conditions: ['es2015', 'production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'error',
  });
  return Buffer.from(r.outputFiles[0].contents);
}

function version(pkg) {
  return JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')).version;
}

export async function measureSizes() {
  mkdirSync(OUT, { recursive: true });
  await rollupBuild();
  const rows = [];
  const cdnDir = join(OUT, 'dist/cdn');
  const front = [...upFront(await cdnGraph(cdnDir), join(cdnDir, CDN_ENTRY))];
  rows.push({
    group: 'a',
    name: `CDN up front, every element (dist/cdn/${CDN_ENTRY} + ${front.length - 1} files it imports statically)`,
    ...sum(front.map((f) => compress(readFileSync(f)))),
  });
  const wf = await workflowBuild();
  const whole = await initialWithout([]);
  const marginal = {};
  for (const [name, ext] of Object.entries({
    rxjs: ['rxjs', 'rxjs/*'],
    'lit (lit, lit-html, lit-element, @lit/reactive-element)': [
      'lit',
      'lit/*',
      'lit-html',
      'lit-html/*',
      'lit-element',
      'lit-element/*',
      '@lit/reactive-element',
      '@lit/reactive-element/*',
    ],
    '@lit/context': ['@lit/context'],
  })) {
    const w = await initialWithout(ext);
    marginal[name] = { min: whole.min - w.min, gzip: whole.gzip - w.gzip, brotli: whole.brotli - w.brotli };
  }
  const ownGzip = whole.gzip - Object.values(marginal).reduce((a, m) => a + m.gzip, 0);
  rows.push({
    group: 'b',
    name: 'initial load, whole workflow in en (<push-preview-panel> + lit + @lit/context + rxjs)',
    ...wf.initial,
    target: { gzip: TARGET_INITIAL_GZIP },
  });
  const budget = JSON.parse(readFileSync('size-budget.json', 'utf8'));
  for (const el of elements(readManifest()).sort((a, b) => a.tagName.localeCompare(b.tagName))) {
    const f = join(OUT, el.modulePath.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js'));
    rows.push({ group: 'c', name: `<${el.tagName}> own code`, ...compress(await minified(readFileSync(f, 'utf8'))), budget: budget[el.tagName] ?? null });
  }
  for (const l of wf.lazy) rows.push({ group: 'd', ...l, name: `lazy: ${l.name}` });
  rows.push({ group: 'x', name: `lit ${version('lit')} (core: export * from 'lit')`, ...compress(await bundleOf("export * from 'lit';", 'lit-core.js')) });
  rows.push({
    group: 'x',
    name: `react ${version('react')} + react-dom ${version('react-dom')}/client (production)`,
    ...compress(await bundleOf("export * from 'react'; export { createRoot } from 'react-dom/client';", 'react.js')),
  });
  rows.push({
    group: 'x',
    name: `amazon-connect-streams ${version('amazon-connect-streams')} (release/connect-streams-min.js, as published)`,
    ...compress(readFileSync('node_modules/amazon-connect-streams/release/connect-streams-min.js')),
  });
  const pc = JSON.parse(readFileSync('node_modules/purecloud-platform-client-v2/package.json', 'utf8'));
  rows.push({
    group: 'x',
    name: `purecloud-platform-client-v2 ${pc.version} (${pc.browser}, as published)`,
    ...compress(readFileSync(join('node_modules/purecloud-platform-client-v2', pc.browser))),
  });
  return { rows, initialMinBytesBySource: wf.initialMinBytesBySource, initialFiles: wf.initial.files, initialMarginal: marginal, initialOwnCodeGzip: ownGzip };
}

export function printSizes({ rows, initialMinBytesBySource, initialMarginal, initialOwnCodeGzip }) {
  const w = Math.max(...rows.map((r) => r.name.length));
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`.padStart(10);
  const lines = [`${'size (kB = 1,024 bytes)'.padEnd(w)}  ${'min'.padStart(10)}  ${'gzip'.padStart(10)}  ${'brotli'.padStart(10)}`];
  for (const r of rows) {
    let note = '';
    if (r.target)
      note =
        r.gzip <= r.target.gzip
          ? `  ✔ ≤ ${r.target.gzip / 1024} kB gzip`
          : `  ✖ over the ${r.target.gzip / 1024} kB gzip target by ${((r.gzip - r.target.gzip) / 1024).toFixed(1)} kB (${Math.round((r.gzip / r.target.gzip - 1) * 100)}%)`;
    if (r.budget) note = ['min', 'gzip', 'brotli'].some((k) => r[k] > r.budget[k]) ? '  ✖ over size-budget.json' : '  within size-budget.json';
    lines.push(`${r.name.padEnd(w)}  ${kb(r.min)}  ${kb(r.gzip)}  ${kb(r.brotli)}${note}`);
  }
  lines.push('', 'initial load, minified bytes by source (before compression):');
  for (const [k, v] of Object.entries(initialMinBytesBySource).sort((a, b) => b[1] - a[1])) lines.push(`  ${k.padEnd(32)} ${String(v).padStart(8)}`);
  lines.push('', 'what each package costs the initial load (bundled with it left out, compared):');
  for (const [k, m] of Object.entries(initialMarginal)) lines.push(`  ${k.padEnd(58)} ${kb(m.min)} min ${kb(m.gzip)} gzip ${kb(m.brotli)} brotli`);
  lines.push(`  ${'the rest (our elements, session, domain, i18n)'.padEnd(58)} ${' '.repeat(15)}${kb(initialOwnCodeGzip)} gzip (approx.)`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = await measureSizes();
  console.log(printSizes(sizes));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/size.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), ...sizes }, null, 2)}\n`);
}
