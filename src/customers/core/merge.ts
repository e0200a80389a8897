/**
 * What a profile looks like after another profile of the same person is merged into it. The target
 * keeps its name and its own values; the source only adds: a higher tier, tags it lacks, attribute
 * keys it lacks (within the bounds), and its consent when that was expressed more recently.
 */
import { AppError, err, ok, type Result } from '../../kernel/index.js';
import { ATTRIBUTES_MAX_BYTES, type Attributes, type AttributeValue, type Consent, MAX_ATTRIBUTES, MAX_TAGS } from './profile.js';
import { ranksAbove, type Tier } from './tiers.js';

export interface MergeableProfile {
  readonly id: string;
  readonly tier: string;
  readonly tags: readonly string[];
  readonly attributes: Attributes;
  readonly consent: Consent;
}

export interface MergedFields {
  readonly tier: string;
  readonly tags: string[];
  readonly attributes: Attributes;
  readonly consent: Consent;
}

/** A customer cannot be merged into itself. */
export const checkMergePair = (fromId: string, intoId: string): Result<true, AppError> =>
  fromId === intoId
    ? err(new AppError('VALIDATION_FAILED', undefined, [{ field: 'body.intoId', issue: 'must name another customer than the one merged' }]))
    : ok(true);

const unionTags = (into: readonly string[], from: readonly string[]): string[] => {
  const out = new Set(into);
  for (const t of [...from].sort()) {
    if (out.size >= MAX_TAGS) break;
    out.add(t);
  }
  return [...out].sort();
};

const fillAttributes = (into: Attributes, from: Attributes): Attributes => {
  const out = new Map<string, AttributeValue>(Object.entries(into));
  let bytes = new TextEncoder().encode(JSON.stringify(into)).length;
  for (const [key, value] of Object.entries(from).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (out.has(key) || out.size >= MAX_ATTRIBUTES) continue;
    // An added entry costs its key, value, quotes, colon and comma in the JSON text.
    const cost = new TextEncoder().encode(JSON.stringify({ [key]: value })).length - 1;
    if (bytes + cost > ATTRIBUTES_MAX_BYTES) continue;
    out.set(key, value);
    bytes += cost;
  }
  return Object.fromEntries([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};

/** The latest expressed wish wins; never-expressed loses to expressed; a tie keeps the target's. */
const laterConsent = (into: Consent, from: Consent): Consent =>
  from.updatedAt !== null && (into.updatedAt === null || from.updatedAt > into.updatedAt) ? from : into;

export const mergeProfiles = (into: MergeableProfile, from: MergeableProfile, tiers: readonly Tier[]): MergedFields => ({
  tier: ranksAbove(tiers, from.tier, into.tier) ? from.tier : into.tier,
  tags: unionTags(into.tags, from.tags),
  attributes: fillAttributes(into.attributes, from.attributes),
  consent: laterConsent(into.consent, from.consent),
});
