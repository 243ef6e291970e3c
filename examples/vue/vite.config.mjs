import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { isPushPreviewTag } from 'push-preview-elements/frameworks';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  // The library's tags are custom elements, not Vue components.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: isPushPreviewTag } } })],
  build: { outDir: 'dist', emptyOutDir: true },
  logLevel: 'warn',
});
