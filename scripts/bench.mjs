// `npm run bench` (issue 7; not part of `npm test`): sizes (scripts/bench-size.mjs), then the
// runtime and memory runs in Debian's Chromium (scripts/bench-runtime.mjs), our elements alternated
// with the React twin in bench/twin/. Prints every figure and writes bench/results/*.json.
// `npm run bench -- --quick` runs fewer repetitions (a smoke run; not for reporting).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { measureSizes, printSizes } from './bench-size.mjs';
import { runRuntime } from './bench-runtime.mjs';

const started = Date.now();
const quick = process.argv.includes('--quick');
mkdirSync('bench/results', { recursive: true });
const machine = {
  nproc: cpus().length,
  cpu: cpus()[0]?.model,
  totalMemGiB: +(totalmem() / 2 ** 30).toFixed(1),
  freeMemGiB: +(freemem() / 2 ** 30).toFixed(1),
  node: process.version,
};
console.log(`machine: ${machine.nproc} cores (${machine.cpu}), ${machine.totalMemGiB} GiB (${machine.freeMemGiB} free), node ${machine.node}`);

console.log('\n== sizes');
const sizes = await measureSizes();
console.log(printSizes(sizes));
writeFileSync('bench/results/size.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), machine, ...sizes }, null, 2)}\n`);

console.log(`\n== runtime and memory (Chromium; ${quick ? 'QUICK run: few repetitions' : 'full run'})`);
const runtime = await runRuntime({ quick });
writeFileSync(
  `bench/results/runtime${quick ? '-quick' : ''}.json`,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), machine, ...runtime }, null, 2)}\n`,
);
// The targets, each with the figure it is judged on.
const checks = [];
const initial = sizes.rows.find((r) => r.group === 'b');
checks.push(['initial load ≤ 30 kB gzip (lit, @lit/context, rxjs included)', initial.gzip <= 30 * 1024, `${(initial.gzip / 1024).toFixed(1)} kB gzip`]);
checks.push(['first render ratio ≤ 1.0', runtime.firstRender.ratio.median <= 1, `median ${runtime.firstRender.ratio.median.toFixed(2)}`]);
checks.push(['update ratio ≤ 0.5: one server event', runtime.oneEvent.ratio.median <= 0.5, `median ${runtime.oneEvent.ratio.median.toFixed(2)}`]);
for (const b of runtime.bursts)
  checks.push([`update ratio ≤ 0.5: burst ${b.n} × ${b.k} (${b.delivery})`, b.ratio.median <= 0.5, `median ${b.ratio.median.toFixed(2)}`]);
checks.push(['update ratio ≤ 0.5: full workflow (to DOM)', runtime.workflow.ratio.median <= 0.5, `median ${runtime.workflow.ratio.median.toFixed(2)}`]);
checks.push([
  'update ratio ≤ 0.5: full workflow (to the frame shown)',
  runtime.workflowPresented.ratio.median <= 0.5,
  `median ${runtime.workflowPresented.ratio.median.toFixed(2)}`,
]);
for (const b of runtime.bursts) {
  const worst = b.maxRendersPerElementPerFrame.lit;
  checks.push([
    `≤ 1 render per frame: burst ${b.n} × ${b.k} (${b.delivery})`,
    worst <= 1,
    `up to ${worst.toFixed(1)} renders of one element in one frame (twin: ${b.maxRendersPerElementPerFrame.react.toFixed(1)})`,
  ]);
}
const left = Math.max(...runtime.memory.lit.map((m) => m.liveAfter - m.liveBefore + m.providerSessionsLeft));
checks.push(['zero subscriptions left after mount/unmount', left === 0, `${left} left`]);
console.log('\n== targets (issue 7)');
for (const [name, pass, figure] of checks) console.log(`${pass ? '✔' : '✖'} ${name.padEnd(58)} ${figure}`);
const missed = checks.filter((c) => !c[1]).length;
console.log(`targets: ${checks.length - missed} met, ${missed} missed`);
writeFileSync(
  `bench/results/targets${quick ? '-quick' : ''}.json`,
  `${JSON.stringify(
    checks.map(([name, pass, figure]) => ({ name, pass, figure })),
    null,
    2,
  )}\n`,
);

console.log(`\nbench: done in ${Math.round((Date.now() - started) / 1000)} s; results in bench/results/`);
