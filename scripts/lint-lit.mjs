// lit-analyzer over the elements: template and binding checks (unknown tags, attributes and
// properties; binding types; events), strict, zero warnings. Two rules are off:
//  - no-invalid-css: lit-analyzer 2.0.3 carries old CSS data and calls `accent-color` and
//    `color-scheme` unknown properties;
//  - no-missing-import: <push-preview-panel> registers the elements it renders through its
//    `static dependencies` (define() in src/elements/internal/define.ts), not by importing a
//    define module, by design (scoped registries can give them other names).
//   node scripts/lint-lit.mjs
import { spawnSync } from 'node:child_process';

const r = spawnSync(
  'npx',
  [
    '--no-install',
    'lit-analyzer',
    'src/elements/**/*.ts',
    'src/define/*.ts',
    '--strict',
    '--maxWarnings',
    '0',
    '--rules.no-invalid-css',
    'off',
    '--rules.no-missing-import',
    'off',
  ],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
