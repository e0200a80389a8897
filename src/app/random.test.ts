import { describe, expect, it } from 'vitest';
import { pooledRandomBytes } from './random.js';

describe('pooledRandomBytes', () => {
  it('should hand out distinct slices of the asked length across refills', () => {
    const next = pooledRandomBytes();
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const b = next(10);
      expect(b.length).toBe(10);
      seen.add(Buffer.from(b).toString('hex'));
    }
    // 80 random bits per draw: a repeat would mean the pool handed out the same bytes twice.
    expect(seen.size).toBe(2_000);
  });

  it('should not change bytes already handed out when the pool refills', () => {
    const next = pooledRandomBytes();
    const first = next(10);
    const copy = Buffer.from(first).toString('hex');
    for (let i = 0; i < 1_000; i++) next(10);
    expect(Buffer.from(first).toString('hex')).toBe(copy);
  });

  it('should serve requests larger than the pool', () => {
    expect(pooledRandomBytes()(10_000).length).toBe(10_000);
  });
});
