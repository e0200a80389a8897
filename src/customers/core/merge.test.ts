import { describe, expect, it } from 'vitest';
import { checkMergePair, type MergeableProfile, mergeProfiles } from './merge.js';
import { ATTRIBUTES_MAX_BYTES, MAX_TAGS, NO_CONSENT } from './profile.js';
import { DEFAULT_TIERS } from './tiers.js';

const profile = (over: Partial<MergeableProfile> = {}): MergeableProfile => ({
  id: 'cus_x',
  tier: 'low',
  tags: [],
  attributes: {},
  consent: NO_CONSENT,
  ...over,
});

describe('mergeProfiles', () => {
  it.each([
    ['middle', 'high', 'high'],
    ['high', 'low', 'high'],
    ['middle', 'middle', 'middle'],
    ['low', 'middle', 'middle'],
  ])("should keep %s or take the source's %s, giving %s, when the source ranks higher", (into, from, expected) => {
    expect(mergeProfiles(profile({ tier: into }), profile({ tier: from }), DEFAULT_TIERS).tier).toBe(expected);
  });

  it('should union tags when both profiles have some', () => {
    const merged = mergeProfiles(profile({ tags: ['vip', 'beijing'] }), profile({ tags: ['vip', 'app'] }), DEFAULT_TIERS);
    expect(merged.tags).toEqual(['app', 'beijing', 'vip']);
  });

  it('should keep every target tag and stop at the limit when the union is too large', () => {
    const into = Array.from({ length: MAX_TAGS }, (_, i) => `t${String(i).padStart(2, '0')}`);
    const merged = mergeProfiles(profile({ tags: into }), profile({ tags: ['extra'] }), DEFAULT_TIERS);
    expect(merged.tags).toEqual(into);
  });

  it("should keep the target's attribute values and add only missing keys when both have attributes", () => {
    const merged = mergeProfiles(
      profile({ attributes: { city: 'Beijing', orders: 3 } }),
      profile({ attributes: { city: 'Shanghai', plan: 'gold' } }),
      DEFAULT_TIERS,
    );
    expect(merged.attributes).toEqual({ city: 'Beijing', orders: 3, plan: 'gold' });
  });

  it('should add no attribute that would break the byte budget when the target is nearly full', () => {
    const big = 'x'.repeat(ATTRIBUTES_MAX_BYTES - 40);
    const merged = mergeProfiles(profile({ attributes: { a: big } }), profile({ attributes: { b: 'y'.repeat(100), c: 1 } }), DEFAULT_TIERS);
    expect(merged.attributes).toEqual({ a: big, c: 1 });
    expect(new TextEncoder().encode(JSON.stringify(merged.attributes)).length).toBeLessThanOrEqual(ATTRIBUTES_MAX_BYTES);
  });

  it.each([
    ['the source spoke later', { ...NO_CONSENT, sms: true, updatedAt: 10 }, { ...NO_CONSENT, marketing: true, updatedAt: 20 }, 'from'],
    ['the target spoke later', { ...NO_CONSENT, sms: true, updatedAt: 30 }, { ...NO_CONSENT, marketing: true, updatedAt: 20 }, 'into'],
    ['only the source spoke', NO_CONSENT, { ...NO_CONSENT, sms: true, updatedAt: 5 }, 'from'],
    ['neither spoke', NO_CONSENT, NO_CONSENT, 'into'],
    ['both spoke at once', { ...NO_CONSENT, sms: true, updatedAt: 5 }, { ...NO_CONSENT, email: true, updatedAt: 5 }, 'into'],
  ])('should take the consent of the %s profile', (_name, into, from, winner) => {
    const merged = mergeProfiles(profile({ consent: into }), profile({ consent: from }), DEFAULT_TIERS);
    expect(merged.consent).toBe(winner === 'into' ? into : from);
  });

  it('should refuse to merge a customer into itself', () => {
    const r = checkMergePair('cus_a', 'cus_a');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details[0]?.field).toBe('body.intoId');
    expect(checkMergePair('cus_a', 'cus_b').ok).toBe(true);
  });
});
