// A @web/test-runner reporter that prints one plain closing line, `N passed, N failed`
// (N skipped when any), and writes the counts to .reports/ so `npm test` can sum all runners.
import { mkdirSync, writeFileSync } from 'node:fs';

function walk(suite, counts) {
  for (const t of suite.tests ?? []) {
    if (t.skipped) counts.skipped += 1;
    else if (t.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const s of suite.suites ?? []) walk(s, counts);
}

export function countReporter({ label = 'browser' } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, files: 0, errors: 0 };
      for (const session of sessions) {
        counts.files += 1;
        if (session.testResults) walk(session.testResults, counts);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) counts.errors += 1;
      }
      counts.failed += counts.errors;
      mkdirSync('.reports', { recursive: true });
      writeFileSync(`.reports/${label}.json`, JSON.stringify(counts));
      const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
      console.log(`\n${label}: ${counts.passed} passed, ${counts.failed} failed${skipped}`);
    },
  };
}
