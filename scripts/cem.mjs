// Reads custom-elements.json as it is committed and published: no view, no patching. The
// analyzer and its plugins (scripts/cem-plugins.mjs) write it complete.
import { readFileSync } from 'node:fs';

/** The manifest as committed. */
export function readManifest(path = 'custom-elements.json') {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The custom element declarations, as wc-toolkit picks them (`customElement: true`), with their module's path. */
export function elements(manifest) {
  const out = [];
  for (const mod of manifest.modules ?? []) for (const d of mod.declarations ?? []) if (d.customElement) out.push({ ...d, modulePath: mod.path });
  return out;
}

/** The source of a shipped module: dist/x.js → src/x.ts. */
export const sourcePath = (modulePath) => modulePath.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
