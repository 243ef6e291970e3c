// The manifest checks for `npm test` (called by scripts/verify.mjs):
//  1. @wc-toolkit/cem-validator on the committed custom-elements.json and package.json, every
//     rule an error (tag names, output module paths, definition exports, package fields) but
//     exportTypes: it wants every type an element names (Session, Connector, the event classes)
//     re-exported by the element's own module; ours are exported once, from the main entry;
//  2. the Node tests of test/node (the manifest as Storybook and wc-toolkit read it, the
//     generated integrations), counted into .reports/node.json like every other runner.
//   node scripts/cem-check.mjs
import { validateCem } from '@wc-toolkit/cem-validator';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const all = (keys) => Object.fromEntries(keys.map((k) => [k, 'error']));
try {
  await validateCem(manifest, {
    packageJsonPath: './package.json',
    cemFileName: 'custom-elements.json',
    logErrors: false,
    rules: {
      packageJson: all(['packageType', 'main', 'module', 'types', 'exports', 'customElementsProperty', 'publishedCem']),
      manifest: { ...all(['schemaVersion', 'modulePath', 'definitionPath', 'typeDefinitionPath', 'tagName']), exportTypes: 'off' },
    },
  });
  console.log('✔ custom-elements.json passes @wc-toolkit/cem-validator (every rule but exportTypes an error)');
} catch (e) {
  console.error(`✖ custom-elements.json fails @wc-toolkit/cem-validator:\n${e instanceof Error ? e.message : e}`);
  process.exit(1);
}

const files = readdirSync('test/node')
  .filter((f) => f.endsWith('.test.mjs'))
  .map((f) => `test/node/${f}`);
const counts = { passed: 0, failed: 0, skipped: 0 };
const stream = run({ files, concurrency: 1 });
stream.on('test:pass', (t) => {
  if (t.details?.type === 'suite') return;
  if (t.skip || t.todo) counts.skipped += 1;
  else counts.passed += 1;
});
stream.on('test:fail', (t) => {
  if (t.details?.type !== 'suite') counts.failed += 1;
});
const report = stream.compose(spec);
report.pipe(process.stdout);
await new Promise((resolve) => report.on('end', resolve));
mkdirSync('.reports', { recursive: true });
writeFileSync('.reports/node.json', JSON.stringify(counts));
console.log(`\nnode: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
if (files.length === 0 || counts.passed === 0 || counts.failed > 0) process.exit(1);
