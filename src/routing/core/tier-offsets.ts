/**
 * Turns a tenant's customer tiers (ranked, 1 = highest) into the engine's head starts. The default
 * high/middle/low keep the offsets the simulator chose (300/120/0 s, ADR 0010); any other list is
 * spread evenly over the same 300 s span, so the lowest tier's extra wait stays bounded by it.
 */
import { DEFAULT_TIERS } from './config.js';
import type { TierConfig } from './types.js';

export interface RankedTier {
  readonly id: string;
  readonly rank: number;
}

export const PRIORITY_SPAN_MS = 300_000;

export const tierConfigs = (tiers: readonly RankedTier[]): TierConfig[] => {
  if (tiers.length === 0) return [...DEFAULT_TIERS];
  const ids = [...tiers].sort((a, b) => a.rank - b.rank).map((t) => t.id);
  if (ids.join(',') === DEFAULT_TIERS.map((t) => t.id).join(',')) return [...DEFAULT_TIERS];
  const last = ids.length - 1;
  return ids.map((id, i) => ({ id, offsetMs: last === 0 ? 0 : Math.round((PRIORITY_SPAN_MS * (last - i)) / last) }));
};

/** The tier a restored contact routes by when its tier no longer exists: the lowest one. */
export const knownTier = (tiers: readonly TierConfig[], tier: string): string =>
  tiers.some((t) => t.id === tier) ? tier : (tiers[tiers.length - 1]?.id ?? tier);
