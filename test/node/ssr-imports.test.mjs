// Server-side rendering, step one: every entry point of package.json `exports`, imported in Node
// (no DOM) as a server would import it — by the package's name, so that the `node` condition
// applies (after `npm run build`) — each in a fresh process:
//  - does not throw;
//  - adds no global but lit's own server shims (lit's Node build installs a `customElements`
//    registry for @lit-labs/ssr); no `window`, `document`, `HTMLElement` or storage of ours;
//  - starts nothing: no timer, socket or other handle keeps the process alive (no session, no
//    connector, no simulated server runs until a browser upgrades the elements).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const LIT_SHIMS = ['customElements', 'litPropertyMetadata', 'reactiveElementVersions', 'litHtmlVersions', 'litElementVersions', 'litServerRoot'];

/** Every importable specifier: `./define/*.js` expanded to each file it matches. */
const specifiers = Object.entries(pkg.exports)
  .filter(([, v]) => (typeof v === 'string' ? v : (v.node ?? v.default ?? '')).endsWith('.js'))
  .flatMap(([k, v]) => {
    const target = typeof v === 'string' ? v : (v.node ?? v.default);
    if (!k.includes('*')) return [k];
    const dir = target.slice(0, target.indexOf('*')).replace(/^\.\//, '');
    return readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => k.replace('*', f.replace(/\.js$/, '')));
  })
  .map((k) => `${pkg.name}${k.slice(1)}`);

const probe = (specifier) => `
const before = new Set(Object.getOwnPropertyNames(globalThis));
await import(${JSON.stringify(specifier)});
await new Promise((ok) => setImmediate(ok));
const added = Object.getOwnPropertyNames(globalThis).filter((n) => !before.has(n));
const handles = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'PipeWrap');
console.log(JSON.stringify({ added, handles }));
`;

test('the package has entry points to import', () => {
  assert.ok(specifiers.length >= 15, specifiers.join(', '));
  assert.ok(specifiers.includes(`${pkg.name}/define`) && specifiers.includes(`${pkg.name}/cdn`));
});

for (const specifier of specifiers) {
  test(`import '${specifier}' in Node: no throw, no global but lit's shims, nothing started`, () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe(specifier)], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(
      r.status,
      0,
      `exit ${r.status}: ${r.stderr
        .split('\n')
        .filter((l) => l.trim())
        .slice(0, 6)
        .map((l) => l.slice(0, 200))
        .join('\n')}`,
    );
    const { added, handles } = JSON.parse(r.stdout.trim().split('\n').pop());
    assert.deepEqual(
      added.filter((n) => !LIT_SHIMS.includes(n)),
      [],
    );
    assert.deepEqual(handles, []);
  });
}
