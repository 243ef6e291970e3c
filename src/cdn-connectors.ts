/**
 * The CDN build's second entry (dist/cdn/connectors.min.js): the simulated connector and server,
 * and the readers that validate what a server sends (for a connector of your own). An entry of
 * its own so that dist/cdn/push-preview-elements.min.js and its static imports do not carry
 * them: the elements load the simulated connector by themselves, as a chunk, only when no
 * `connector` is set. Also the class CallTimers, so that the entry imports `<call-timers>` only
 * from its own chunk (src/cdn-define.ts). test/node/cdn.test.mjs checks that the two entries
 * together export what src/index.ts does.
 */
export * from './connectors/validate.js';
export { SimulatedConnector, NO_FAULTS, type Faults, type SimulatedConnectorOptions } from './connectors/simulated/connector.js';
export { SimulatedServer, type DialOutcome, type SimulatedServerOptions } from './connectors/simulated/server.js';
export { DEFAULT_CAMPAIGN, DEFAULT_CONTACTS } from './connectors/simulated/seed-data.js';
export { CallTimers } from './elements/timers/call-timers.js';
