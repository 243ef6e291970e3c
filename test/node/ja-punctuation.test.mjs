// Japanese punctuation (issue 13): the ja locale ends sentences with 。 and separates with 、 and ：,
// never with an ASCII period, comma or colon after Japanese text ("ステール." was seen). Every
// string of src/i18n/ja.ts is checked, the functions' results too (called with sample values).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from 'esbuild';

async function loadJa() {
  const out = await build({ entryPoints: ['src/i18n/ja.ts'], bundle: true, write: false, format: 'esm', platform: 'neutral', logLevel: 'silent' });
  const code = out.outputFiles[0].text;
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)).ja;
}

/** Every string of the locale, with its key path; functions called with sample arguments. */
function strings(value, path, out) {
  if (typeof value === 'string') out.push([path, value]);
  else if (typeof value === 'function') out.push([`${path}()`, String(value('山田 太郎', '携帯'))]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out);
  return out;
}

const JAPANESE = '[\\u3040-\\u30ff\\u3400-\\u9fff\\uff01-\\uff5e]';
const RULES = [
  { why: 'an ASCII period after Japanese text (use 。)', re: new RegExp(`${JAPANESE}\\.`) },
  { why: 'an ASCII comma after Japanese text (use 、)', re: new RegExp(`${JAPANESE},`) },
  { why: 'an ASCII colon after Japanese text (use ：)', re: new RegExp(`${JAPANESE}:`) },
  { why: 'an ASCII ! or ? after Japanese text (use ！ or ？)', re: new RegExp(`${JAPANESE}[!?]`) },
];

test('the ja locale uses Japanese punctuation after Japanese text', async () => {
  const ja = await loadJa();
  const all = strings(ja, '', []);
  assert.ok(all.length > 100, `only ${all.length} strings read`);
  const bad = all.flatMap(([path, s]) => RULES.filter((r) => r.re.test(s)).map((r) => `${path}: ${JSON.stringify(s)} — ${r.why}`));
  assert.deepEqual(bad, []);
});

test('the elements add no ASCII full stop of their own after a translated phase name', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const files = readdirSync('src/elements', { recursive: true }).filter((f) => String(f).endsWith('.ts'));
  const bad = files.filter((f) => /\$\{t\.phases\.[\w[\]'.-]+\}\./.test(readFileSync(`src/elements/${f}`, 'utf8')));
  assert.deepEqual(bad, [], 'a template writes "${t.phases.x}." — the period is English; put it in the translation');
});
