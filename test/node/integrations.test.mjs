// The editor data in the package is what wc-toolkit's tools make from the committed manifest,
// and it knows all eleven tags; so are the JSX types (push-preview-elements/jsx).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { integrations } from '../../scripts/integrations.mjs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const tags = manifest.modules
  .flatMap((m) => m.declarations ?? [])
  .filter((d) => d.customElement)
  .map((d) => d.tagName)
  .sort();
const files = integrations(manifest);

test('the committed editor data files are what the tools make from custom-elements.json', () => {
  for (const [file, text] of files) assert.equal(readFileSync(file, 'utf8'), text, `${file} is stale: run node scripts/integrations.mjs`);
});

test('VS Code and JetBrains data list every tag, with the events the manifest lists', () => {
  assert.equal(tags.length, 11);
  assert.deepEqual(
    JSON.parse(files.get('vscode.html-custom-data.json'))
      .tags.map((t) => t.name)
      .sort(),
    tags,
  );
  const web = JSON.parse(files.get('web-types.json'));
  assert.equal(web.name, 'push-preview-elements');
  const elements = web.contributions.html.elements;
  assert.deepEqual(elements.map((e) => e.name).sort(), tags);
  for (const d of manifest.modules.flatMap((m) => m.declarations ?? []).filter((x) => x.customElement))
    assert.deepEqual(
      elements.find((e) => e.name === d.tagName).events.map((e) => e.name),
      (d.events ?? []).map((e) => e.name),
      `<${d.tagName}> events`,
    );
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.equal(pkg['web-types'], './web-types.json');
  for (const f of files.keys()) assert.ok(pkg.files.includes(f) || pkg.files.includes(`${f.split('/')[0]}/`), `${f} is not in package.json files`);
});

test('the JSX types (push-preview-elements/jsx) hold every tag, each event handler typed with its class', () => {
  const jsx = files.get('jsx/index.d.ts');
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.deepEqual(pkg.exports['./jsx'], { types: './jsx/index.d.ts' });
  const block = (name) => jsx.slice(jsx.indexOf(`export type ${name} = {`), jsx.indexOf('\n};', jsx.indexOf(`export type ${name} = {`)));
  for (const [type, on] of [
    ['CustomElements', 'onpp-'],
    ['CustomElementsSolidJs', 'on:pp-'],
  ]) {
    const b = block(type);
    for (const tag of tags) assert.match(b, new RegExp(`"${tag}": Partial<`), `${type} has no <${tag}>`);
    for (const d of manifest.modules.flatMap((m) => m.declarations ?? []).filter((x) => x.customElement))
      for (const e of d.events ?? [])
        assert.match(
          jsx,
          new RegExp(`"${on}${e.name.slice(3)}"\\?:\\s*\\(?\\(e: ${e.type.text}\\) => void\\)?`),
          `<${d.tagName}> ${e.name} is not typed ${e.type.text}`,
        );
  }
  // Every event class the file names is imported.
  const imported = new Set([...jsx.matchAll(/import type \{([^}]*)\} from "push-preview-elements"/g)].flatMap((m) => m[1].split(',').map((x) => x.trim())));
  for (const [, name] of jsx.matchAll(/\(e: (Pp\w*Event)\) => void/g)) assert.ok(imported.has(name), `${name} is named but not imported`);
});
