export * from './port.js';
export * from './validate.js';
