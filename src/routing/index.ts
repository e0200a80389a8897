/** Routing: queues, skills, agents and the ACD that places every contact. */
export { type AdminDeps, RoutingAdminService } from './admin.service.js';
export type { RankedTier } from './core/index.js';
export { decisionLog } from './decision-log.js';
export { AGENT_EVENTS, type PresenceChangedPayload } from './events.js';
export { ContactFlows, type FlowDeps } from './flows.js';
export { routingRoutes } from './http.js';
export { RoutingLiveService } from './live.service.js';
export { RoutingRuntime, type RuntimeDeps } from './runtime.js';
