// custom-elements.json from the element sources, with modules in path order, so the committed
// manifest and a fresh one compare equal however the analyzer happened to order them.
//   node scripts/analyze.mjs [outdir]   (default: the project root)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const outdir = process.argv[2] ?? '.';
mkdirSync(outdir, { recursive: true });
execFileSync('npx', ['--no-install', 'cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', outdir, '--quiet'], { stdio: 'inherit' });
const file = join(outdir, 'custom-elements.json');
const manifest = JSON.parse(readFileSync(file, 'utf8'));
manifest.modules.sort((a, b) => a.path.localeCompare(b.path));
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
