/**
 * The engine's whole in-memory state as one plain record that the engine's modules share. The
 * RoutingEngine class owns one and is the only public way in.
 *
 * Hot data is kept in flat typed arrays rather than behind object pointers, because with thousands
 * of agents and contacts spread over the heap every pointer chased in a decision is a likely cache
 * miss: the FIFO heads' keys (a few KB for all queues, so they stay in cache) and the per-agent
 * numbers the agent-selection policies compare.
 */
import { type ResolvedOptions, resolveOptions } from './config.js';
import type { AgentRec, ContactRec, QueueRec } from './model.js';
import { TimerHeap } from './timer-heap.js';
import type { EngineOptions, TierConfig } from './types.js';

/** Room for the best few options of one decision, reused so deciding allocates nothing extra. */
export const TOP_N = 5;

export interface Scratch {
  /** Head slots (agent-freed ranking) or available-set positions (arrival ranking), best first. */
  readonly picks: Int32Array;
  readonly levels: Int8Array;
  readonly scores: Float64Array;
  readonly ties: Float64Array;
  /** Of the last ranking: how many options were weighed, and how many of the best are kept. */
  considered: number;
  kept: number;
}

export interface EngineState {
  readonly channels: readonly string[];
  readonly channelIdx: ReadonlyMap<string, number>;
  readonly exclusive: Uint8Array;
  readonly tiers: readonly TierConfig[];
  readonly tierIdx: ReadonlyMap<string, number>;
  readonly tierOffset: Float64Array;
  readonly ahtAlpha: number;
  readonly queues: Map<string, QueueRec>;
  readonly agents: Map<string, AgentRec>;
  readonly contacts: Map<string, ContactRec>;
  /** Records of contacts that left routing, for reuse. */
  readonly pool: ContactRec[];
  readonly timers: TimerHeap;
  /** Per FIFO slot: its head, the head's priority key (Infinity when empty) and arrival time. */
  heads: (ContactRec | null)[];
  /** Heads' ids, so decision records name candidates without touching the contacts. */
  headIds: string[];
  headEff: Float64Array;
  headEnq: Float64Array;
  /** Per agent index: the record (null once removed) and its id. */
  agentRecs: (AgentRec | null)[];
  agentIds: string[];
  /** Per agent index * channels + channel: load (offers included) and capacity. */
  aLoad: Int32Array;
  aCap: Int32Array;
  /** Per agent index: total load, load on exclusive channels, pending offers, the channels it
   * sits in available sets for (bit mask), and 1 when its presence is available. */
  aTotal: Int32Array;
  aExcl: Int32Array;
  aOffers: Int32Array;
  aMask: Int32Array;
  aAvail: Uint8Array;
  /** Per agent index: contacts waiting for it as their target (targeted routing). */
  aTargeted: Int32Array;
  /** Per agent index: idle-since time, number of the last offer, share of capacity in use. */
  agentIdle: Float64Array;
  agentSeq: Float64Array;
  agentOcc: Float64Array;
  /** Entries packed as (slot base, min wait, level) triples; agent i's start at aEntryOff[i]. */
  arena: Float64Array;
  arenaEnd: number;
  aEntryOff: Int32Array;
  aEntryCnt: Int32Array;
  nextQueueIdx: number;
  nextAgentIdx: number;
  /** The latest time seen; time never runs backwards inside the engine. */
  now: number;
  decisionSeq: number;
  offerSeq: number;
  readonly scratch: Scratch;
}

const indexOf = (xs: readonly string[]): Map<string, number> => new Map(xs.map((x, i) => [x, i]));

export const createState = (options?: EngineOptions): EngineState => {
  const o: ResolvedOptions = resolveOptions(options);
  const exclusive = new Uint8Array(o.channels.length);
  for (const c of o.exclusiveChannels) exclusive[o.channels.indexOf(c)] = 1;
  return {
    channels: o.channels,
    channelIdx: indexOf(o.channels),
    exclusive,
    tiers: o.tiers,
    tierIdx: indexOf(o.tiers.map((t) => t.id)),
    tierOffset: Float64Array.from(o.tiers.map((t) => t.offsetMs)),
    ahtAlpha: o.ahtAlpha,
    queues: new Map(),
    agents: new Map(),
    contacts: new Map(),
    pool: [],
    timers: new TimerHeap(),
    heads: [],
    headIds: [],
    headEff: new Float64Array(0),
    headEnq: new Float64Array(0),
    agentRecs: [],
    agentIds: [],
    aLoad: new Int32Array(0),
    aCap: new Int32Array(0),
    aTotal: new Int32Array(0),
    aExcl: new Int32Array(0),
    aOffers: new Int32Array(0),
    aMask: new Int32Array(0),
    aAvail: new Uint8Array(0),
    aTargeted: new Int32Array(0),
    agentIdle: new Float64Array(0),
    agentSeq: new Float64Array(0),
    agentOcc: new Float64Array(0),
    arena: new Float64Array(1024),
    arenaEnd: 0,
    aEntryOff: new Int32Array(0),
    aEntryCnt: new Int32Array(0),
    nextQueueIdx: 0,
    nextAgentIdx: 0,
    now: Number.NEGATIVE_INFINITY,
    decisionSeq: 0,
    offerSeq: 0,
    scratch: {
      picks: new Int32Array(TOP_N),
      levels: new Int8Array(TOP_N),
      scores: new Float64Array(TOP_N),
      ties: new Float64Array(TOP_N),
      considered: 0,
      kept: 0,
    },
  };
};

const grown = (a: Float64Array, n: number, fill: number): Float64Array => {
  const b = new Float64Array(n).fill(fill);
  b.set(a);
  return b;
};

/** Takes the next queue index, growing the head arrays (doubling) when they are full. */
export const allocQueueIdx = (s: EngineState): number => {
  const idx = s.nextQueueIdx++;
  const need = (idx + 1) * s.channels.length * s.tiers.length;
  if (need > s.headEff.length) {
    const n = Math.max(need, 2 * s.headEff.length);
    s.headEff = grown(s.headEff, n, Number.POSITIVE_INFINITY);
    s.headEnq = grown(s.headEnq, n, Number.POSITIVE_INFINITY);
    while (s.heads.length < n) s.heads.push(null);
    while (s.headIds.length < n) s.headIds.push('');
  }
  return idx;
};

const grownI32 = (a: Int32Array, n: number): Int32Array => {
  const b = new Int32Array(n);
  b.set(a);
  return b;
};

/** Takes the next agent index, growing the per-agent arrays (doubling) when they are full. */
export const allocAgentIdx = (s: EngineState): number => {
  const idx = s.nextAgentIdx++;
  if (idx >= s.agentIdle.length) {
    const n = Math.max(16, 2 * s.agentIdle.length);
    const nCh = s.channels.length;
    s.aLoad = grownI32(s.aLoad, n * nCh);
    s.aCap = grownI32(s.aCap, n * nCh);
    s.aTotal = grownI32(s.aTotal, n);
    s.aExcl = grownI32(s.aExcl, n);
    s.aOffers = grownI32(s.aOffers, n);
    s.aMask = grownI32(s.aMask, n);
    s.aTargeted = grownI32(s.aTargeted, n);
    s.aEntryOff = grownI32(s.aEntryOff, n);
    s.aEntryCnt = grownI32(s.aEntryCnt, n);
    const avail = new Uint8Array(n);
    avail.set(s.aAvail);
    s.aAvail = avail;
    s.agentIdle = grown(s.agentIdle, n, 0);
    s.agentSeq = grown(s.agentSeq, n, 0);
    s.agentOcc = grown(s.agentOcc, n, 0);
  }
  s.agentRecs.push(null);
  s.agentIds.push('');
  return idx;
};

/**
 * Stores an agent's entries as packed triples at the end of the arena. Old slices are abandoned;
 * when the arena is full it is compacted (and doubled if still needed), so its size stays
 * proportional to the live entries.
 */
export const packEntries = (s: EngineState, ai: number, triples: readonly number[]): void => {
  s.aEntryCnt[ai] = 0;
  if (s.arenaEnd + triples.length > s.arena.length) compactArena(s, triples.length);
  s.arena.set(triples, s.arenaEnd);
  s.aEntryOff[ai] = s.arenaEnd;
  s.aEntryCnt[ai] = triples.length / 3;
  s.arenaEnd += triples.length;
};

const compactArena = (s: EngineState, extra: number): void => {
  let live = extra;
  for (let ai = 0; ai < s.nextAgentIdx; ai++) live += 3 * (s.aEntryCnt[ai] ?? 0);
  const next = new Float64Array(Math.max(1024, 2 * live));
  let end = 0;
  for (let ai = 0; ai < s.nextAgentIdx; ai++) {
    const off = s.aEntryOff[ai] ?? 0;
    const len = 3 * (s.aEntryCnt[ai] ?? 0);
    next.set(s.arena.subarray(off, off + len), end);
    s.aEntryOff[ai] = end;
    end += len;
  }
  s.arena = next;
  s.arenaEnd = end;
};

/** Clamps a caller's clock to the engine's: a clock stepping back is treated as no time passing. */
export const clampNow = (s: EngineState, now: number): number => {
  if (now > s.now) s.now = now;
  return s.now;
};
