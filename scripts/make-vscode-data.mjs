// Generates vscode.html-custom-data.json (VS Code's HTML custom data, version 1.1) from
// custom-elements.json: every tag with its summary, attributes, events, slots, parts and CSS
// properties, so HTML files get completion and hover docs. Point VS Code at it with
// "html.customData": ["./node_modules/push-preview-elements/vscode.html-custom-data.json"].
// `node scripts/make-vscode-data.mjs --check` fails when the committed file differs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { elements, readManifest } from './cem.mjs';

const OUT = 'vscode.html-custom-data.json';

function section(title, items, format) {
  return items?.length ? `\n\n**${title}**\n${items.map((i) => `- ${format(i)}`).join('\n')}` : '';
}

export function make() {
  const els = elements(readManifest()).sort((a, b) => a.tagName.localeCompare(b.tagName));
  const tags = els.map((e) => ({
    name: e.tagName,
    description: {
      kind: 'markdown',
      value:
        `${e.summary ?? ''}\n\n${(e.description ?? '').replace(/\s*\n\s*/g, ' ')}`.trim() +
        section('Events', e.events, (x) => `\`${x.name}\` — ${x.description ?? ''}`) +
        section('Slots', e.slots, (x) => `${x.name ? `\`${x.name}\`` : '(default)'} — ${x.description ?? ''}`) +
        section('CSS parts', e.cssParts, (x) => `\`::part(${x.name})\` — ${x.description ?? ''}`) +
        section('CSS custom properties', e.cssProperties, (x) => `\`${x.name}\` — ${x.description ?? ''}`),
    },
    attributes: (e.attributes ?? []).map((a) => ({
      name: a.name,
      ...(a.description ? { description: a.description } : {}),
      ...(a.type?.text === 'boolean' ? { valueSet: 'v' } : {}),
    })),
  }));
  return `${JSON.stringify({ $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json', version: 1.1, tags }, null, 2)}\n`;
}

const text = make();
if (process.argv.includes('--check')) {
  if (!existsSync(OUT) || readFileSync(OUT, 'utf8') !== text) {
    console.error(`✖ ${OUT} is out of date with custom-elements.json. Run: node scripts/make-vscode-data.mjs`);
    process.exit(1);
  }
  console.log(`✔ ${OUT} matches custom-elements.json (${JSON.parse(text).tags.length} tags)`);
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}`);
}
