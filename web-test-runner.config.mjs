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
// Every test file in a page of its own window, so that every page is a visible one. In one
// window the runner's concurrent pages are tabs, and all but one are background tabs: no
// animation frames, and Firefox runs their timers at most once a second (a 50 ms timer took
// 1,000 ms there), which made the per-phase suite crawl past the ten-minute run timeout (issue 10).
// test/fixtures/wait.ts refuses to run in a page that is not visible.
// A page's navigation waits for the dev server to serve the test's modules: on a loaded machine
// that can exceed puppeteer's 30 s default, so its bound is a hang bound too.
const createPage = async ({ context }) => {
  const page = await context.newPage({ type: 'window' });
  page.setDefaultNavigationTimeout(120_000);
  return page;
};
if (wanted.includes('chromium')) {
  browsers.push(chromeLauncher({ launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs }, createPage }));
}
// Firefox runs one file at a time: its windows share one keyboard focus, and a window the runner
// opens for the next file takes it from a keyboard walk under way (Log in focused, Enter lost).
if (wanted.includes('firefox')) {
  browsers.push(chromeLauncher({ launchOptions: { browser: 'firefox', executablePath: firefoxPath, headless: true }, createPage, concurrency: 1 }));
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
  // A test's own bound: beyond every wait's hang bound (test/fixtures/wait.ts, 30 s), so that a
  // hang fails the test that hangs, by name, with what it waited for.
  testFramework: { config: { timeout: 60000 } },
  testsFinishTimeout: 600000,
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), countReporter({ label: 'browser tests' })],
};
