// What `npm publish` would ship, checked: the file list of `npm pack --dry-run` (no tests, no
// stories, no sources of the build tools; types, the manifest, the editor data, README, CHANGELOG
// and LICENSE present; every `exports` target packed, every file of the code-split CDN build), the package fields (semver 0.x, license),
// then publint on the same pack with warnings as errors. Run after `npm run build`.
// Writes .reports/pack.json {passed, failed}.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { cdnGraph } from './cdn-graph.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const [packed] = JSON.parse(out);
const files = new Set(packed.files.map((f) => f.path));
const list = [...files];

const results = [];
function check(name, problems) {
  const bad = Array.isArray(problems) ? problems : problems ? [problems] : [];
  results.push({ name, ok: bad.length === 0 });
  if (bad.length) console.error(`  ✖ ${name}\n    ${bad.slice(0, 12).join('\n    ')}${bad.length > 12 ? `\n    … ${bad.length - 12} more` : ''}`);
  else console.log(`  ✔ ${name}`);
}

console.log(
  `${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(1)} kB packed, ${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked`,
);

check(
  'no tests',
  list.filter((f) => /(^|\/)(test|tests|__tests__)\//.test(f) || /\.(test|spec)\.[cm]?[jt]sx?(\.map)?$/.test(f) || /\.test\.d\.ts/.test(f)),
);
check(
  'no stories or Storybook',
  list.filter((f) => /(^|\/)(stories|\.storybook|storybook-static)\//.test(f) || /\.stories\.|\.mdx$/.test(f)),
);
check(
  'no build tooling, examples, demo or reports',
  list.filter(
    (f) =>
      /^(scripts|examples|demo|src|\.reports|\.ci|bench|node_modules)\//.test(f) ||
      /(^|\/)(tsconfig[^/]*|rollup\.config\.mjs|vitest\.config\.ts|eslint\.config\.mjs|web-test-runner\.config\.mjs)$/.test(f),
  ),
);
check(
  'README, CHANGELOG, LICENSE, custom-elements.json, editor data',
  ['README.md', 'CHANGELOG.md', 'LICENSE', 'custom-elements.json', 'vscode.html-custom-data.json', 'vscode.css-custom-data.json', 'web-types.json']
    .filter((f) => !files.has(f))
    .map((f) => `missing ${f}`),
);
check(
  'the manifest is the one package.json names',
  pkg.customElements && files.has(pkg.customElements) ? null : `customElements: ${pkg.customElements} not packed`,
);

// Every exports target (and every `types`) is in the pack; wildcard patterns match at least one file.
const targets = [];
const walk = (key, v) => {
  if (typeof v === 'string') targets.push([key, v.replace(/^\.\//, '')]);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(`${key} → ${k}`, x);
};
for (const [k, v] of Object.entries(pkg.exports)) walk(k, v);
const missing = targets.filter(([, t]) => {
  if (!t.includes('*')) return !files.has(t);
  const re = new RegExp(
    `^${t
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+')}$`,
  );
  return !list.some((f) => re.test(f));
});
check(
  `every exports target packed (${targets.length})`,
  missing.map(([k, t]) => `${k}: ${t}`),
);
// The CDN build is code-split: the entry is useless without every chunk it imports.
const cdn = await cdnGraph('dist/cdn');
check(
  `every file of the CDN build packed (${cdn.files.size}: entries and the chunks they import)`,
  [...cdn.files.keys()].filter((f) => !files.has(f)).map((f) => `missing ${f}`),
);
check(
  'types for every entry',
  Object.entries(pkg.exports)
    .filter(([k, v]) => typeof v === 'object' && !v.types && k !== './package.json')
    .map(([k]) => `${k} has no types`),
);
check(
  'main / module / types packed',
  ['main', 'module', 'types'].filter((f) => pkg[f] && !files.has(pkg[f].replace(/^\.\//, ''))).map((f) => `${f}: ${pkg[f]}`),
);
check('semver 0.x version and a license', [
  ...(/^0\.\d+\.\d+(-[\w.]+)?$/.test(pkg.version) ? [] : [`version ${pkg.version} is not 0.x semver`]),
  ...(pkg.license ? [] : ['no license field']),
]);
check(
  'every sideEffects file pattern names shipped or source files only',
  (pkg.sideEffects ?? []).filter((p) => !/^\.\/(dist|src)\//.test(p)).map((p) => `sideEffects: ${p}`),
);

const lint = await publint({ pkgDir: '.', pack: 'npm', strict: true, level: 'suggestion' });
check(
  'publint (strict)',
  lint.messages.map((m) => `${m.type}: ${formatMessage(m, lint.pkg, { color: false }) ?? m.code}`),
);

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
mkdirSync('.reports', { recursive: true });
writeFileSync('.reports/pack.json', JSON.stringify({ passed, failed }));
console.log(`package checks: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
