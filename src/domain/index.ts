export * from './types.js';
export * from './reasons.js';
export * from './machine.js';
export * from './intents.js';
export * from './phone.js';
export * from './time.js';
export * from './dial-rules.js';
export * from './campaign-status.js';
