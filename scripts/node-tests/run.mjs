// Run DOM-free test files (domain, session, connectors) in Node, for `npm run mutate`: a minimal
// describe/it/before, chai's expect in place of @open-wc/testing's, each file bundled by esbuild.
// Exits 1 when a test fails. The browser run (web-test-runner) stays the reference.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const shim = fileURLToPath(new URL('./testing-shim.mjs', import.meta.url));
const files = process.argv.slice(2);
const tests = [];
const befores = [];
const names = [];
const ctx = { timeout() {} };
globalThis.describe = (name, fn) => {
  names.push(name);
  fn.call(ctx);
  names.pop();
};
globalThis.it = (name, fn) => tests.push({ name: [...names, name].join(' > '), fn });
globalThis.before = (fn) => befores.push(fn);
const handlers = new Set();
process.on('unhandledRejection', (reason) => {
  for (const h of handlers) h({ reason, preventDefault() {} });
});
globalThis.window = {
  addEventListener: (t, h) => t === 'unhandledrejection' && handlers.add(h),
  removeEventListener: (_t, h) => handlers.delete(h),
};
const dir = mkdtempSync(join(tmpdir(), 'pp-node-tests-'));
let passed = 0;
let failed = 0;
try {
  for (const [n, f] of files.entries()) {
    const out = join(dir, `${n}.mjs`);
    await build({
      entryPoints: [resolve(f)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: out,
      logLevel: 'error',
      alias: { '@open-wc/testing': shim },
    });
    tests.length = 0;
    befores.length = 0;
    await import(pathToFileURL(out).href);
    for (const b of befores) await b();
    for (const t of tests) {
      let timer;
      try {
        await Promise.race([t.fn.call(ctx), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no end within 30 s')), 30_000)))]);
        passed += 1;
      } catch (e) {
        failed += 1;
        console.log(`failed: ${f}: ${t.name}: ${String(e?.message ?? e).split('\n')[0]}`);
      } finally {
        clearTimeout(timer);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`node tests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
