// npm start: build, then serve the demo CRM page on the embedded simulated connector.
import { execSync } from 'node:child_process';
import { serve } from './serve.mjs';

execSync('npm run build --silent', { stdio: 'inherit' });
const port = Number(process.env.PORT ?? 8000);
const server = await serve({ port, host: process.env.HOST ?? '127.0.0.1' });
const { port: bound } = server.address();
console.log(`\nDemo CRM page: http://${process.env.HOST ?? '127.0.0.1'}:${bound}/demo/\n(Ctrl+C to stop)`);
