// The public view of custom-elements.json that Storybook's autodocs, the React wrappers and the
// VS Code data are made from. The analyzer sees the element classes (src/elements) but not
// where their tags are registered (src/define, through our own `define()`), and it marks only
// direct LitElement subclasses as custom elements. This fills in, without changing a word of
// the documentation written on the classes:
//  - `customElement: true` on every class that inherits from one, and its `tagName` from
//    `define('tag', Class)` in src/define/*.ts;
//  - `attributes` from the members that declare one, where the analyzer left them out;
//  - only the public API: private, protected and static members are dropped.
// Where the manifest already carries a tag name or attributes, it is kept as it is.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** `{ ClassName: 'tag-name' }` from the define modules. */
export function tagsFromDefine(dir = 'src/define') {
  const tags = {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/\bdefine\(\s*['"]([a-z][a-z0-9]*-[a-z0-9-]*)['"]\s*,\s*([A-Za-z_$][\w$]*)\s*\)/g)) tags[m[2]] = m[1];
  }
  return tags;
}

/** Pure: the public view of `manifest`, given the tags. */
export function publicManifest(manifest, tags) {
  const m = structuredClone(manifest);
  const classes = new Map();
  for (const mod of m.modules ?? []) for (const d of mod.declarations ?? []) if (d.kind === 'class') classes.set(d.name, d);
  const isElement = (d, seen = new Set()) => {
    if (!d || seen.has(d.name)) return false;
    seen.add(d.name);
    if (d.customElement) return true;
    return isElement(classes.get(d.superclass?.name), seen);
  };
  for (const mod of m.modules ?? []) {
    for (const d of mod.declarations ?? []) {
      if (d.kind !== 'class' || !isElement(d)) continue;
      d.customElement = true;
      if (!d.tagName && tags[d.name]) d.tagName = tags[d.name];
      const members = d.members ?? [];
      if (!d.attributes?.length) {
        const attrs = members
          .filter((x) => x.kind === 'field' && x.attribute)
          .map((x) => ({ name: x.attribute, fieldName: x.name, ...(x.type ? { type: x.type } : {}), ...(x.default ? { default: x.default } : {}), ...(x.description ? { description: x.description } : {}) }));
        if (attrs.length) d.attributes = attrs;
      }
      d.members = members.filter((x) => !x.static && (x.privacy ?? 'public') === 'public');
    }
  }
  return m;
}

/** The public element declarations (with tag names), in the order of the manifest. */
export function elements(manifest) {
  const out = [];
  for (const mod of manifest.modules ?? []) {
    for (const d of mod.declarations ?? []) if (d.customElement && d.tagName) out.push({ ...d, modulePath: mod.path });
  }
  return out;
}

export function readPublicManifest(path = 'custom-elements.json', defineDir = 'src/define') {
  return publicManifest(JSON.parse(readFileSync(path, 'utf8')), tagsFromDefine(defineDir));
}
