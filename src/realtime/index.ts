/** The real-time layer: WebSocket endpoints /ws/visitor and /ws/staff over ports the app implements. */
export { MAX_FRAME_BYTES } from './core/frames.js';
export type { ContactAccess } from './core/subscriptions.js';
export type * from './ports.js';
export { Realtime, type RealtimeOptions } from './server.js';
