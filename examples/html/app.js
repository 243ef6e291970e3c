// The page's own script: a simulated server with quick timings, and a log of the host events.
import { SimulatedConnector } from '../../dist/cdn/connectors.min.js';

const session = document.getElementById('session');
session.connector = new SimulatedConnector({ agentId: 'agent-1', pushDelayMs: 300, dialDelayMs: 600 });

const log = document.getElementById('log');
for (const type of ['pp-preview-offered', 'pp-accepted', 'pp-call-connected', 'pp-call-ended', 'pp-done']) {
  session.addEventListener(type, (e) => {
    const li = document.createElement('li');
    li.textContent = `${type}${e.detail.record ? `: ${e.detail.record.fields.name}` : ''}`;
    log.append(li);
  });
}
