export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/elements/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
