/** The pure routing engine: import from here, not from the files behind it. */
export {
  DEFAULT_CHANNELS,
  DEFAULT_EXCLUSIVE_CHANNELS,
  DEFAULT_SERVICE_LEVELS,
  DEFAULT_TIERS,
  FALLBACK_SERVICE_LEVEL,
} from './config.js';
export { explainDecision } from './decision.js';
export { type Actions, type ContactRouting, RoutingEngine } from './engine.js';
export type { RoutingError, RoutingErrorCode, RoutingResult } from './errors.js';
export { canMove, PRESENCE_TRANSITIONS } from './presence.js';
export { knownTier, type RankedTier, tierConfigs } from './tier-offsets.js';
export * from './types.js';
