// Analyzer plugins (custom-elements-manifest.config.mjs) that make custom-elements.json true as
// it is written, for every tool that reads it (Storybook autodocs, wc-toolkit, editors):
//  - defineCallsPlugin: `define('tag', Class)` from src/elements/internal/define.ts counts like
//    `customElements.define('tag', Class)`: a `custom-element-definition` export in the define
//    module; the analyzer's own link step then gives the class its `tagName` and
//    `customElement: true`.
//  - publicApiPlugin: on element classes, only the public API (no private, protected or static
//    members); a class that no module defines (the abstract base) is not a custom element.
//  - distPathsPlugin: module paths point at the shipped build (src/x.ts → dist/x.js).
//  - schemaVersionPlugin: the schema the content follows. The analyzer writes 1.0.0 but emits
//    `cssStates` (from `@cssstate`), which schema 2.1.0 introduced.

/** `define('tag', Class)` calls (a string literal tag, an identifier class). */
export function defineCallsPlugin() {
  return {
    name: 'pp-define-calls',
    analyzePhase({ ts, node, moduleDoc, context }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteral(tag) || !ts.isIdentifier(klass)) return;
      const imported = context.imports?.find((i) => i.name === klass.text);
      const module = imported && !imported.isBareModuleSpecifier ? new URL(imported.importPath, `file:///${moduleDoc.path}`).pathname : moduleDoc.path;
      moduleDoc.exports = [...(moduleDoc.exports ?? []), { kind: 'custom-element-definition', name: tag.text, declaration: { name: klass.text, module } }];
    },
  };
}

const isPublic = (m) => !m.static && (m.privacy ?? 'public') === 'public' && !m.name.startsWith('#');

export function publicApiPlugin() {
  return {
    name: 'pp-public-api',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const d of mod.declarations ?? []) {
          if (d.kind !== 'class' || !d.customElement) continue;
          if (!d.tagName) {
            delete d.customElement;
            continue;
          }
          if (d.members) d.members = d.members.filter(isPublic);
        }
      }
    },
  };
}

const toDist = (p) =>
  p
    .replace(/^\/+/, '')
    .replace(/^src\//, 'dist/')
    .replace(/\.ts$/, '.js');

export function distPathsPlugin() {
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'module' || k === 'path') && typeof x === 'string') v[k] = toDist(x);
        else walk(x);
      }
  };
  return {
    name: 'pp-dist-paths',
    packageLinkPhase({ customElementsManifest }) {
      walk(customElementsManifest.modules);
    },
  };
}

export function schemaVersionPlugin(version = '2.1.0') {
  return {
    name: 'pp-schema-version',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.schemaVersion = version;
    },
  };
}
