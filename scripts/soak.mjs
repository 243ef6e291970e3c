// npm run soak [-- runs [seed [tabs]]]: the model-based property of test/session/model.ts, 10,000
// sequences by default, in Node (the domain, session and simulated connector need no DOM); with
// `tabs` > 0 the multi-tab variant (agent-1 in that many tabs sharing one session).
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const runs = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
const tabs = Number(process.argv[4] ?? 0);
const dir = mkdtempSync(join(tmpdir(), 'pp-soak-'));
const out = join(dir, 'model.mjs');
await build({ entryPoints: ['test/session/model.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'warning' });
const { runModel, progressProblem } = await import(pathToFileURL(out).href);
const started = Date.now();
console.log(`soak: ${runs} random command sequences, seed ${seed}${tabs ? `, agent-1 in ${tabs} tabs` : ''}…`);
const report = await runModel({ numRuns: runs, seed, tabs });
rmSync(dir, { recursive: true, force: true });
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `phases reached: ${report.phasesSeen.join(', ')}; interactions completed: ${report.completed}; wrap-up defaults applied: ${report.defaulted}${tabs ? `; leader tabs lost and taken over: ${report.handovers}` : ''}`,
);
if (report.failed) {
  console.error(report.message);
  console.log(`soak: ${report.numRuns} passed, 1 failed (${secs} s)`);
  process.exit(1);
}
// A soak where every action was refused proves nothing: the runs must have got somewhere.
const stuck = progressProblem(report);
if (stuck) {
  console.error(`soak: no progress: ${stuck}`);
  console.log(`soak: ${report.numRuns} passed, 1 failed (${secs} s)`);
  process.exit(1);
}
console.log(`soak: ${report.numRuns} passed, 0 failed (${secs} s)`);
