/**
 * The steady loop both engines run, a saturated center (a busy hour): the oldest assignment ends
 * (release), the freed agent's decision yields an offer, the offer is accepted at once, and a new
 * caller joins the line (queue, channel) the offered contact left, so no line drains; every other
 * step one more caller joins a random line. Each line holds at most its share of the waiting
 * target and a caller who finds it full balks without reaching the engine, so about the target
 * number wait at all times, every line has a backlog and every agent is busy.
 * One pass measures throughput (whole loop, no timers per call); another times every call that
 * made a decision with hrtime.
 */
import type { ContactInput, RoutingAction } from '../../src/routing/core/index.js';
import { intBelow, type Rng } from '../../src/routing/sim/random.js';
import type { World } from './engine-world.js';

export interface BenchTarget {
  enqueue(c: ContactInput, now: number): readonly RoutingAction[];
  accept(contactId: string, agentId: string, now: number): void;
  release(contactId: string, now: number): readonly RoutingAction[];
}

const TIERS = ['high', 'middle', 'middle', 'low', 'low', 'low'] as const;
/** Virtual time per loop step: with 10,000 waiting and one release per step, waits average 20 s. */
const STEP_MS = 2;
/** Virtual time starts at a real epoch time: V8 stores numbers above 2^30 differently from small ones. */
export const START_MS = 1_767_225_600_000;

export class Loop {
  private readonly ring: string[] = [];
  private head = 0;
  private seq = 0;
  private recorded = 0;
  private odd = false;
  /** Lines that lost a waiting contact to an offer in the last call, to be refilled. */
  private readonly refill: number[] = [];
  /** Line index by queue id and channel, and waiting count per line. */
  private readonly lineOf = new Map<string, Map<string, number>>();
  private readonly pairWaiting: Int32Array;
  private readonly pairs: readonly (readonly [string, string])[];
  private readonly agentPairs: readonly (readonly number[])[];
  private readonly cap: number;
  now = START_MS;
  waiting = 0;
  decisions = 0;
  balked = 0;
  readonly byTrigger = new Map<string, number>();

  constructor(
    private readonly t: BenchTarget,
    world: World,
    private readonly rng: Rng,
    targetWaiting: number,
  ) {
    const index = new Map<string, number>();
    const pairs: (readonly [string, string])[] = [];
    this.agentPairs = world.demand.map((ps) =>
      ps.map((p) => {
        const key = `${p[0]}/${p[1]}`;
        let i = index.get(key);
        if (i === undefined) {
          i = pairs.length;
          index.set(key, i);
          pairs.push(p);
        }
        return i;
      }),
    );
    this.pairs = pairs;
    pairs.forEach(([q, ch], i) => {
      const byChannel = this.lineOf.get(q) ?? new Map<string, number>();
      byChannel.set(ch, i);
      this.lineOf.set(q, byChannel);
    });
    this.pairWaiting = new Int32Array(pairs.length);
    this.cap = Math.ceil(targetWaiting / pairs.length);
  }

  /** Accepts every offer and counts decisions; returns how many there were. */
  private handle(acts: readonly RoutingAction[]): number {
    let n = 0;
    for (const a of acts) {
      if (a.type !== 'offer') continue;
      n++;
      // Every offer but an arrival's own was of a contact that was waiting in its line.
      if (a.decision.trigger !== 'contact_arrived') {
        const pair = this.lineOf.get(a.queueId)?.get(a.channel) ?? 0;
        this.pairWaiting[pair] = (this.pairWaiting[pair] ?? 0) - 1;
        this.waiting--;
        this.refill.push(pair);
      }
      this.byTrigger.set(a.decision.trigger, (this.byTrigger.get(a.decision.trigger) ?? 0) + 1);
      this.t.accept(a.contactId, a.agentId, this.now);
      this.ring.push(a.contactId);
    }
    this.decisions += n;
    return n;
  }

  private record(lat: Float64Array | null, t0: bigint, n: number): void {
    if (lat === null || n === 0) return;
    const ns = Number(process.hrtime.bigint() - t0) / n;
    for (let i = 0; i < n && this.recorded < lat.length; i++) lat[this.recorded++] = ns;
  }

  /** A caller for a random agent's line. */
  arrive(lat: Float64Array | null): void {
    const pairs = this.agentPairs[intBelow(this.rng, this.agentPairs.length)] ?? [];
    this.arriveAt(lat, pairs[intBelow(this.rng, pairs.length)] ?? 0);
  }

  /** One caller for a line: balks if the line is full, else is routed. */
  private arriveAt(lat: Float64Array | null, pair: number): void {
    if ((this.pairWaiting[pair] ?? 0) >= this.cap) {
      this.balked++;
      return;
    }
    const [queueId, channel] = this.pairs[pair] ?? ['q0', 'voice'];
    const c: ContactInput = { id: `k${this.seq++}`, queueId, channel, tier: TIERS[intBelow(this.rng, TIERS.length)] ?? 'low' };
    const t0 = lat === null ? 0n : process.hrtime.bigint();
    const acts = this.t.enqueue(c, this.now);
    this.record(lat, t0, acts.length);
    if (this.handle(acts) === 0) {
      this.pairWaiting[pair] = (this.pairWaiting[pair] ?? 0) + 1;
      this.waiting++;
    }
  }

  /** Fills the center: every agent busy and every line at its cap, or as near as arrivals get. */
  fill(attempts: number): void {
    for (let i = 0; i < attempts; i++) this.arrive(null);
    this.refill.length = 0;
  }

  get latencyCount(): number {
    return this.recorded;
  }

  /** One step: the oldest assignment ends, its line is refilled, and half the time one more caller comes. */
  step(lat: Float64Array | null): void {
    const id = this.ring[this.head];
    if (id === undefined) throw new Error('nothing assigned to release');
    this.head++;
    if (this.head > 65_536) {
      this.ring.splice(0, this.head);
      this.head = 0;
    }
    this.now += STEP_MS;
    const t0 = lat === null ? 0n : process.hrtime.bigint();
    const acts = this.t.release(id, this.now);
    this.record(lat, t0, acts.length);
    this.handle(acts);
    for (let p = this.refill.pop(); p !== undefined; p = this.refill.pop()) this.arriveAt(lat, p);
    this.odd = !this.odd;
    if (this.odd) this.arrive(lat);
  }
}

export interface Stats {
  /** Decisions over the wall time of the whole loop (engine, arrivals, accepts, harness). */
  readonly decisionsPerSec: number;
  /** The same over the process's CPU time: what one core sustains, whatever else the machine runs. */
  readonly decisionsPerCpuSec: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly p999Us: number;
  readonly maxUs: number;
}

export const percentile = (sorted: Float64Array, p: number): number =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN);

/** Warm-up, a throughput pass, then a latency pass; all on the same loop. */
export const measure = (loop: Loop, o: { warmup: number; throughputSteps: number; latencySamples: number }): Stats => {
  for (let i = 0; i < o.warmup; i++) loop.step(null);
  const d0 = loop.decisions;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < o.throughputSteps; i++) loop.step(null);
  const elapsedS = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const decisionsPerSec = (loop.decisions - d0) / elapsedS;
  const decisionsPerCpuSec = (loop.decisions - d0) / ((cpu.user + cpu.system) / 1e6);
  const lat = new Float64Array(o.latencySamples);
  for (let guard = 0; loop.latencyCount < lat.length && guard < 4 * o.latencySamples; guard++) loop.step(lat);
  const sorted = lat.subarray(0, loop.latencyCount).sort();
  const us = (p: number) => percentile(sorted, p) / 1000;
  return {
    decisionsPerSec,
    decisionsPerCpuSec,
    p50Us: us(0.5),
    p99Us: us(0.99),
    p999Us: us(0.999),
    maxUs: (sorted[sorted.length - 1] ?? 0) / 1000,
  };
};
