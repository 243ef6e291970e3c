// custom-elements.json is written complete by the analyzer and these plugins (see
// scripts/cem-plugins.mjs): nothing patches it afterwards.
import { defineCallsPlugin, distPathsPlugin, publicApiPlugin, schemaVersionPlugin } from './scripts/cem-plugins.mjs';

export default {
  globs: ['src/elements/**/*.ts', 'src/define/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/elements/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [defineCallsPlugin(), publicApiPlugin(), distPathsPlugin(), schemaVersionPlugin()],
};
