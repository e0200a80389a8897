import { describe, expect, it } from 'vitest';
import { formatToken, parseToken } from './tokens.js';

const SECRET = 'A'.repeat(43);

describe('bearer tokens', () => {
  it('should round-trip a session token and an API key when well formed', () => {
    const s = formatToken('session', 'tn_0123456789abcdefghjk', 'ses_0123456789abcdefghjk', SECRET);
    expect(parseToken(s)).toEqual({
      kind: 'session',
      tenantId: 'tn_0123456789abcdefghjk',
      recordId: 'ses_0123456789abcdefghjk',
      secret: SECRET,
    });
    const k = formatToken('api_key', 'tn_platform', 'key_0123456789abcdefghjk', SECRET);
    expect(parseToken(k)?.kind).toBe('api_key');
  });

  it.each([
    ['empty', ''],
    ['wrong prefix', `xxx.tn_0123456789abcdefghjk.ses_0123456789abcdefghjk.${SECRET}`],
    ['short secret', 'kfs.tn_0123456789abcdefghjk.ses_0123456789abcdefghjk.abc'],
    ['sql in tenant', `kfs.tn_' or 1=1.ses_0123456789abcdefghjk.${SECRET}`],
    ['extra part', `kfs.tn_0123456789abcdefghjk.ses_0123456789abcdefghjk.${SECRET}.x`],
  ])('should refuse a token when it is %s', (_name, raw) => {
    expect(parseToken(raw)).toBeNull();
  });
});
