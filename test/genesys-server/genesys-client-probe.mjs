/**
 * Genesys' own Workspace API client (genesys-workspace-client-js, Node) against the fake server:
 * sign in with an authorization code, wait for the initialization on its own CometD subscription,
 * activate channels, go Not Ready then Ready, make a call, consult and complete a two-step
 * transfer, and report what it saw as one JSON
 * line on stdout. Run by the test runner plugin in a child process of its own, because the client
 * installs a global `window` and XMLHttpRequest shim for CometD in Node.
 *
 * Usage: node genesys-client-probe.mjs <baseUrl> <code> <redirectUri> <destination>
 */
import WorkspaceApi from 'genesys-workspace-client-js';

const [baseUrl, code, redirectUri, destination] = process.argv.slice(2);
const report = { steps: [], sessionCookie: null, user: null, dnStates: [], calls: [], error: null };
const step = (name) => report.steps.push(name);

function waitFor(emitter, event, test, ms, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.removeListener(event, on);
      reject(new Error(`no ${what} within ${ms} ms`));
    }, ms);
    const on = (msg) => {
      if (!test(msg)) return;
      clearTimeout(timer);
      emitter.removeListener(event, on);
      resolve(msg);
    };
    emitter.on(event, on);
  });
}

async function main() {
  const api = new WorkspaceApi(undefined, baseUrl, false);
  api.on('DnStateChanged', (msg) => report.dnStates.push(msg.dn.agentState));
  api.on('CallStateChanged', (msg) => report.calls.push({ id: msg.call.id, state: msg.call.state, dnis: msg.call.dnis ?? null }));

  // Resolves only once WorkspaceInitializationComplete came on its /workspace/v3/initialization subscription.
  await api.initialize({ code, redirectUri });
  step('initialized');
  // The client copies WORKSPACE_SESSIONID from initialize-workspace's answer into CometD's cookie jar.
  report.sessionCookie = typeof api._sessionCookie === 'string' ? api._sessionCookie.split('=')[0] : null;
  report.user = { userName: api.user.userName, agentLogin: api.user.agentLogin, defaultPlace: api.user.defaultPlace };

  await api.activateChannels();
  step('channels activated');

  const notReady = waitFor(api, 'DnStateChanged', (m) => m.dn.agentState === 'NotReady', 5000, 'DnStateChanged NotReady');
  await api.voice.notReady();
  await notReady;
  step('not ready');
  const ready = waitFor(api, 'DnStateChanged', (m) => m.dn.agentState === 'Ready', 5000, 'DnStateChanged Ready');
  await api.voice.ready();
  await ready;
  step('ready');

  const established = waitFor(api, 'CallStateChanged', (m) => m.call.state === 'Established', 5000, 'CallStateChanged Established');
  await api.voice.makeCall(destination);
  await established;
  step('call established');
  report.liveCalls = [...api.voice.calls.keys()];

  // Issue 16: the two-step transfer as Genesys' client makes it: initiate-transfer on the customer's
  // call, then complete-transfer on the consult call with the parent's id as parentConnId.
  const parentId = report.liveCalls[0];
  const consulted = waitFor(
    api,
    'CallStateChanged',
    (m) => m.call.callType === 'Consult' && m.call.state === 'Established',
    5000,
    'a Consult call Established',
  );
  await api.voice.initiateTransfer(parentId, '+81355550100');
  const consult = (await consulted).call;
  step('consult established');
  report.consult = { parentConnId: consult.parentConnId ?? null, parentId };
  const released = waitFor(api, 'CallStateChanged', (m) => m.call.id === parentId && m.call.state === 'Released', 5000, "the customer's call Released");
  await api.voice.completeTransfer(consult.id, parentId);
  await released;
  step('transfer completed');

  await api.destroy();
  step('destroyed');
}

const hardStop = setTimeout(() => {
  report.error = report.error ?? 'the probe did not finish in 20 s';
  finish(1);
}, 20_000);

function finish(code) {
  clearTimeout(hardStop);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  // The client keeps CometD and keep-alive sockets open: leave at once.
  process.exit(code);
}

// A promise of the client's own that fails (destroy() does not await its logout) fails the probe.
process.on('unhandledRejection', (e) => {
  report.error = `unhandled rejection in the Genesys client: ${String((e && e.message) || e)}`;
  finish(1);
});

main().then(
  () => setTimeout(() => finish(0), 100),
  (e) => {
    report.error = String(e && (e.stack || e.message || e.error || JSON.stringify(e)));
    finish(1);
  },
);
