// `npm run bench` (issue 7; not part of `npm test`): sizes, then the runtime and memory runs in
// Debian's Chromium (scripts/bench-runtime.mjs). Prints every figure and writes bench/results/*.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { measureSizes, printSizes } from './bench-size.mjs';

const started = Date.now();
mkdirSync('bench/results', { recursive: true });
console.log('== sizes');
const sizes = await measureSizes();
console.log(printSizes(sizes));
writeFileSync('bench/results/size.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), ...sizes }, null, 2)}\n`);
console.log(`\nbench: done in ${Math.round((Date.now() - started) / 1000)} s; results in bench/results/`);
