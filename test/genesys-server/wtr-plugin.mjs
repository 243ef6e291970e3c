/**
 * A @web/test-runner plugin that starts, configures and stops fake Workspace API servers for the
 * browser tests: `executeServerCommand('genesys-fake', {action, id?, ...})` from
 * @web/test-runner-commands. `start` answers `{id, port, prefix}`; `genesys-client` runs Genesys'
 * own Workspace API client (Node) against that server in a child process and answers its report
 * and the server's CometD wire; every other action goes to that server's `command` (see
 * fake-gws.mjs); `stop` closes it. All left open close with the runner.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FakeWorkspaceApi } from './fake-gws.mjs';

const PROBE = fileURLToPath(new URL('./genesys-client-probe.mjs', import.meta.url));

/** Genesys' client signs in with a fresh code, activates channels, goes Ready and makes a call. */
function runGenesysClient(server, destination) {
  const { code } = server.command('sign-in');
  const base = `http://127.0.0.1:${server.port}${server.prefix}`;
  return new Promise((resolve) => {
    execFile(process.execPath, [PROBE, base, code, 'http://localhost/crm', destination], { timeout: 30_000 }, (error, stdout, stderr) => {
      let report;
      try {
        report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
      } catch {
        report = { error: `the probe printed no report (${error?.message ?? 'no error'}): ${stderr.slice(0, 2000)}` };
      }
      resolve({ report, wire: server.wire });
    });
  });
}

export function genesysFakeServerPlugin() {
  const servers = new Map();
  let next = 0;
  return {
    name: 'genesys-fake-server',
    async executeCommand({ command, payload }) {
      if (command !== 'genesys-fake') return undefined;
      const { action, id, ...args } = payload ?? {};
      if (action === 'start') {
        next += 1;
        const server = new FakeWorkspaceApi({ ...args, prefix: `/gws-${next}` });
        await server.listen();
        servers.set(next, server);
        return { id: next, port: server.port, prefix: server.prefix };
      }
      const server = servers.get(id);
      if (!server) throw new Error(`no fake Workspace API server ${id}`);
      if (action === 'genesys-client') return runGenesysClient(server, args.destination ?? '+81312345678');
      if (action === 'stop') {
        servers.delete(id);
        await server.close();
        return true;
      }
      return server.command(action, args) ?? null;
    },
    async serverStop() {
      await Promise.all([...servers.values()].map((s) => s.close()));
      servers.clear();
    },
  };
}
