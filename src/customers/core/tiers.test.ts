import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS, defaultTier, effectiveTiers, planTierList, ranksAbove, requireTier, sameTiers } from './tiers.js';

describe('tiers', () => {
  it('should give a tenant the default high, middle, low when it has no list of its own', () => {
    expect(effectiveTiers([]).map((t) => t.id)).toEqual(['high', 'middle', 'low']);
  });

  it('should order a stored list by rank when it is read back in any order', () => {
    const stored = [
      { id: 'b', name: 'B', rank: 2 },
      { id: 'a', name: 'A', rank: 1 },
    ];
    expect(effectiveTiers(stored).map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('should put a new customer in the lowest tier when no tier is named', () => {
    expect(defaultTier(DEFAULT_TIERS).id).toBe('low');
  });

  it.each([
    ['high', 'middle', true],
    ['middle', 'high', false],
    ['low', 'low', false],
    ['gone', 'low', false],
    ['low', 'gone', true],
  ])('should rank %s above %s: %s', (a, b, expected) => {
    expect(ranksAbove(DEFAULT_TIERS, a, b)).toBe(expected);
  });

  it('should refuse an unknown tier with UNKNOWN_TIER naming the field', () => {
    const r = requireTier(DEFAULT_TIERS, 'gold', 'body.tier');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('UNKNOWN_TIER');
      expect(r.error.details[0]).toEqual({ field: 'body.tier', issue: 'must be one of high, middle, low' });
    }
  });
});

describe('planTierList', () => {
  it('should rank tiers by their order when a list is accepted', () => {
    const r = planTierList(
      [
        { id: 'vip', name: ' VIP ' },
        { id: 'standard', name: 'Standard' },
      ],
      new Set(),
    );
    expect(r).toEqual({
      ok: true,
      value: [
        { id: 'vip', name: 'VIP', rank: 1 },
        { id: 'standard', name: 'Standard', rank: 2 },
      ],
    });
  });

  it.each([
    ['no tiers', [], 'body.tiers'],
    [
      'a repeated id',
      [
        { id: 'a', name: 'A' },
        { id: 'a', name: 'A again' },
      ],
      'body.tiers.1.id',
    ],
    ['a bad id', [{ id: 'Gold!', name: 'Gold' }], 'body.tiers.0.id'],
    ['a blank name', [{ id: 'gold', name: '   ' }], 'body.tiers.0.name'],
    ['eleven tiers', Array.from({ length: 11 }, (_, i) => ({ id: `t${i}`, name: `T${i}` })), 'body.tiers'],
  ])('should refuse %s with VALIDATION_FAILED', (_name, input, field) => {
    const r = planTierList(input, new Set());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION_FAILED');
      expect(r.error.details.map((d) => d.field)).toContain(field);
    }
  });

  it('should refuse with TIER_IN_USE when a tier that customers hold is dropped', () => {
    const r = planTierList([{ id: 'high', name: 'High' }], new Set(['low', 'high', 'middle']));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('TIER_IN_USE');
      expect(r.error.message).toContain('"low"');
      expect(r.error.details).toHaveLength(2);
    }
  });

  it('should accept renaming and reordering tiers in use when none is dropped', () => {
    const r = planTierList(
      [
        { id: 'low', name: 'Basic' },
        { id: 'high', name: 'Gold' },
      ],
      new Set(['low', 'high']),
    );
    expect(r.ok).toBe(true);
  });

  it('should see two lists as the same only when ids, names and order match', () => {
    expect(sameTiers(DEFAULT_TIERS, [...DEFAULT_TIERS])).toBe(true);
    expect(sameTiers(DEFAULT_TIERS, [...DEFAULT_TIERS].reverse())).toBe(false);
  });
});
