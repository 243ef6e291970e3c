// The example tests of push-preview-elements/testing (examples/testing), run as an integrator
// runs them, against the built package (`npm run build` first): typecheck them against the
// shipped types, then the @web/test-runner example and the Vitest browser-mode example in
// Chromium. Each runner writes its counts to .reports/ for npm test's closing line.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/testing/index.js') || !existsSync('dist/testing/index.d.ts')) {
  console.error('✖ dist/testing/ is missing: run `npm run build` first.');
  process.exit(1);
}
const steps = [
  ['typecheck against dist/testing/index.d.ts', ['tsc', '-p', 'examples/testing/tsconfig.json']],
  ['@web/test-runner example', ['wtr', '--config', 'examples/testing/web-test-runner.config.mjs']],
  [
    'Vitest browser-mode example',
    [
      'vitest',
      'run',
      '--config',
      'examples/testing/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=../../.reports/testing-example-vitest.json',
    ],
  ],
];
for (const [title, args] of steps) {
  const t = Date.now();
  const r = spawnSync('npx', ['--no-install', ...args], { stdio: 'inherit' });
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`  ✖ ${title} (${secs} s)`);
    process.exit(1);
  }
  console.log(`  ✔ ${title} (${secs} s)`);
}
