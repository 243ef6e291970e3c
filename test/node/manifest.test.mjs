// custom-elements.json as other tools read it, straight from the committed file (no view, no
// patching): Storybook's autodocs (its own code, matching on `declaration.tagName`), wc-toolkit's
// generators (`customElement: true`) and a bundler following the module paths.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const declarations = manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => ({ ...d, modulePath: m.path })));

/** The tags src/define registers, with their classes: `define('tag', Class)`. */
const defined = new Map();
for (const f of readdirSync('src/define').filter((x) => x.endsWith('.ts')))
  for (const m of readFileSync(`src/define/${f}`, 'utf8').matchAll(/\bdefine\(\s*'([a-z][a-z0-9-]*)'\s*,\s*(\w+)\s*\)/g)) defined.set(m[1], m[2]);

/** The event classes: `{ 'pp-done': 'PpDoneEvent', … }`. */
const eventClasses = Object.fromEntries(
  [...readFileSync('src/elements/events.ts', 'utf8').matchAll(/export class (\w+) extends [^]*?static readonly eventName = '([^']+)'/g)].map((m) => [
    m[2],
    m[1],
  ]),
);

test('src/define registers the eleven elements', () => {
  assert.equal(defined.size, 11, [...defined.keys()].join(', '));
});

test("Storybook's autodocs find every tag (declaration.tagName) and document it", async () => {
  globalThis.window ??= globalThis; // Storybook's browser globals, in Node
  const { setCustomElementsManifest } = await import('@storybook/web-components');
  const { parameters } = await import('@storybook/web-components/entry-preview-argtypes');
  setCustomElementsManifest(manifest);
  for (const tag of defined.keys()) {
    const argTypes = parameters.docs.extractArgTypes(tag);
    assert.ok(argTypes && Object.keys(argTypes).length > 0, `Storybook: "Component not found in custom-elements.json: ${tag}"`);
    assert.ok(parameters.docs.extractComponentDescription(tag), `Storybook: no description for <${tag}>`);
  }
});

test("wc-toolkit's view (customElement: true) is exactly the eleven elements, each with its tag", () => {
  const components = declarations.filter((d) => d.customElement);
  assert.deepEqual(components.map((d) => [d.tagName, d.name]).sort(), [...defined].sort());
});

test('each tag has a custom-element-definition export in its dist/define module, pointing at the class', () => {
  for (const [tag, cls] of defined) {
    const mod = manifest.modules.find((m) => m.path === `dist/define/${tag}.js`);
    const def = mod?.exports?.find((e) => e.kind === 'custom-element-definition' && e.name === tag);
    assert.ok(def, `no custom-element-definition for <${tag}> in dist/define/${tag}.js`);
    const el = declarations.find((d) => d.name === cls && d.customElement);
    assert.equal(def.declaration.name, cls);
    assert.equal(def.declaration.module, el.modulePath, `<${tag}>'s definition points at ${def.declaration.module}`);
  }
});

test('every module path is a shipped dist/*.js file built from a source that exists', () => {
  const shipped = JSON.parse(readFileSync('package.json', 'utf8')).files;
  assert.ok(shipped.includes('dist/'));
  const paths = new Set();
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'module' || k === 'path') && typeof x === 'string') paths.add(x);
        else walk(x);
      }
  };
  walk(manifest.modules);
  for (const p of paths) {
    assert.match(p, /^dist\/.*\.js$/, `${p} is not a shipped path`);
    assert.ok(existsSync(p.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')), `${p} is built from no source`);
    if (existsSync('dist/index.js')) assert.ok(existsSync(p), `${p} is not in the build`);
  }
});

test('an element that owns a session lists every event it dispatches, typed with its class', () => {
  assert.equal(Object.keys(eventClasses).length, 9);
  for (const el of declarations.filter((d) => d.customElement)) {
    const source = readFileSync(el.modulePath.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'), 'utf8');
    // SessionOwner bridges every session event to its host (bridgeEvents); nothing else dispatches.
    const dispatches = /new SessionOwner\(/.test(source) ? Object.keys(eventClasses) : [];
    assert.doesNotMatch(source, /dispatchEvent\(/, `<${el.tagName}> dispatches an event the test does not know`);
    assert.deepEqual(
      (el.events ?? []).map((e) => [e.name, e.type?.text]).sort(),
      dispatches.map((n) => [n, eventClasses[n]]).sort(),
      `<${el.tagName}>'s documented events`,
    );
  }
});

test('elements document only their public API', () => {
  for (const el of declarations.filter((d) => d.customElement))
    for (const m of el.members ?? []) assert.ok(!m.static && (m.privacy ?? 'public') === 'public', `<${el.tagName}>.${m.name} is ${m.privacy ?? 'static'}`);
});

test('every --pp-* custom property an element reads is documented on it (@cssproperty), with a description', () => {
  const uses = (file) => new Set([...readFileSync(file, 'utf8').matchAll(/var\(\s*(--pp-[a-z0-9-]+)/g)].map((m) => m[1]));
  const tokens = uses('src/elements/internal/tokens.ts');
  assert.ok(tokens.size >= 18, `tokens.ts reads ${tokens.size} --pp-* properties`);
  for (const el of declarations.filter((d) => d.customElement)) {
    const file = el.modulePath.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
    const source = readFileSync(file, 'utf8');
    // PushPreviewElement's styles are the tokens; the session includes them itself.
    const read = new Set([...uses(file), ...(/extends PushPreviewElement\b/.test(source) ? tokens : [])]);
    const documented = new Map((el.cssProperties ?? []).map((p) => [p.name, p.description]));
    for (const name of read) {
      assert.ok(documented.has(name), `<${el.tagName}> reads ${name} but does not document it (@cssproperty)`);
      assert.ok(documented.get(name)?.trim(), `<${el.tagName}>'s ${name} has no description`);
    }
  }
});
