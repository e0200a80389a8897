import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type IdentityCrypto, verifyIdentity } from './identity.js';

const crypto: IdentityCrypto = {
  hmacHex: (s, d) => createHmac('sha256', s).update(d).digest('hex'),
  equal: (a, b) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b)),
};
const NOW = 1_700_000_000_000;
const sign = (secret: string, user: string, ts: number) => crypto.hmacHex(secret, `${user}.${ts}`);

describe('verifyIdentity', () => {
  const cases: [string, { userId: string; timestamp: number; signature: string }, string | null][] = [
    ['valid in ms', { userId: 'u1', timestamp: NOW, signature: sign('s', 'u1', NOW) }, null],
    ['valid in seconds', { userId: 'u1', timestamp: NOW / 1000, signature: sign('s', 'u1', NOW / 1000) }, null],
    ['upper-case hex', { userId: 'u1', timestamp: NOW, signature: sign('s', 'u1', NOW).toUpperCase() }, null],
    ['wrong secret', { userId: 'u1', timestamp: NOW, signature: sign('x', 'u1', NOW) }, 'bad_signature'],
    ['other user', { userId: 'u2', timestamp: NOW, signature: sign('s', 'u1', NOW) }, 'bad_signature'],
    ['10 minutes and 1 ms old', { userId: 'u1', timestamp: NOW - 600_001, signature: sign('s', 'u1', NOW - 600_001) }, 'expired'],
    ['exactly 10 minutes old', { userId: 'u1', timestamp: NOW - 600_000, signature: sign('s', 'u1', NOW - 600_000) }, null],
    ['from the future', { userId: 'u1', timestamp: NOW + 120_000, signature: sign('s', 'u1', NOW + 120_000) }, 'from_the_future'],
    ['not hex', { userId: 'u1', timestamp: NOW, signature: 'zz' }, 'malformed'],
  ];
  for (const [name, id, problem] of cases) {
    it(`should answer ${problem ?? 'the user id'} when the identity is ${name}`, () => {
      const r = verifyIdentity(id, 's', NOW, crypto);
      expect(r.ok ? null : r.error).toBe(problem);
      if (r.ok) expect(r.value).toBe('u1');
    });
  }
});
