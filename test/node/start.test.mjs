// `npm start` (scripts/start.mjs): a busy port, a bad PORT or a HOST the machine does not have
// each end in one line naming the variable to set, with exit code 1, and no stack trace — before
// any build runs.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { test } from 'node:test';

/** Run scripts/start.mjs with `env`; resolve with its exit code and output. */
function start(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/start.mjs'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Hold a port on 127.0.0.1 for the length of `body`. */
async function holding(body) {
  const blocker = createServer();
  await new Promise((ok, fail) => blocker.once('error', fail).listen(0, '127.0.0.1', ok));
  try {
    return await body(blocker.address().port);
  } finally {
    await new Promise((ok) => blocker.close(ok));
  }
}

const oneLine = (s) => s.trim().split('\n').length === 1;

test('a busy port: one line naming PORT, exit code 1, no stack trace, no build', async () => {
  await holding(async (port) => {
    const r = await start({ PORT: String(port), HOST: '127.0.0.1' });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr.trim(),
      `Port ${port} is in use on 127.0.0.1: set PORT=… to choose another (e.g. PORT=${port + 1} npm start), or PORT=0 for a free one.`,
    );
    assert.ok(oneLine(r.stderr));
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.equal(r.stdout, '', 'nothing built or served');
  });
});

test('a PORT that is not a number: one line naming PORT, exit code 1', async () => {
  const r = await start({ PORT: 'eighty' });
  assert.equal(r.code, 1);
  assert.ok(oneLine(r.stderr));
  assert.match(r.stderr, /^PORT=eighty is not a port number: set PORT to a number from 0 to 65535/);
});

test('a HOST the machine does not have: one line naming HOST, exit code 1', async () => {
  // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
  const r = await start({ PORT: '0', HOST: '192.0.2.1' });
  assert.equal(r.code, 1);
  assert.ok(oneLine(r.stderr));
  assert.match(r.stderr, /^HOST=192\.0\.2\.1 is not an address of this machine: set HOST=…/);
});
