import type { StorybookConfig } from '@storybook/web-components-vite';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const LIT = /^(lit|lit-html|lit-element|@lit\/.*)(\/|$)/;

/**
 * The packages the sources import (statically or with a lazy `import()`), lit excepted. Vite
 * pre-bundles them up front: one found halfway through a story-test run makes Vite reload the
 * page under the tests, which fails them at random.
 */
function sourceDeps(dir = 'src'): string[] {
  const deps = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies ?? {});
  const found = new Set<string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.includes('/react/'))
        for (const m of readFileSync(p, 'utf8').matchAll(/(?:from|import\()\s*'([^'./][^']*)'/g))
          if (!LIT.test(m[1]) && deps.some((x) => m[1] === x || m[1].startsWith(`${x}/`))) found.add(m[1]);
    }
  };
  walk(dir);
  return [...found].sort();
}

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true },
  docs: {},
  viteFinal: (vite) => ({
    ...vite,
    // One lit for the stories, the elements and Storybook's renderer.
    resolve: { ...vite.resolve, dedupe: ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'] },
    // lit is not pre-bundled, so stories, elements and Storybook's renderer share one copy.
    optimizeDeps: {
      ...vite.optimizeDeps,
      include: [...(vite.optimizeDeps?.include ?? []), ...sourceDeps()],
      exclude: [...(vite.optimizeDeps?.exclude ?? []), 'lit', 'lit-html', 'lit-element', '@lit/reactive-element', '@lit/context'],
    },
  }),
};
export default config;
