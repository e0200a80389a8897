import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTES_MAX_BYTES,
  applyAttributesPatch,
  applyConsent,
  defaultDisplayName,
  MAX_ATTRIBUTES,
  MAX_TAGS,
  NO_CONSENT,
  normaliseDisplayName,
  normaliseTags,
} from './profile.js';

describe('display name', () => {
  it.each([
    ['  Li Wei ', true],
    ['', false],
    ['   ', false],
    ['x'.repeat(121), false],
    ['bell\u0007', false],
  ])('should accept %j: %s', (raw, accepted) => {
    expect(normaliseDisplayName(raw, 'body.displayName').ok).toBe(accepted);
  });

  it.each([
    [[{ kind: 'web_visitor', value: 'visitor-abcdef123456' }], 'Customer 123456'],
    [
      [
        { kind: 'web_visitor', value: 'v1' },
        { kind: 'email', value: 'a@b.cn' },
      ],
      'a@b.cn',
    ],
    [[{ kind: 'phone', value: '+8613800138000' }], '+8613800138000'],
    [[], 'Customer'],
  ] as const)('should name a customer met through %j as %j', (ids, name) => {
    expect(defaultDisplayName(ids)).toBe(name);
  });
});

describe('tags', () => {
  it('should trim, lower-case, deduplicate and sort when tags are set', () => {
    expect(normaliseTags([' VIP', 'vip ', 'complained', 'Beijing'], 'body.tags')).toEqual({
      ok: true,
      value: ['beijing', 'complained', 'vip'],
    });
  });

  it.each([
    ['a blank tag', ['ok', '  '], 'body.tags.1'],
    ['an over-long tag', ['x'.repeat(41)], 'body.tags.0'],
    ['too many tags', Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`), 'body.tags'],
  ])('should refuse %s naming the field', (_name, tags, field) => {
    const r = normaliseTags(tags, 'body.tags');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details.map((d) => d.field)).toContain(field);
  });
});

describe('attributes', () => {
  it('should set, replace and remove keys when a patch is applied', () => {
    const r = applyAttributesPatch({ city: 'Beijing', orders: 3 }, { orders: 4, vip: true, city: null }, 'body.attributes');
    expect(r).toEqual({ ok: true, value: { orders: 4, vip: true } });
  });

  it.each([
    ['a key that is not a name', { 'bad key': 1 }, 'body.attributes.bad key'],
    ['a key starting with an underscore', { __proto: 1 }, 'body.attributes.__proto'],
    ['an over-long string', { note: 'x'.repeat(501) }, 'body.attributes.note'],
    ['an infinite number', { n: Number.POSITIVE_INFINITY }, 'body.attributes.n'],
    ['too many keys', Object.fromEntries(Array.from({ length: MAX_ATTRIBUTES + 1 }, (_, i) => [`k${i}`, i])), 'body.attributes'],
    [
      'more than the byte budget',
      Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'x'.repeat(ATTRIBUTES_MAX_BYTES / 20)])),
      'body.attributes',
    ],
  ])('should refuse %s naming the field', (_name, patch, field) => {
    const r = applyAttributesPatch({}, patch, 'body.attributes');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details.map((d) => d.field)).toContain(field);
  });
});

describe('consent', () => {
  it('should change flags and stamp the time when a flag changes', () => {
    expect(applyConsent(NO_CONSENT, { sms: true }, 1000)).toEqual({ ...NO_CONSENT, sms: true, updatedAt: 1000 });
  });

  it('should keep the earlier time when a patch changes no flag', () => {
    const given = { ...NO_CONSENT, sms: true, updatedAt: 1000 };
    expect(applyConsent(given, { sms: true, email: false }, 2000)).toBe(given);
  });
});
