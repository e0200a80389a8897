/**
 * The other regime: a quiet center where most agents are idle, so every arrival is decided at once
 * by its queue's policy over the available agents (the arrival path), and every release puts an
 * agent back into its queues' available sets. Measures the time of each arrival decision.
 */
import type { ContactInput, RoutingAction } from '../../src/routing/core/index.js';
import { intBelow, type Rng } from '../../src/routing/sim/random.js';
import { percentile, START_MS } from './engine-loop.js';
import type { World } from './engine-world.js';

export interface ArrivalTarget {
  enqueue(c: ContactInput, now: number): readonly RoutingAction[];
  accept(contactId: string, agentId: string, now: number): void;
  release(contactId: string, now: number): readonly RoutingAction[];
}

export interface ArrivalStats {
  readonly busy: number;
  readonly avgCandidates: number;
  readonly p50Us: number;
  readonly p99Us: number;
}

/** Keeps `busy` contacts assigned (the oldest ends as each new one is placed) and times arrivals. */
export const measureArrivals = (t: ArrivalTarget, world: World, rng: Rng, busy: number, samples: number): ArrivalStats => {
  const ring: string[] = [];
  let head = 0;
  let seq = 0;
  let now = START_MS;
  let considered = 0;
  let decided = 0;
  const lat = new Float64Array(samples);
  const warmup = busy + samples;
  for (let i = 0; i < warmup + samples; i++) {
    now += 2;
    const pairs = world.demand[intBelow(rng, world.demand.length)] ?? [];
    const [queueId, channel] = pairs[intBelow(rng, pairs.length)] ?? ['q0', 'voice'];
    const c: ContactInput = { id: `l${seq++}`, queueId, channel, tier: 'middle' };
    const t0 = process.hrtime.bigint();
    const acts = t.enqueue(c, now);
    const ns = Number(process.hrtime.bigint() - t0);
    for (const a of acts) {
      if (a.type !== 'offer') continue;
      t.accept(a.contactId, a.agentId, now);
      ring.push(a.contactId);
      if (i >= warmup && a.contactId === c.id) {
        lat[decided++] = ns;
        considered += a.decision.considered;
      }
    }
    while (ring.length - head > busy) t.release(ring[head++] ?? '', now);
  }
  const sorted = lat.subarray(0, decided).sort();
  return {
    busy,
    avgCandidates: decided === 0 ? 0 : considered / decided,
    p50Us: percentile(sorted, 0.5) / 1000,
    p99Us: percentile(sorted, 0.99) / 1000,
  };
};
