// npm test: THE test command. Browsers, generation, typecheck, lint, every test in Chromium and
// Firefox, the build, the manifest check, the server render + hydration, Storybook and its story tests — then one closing line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const started = Date.now();
rmSync('.reports', { recursive: true, force: true });
mkdirSync('.reports', { recursive: true });

function run(title, cmd, args, env = {}) {
  const t = Date.now();
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (${secs} s)`);
    finish(title);
  }
  console.log(`✔ ${title} (${secs} s)`);
}

/** Sum every runner's counts: `.reports/*.json` holds {passed, failed, skipped} or a vitest JSON report. */
function counts() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (!existsSync('.reports')) return { passed, failed, skipped };
  for (const f of readdirSync('.reports').filter((n) => n.endsWith('.json'))) {
    const c = JSON.parse(readFileSync(join('.reports', f), 'utf8'));
    if (typeof c.numPassedTests === 'number') {
      passed += c.numPassedTests;
      failed += c.numFailedTests;
      skipped += c.numPendingTests + (c.numTodoTests ?? 0);
    } else if (typeof c.passed === 'number') {
      passed += c.passed;
      failed += c.failed;
      skipped += c.skipped ?? 0;
    }
  }
  return { passed, failed, skipped };
}

function finish(failedStep) {
  const c = counts();
  const failed = c.failed + (failedStep && c.failed === 0 ? 1 : 0);
  const mins = ((Date.now() - started) / 60000).toFixed(1);
  if (failedStep) console.error(`\nnpm test stopped at: ${failedStep} (${mins} min)`);
  else console.log(`\nAll checks passed (${mins} min).`);
  console.log(`${c.passed} passed, ${failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`);
  process.exit(failedStep ? 1 : 0);
}

const npx = (title, ...args) => run(title, 'npx', ['--no-install', ...args]);

run('browsers (Debian Chromium + Firefox ESR)', 'node', ['scripts/ensure-browsers.mjs']);

// Generate: the manifest from the element sources, into a scratch folder to compare later.
const fresh = join('.reports', 'cem');
mkdirSync(fresh, { recursive: true });
run('custom-elements.json (fresh)', 'node', ['scripts/analyze.mjs', fresh]);

npx('typecheck', 'tsc', '--noEmit', '-p', 'tsconfig.json');
npx('lint', 'eslint', '.', '--max-warnings', '0');
npx('format (prettier --check)', 'prettier', '--check', '.');
run('lit-analyzer (templates and bindings)', 'node', ['scripts/lint-lit.mjs']);
npx('browser tests (Chromium, Firefox ESR)', 'wtr');
run('build (rollup: ESM modules + CDN file)', 'npm', ['run', 'build', '--silent']);
run('manifest: cem-validator + consumer-view tests (Node)', 'node', ['scripts/cem-check.mjs']);

const committed = existsSync('custom-elements.json') ? readFileSync('custom-elements.json', 'utf8') : '';
const generated = readFileSync(join(fresh, 'custom-elements.json'), 'utf8');
rmSync(fresh, { recursive: true, force: true });
if (committed.trim() !== generated.trim()) {
  console.error('\n✖ custom-elements.json is not the manifest the sources give: run `npm run analyze` and commit it.');
  finish('manifest check');
}
console.log('✔ custom-elements.json matches the sources');

run('demo under a strict CSP with Trusted Types (Chromium)', 'node', ['scripts/csp-check.mjs']);
run('server-side rendering (@lit-labs/ssr in Node) + hydration with no mismatch, then live (Chromium)', 'node', ['scripts/ssr-check.mjs']);
run('one agent, many tabs: shared session, handover, fallback (Chromium)', 'node', ['scripts/tabs.mjs']);

npx('Storybook build', 'storybook', 'build', '--quiet', '-o', 'storybook-static');
npx(
  'story tests (play functions + axe, Chromium)',
  'vitest',
  'run',
  '--project=storybook',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=.reports/stories.json',
);
run('React wrappers and framework types match the manifest', 'node', ['scripts/make-react.mjs', '--check']);
run('VS Code, JetBrains and JSX types match the manifest', 'node', ['scripts/integrations.mjs', '--check']);
npx(
  'type tests: React, Preact, Solid (push-preview-elements/jsx), Vue, Svelte (frameworks); tsc, test/types',
  'tsc',
  '--noEmit',
  '-p',
  'test/types/tsconfig.json',
);
run('example apps: build + smoke in Chromium; docs pages render', 'node', ['scripts/examples.mjs']);
run('testing entry: its example tests in @web/test-runner and Vitest browser mode (Chromium)', 'node', ['scripts/testing-examples.mjs']);
run('package contents + publint', 'node', ['scripts/pack-check.mjs']);
run('size budget', 'node', ['scripts/size.mjs']);
finish(null);
