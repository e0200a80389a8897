import { describe, expect, it } from 'vitest';
import { seededRng } from './random.js';
import type { Scenario } from './scenario.js';
import { simulate } from './simulate.js';

/** Erlang C: probability of waiting with `c` agents and `a` erlangs of traffic. */
const erlangC = (c: number, a: number): number => {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) * (c / (c - a));
  return top / (sum + top);
};

const HOUR = 3_600_000;
const agents = (n: number, capacity: Record<string, number> = { voice: 1 }) =>
  Array.from({ length: n }, (_, i) => ({ id: `a${i}`, skills: {}, capacity }));

const mmc = (c: number, erlangs: number, hours: number): Scenario => ({
  engine: { tiers: [{ id: 'std', offsetMs: 0 }] },
  queues: [{ id: 'q' }],
  agents: agents(c),
  arrivals: [{ queueId: 'q', tier: 'std', channel: 'voice', perHour: (erlangs * HOUR) / 180_000 }],
  handle: { default: { kind: 'exponential', meanMs: 180_000 } },
  patienceMs: {},
  answerDelayMs: 0,
  durationMs: hours * HOUR,
  warmupMs: HOUR,
});

describe('contact-center simulator', () => {
  it('should match Erlang C for one FIFO queue of voice agents', () => {
    const [c, a] = [10, 7];
    // Waits in a busy queue are strongly correlated, so single runs scatter: average four seeds.
    const runs = [1, 2, 3, 4].map((seed) => simulate(mmc(c, a, 100), seededRng(seed)));
    const asa = runs.reduce((sum, r) => sum + (r.byTier.std?.asaMs ?? 0), 0) / runs.length;
    const expectedAsa = (erlangC(c, a) * 180_000) / (c - a);
    expect(asa).toBeGreaterThan(0.85 * expectedAsa);
    expect(asa).toBeLessThan(1.15 * expectedAsa);
    for (const r of runs) {
      expect(r.occupancyPct ?? 0).toBeGreaterThan(100 * (a / c) - 3);
      expect(r.occupancyPct ?? 0).toBeLessThan(100 * (a / c) + 3);
    }
  });

  it('should account for every contact and repeat a run for the same seed', () => {
    const sc: Scenario = {
      ...mmc(5, 6, 4),
      engine: undefined,
      queues: [{ id: 'q', maxWaitMs: 300_000, maxWaitAction: 'callback' }],
      arrivals: [
        { queueId: 'q', tier: 'high', channel: 'voice', perHour: 40 },
        { queueId: 'q', tier: 'low', channel: 'voice', perHour: 80 },
      ],
      patienceMs: { low: 120_000 },
      answerDelayMs: 3000,
      wrapUpMs: 20_000,
      handle: { default: { kind: 'lognormal', meanMs: 180_000, sdMs: 90_000 } },
    };
    const r = simulate(sc, seededRng(9));
    expect(r.unfinished).toBe(0);
    for (const o of Object.values(r.byTier)) expect(o.answered + o.abandoned + o.maxWait).toBe(o.offered);
    expect(r.byTier.low?.abandoned).toBeGreaterThan(0);
    expect(r.byTier.high?.abandoned).toBe(0);
    expect(simulate(sc, seededRng(9))).toEqual(r);
  });

  it('should staff agents only during their shifts', () => {
    const sc: Scenario = {
      ...mmc(1, 0.5, 2),
      agents: [{ id: 'a', skills: {}, capacity: { voice: 1 }, shifts: [{ startMs: HOUR, endMs: 3 * HOUR }] }],
      warmupMs: 0,
    };
    const r = simulate(sc, seededRng(3));
    // Calls of the first hour wait for the shift to start.
    expect(r.byTier.std?.maxWaitMs ?? 0).toBeGreaterThan(HOUR / 2);
    expect(r.unfinished).toBe(0);
  });

  it('should serve the high tier first when tiers have offsets, unlike FIFO', () => {
    const base: Scenario = {
      queues: [{ id: 'q' }],
      agents: agents(10),
      arrivals: [
        { queueId: 'q', tier: 'high', channel: 'voice', perHour: 120 },
        { queueId: 'q', tier: 'low', channel: 'voice', perHour: 60 },
      ],
      handle: { default: { kind: 'exponential', meanMs: 170_000 } },
      patienceMs: {},
      answerDelayMs: 2000,
      durationMs: 20 * HOUR,
      warmupMs: HOUR,
    };
    const tiered = simulate(base, seededRng(5));
    const fifo = simulate({ ...base, engine: { tiers: ['high', 'middle', 'low'].map((id) => ({ id, offsetMs: 0 })) } }, seededRng(5));
    // Strict priority would give about a third (Cobham's formula); aging gives up some of it to low.
    expect(tiered.byTier.high?.asaMs ?? 0).toBeLessThan(0.6 * (fifo.byTier.high?.asaMs ?? 0));
    expect(tiered.byTier.low?.asaMs ?? 0).toBeGreaterThan(fifo.byTier.low?.asaMs ?? 0);
  });
});
