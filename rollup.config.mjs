// Two builds: (a) per-module ESM for bundlers (lit, @lit/*, rxjs, libphonenumber-js external),
// (b) the CDN build for <script type="module"> without a bundler: minified, code-split ES modules
// in dist/cdn/ (lit and rxjs included). Sizes are printed.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defaultMinifyOptions } from '@lit-labs/rollup-plugin-minify-html-literals/lib/strategy.js';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const externals = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})]; // react: a peer of ./react
const isExternal = (id) => externals.some((d) => id === d || id.startsWith(`${d}/`));

const defineEntries = Object.fromEntries(
  readdirSync('src/define')
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [`define/${f.replace(/\.ts$/, '')}`, `src/define/${f}`]),
);

const input = {
  index: 'src/index.ts',
  'domain/index': 'src/domain/index.ts',
  'session/index': 'src/session/index.ts',
  'connectors/index': 'src/connectors/index.ts',
  'connectors/simulated/index': 'src/connectors/simulated/index.ts',
  'connectors/genesys/index': 'src/connectors/genesys/index.ts',
  'react/index': 'src/react/index.ts',
  'frameworks/index': 'src/frameworks/index.ts',
  cdn: 'src/cdn.ts', // what `push-preview-elements/cdn` resolves to in Node (server-side rendering): lit stays external, so its Node build loads
  'cdn-api': 'src/cdn-api.ts', // `push-preview-elements/cdn/api` in Node, likewise
  'testing/index': 'src/testing/index.ts',
  ...defineEntries,
};

function sizes() {
  const rows = [];
  return {
    name: 'print-sizes',
    generateBundle(options, bundle) {
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const code = Buffer.from(chunk.code);
        rows.push({
          file: `${options.dir ?? ''}/${name}`.replace(/^\//, ''),
          raw: code.length,
          gzip: gzipSync(code, { level: 9 }).length,
          brotli: brotliCompressSync(code).length,
        });
      }
    },
    writeBundle() {
      const big = rows.sort((a, b) => b.raw - a.raw).slice(0, 12);
      const w = Math.max(...big.map((r) => r.file.length));
      console.log(`\n${'file'.padEnd(w)}  ${'raw'.padStart(8)}  ${'gzip'.padStart(8)}  ${'brotli'.padStart(8)}`);
      for (const r of big) console.log(`${r.file.padEnd(w)}  ${String(r.raw).padStart(8)}  ${String(r.gzip).padStart(8)}  ${String(r.brotli).padStart(8)}`);
      rows.length = 0;
    },
  };
}

/**
 * The CDN build's chunks: every module the entry src/cdn.ts imports statically (followed
 * transitively) but the tag definitions goes to `core` — one file to fetch and compress, which the
 * other entries share; the tag definitions stay in the entry, so that importing another
 * entry alone registers no tag. The lazy parts get names a reader (and scripts/size.mjs) knows.
 */
function cdnChunks(id, { getModuleInfo }) {
  const path = id.replaceAll('\\', '/');
  if (path.endsWith('/src/i18n/ja.ts')) return 'ja';
  if (path.includes('/node_modules/libphonenumber-js/') || path.endsWith('/src/domain/phone-library.ts')) return 'phone';
  if (path.includes('/src/connectors/simulated/')) return 'simulated';
  if (path.endsWith('/src/elements/internal/messages.ts')) return 'messages';
  if (path.endsWith('/src/elements/internal/shared-tabs.ts')) return 'shared'; // with src/session/tabs/, which only it imports
  if (path.endsWith('/src/connectors/validate.ts')) return 'validate'; // the simulated and the Genesys connectors share it
  const entry = fileURLToPath(new URL('./src/cdn.ts', import.meta.url));
  if (front.of !== getModuleInfo) Object.assign(front, { of: getModuleInfo, ids: closure(entry, getModuleInfo) }); // once per build
  // <call-timers>, which src/cdn-define.ts imports right after the other tags are defined: what only it needs
  if (/\/src\/(elements\/timers\/call-timers|session\/call-clock)\.ts$/.test(path) && !front.ids.has(id)) return 'timers';
  if (front.ids.has(id) && !path.includes('/src/define/') && !path.endsWith('/src/cdn-define.ts') && id !== entry) return 'core';
  return undefined;
}
const front = { of: null, ids: new Set() };
function closure(start, getModuleInfo) {
  const seen = new Set();
  const walk = (id) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const i of getModuleInfo(id)?.importedIds ?? []) walk(i);
  };
  walk(start);
  return seen;
}

/**
 * The CDN build's `html` and `css` template literals, minified (html-minifier-next, lightningcss
 * with no browser targets, so nothing is rewritten, e.g. light-dark() stays): only our sources,
 * after esbuild has made them JavaScript. Whitespace collapses to one space, never to none, so
 * that text beside a binding or an inline element reads as it does unminified.
 */
const templates = () =>
  minifyLiterals({ include: ['**/src/**'], failOnError: true, options: { minifyOptions: { ...defaultMinifyOptions, conservativeCollapse: true } } });

const ts = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.build.json', sourceMap: true });

export default [
  {
    input,
    external: isExternal,
    plugins: [nodeResolve({ exportConditions: ['production'] }), ts(), sizes()],
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true, entryFileNames: '[name].js' },
  },
  {
    // The CDN build (issue 15): four entries sharing chunks. What push-preview-elements.min.js
    // (the tags, no export) imports statically is one chunk, chunks/core-*.js (scripts/size.mjs
    // budgets the two together); the Japanese strings, the phone-number metadata and the default
    // simulated connector are chunks the elements import dynamically, on demand; api.min.js (the
    // script API: domain, session, events, element classes), connectors.min.js (the simulated
    // connector and server, the message readers) and genesys-connector.min.js (cometd included)
    // are entries a page imports when it needs them.
    input: {
      'push-preview-elements.min': 'src/cdn.ts',
      'api.min': 'src/cdn-api.ts',
      'connectors.min': 'src/cdn-connectors.ts',
      'genesys-connector.min': 'src/connectors/genesys/index.ts',
    },
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['production', 'es2015'] }),
      ts(),
      templates(),
      terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
      sizes(),
    ],
    output: {
      dir: 'dist/cdn',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      manualChunks: cdnChunks,
      sourcemap: true,
    },
  },
];
