/**
 * Seeded randomness for the simulator and benchmarks: a small fast generator (sfc32, seeded
 * through splitmix32) and the distributions a contact center needs. Randomness is an input, so a
 * seed reproduces a run exactly.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

const splitmix32 = (seed: number): (() => number) => {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
};

export const seededRng = (seed: number): Rng => {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  return {
    next(): number {
      const t = (((a + b) >>> 0) + d) >>> 0;
      d = (d + 1) >>> 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) >>> 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) >>> 0;
      return t / 4294967296;
    },
  };
};

export const intBelow = (rng: Rng, n: number): number => Math.floor(rng.next() * n);

export const pick = <T>(rng: Rng, xs: readonly T[]): T => {
  const x = xs[intBelow(rng, xs.length)];
  if (x === undefined) throw new Error('pick from an empty list');
  return x;
};

/** Exponential with the given mean: inter-arrival times of a Poisson process, patience. */
export const exponential = (rng: Rng, mean: number): number => -mean * Math.log(1 - rng.next());

export const standardNormal = (rng: Rng): number => {
  // Box-Muller; 1 - u keeps the logarithm finite.
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};

/** Lognormal with the given mean and standard deviation (of the variable itself, not its log). */
export const lognormal = (rng: Rng, mean: number, sd: number): number => {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  const mu = Math.log(mean) - sigma2 / 2;
  return Math.exp(mu + Math.sqrt(sigma2) * standardNormal(rng));
};
