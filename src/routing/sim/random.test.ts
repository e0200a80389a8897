import { describe, expect, it } from 'vitest';
import { exponential, lognormal, seededRng } from './random.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sample = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('seeded randomness', () => {
  it('should repeat a sequence for the same seed and differ for another', () => {
    const a = seededRng(42);
    const b = seededRng(42);
    const c = seededRng(43);
    const xs = sample(5, () => a.next());
    expect(sample(5, () => b.next())).toEqual(xs);
    expect(sample(5, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('should draw exponential and lognormal values with the asked mean', () => {
    const rng = seededRng(7);
    expect(mean(sample(50_000, () => exponential(rng, 300)))).toBeCloseTo(300, -1);
    const ln = sample(50_000, () => lognormal(rng, 240, 120));
    const m = mean(ln);
    expect(m).toBeGreaterThan(234);
    expect(m).toBeLessThan(246);
    const sd = Math.sqrt(mean(ln.map((x) => (x - m) ** 2)));
    expect(sd).toBeGreaterThan(110);
    expect(sd).toBeLessThan(130);
  });
});
