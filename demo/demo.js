// The demo CRM page: the library's tags placed in different regions, one session, the
// simulated connector, and a control strip. Plain JS against the CDN build.
import '../dist/cdn/push-preview-elements.min.js'; // registers every tag
import { SimulatedConnector } from '../dist/cdn/connectors.min.js';

const provider = document.getElementById('session');
const connector = new SimulatedConnector({ agentId: 'agent-1', seed: Date.now() % 100000, faults: { latencyMs: [80, 250] } });

// ?genesys=<base URL> drives a real Genesys Engage Workspace API instead, with the settings of
// README "Connecting to your Genesys Engage" as query parameters: ocs-topic, ocs-transport
// (topic | voice), default-country, name-field, agent-id, insecure-http (a lab over http://).
// The field below sends the page to the Genesys sign-in, which comes back here with ?code=.
const params = new URLSearchParams(location.search);
const GENESYS_SETTINGS = ['genesys', 'ocs-topic', 'ocs-transport', 'default-country', 'name-field', 'agent-id', 'insecure-http'];

async function useGenesys(baseUrl) {
  const { createGenesysConnector, readAuthCode } = await import('../dist/cdn/genesys-connector.min.js');
  // The code is single-use: take it out of the URL, so a reload resumes on the session cookie.
  const code = readAuthCode(location.href);
  if (code) {
    const url = new URL(location.href);
    url.searchParams.delete('code');
    history.replaceState(null, '', url);
  }
  const transport = params.get('ocs-transport');
  const ocs = {};
  if (params.get('ocs-topic')) ocs.topic = params.get('ocs-topic');
  if (transport === 'topic' || transport === 'voice') ocs.transport = transport;
  try {
    provider.connector = createGenesysConnector({
      baseUrl,
      auth: code ? { kind: 'code', code, redirectUri: redirectUri() } : { kind: 'session' },
      ocs,
      ...(params.get('default-country') ? { defaultCountry: params.get('default-country') } : {}),
      ...(params.get('name-field') ? { nameField: params.get('name-field') } : {}),
      ...(params.get('agent-id') ? { agentId: params.get('agent-id') } : {}),
      allowInsecureHttp: params.get('insecure-http') === '1',
    });
    log(`connector: Genesys Workspace API at ${baseUrl}`);
  } catch (e) {
    provider.connector = connector;
    log(String(e.message ?? e));
  }
}

/** This page with its Genesys settings and nothing else: where the sign-in comes back to. */
function redirectUri(baseUrl = params.get('genesys')) {
  const url = new URL(location.pathname, location.origin);
  for (const key of GENESYS_SETTINGS) {
    const v = key === 'genesys' ? baseUrl : params.get(key);
    if (v) url.searchParams.set(key, v);
  }
  return url.href;
}

const genesysUrl = params.get('genesys');
if (genesysUrl) void useGenesys(genesysUrl);
else provider.connector = connector;

const $ = (id) => document.getElementById(id);
const log = (text) => ($('log').textContent = text);

$('push-next').addEventListener('click', () => log(connector.server.pushNext() ? 'pushed' : 'no Ready agent free, or the list is empty'));
$('campaign-run').addEventListener('click', (e) => {
  const running = !connector.server.campaignRunning;
  connector.server.setCampaignRunning(running);
  e.currentTarget.setAttribute('aria-pressed', String(running));
  log(running ? 'campaign started' : 'campaign stopped: no preview is pushed until it starts');
});
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
$('lang').addEventListener('change', (e) => {
  document.documentElement.lang = e.target.value;
  placeholders();
});

// Before a preview arrives the regions say what will appear in them; with one they make way.
function placeholders() {
  const ja = document.documentElement.lang === 'ja';
  const live = Boolean(provider.session?.state.workflow.interaction);
  for (const p of document.querySelectorAll('.crm-empty')) {
    p.textContent = ja ? p.dataset.ja : p.dataset.en;
    p.hidden = live;
  }
}
void provider.ready().then((session) => session.state$.subscribe(() => placeholders()));
$('genesys').addEventListener('click', async () => {
  const url = $('genesys-url').value.trim();
  if (!/^https?:\/\//.test(url)) return log('enter the Workspace API base URL, e.g. https://gws.example.com');
  const { genesysLoginUrl } = await import('../dist/cdn/genesys-connector.min.js');
  location.assign(genesysLoginUrl(url, redirectUri(url)));
});
$('theme').addEventListener('change', (e) => document.documentElement.classList.toggle('dark', e.target.value === 'dark'));

for (const type of ['pp-preview-offered', 'pp-accepted', 'pp-call-connected', 'pp-call-ended', 'pp-done', 'pp-refused', 'pp-error']) {
  provider.addEventListener(type, (e) =>
    log(
      `${type}${e.detail?.record ? `: ${e.detail.record.fields.name ?? e.detail.record.phone}` : e.detail?.reason ? `: ${e.detail.reason}` : e.detail?.message ? `: ${e.detail.message}` : ''}`,
    ),
  );
}
