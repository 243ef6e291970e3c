import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';
import { readPublicManifest } from '../scripts/manifest.mjs';

/**
 * `virtual:pp-manifest`: custom-elements.json as autodocs should show it — tag names from
 * src/define, public members only (see scripts/manifest.mjs). Read when Storybook starts, so a
 * freshly analysed manifest is what the docs show.
 */
function manifestModule(): Plugin {
  const id = 'virtual:pp-manifest';
  return {
    name: 'pp-manifest',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load: (resolved) => (resolved === `\0${id}` ? `export default ${JSON.stringify(readPublicManifest())};` : null),
  };
}

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true },
  docs: {},
  viteFinal: (vite) => ({
    ...vite,
    plugins: [...(vite.plugins ?? []), manifestModule()],
    // One lit for the stories, the elements and Storybook's renderer.
    resolve: { ...vite.resolve, dedupe: ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'] },
    optimizeDeps: { ...vite.optimizeDeps, exclude: [...(vite.optimizeDeps?.exclude ?? []), 'lit', 'lit-html', 'lit-element', '@lit/reactive-element', '@lit/context'] },
  }),
};
export default config;
