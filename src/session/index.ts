export * from './session.js';
export * from './drafts.js';
