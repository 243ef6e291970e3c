// npm start: serve the demo CRM page on the embedded simulated connector, after a build.
//   PORT (default 8000; 0 picks a free one) and HOST (default 127.0.0.1) choose where.
// The port is taken first, so a busy one says so in one line before any build runs.
import { execSync } from 'node:child_process';
import { serve } from './serve.mjs';

const host = process.env.HOST || '127.0.0.1';
const raw = process.env.PORT ?? '8000';
const port = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
if (!(port >= 0 && port <= 65535)) {
  console.error(`PORT=${raw} is not a port number: set PORT to a number from 0 to 65535 (0 picks a free one).`);
  process.exit(1);
}

let server;
try {
  server = await serve({ port, host });
} catch (e) {
  const code = e?.code;
  if (code === 'EADDRINUSE')
    console.error(`Port ${port} is in use on ${host}: set PORT=… to choose another (e.g. PORT=${port + 1} npm start), or PORT=0 for a free one.`);
  else if (code === 'EACCES') console.error(`Port ${port} needs privileges on this machine: set PORT=… to one above 1023 (e.g. PORT=8000 npm start).`);
  else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    console.error(`HOST=${host} is not an address of this machine: set HOST=… to one it has (e.g. HOST=127.0.0.1 or HOST=0.0.0.0).`);
  else console.error(`Cannot serve on ${host}:${port} (${code ?? e?.message ?? e}): set PORT=… or HOST=… to choose another.`);
  process.exit(1);
}

execSync('npm run build --silent', { stdio: 'inherit' });
const { port: bound } = server.address();
console.log(`\nDemo CRM page: http://${host.includes(':') ? `[${host}]` : host}:${bound}/demo/\n(Ctrl+C to stop)`);
