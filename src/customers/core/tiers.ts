/**
 * Customer tiers: a tenant's ordered list of service classes (high / middle / low unless the tenant
 * says otherwise). Rank 1 is the highest tier; routing gives higher tiers priority. New customers
 * start in the lowest tier: a tier is something a customer is raised to.
 */
import { AppError, type ErrorDetail, err, ok, type Result } from '../../kernel/index.js';

export interface Tier {
  readonly id: string;
  readonly name: string;
  /** 1 is the highest tier; each next tier is one lower. */
  readonly rank: number;
}

export interface TierInput {
  readonly id: string;
  readonly name: string;
}

export const TIER_ID_PATTERN = '^[a-z][a-z0-9_-]{0,31}$';
export const MAX_TIERS = 10;
export const TIER_NAME_MAX = 60;

export const DEFAULT_TIERS: readonly Tier[] = [
  { id: 'high', name: 'High', rank: 1 },
  { id: 'middle', name: 'Middle', rank: 2 },
  { id: 'low', name: 'Low', rank: 3 },
];

const TIER_ID = new RegExp(TIER_ID_PATTERN);

/** Orders a stored list highest first; a tenant with no list of its own has the defaults. */
export const effectiveTiers = (stored: readonly Tier[]): Tier[] =>
  stored.length === 0 ? [...DEFAULT_TIERS] : [...stored].sort((a, b) => a.rank - b.rank);

/** The tier a new customer gets when none is named: the lowest. */
export const defaultTier = (tiers: readonly Tier[]): Tier => {
  const lowest = tiers.reduce<Tier | undefined>((low, t) => (low === undefined || t.rank > low.rank ? t : low), undefined);
  if (!lowest) throw new Error('a tier list is never empty');
  return lowest;
};

export const findTier = (tiers: readonly Tier[], id: string): Tier | undefined => tiers.find((t) => t.id === id);

/** The named tier, or UNKNOWN_TIER naming the field and the tiers there are. */
export const requireTier = (tiers: readonly Tier[], id: string, field: string): Result<Tier, AppError> => {
  const tier = findTier(tiers, id);
  if (tier) return ok(tier);
  return err(
    new AppError('UNKNOWN_TIER', `There is no customer tier "${id}".`, [
      { field, issue: `must be one of ${tiers.map((t) => t.id).join(', ')}` },
    ]),
  );
};

/**
 * True when tier `a` ranks above tier `b`. A tier missing from the list (which the service never
 * lets happen) ranks below every known one, so it never wins.
 */
export const ranksAbove = (tiers: readonly Tier[], a: string, b: string): boolean => {
  const rank = (id: string) => findTier(tiers, id)?.rank ?? Number.POSITIVE_INFINITY;
  return rank(a) < rank(b);
};

/**
 * A new tier list from what an admin sent (highest first). Refused: no tiers, too many, a repeated
 * or badly formed id, a blank name, or dropping a tier that customers still hold (they would be
 * left in a tier that does not exist).
 */
export const planTierList = (input: readonly TierInput[], inUse: ReadonlySet<string>): Result<Tier[], AppError> => {
  const details: ErrorDetail[] = [];
  if (input.length < 1 || input.length > MAX_TIERS) details.push({ field: 'body.tiers', issue: `must hold 1 to ${MAX_TIERS} tiers` });
  const seen = new Set<string>();
  const tiers = input.map((t, i): Tier => {
    const id = t.id.trim();
    const name = t.name.trim();
    if (!TIER_ID.test(id)) details.push({ field: `body.tiers.${i}.id`, issue: `must match ${TIER_ID_PATTERN}` });
    else if (seen.has(id)) details.push({ field: `body.tiers.${i}.id`, issue: `repeats the tier "${id}"` });
    seen.add(id);
    if (name.length === 0 || name.length > TIER_NAME_MAX)
      details.push({ field: `body.tiers.${i}.name`, issue: `must be 1 to ${TIER_NAME_MAX} characters` });
    return { id, name, rank: i + 1 };
  });
  if (details.length > 0) return err(new AppError('VALIDATION_FAILED', undefined, details));
  const dropped = [...inUse].filter((id) => !seen.has(id)).sort();
  if (dropped.length > 0) {
    return err(
      new AppError(
        'TIER_IN_USE',
        `Customers still hold the tier${dropped.length > 1 ? 's' : ''} ${dropped.map((d) => `"${d}"`).join(', ')}; move them first.`,
        dropped.map((id) => ({ field: 'body.tiers', issue: `must keep "${id}": customers hold it` })),
      ),
    );
  }
  return ok(tiers);
};

/** True when two lists say the same thing (same ids, names and order). */
export const sameTiers = (a: readonly Tier[], b: readonly Tier[]): boolean =>
  a.length === b.length && a.every((t, i) => t.id === b[i]?.id && t.name === b[i]?.name && t.rank === b[i]?.rank);
