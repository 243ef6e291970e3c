export { GenesysConnector, createGenesysConnector, GENESYS_CHANNELS } from './connector.js';
export * from './options.js';
export { readKv, toKvList, type KvMap, type KvPair } from './kv.js';
export { genesysLoginUrl, readAuthCode } from './auth.js';
