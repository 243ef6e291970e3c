import { defineConfig } from 'vite';

// No React plugin is needed to build: Vite 8 compiles JSX itself (the plugin adds Fast Refresh).
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: 'dist', emptyOutDir: true },
  logLevel: 'warn',
});
