export * from './clock.js';
export * from './errors.js';
export * from './events.js';
export * from './ids.js';
export * from './permissions.js';
export * from './result.js';
export * from './tenant-context.js';
