export * from './app.js';
export { demoWidgetKey } from './chat.js';
export * from './demo.js';
export * from './realtime.js';
export * from './system-context.js';
