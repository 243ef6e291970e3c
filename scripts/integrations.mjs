// Editor data generated from the committed custom-elements.json by the maintained wc-toolkit
// tools (nothing hand-written):
//  - vscode.html-custom-data.json + vscode.css-custom-data.json (custom-element-vs-code-integration):
//    VS Code's "html.customData" / "css.customData" — tags, attributes, events, parts, CSS properties;
//  - web-types.json (custom-element-jet-brains-integration): JetBrains IDEs, through the
//    "web-types" field of package.json.
//   node scripts/integrations.mjs          write them
//   node scripts/integrations.mjs --check  fail when a committed file differs from what the tools make
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { getVsCodeCssCustomData, getVsCodeHtmlCustomData } from 'custom-element-vs-code-integration';
import { getWebTypesData } from 'custom-element-jet-brains-integration';

const json = (text) => `${JSON.stringify(JSON.parse(text), null, 2)}\n`;

/** `Map<file, text>` of every integration file, from `manifest`. */
export function integrations(manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'))) {
  const options = { hideLogs: true };
  return new Map([
    ['vscode.html-custom-data.json', json(getVsCodeHtmlCustomData(manifest, options))],
    ['vscode.css-custom-data.json', json(getVsCodeCssCustomData(manifest, options))],
    ['web-types.json', json(getWebTypesData(manifest, { ...options, packageJson: true }))],
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = integrations();
  if (process.argv.includes('--check')) {
    const stale = [...files].filter(([f, text]) => !existsSync(f) || readFileSync(f, 'utf8') !== text).map(([f]) => f);
    if (stale.length) {
      console.error(`✖ out of date with custom-elements.json: ${stale.join(', ')}. Run: node scripts/integrations.mjs`);
      process.exit(1);
    }
    console.log(`✔ ${[...files.keys()].join(', ')} match custom-elements.json`);
  } else {
    for (const [f, text] of files) writeFileSync(f, text);
    console.log(`wrote ${[...files.keys()].join(', ')}`);
  }
}
