import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath, firefoxPath } from './scripts/browsers.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { genesysFakeServerPlugin } from './test/genesys-server/wtr-plugin.mjs';

// PP_BROWSERS=chromium (default: both) narrows the run while developing.
const wanted = (process.env.PP_BROWSERS ?? 'chromium,firefox').split(',');
const browsers = [];
if (wanted.includes('chromium')) {
  browsers.push(chromeLauncher({ launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs } }));
}
if (wanted.includes('firefox')) {
  browsers.push(chromeLauncher({ launchOptions: { browser: 'firefox', executablePath: firefoxPath, headless: true } }));
}

export default {
  files: ['test/**/*.test.ts', '!test/node/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    // Fake Genesys Workspace API servers on 127.0.0.1, started and stopped by the tests.
    genesysFakeServerPlugin(),
  ],
  browsers,
  concurrency: 2,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 600000,
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), countReporter({ label: 'browser tests' })],
};
