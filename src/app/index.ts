export * from './app.js';
export * from './demo.js';
export * from './system-context.js';
