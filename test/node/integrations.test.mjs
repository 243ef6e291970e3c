// The editor data in the package is what wc-toolkit's tools make from the committed manifest,
// and it knows all ten tags.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { integrations } from '../../scripts/integrations.mjs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const tags = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement).map((d) => d.tagName).sort();
const files = integrations(manifest);

test('the committed editor data files are what the tools make from custom-elements.json', () => {
  for (const [file, text] of files) assert.equal(readFileSync(file, 'utf8'), text, `${file} is stale: run node scripts/integrations.mjs`);
});

test('VS Code and JetBrains data list every tag, with the events the manifest lists', () => {
  assert.equal(tags.length, 10);
  assert.deepEqual(JSON.parse(files.get('vscode.html-custom-data.json')).tags.map((t) => t.name).sort(), tags);
  const web = JSON.parse(files.get('web-types.json'));
  assert.equal(web.name, 'push-preview-elements');
  const elements = web.contributions.html.elements;
  assert.deepEqual(elements.map((e) => e.name).sort(), tags);
  for (const d of manifest.modules.flatMap((m) => m.declarations ?? []).filter((x) => x.customElement))
    assert.deepEqual(elements.find((e) => e.name === d.tagName).events.map((e) => e.name), (d.events ?? []).map((e) => e.name), `<${d.tagName}> events`);
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.equal(pkg['web-types'], './web-types.json');
  for (const f of files.keys()) assert.ok(pkg.files.includes(f), `${f} is not in package.json files`);
});
