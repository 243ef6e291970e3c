/**
 * `push-preview-elements/connectors/genesys`: the push preview workflow against Genesys
 * Engage's Workspace API v3. Give the session provider a connector:
 *
 * ```js
 * import { createGenesysConnector, readAuthCode } from 'push-preview-elements/connectors/genesys';
 * const code = readAuthCode(location.href);
 * provider.connector = createGenesysConnector({
 *   baseUrl: 'https://gws.example.com',
 *   auth: code ? { kind: 'code', code, redirectUri: location.origin + location.pathname } : { kind: 'session' },
 *   agentId: 'JohnSmith',
 *   ocs: { transport: 'topic', topic: '{tenantId}@{placeName}' },
 * });
 * ```
 */
export { GenesysConnector, createGenesysConnector, GENESYS_CHANNELS } from './connector.js';
export * from './options.js';
export { readKv, toKvList, type KvMap, type KvPair } from './kv.js';
export { genesysLoginUrl, readAuthCode } from './auth.js';
