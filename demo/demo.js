// The demo CRM page: the library's tags placed in different regions, one session, the
// simulated connector, and a control strip. Plain JS against the CDN build.
import { SimulatedConnector } from '../dist/cdn/push-preview-elements.min.js';

const provider = document.getElementById('session');
const connector = new SimulatedConnector({ agentId: 'agent-1', seed: Date.now() % 100000, faults: { latencyMs: [80, 250] } });

// ?genesys=<base URL> (or the field below) drives a real Genesys Workspace API instead.
async function useGenesys(baseUrl) {
  const { createGenesysConnector } = await import('../dist/cdn/genesys-connector.min.js');
  provider.connector = createGenesysConnector({ baseUrl });
  log(`connector: Genesys Workspace API at ${baseUrl}`);
}
const genesysUrl = new URLSearchParams(location.search).get('genesys');
if (genesysUrl) void useGenesys(genesysUrl);
else provider.connector = connector;

const $ = (id) => document.getElementById(id);
const log = (text) => ($('log').textContent = text);

$('push-next').addEventListener('click', () => log(connector.server.pushNext() ? 'pushed' : 'no Ready agent free, or the list is empty'));
$('drop').addEventListener('click', () => {
  connector.dropConnection();
  log('connection dropped; the session reconnects by itself');
});
const FAULTS = {
  none: { latencyMs: [80, 250], failureRate: 0, lostAnswerRate: 0, dropRate: 0, duplicateRate: 0, reorderRate: 0 },
  latency: { latencyMs: [300, 1200], failureRate: 0, lostAnswerRate: 0, dropRate: 0, duplicateRate: 0, reorderRate: 0 },
  flaky: { latencyMs: [80, 250], failureRate: 0.3, lostAnswerRate: 0.05, dropRate: 0, duplicateRate: 0, reorderRate: 0 },
  lossy: { latencyMs: [80, 400], failureRate: 0, lostAnswerRate: 0, dropRate: 0.15, duplicateRate: 0.15, reorderRate: 0.15 },
};
$('faults').addEventListener('change', (e) => {
  connector.setFaults(FAULTS[e.target.value]);
  log(`faults: ${e.target.value}`);
});
$('outcome').addEventListener('change', (e) => (connector.server.dialOutcomes = [e.target.value]));
$('lang').addEventListener('change', (e) => (document.documentElement.lang = e.target.value));
$('genesys').addEventListener('click', () => {
  const url = $('genesys-url').value.trim();
  if (!/^https?:\/\//.test(url)) return log('enter the Workspace API base URL, e.g. https://gws.example.com');
  void useGenesys(url);
});
$('theme').addEventListener('change', (e) => document.documentElement.classList.toggle('dark', e.target.value === 'dark'));

for (const type of ['pp-preview-offered', 'pp-accepted', 'pp-call-connected', 'pp-call-ended', 'pp-done', 'pp-refused', 'pp-error']) {
  provider.addEventListener(type, (e) => log(`${type}${e.detail?.record ? `: ${e.detail.record.fields.name}` : e.detail?.reason ? `: ${e.detail.reason}` : ''}`));
}
