// The CDN build's module graph, read from the files in dist/cdn/ as a browser would fetch them:
// esbuild parses each file and lists its imports, static (`import … from`, fetched before the
// file runs) and dynamic (`import()`, fetched on demand). Used by scripts/size.mjs (the size
// budget), scripts/bench-size.mjs and scripts/pack-check.mjs.
//   cdnGraph('dist/cdn') → { entries, files: Map(file → { static: [...], dynamic: [...] }) }
//   upFront(graph, entry) → the entry and every file it imports statically, transitively
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

/** The entries of the CDN build: the files at the top of dist/cdn/ (chunks live in chunks/). */
export const CDN_ENTRY = 'push-preview-elements.min.js';

export async function cdnGraph(dir) {
  if (!existsSync(join(dir, CDN_ENTRY))) throw new Error(`${join(dir, CDN_ENTRY)} is missing: run \`npm run build\` first.`);
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dir, f));
  const r = await build({
    entryPoints: entries,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    outdir: join(dir, '.graph'),
    logLevel: 'silent',
  });
  const files = new Map();
  for (const [path, input] of Object.entries(r.metafile.inputs)) {
    files.set(relative('.', path), {
      static: input.imports.filter((i) => i.kind === 'import-statement').map((i) => relative('.', i.path)),
      dynamic: input.imports.filter((i) => i.kind === 'dynamic-import').map((i) => relative('.', i.path)),
    });
  }
  return { entries: entries.map((e) => relative('.', e)), files };
}

/** `start` and every file it imports statically (transitively): what loads before it runs. */
export function upFront(graph, start) {
  const seen = new Set();
  const walk = (f) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const i of graph.files.get(f)?.static ?? []) walk(i);
  };
  walk(start);
  return seen;
}
