import { describe, expect, it } from 'vitest';
import { ApiKeyCache, KEY_CACHE_TTL_MS, type VerifiedKey } from './key-cache.js';

const key = (tenantId: string, keyId: string): VerifiedKey => ({
  tenantId,
  keyId,
  secretHash: Buffer.alloc(32),
  name: keyId,
  permissions: new Set(),
});

describe('ApiKeyCache', () => {
  it('should answer a key within its time to live and forget it after', () => {
    const cache = new ApiKeyCache();
    cache.put(key('t1', 'k1'), 1_000, cache.begin());
    expect(cache.get('t1', 'k1', 1_000 + KEY_CACHE_TTL_MS - 1)?.keyId).toBe('k1');
    expect(cache.get('t1', 'k1', 1_000 + KEY_CACHE_TTL_MS)).toBeNull();
  });

  it('should not store a look-up that began before a revocation, so a revoked key is never cached again', () => {
    const cache = new ApiKeyCache();
    const started = cache.begin();
    cache.forgetKey('t1', 'k1'); // the revocation commits while the look-up is reading
    cache.put(key('t1', 'k1'), 0, started);
    expect(cache.get('t1', 'k1', 1)).toBeNull();
  });

  it("should forget every key of a tenant and only that tenant's", () => {
    const cache = new ApiKeyCache();
    for (const [t, k] of [
      ['t1', 'a'],
      ['t1', 'b'],
      ['t2', 'c'],
    ] as const)
      cache.put(key(t, k), 0, cache.begin());
    cache.forgetTenant('t1');
    expect(cache.get('t1', 'a', 1)).toBeNull();
    expect(cache.get('t1', 'b', 1)).toBeNull();
    expect(cache.get('t2', 'c', 1)?.keyId).toBe('c');
  });
});
