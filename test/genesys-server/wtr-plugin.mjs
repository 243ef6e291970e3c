/**
 * A @web/test-runner plugin that starts, configures and stops fake Workspace API servers for the
 * browser tests: `executeServerCommand('genesys-fake', {action, id?, ...})` from
 * @web/test-runner-commands. `start` answers `{id, port, prefix}`; every other action goes to
 * that server's `command` (see fake-gws.mjs); `stop` closes it. All left open close with the runner.
 */
import { FakeWorkspaceApi } from './fake-gws.mjs';

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
