// The CDN build (dist/cdn/, after `npm run build`), read as a browser fetches it:
//  - what the entry loads up front (it and every file it imports statically) carries none of the
//    parts meant to load later: the ja strings, the phone metadata, the simulated connector and
//    server, the message readers, the Genesys connector, the tabs' shared session, the console's
//    texts for the page's developer (scripts/size.mjs budgets its bytes);
//  - only the entry registers tags: a page importing api.min.js, connectors.min.js or
//    genesys-connector.min.js alone defines nothing;
//  - the entry exports nothing; api.min.js and connectors.min.js together export what the main
//    entry src/index.ts does;
//  - every file one of them imports is in dist/cdn/ (nothing points outside the folder).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { CDN_ENTRY, cdnGraph, upFront } from '../../scripts/cdn-graph.mjs';

const DIR = 'dist/cdn';
const graph = await cdnGraph(DIR);
const entry = join(DIR, CDN_ENTRY);
/** The sources a built file was made from, from its source map, relative to the repository. */
const sources = (file) => JSON.parse(readFileSync(`${file}.map`, 'utf8')).sources.map((s) => normalize(join(dirname(file), s)));

test('the CDN entry and its static imports carry no part meant to load on demand', () => {
  const front = [...upFront(graph, entry)];
  assert.ok(front.length >= 2, `the entry imports its chunks: ${front.join(', ')}`);
  const later = [
    /^src\/i18n\/ja\.ts$/,
    /^node_modules\/libphonenumber-js\//,
    /^src\/connectors\/simulated\//,
    /^src\/connectors\/validate\.ts$/,
    /^src\/connectors\/genesys\//,
    /^node_modules\/cometd\//,
    /^src\/session\/tabs\//,
    /^src\/elements\/internal\/shared-tabs\.ts$/,
    /^src\/elements\/internal\/messages\.ts$/,
  ];
  const found = front.flatMap((f) =>
    sources(f)
      .filter((s) => later.some((re) => re.test(s)))
      .map((s) => `${f} ← ${s}`),
  );
  assert.deepEqual(found, []);
  const lazy = new Set(front.flatMap((f) => graph.files.get(f).dynamic));
  assert.ok(lazy.size >= 3, `ja, phone and simulated are imported on demand: ${[...lazy].join(', ')}`);
});

test('only the CDN entry registers tags', () => {
  const defines = [...graph.files.keys()].filter((f) => sources(f).some((s) => s.startsWith('src/define/')));
  assert.deepEqual(defines, [entry]);
});

test('the CDN entry exports nothing; api.min.js and connectors.min.js export together what src/index.ts does', async () => {
  const exportsOf = async (file) => {
    const r = await build({
      entryPoints: [file],
      bundle: true,
      packages: 'external',
      format: 'esm',
      write: false,
      metafile: true,
      outdir: 'x',
      logLevel: 'silent',
    });
    return Object.values(r.metafile.outputs).find((o) => o.entryPoint)?.exports ?? [];
  };
  const main = await exportsOf('src/index.ts');
  assert.deepEqual(await exportsOf('src/cdn.ts'), []);
  const api = await exportsOf('src/cdn-api.ts');
  const cdn = [...api, ...(await exportsOf('src/cdn-connectors.ts'))];
  assert.ok(main.length > 40 && api.length > 40, `${main.length} exports, ${api.length} in api.min.js`);
  assert.deepEqual([...new Set(cdn)].sort(), [...main].sort());
  // What the built files export, as a page imports them.
  assert.deepEqual(await exportsOf(entry), []);
  assert.deepEqual((await exportsOf(join(DIR, 'api.min.js'))).sort(), [...api].sort());
});

test('every file the CDN files import is in dist/cdn/', () => {
  const outside = [...graph.files].flatMap(([f, i]) => [...i.static, ...i.dynamic].filter((x) => !x.startsWith(`${DIR}/`)).map((x) => `${f} → ${x}`));
  assert.deepEqual(outside, []);
  for (const e of ['api.min.js', 'connectors.min.js', 'genesys-connector.min.js']) assert.ok(graph.entries.includes(join(DIR, e)), e);
});
