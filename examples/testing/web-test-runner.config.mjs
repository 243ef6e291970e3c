// The @web/test-runner example of push-preview-elements/testing, run as an integrator runs it:
// the package is imported by its name and resolves through the root's `exports` to dist/
// (`npm run build` first). Chromium only: the entry's own tests run in both browsers.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { chromiumArgs, chromiumPath } from '../../scripts/browsers.mjs';
import { countReporter } from '../../scripts/count-reporter.mjs';

export default {
  rootDir: '../..',
  files: ['examples/testing/wtr-example.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' })],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs } })],
  testFramework: { config: { timeout: 60000 } },
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), countReporter({ label: 'testing-example-wtr' })],
};
