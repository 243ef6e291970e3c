// Two builds: (a) per-module ESM for bundlers (lit, @lit/*, rxjs, libphonenumber-js external),
// (b) one minified self-contained file for <script type="module"> / CDN use. Sizes are printed.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

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

const ts = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.build.json', sourceMap: true });

export default [
  {
    input,
    external: isExternal,
    plugins: [nodeResolve({ exportConditions: ['production'] }), ts(), sizes()],
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true, entryFileNames: '[name].js' },
  },
  {
    input: 'src/cdn.ts',
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['production', 'es2015'] }),
      ts(),
      terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
      sizes(),
    ],
    output: { dir: 'dist/cdn', entryFileNames: 'push-preview-elements.min.js', format: 'es', inlineDynamicImports: true, sourcemap: true },
  },
  {
    // The Genesys connector on its own, for pages without a bundler (the demo): cometd and rxjs inlined.
    input: 'src/connectors/genesys/index.ts',
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['production', 'es2015'] }),
      ts(),
      terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
      sizes(),
    ],
    output: { dir: 'dist/cdn', entryFileNames: 'genesys-connector.min.js', format: 'es', inlineDynamicImports: true, sourcemap: true },
  },
];
