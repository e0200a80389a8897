/**
 * No starvation under sustained load. Arrivals follow a leaky bucket (on average at most one per
 * slot, bursts up to B), and N agents each handle a call in H = N slots, so the agents can keep up
 * with the load but a queue forms in bursts and higher tiers keep arriving. A low contact arriving
 * at t is served only after contacts with a lower key: those already waiting (at most about B + N)
 * and higher-tier contacts arriving before t + offset difference (at most that many slots' worth,
 * plus a burst). So its wait is bounded by offsetDiff + H + (2B + N + 2) slots, whatever the mix.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from './config.js';
import { RoutingEngine } from './engine.js';
import type { RoutingAction } from './types.js';

const TIERS = ['high', 'middle', 'low'] as const;
const offset = (id: string) => DEFAULT_TIERS.find((t) => t.id === id)?.offsetMs ?? 0;
const OFFSET_DIFF = offset('high') - offset('low');

interface Scenario {
  agents: number;
  slotMs: number;
  burst: number;
  arrivals: (readonly number[])[];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  agents: fc.integer({ min: 1, max: 4 }),
  slotMs: fc.integer({ min: 2000, max: 20_000 }),
  burst: fc.integer({ min: 0, max: 5 }),
  // Per slot: the tiers of the contacts that try to arrive (0-3 of them).
  arrivals: fc.array(fc.array(fc.nat(2), { maxLength: 3 }), { minLength: 150, maxLength: 300 }),
});

/** Runs the scenario; returns the wait of every served contact by tier. */
const simulate = (sc: Scenario): Map<string, number[]> => {
  const e = new RoutingEngine();
  const handleMs = sc.agents * sc.slotMs;
  e.upsertQueue({ id: 'q' }, 0);
  for (let i = 0; i < sc.agents; i++) {
    e.upsertAgent({ id: `a${i}`, skills: {}, capacity: { voice: 1 } }, 0);
    e.setAgentState(`a${i}`, 'available', 0);
  }
  const arrivedAt = new Map<string, [number, string]>();
  const waits = new Map<string, number[]>(TIERS.map((t) => [t, []]));
  const releases: [number, string][] = [];
  let tokens = sc.burst + 1;
  let seq = 0;
  const handle = (acts: readonly RoutingAction[], now: number): void => {
    for (const a of acts) {
      if (a.type !== 'offer') continue;
      const [at, tier] = arrivedAt.get(a.contactId) ?? [now, 'low'];
      waits.get(tier)?.push(now - at);
      if (!e.accept(a.contactId, a.agentId, now).ok) throw new Error('accept failed');
      releases.push([now + handleMs, a.contactId]);
    }
  };
  for (let k = 0; k < sc.arrivals.length + 400; k++) {
    const now = k * sc.slotMs;
    handle(e.tick(now), now);
    while (releases.length > 0 && (releases[0]?.[0] ?? Number.POSITIVE_INFINITY) <= now) {
      const [, id] = releases.shift() ?? [0, ''];
      const r = e.release(id, now);
      if (r.ok) handle(r.value, now);
    }
    tokens = Math.min(tokens + 1, sc.burst + 1);
    for (const t of sc.arrivals[k] ?? []) {
      if (tokens < 1) break;
      tokens--;
      const id = `c${seq++}`;
      const tier = TIERS[t] ?? 'low';
      arrivedAt.set(id, [now, tier]);
      const r = e.enqueue({ id, queueId: 'q', channel: 'voice', tier }, now);
      if (r.ok) handle(r.value, now);
    }
  }
  if (e.snapshot(sc.arrivals.length * sc.slotMs).totals.queued !== 0) throw new Error('contacts left waiting');
  return waits;
};

describe('no starvation', () => {
  it('should serve every low-tier contact within the offset difference plus a load bound', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const waits = simulate(sc);
        const bound = OFFSET_DIFF + sc.agents * sc.slotMs + (2 * sc.burst + sc.agents + 2) * sc.slotMs;
        const worstLow = Math.max(0, ...(waits.get('low') ?? []));
        expect(worstLow).toBeLessThanOrEqual(bound);
        // High never waits for the low tier's sake beyond the backlog of its own and earlier keys.
        const worstHigh = Math.max(0, ...(waits.get('high') ?? []));
        expect(worstHigh).toBeLessThanOrEqual(sc.agents * sc.slotMs + (2 * sc.burst + sc.agents + 2) * sc.slotMs);
      }),
      { numRuns: 150 },
    );
  });
});
