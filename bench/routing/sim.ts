/**
 * Tier priority with aging versus FIFO in a center run at the edge of its capacity all day, on the
 * same engine and the very same customers (same seed). Two voice queues, 100 agents (some in both),
 * a high tier that needs 41% of the capacity on its own, customers who hang up when kept waiting.
 * Prints tables per tier and queue and one JSON line.
 *   npx tsc -p bench/tsconfig.json && node dist/bench/bench/routing/sim.js
 */
import { DEFAULT_TIERS, type TierConfig } from '../../src/routing/core/index.js';
import { type Outcomes, type Scenario, type SimReport, seededRng, simulate } from '../../src/routing/sim/index.js';

const HOUR = 3_600_000;
const SEED = 7;

const AGENTS = { billing: 44, tech: 36, both: 20 } as const;

const agents = (): Scenario['agents'] => [
  ...Array.from({ length: AGENTS.billing }, (_, i) => ({ id: `bill${i}`, skills: { billing: 3 }, capacity: { voice: 1 } })),
  ...Array.from({ length: AGENTS.tech }, (_, i) => ({ id: `tech${i}`, skills: { tech: 3 }, capacity: { voice: 1 } })),
  ...Array.from({ length: AGENTS.both }, (_, i) => ({ id: `both${i}`, skills: { billing: 2, tech: 2 }, capacity: { voice: 1 } })),
];

/**
 * Demand per hour by queue and tier. 100 agents at about 197 s per call (talk 180 s, ring 2 s,
 * wrap-up 15 s) serve about 1,830 calls an hour; 1,823 arrive, 752 of them high tier.
 */
const DEMAND: readonly [queue: string, tier: string, perHour: number][] = [
  ['billing', 'high', 413],
  ['billing', 'middle', 318],
  ['billing', 'low', 265],
  ['tech', 'high', 339],
  ['tech', 'middle', 265],
  ['tech', 'low', 223],
];

export const overloadedHighTier = (tiers: readonly TierConfig[]): Scenario => ({
  engine: { tiers },
  queues: [
    { id: 'billing', requiredSkills: [{ skill: 'billing', minProficiency: 2 }] },
    { id: 'tech', requiredSkills: [{ skill: 'tech', minProficiency: 2 }] },
  ],
  agents: agents(),
  arrivals: DEMAND.map(([queueId, tier, perHour]) => ({ queueId, tier, channel: 'voice', perHour })),
  handle: { default: { kind: 'lognormal', meanMs: 180_000, sdMs: 100_000 } },
  patienceMs: { high: 300_000, middle: 240_000, low: 240_000 },
  answerDelayMs: 2000,
  wrapUpMs: 15_000,
  durationMs: 9 * HOUR,
  warmupMs: HOUR,
});

const FIFO: readonly TierConfig[] = DEFAULT_TIERS.map((t) => ({ id: t.id, offsetMs: 0 }));

const s = (ms: number | null) => (ms === null ? '-' : (ms / 1000).toFixed(1));
const row = (label: string, o: Outcomes): string =>
  `| ${label} | ${o.offered} | ${o.answered} | ${o.abandoned} | ${o.slPct ?? '-'}% | ${o.targetPct === null ? '-' : `${o.targetPct}% in ${s(o.thresholdMs)} s`} | ${s(o.asaMs)} | ${o.abandonPct ?? '-'}% | ${s(o.p90WaitMs)} | ${s(o.maxWaitMs)} |`;

const table = (name: string, r: SimReport): void => {
  console.log(`\n${name} (occupancy ${r.occupancyPct}%)\n`);
  console.log('| group | offered | answered | abandoned | service level | target | ASA s | abandoned | p90 wait s | max wait s |');
  console.log('|---|---:|---:|---:|---:|---|---:|---:|---:|---:|');
  for (const [tier, o] of Object.entries(r.byTier)) console.log(row(`tier ${tier}`, o));
  for (const [queue, o] of Object.entries(r.byQueue)) console.log(row(`queue ${queue}`, o));
};

const main = (): void => {
  const tiered = simulate(overloadedHighTier(DEFAULT_TIERS), seededRng(SEED));
  const fifo = simulate(overloadedHighTier(FIFO), seededRng(SEED));
  const offsets = DEFAULT_TIERS.map((t) => `${t.id} ${t.offsetMs / 1000} s`).join(', ');
  console.log(`Overloaded high tier: ${AGENTS.billing + AGENTS.tech + AGENTS.both} voice agents, 2 queues, 8 counted hours, seed ${SEED}`);
  table(`Tier priority with aging (offsets ${offsets})`, tiered);
  table('FIFO (all offsets 0)', fifo);
  const t = (r: SimReport, tier: string) => r.byTier[tier];
  const met = (o: Outcomes | undefined) => (o?.slPct ?? 0) >= (o?.targetPct ?? 100);
  console.log(
    JSON.stringify({
      simHighSlPctTiered: t(tiered, 'high')?.slPct,
      simHighSlPctFifo: t(fifo, 'high')?.slPct,
      simHighTargetPct: t(tiered, 'high')?.targetPct,
      simHighTargetMetTiered: met(t(tiered, 'high')),
      simHighTargetMetFifo: met(t(fifo, 'high')),
      simLowSlPctTiered: t(tiered, 'low')?.slPct,
      simLowSlPctFifo: t(fifo, 'low')?.slPct,
      simLowAsaMsTiered: t(tiered, 'low')?.asaMs,
      simLowMaxWaitMsTiered: Math.round(t(tiered, 'low')?.maxWaitMs ?? 0),
      simLowMaxWaitMsFifo: Math.round(t(fifo, 'low')?.maxWaitMs ?? 0),
      simLowAbandonPctTiered: t(tiered, 'low')?.abandonPct,
      simLowAbandonPctFifo: t(fifo, 'low')?.abandonPct,
      simOccupancyPctTiered: tiered.occupancyPct,
    }),
  );
};

main();
