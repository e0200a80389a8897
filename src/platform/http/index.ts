export * from './access.js';
export * from './errors.js';
export * from './schemas.js';
export * from './server.js';
export * from './types.js';
export * from './validation.js';
