export * from './dispatcher.js';
export * from './idempotent.js';
export * from './outbox.js';
export * from './periodic.js';
export * from './retention.js';
export * from './timer-loop.js';
