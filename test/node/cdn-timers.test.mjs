// <call-timers> in the CDN build (dist/cdn/, after `npm run build`), read as a browser fetches it:
// the entry and its static imports carry none of its code (the element, the session's call clock);
// chunks/timers-*.js does, and the entry imports it dynamically, then defines the tag. The
// per-module build (dist/, for bundlers) still defines <call-timers> statically, as
// `push-preview-elements/define` and the panel's define module did before.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { test } from 'node:test';
import { CDN_ENTRY, cdnGraph, upFront } from '../../scripts/cdn-graph.mjs';
import { elements, readManifest } from '../../scripts/cem.mjs';

const DIR = 'dist/cdn';
const graph = await cdnGraph(DIR);
const entry = join(DIR, CDN_ENTRY);
const front = upFront(graph, entry);
/** The sources a built file was made from, from its source map, relative to the repository. */
const sources = (file) => JSON.parse(readFileSync(`${file}.map`, 'utf8')).sources.map((s) => normalize(join(dirname(file), s)));
const TIMERS_ONLY = ['src/elements/timers/call-timers.ts', 'src/session/call-clock.ts'];

test("the CDN entry and its static imports carry none of <call-timers>' code", () => {
  const found = [...front].flatMap((f) =>
    sources(f)
      .filter((s) => TIMERS_ONLY.includes(s))
      .map((s) => `${f} ← ${s}`),
  );
  assert.deepEqual(found, []);
});

test('chunks/timers-*.js carries it, and the entry imports it dynamically and defines the tag from it', () => {
  const chunks = [...graph.files.keys()].filter((f) => /^dist\/cdn\/chunks\/timers-[^/]+\.js$/.test(f));
  assert.equal(chunks.length, 1, `one timers chunk: ${chunks.join(', ')}`);
  const [chunk] = chunks;
  for (const s of TIMERS_ONLY) assert.ok(sources(chunk).includes(s), `${chunk} ← ${s}`);
  assert.ok(!front.has(chunk), 'not loaded up front');
  assert.deepEqual(graph.files.get(entry).dynamic, [chunk], 'the entry imports it on its own');
  const code = readFileSync(entry, 'utf8');
  // api.min.js imports the chunk statically too, so rollup may reach the module through the
  // chunk's namespace first (`.then(function(a){return a.a})`).
  assert.match(
    code,
    /import\("\.\/chunks\/timers-[^"]+\.js"\)(\.then\(function\(\w+\)\{return \w+\.\w+\}\))?\.then\(\w+=>\w+\("call-timers",\w+\.CallTimers\)\)/,
  );
});

test('the per-module build defines <call-timers> statically: ./define and the panel', () => {
  assert.match(readFileSync('dist/define/all.js', 'utf8'), /^import '\.\/call-timers\.js';$/m);
  assert.match(readFileSync('dist/define/push-preview-panel.js', 'utf8'), /^import '\.\/call-timers\.js';$/m);
});

// src/cdn-define.ts lists the define modules again (define/all.ts but <call-timers> and the
// panel's): a tag added to the library must not be left out of the CDN entry.
test('the CDN entry defines every tag the manifest publishes', () => {
  const code = readFileSync(entry, 'utf8');
  const tags = elements(readManifest()).map((e) => e.tagName);
  assert.ok(tags.length >= 11, `the manifest's tags: ${tags.join(', ')}`);
  for (const tag of tags) assert.match(code, new RegExp(`\\w\\("${tag}",`), `<${tag}> defined by ${entry}`);
});
