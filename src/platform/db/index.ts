export * from './database.js';
export * from './log-retention.js';
export * from './migrate.js';
export * from './schema.js';
