/**
 * Pure routing engine benchmark: 5,000 agents, 10,000 waiting contacts, 50 queues, 20 skills.
 * Prints decisions per second and per-decision latency for the engine and for a naive baseline
 * in the same run, then one JSON line. Build and run:
 *   npx tsc -p bench/tsconfig.json && node dist/bench/bench/routing/engine.js
 */
import os from 'node:os';
import { type ContactInput, DEFAULT_TIERS, RoutingEngine, type RoutingResult } from '../../src/routing/core/index.js';
import { seededRng } from '../../src/routing/sim/random.js';
import { NaiveEngine } from './baseline.js';
import { type BenchTarget, Loop, measure, START_MS, type Stats } from './engine-loop.js';
import { measureArrivals } from './engine-lowload.js';
import { makeWorld, type World } from './engine-world.js';
import { FloorEngine } from './floor.js';

/** The scale; AGENTS and WAITING override it to see how cache size shapes the figures. */
const SIZE = { agents: Number(process.env.AGENTS ?? 5000), queues: 50, skills: 20 } as const;
const WAITING = Number(process.env.WAITING ?? 10_000);
const SEED = 20_240_601;

const must = <T>(r: RoutingResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

const engineTarget = (world: World): BenchTarget => {
  const e = new RoutingEngine();
  for (const q of world.queues) must(e.upsertQueue(q, START_MS));
  for (const a of world.agents) must(e.upsertAgent(a, START_MS));
  for (const a of world.agents) must(e.setAgentState(a.id, 'available', START_MS));
  return {
    enqueue: (c: ContactInput, now: number) => must(e.enqueue(c, now)),
    accept: (id: string, agentId: string, now: number) => void must(e.accept(id, agentId, now)),
    release: (id: string, now: number) => must(e.release(id, now)),
  };
};

const baselineTarget = (world: World): BenchTarget => {
  const e = new NaiveEngine(DEFAULT_TIERS);
  for (const q of world.queues) e.upsertQueue(q);
  for (const a of world.agents) e.upsertAgent(a, START_MS);
  return e;
};

interface Run extends Stats {
  readonly name: string;
  readonly decisions: number;
  readonly waitingAtEnd: number;
  readonly balked: number;
  readonly byTrigger: Record<string, number>;
}

const run = (name: string, target: (w: World) => BenchTarget, o: Parameters<typeof measure>[1]): Run => {
  const world = makeWorld(seededRng(SEED), SIZE);
  const loop = new Loop(target(world), world, seededRng(SEED + 1), WAITING);
  loop.fill(4 * WAITING);
  const stats = measure(loop, o);
  return {
    name,
    ...stats,
    decisions: loop.decisions,
    waitingAtEnd: loop.waiting,
    balked: loop.balked,
    byTrigger: Object.fromEntries(loop.byTrigger),
  };
};

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

const main = (): void => {
  const quick = process.argv.includes('--quick');
  const engine = run('engine', engineTarget, {
    warmup: quick ? 50_000 : 300_000,
    throughputSteps: quick ? 200_000 : 1_000_000,
    latencySamples: quick ? 100_000 : 500_000,
  });
  const skipBaseline = process.argv.includes('--engine-only');
  const baseline = run('baseline (scan all)', skipBaseline ? engineTarget : baselineTarget, {
    warmup: 300,
    throughputSteps: quick ? 1000 : 3000,
    latencySamples: quick ? 1000 : 3000,
  });
  // The least any engine must do per step (floor.ts), in the same process and loop.
  const floor = run('floor (bare minimum)', (w) => new FloorEngine(w, DEFAULT_TIERS), {
    warmup: quick ? 50_000 : 300_000,
    throughputSteps: quick ? 200_000 : 1_000_000,
    latencySamples: quick ? 100_000 : 500_000,
  });
  console.log(`routing engine bench: ${SIZE.agents} agents, ${WAITING} waiting, ${SIZE.queues} queues, ${SIZE.skills} skills`);
  console.log(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}`);
  console.log('');
  console.log('| engine | decisions/s (wall) | decisions/s (CPU) | p50 us | p99 us | p99.9 us | max us | waiting at end |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  for (const r of [engine, baseline, floor]) {
    const cols = [
      int(r.decisionsPerSec),
      int(r.decisionsPerCpuSec),
      fmt(r.p50Us),
      fmt(r.p99Us),
      fmt(r.p999Us),
      fmt(r.maxUs, 0),
      r.waitingAtEnd,
    ];
    console.log(`| ${r.name} | ${cols.join(' | ')} |`);
  }
  console.log(
    `load average at end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log('');
  console.log(`engine decisions by trigger: ${JSON.stringify(engine.byTrigger)}`);
  console.log(`speed-up over baseline: ${fmt(engine.decisionsPerSec / baseline.decisionsPerSec, 0)}x`);
  // A quiet center: 1,000 of the ~13,000 slots busy, every arrival decided over the idle agents.
  const world = makeWorld(seededRng(SEED), SIZE);
  const quiet = measureArrivals(engineTarget(world), world, seededRng(SEED + 2), 1000, quick ? 20_000 : 100_000);
  console.log(
    `quiet center (1,000 contacts assigned, the rest idle): arrival decision p50 ${fmt(quiet.p50Us)} us, p99 ${fmt(quiet.p99Us)} us, ${fmt(quiet.avgCandidates, 0)} agents weighed on average`,
  );
  console.log(
    JSON.stringify({
      engineDecisionsPerSec: Math.round(engine.decisionsPerSec),
      engineDecisionsPerCpuSec: Math.round(engine.decisionsPerCpuSec),
      engineP50Us: Number(fmt(engine.p50Us, 3)),
      engineP99Us: Number(fmt(engine.p99Us, 3)),
      engineP999Us: Number(fmt(engine.p999Us, 3)),
      engineQuietArrivalP50Us: Number(fmt(quiet.p50Us, 3)),
      engineQuietArrivalP99Us: Number(fmt(quiet.p99Us, 3)),
      baselineDecisionsPerSec: Math.round(baseline.decisionsPerSec),
      baselineDecisionsPerCpuSec: Math.round(baseline.decisionsPerCpuSec),
      baselineP50Us: Number(fmt(baseline.p50Us, 1)),
      baselineP99Us: Number(fmt(baseline.p99Us, 1)),
      floorDecisionsPerSec: Math.round(floor.decisionsPerSec),
      floorDecisionsPerCpuSec: Math.round(floor.decisionsPerCpuSec),
      floorP99Us: Number(fmt(floor.p99Us, 3)),
    }),
  );
};

main();
