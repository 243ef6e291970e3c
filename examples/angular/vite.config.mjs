import { defineConfig } from 'vite';
import { transformAsync } from '@babel/core';
import linker from '@angular/compiler-cli/linker/babel';

// The app is compiled ahead of time by Angular's own compiler first (`ngc -p tsconfig.json`,
// into dist/ngc: templates type-checked and turned into code, no JIT compiler, no eval); Vite
// then bundles it like the React and Vue examples. Angular publishes its packages partially
// compiled: the linker finishes them at build time, as the Angular CLI does.
function angularLinker() {
  return {
    name: 'angular-linker',
    async transform(code, id) {
      if (!/[\\/]node_modules[\\/]@angular[\\/]/.test(id) || !code.includes('ɵɵngDeclare')) return null;
      const out = await transformAsync(code, { filename: id, plugins: [linker], configFile: false, babelrc: false, sourceMaps: true, compact: false });
      return out && { code: out.code ?? code, map: out.map };
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [angularLinker()],
  // What the Angular CLI sets for a production build: no dev-mode checks, no JIT (tree-shaken).
  define: { ngDevMode: 'false', ngJitMode: 'false', ngI18nClosureMode: 'false' },
  build: { outDir: 'dist/app', emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
