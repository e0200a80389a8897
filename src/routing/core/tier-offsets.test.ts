import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from './config.js';
import { knownTier, tierConfigs } from './tier-offsets.js';

describe('tier head starts', () => {
  it('should keep the default offsets when the tenant uses high, middle and low', () => {
    expect(
      tierConfigs([
        { id: 'low', rank: 3 },
        { id: 'high', rank: 1 },
        { id: 'middle', rank: 2 },
      ]),
    ).toEqual([...DEFAULT_TIERS]);
  });

  it('should spread custom tiers evenly over the span, highest rank first', () => {
    expect(
      tierConfigs([
        { id: 'vip', rank: 1 },
        { id: 'gold', rank: 2 },
        { id: 'silver', rank: 3 },
        { id: 'basic', rank: 4 },
      ]),
    ).toEqual([
      { id: 'vip', offsetMs: 300_000 },
      { id: 'gold', offsetMs: 200_000 },
      { id: 'silver', offsetMs: 100_000 },
      { id: 'basic', offsetMs: 0 },
    ]);
  });

  it('should give a single tier no head start and fall back to defaults for none', () => {
    expect(tierConfigs([{ id: 'all', rank: 1 }])).toEqual([{ id: 'all', offsetMs: 0 }]);
    expect(tierConfigs([])).toEqual([...DEFAULT_TIERS]);
  });

  it('should route a contact of a removed tier as the lowest tier', () => {
    expect(knownTier(DEFAULT_TIERS, 'platinum')).toBe('low');
    expect(knownTier(DEFAULT_TIERS, 'high')).toBe('high');
  });
});
