// The main entry exports only the public API: of src/elements/internal, only the helpers
// documented there as stable.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const STABLE = ['VERSION', 'DEFAULT_SHORTCUTS', 'parseShortcuts', 'Shortcuts', 'ShortcutAction'];

test('src/index.ts exports nothing from elements/internal but the stable helpers', () => {
  const source = readFileSync('src/index.ts', 'utf8');
  assert.doesNotMatch(source, /export \*[^;]*internal\//, 'export * from elements/internal');
  const names = [...source.matchAll(/export (?:type )?\{([^}]*)\} from '\.\/elements\/internal\/[^']+'/g)].flatMap((m) =>
    m[1]
      .split(',')
      .map((x) =>
        x
          .trim()
          .replace(/^type /, '')
          .split(/\s+as\s+/)
          .pop(),
      )
      .filter(Boolean),
  );
  assert.deepEqual(
    names.filter((n) => !STABLE.includes(n)),
    [],
  );
  assert.ok(names.length > 0);
});
