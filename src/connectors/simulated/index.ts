export * from './server.js';
export * from './connector.js';
export * from './handover.js';
export * from './seed-data.js';
export { Random } from './random.js';
