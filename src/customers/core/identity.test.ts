import { describe, expect, it } from 'vitest';
import { identitySearchPrefixes, normaliseIdentities, normaliseIdentity, normaliseOneIdentity } from './identity.js';

describe('normaliseIdentity', () => {
  it.each([
    ['phone', '+86 138-0013-8000', '+8613800138000'],
    ['phone', '0086 (138) 0013 8000', '+8613800138000'],
    ['phone', '8613800138000', '+8613800138000'],
    ['phone', ' +1 (415) 555.0100 ', '+14155550100'],
    ['email', '  Li.Wei@Example.COM ', 'li.wei@example.com'],
    ['web_visitor', ' v_8f3a2b ', 'v_8f3a2b'],
    ['app_user', 'User:42', 'User:42'],
    ['wechat_openid', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'],
  ])('should normalise %s %j to %j when it is valid', (kind, raw, expected) => {
    expect(normaliseIdentity(kind, raw)).toEqual({ ok: true, value: { kind, value: expected } });
  });

  it.each([
    ['phone', '010 1234 5678', /country code/],
    ['phone', '+12345', /international form/],
    ['phone', '+1234567890123456', /international form/],
    ['phone', '+86 138 abc', /international form/],
    ['phone', '', /international form/],
    ['email', 'not-an-email', /email/],
    ['email', 'a b@example.com', /email/],
    ['email', `${'a'.repeat(250)}@x.cn`, /254|email/],
    ['web_visitor', 'has space', /visible ASCII/],
    ['web_visitor', '访客', /visible ASCII/],
    ['app_user', 'x'.repeat(129), /visible ASCII/],
    ['wechat_openid', 'short', /openid/],
    ['wechat_openid', 'has.dot.in.it', /openid/],
    ['fax', '+8613800138000', /kind must be one of/],
  ])('should refuse %s %j when it is not a valid identity', (kind, raw, issue) => {
    const r = normaliseIdentity(kind, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(issue);
  });
});

describe('normaliseIdentities', () => {
  it('should collapse entries that normalise to the same identity when a list repeats one', () => {
    const r = normaliseIdentities(
      [
        { kind: 'phone', value: '+86 138 0013 8000' },
        { kind: 'email', value: 'A@B.CN' },
        { kind: 'phone', value: '008613800138000' },
      ],
      'body.identities',
    );
    expect(r).toEqual({
      ok: true,
      value: [
        { kind: 'phone', value: '+8613800138000' },
        { kind: 'email', value: 'a@b.cn' },
      ],
    });
  });

  it('should name every bad entry by position when a list has several', () => {
    const r = normaliseIdentities(
      [
        { kind: 'email', value: 'nope' },
        { kind: 'phone', value: '+8613800138000' },
        { kind: 'fax', value: '1' },
      ],
      'body.identities',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details.map((d) => d.field)).toEqual(['body.identities.0.value', 'body.identities.2.kind']);
  });

  it('should refuse an empty list when at least one identity is required', () => {
    const r = normaliseIdentities([], 'body.identities', 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('VALIDATION_FAILED');
  });

  it('should name the value field when one identity is refused', () => {
    const r = normaliseOneIdentity({ kind: 'email', value: 'x' }, 'body');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details[0]?.field).toBe('body.value');
  });
});

describe('identitySearchPrefixes', () => {
  it.each([
    ['Li.Wei@', ['Li.Wei@', 'li.wei@']],
    ['138 0013', ['138 0013', '+1380013']],
    ['+86 138', ['+86 138', '+86138']],
    ['oUpF8', ['oUpF8', 'oupf8']],
    ['   ', []],
  ])('should search %j as %j when given free text', (q, expected) => {
    expect(identitySearchPrefixes(q)).toEqual(expected);
  });
});
