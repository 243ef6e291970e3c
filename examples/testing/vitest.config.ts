// The Vitest browser-mode example of push-preview-elements/testing, in Debian's Chromium. The
// package is imported by its name and resolves through the root's `exports` to dist/
// (`npm run build` first), as in an app that installed it.
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from '../../scripts/browsers.mjs';

export default defineConfig({
  root: import.meta.dirname,
  // Pre-bundled up front, so that Vite does not find them mid-run and reload the page.
  optimizeDeps: { include: ['lit', 'lit/decorators.js', '@lit/context', 'rxjs', 'libphonenumber-js/min'] },
  test: {
    name: 'testing-example',
    include: ['vitest-example.test.ts'],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
      instances: [{ browser: 'chromium' }],
      screenshotDirectory: '../../.reports/testing-example-screenshots',
    },
    testTimeout: 60_000,
  },
});
