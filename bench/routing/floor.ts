/**
 * The floor of the engine benchmark: the least work any engine must do per step of the bench's
 * loop, on this machine, in this runtime. Like the chat benchmark's bare relay (bench/chat/floor.ts),
 * it shows how much of the target the machine leaves for everything else.
 *
 * What it keeps, because the issue asks for it or the loop needs it: string contact ids looked up
 * in a Map (arrival, accept, release), one FIFO per (queue, channel, tier) keyed by tier offset,
 * the freed agent's scan of the heads it may take (strict, or widened after T1) with the best five
 * kept, capacity with the exclusive-voice blending rule, an offer list per queue, a decision record
 * with its candidates and an offer action. Everything lives in flat typed arrays indexed by integer
 * handles, and nothing is checked twice.
 *
 * What it leaves out, so every real engine does more: timers (offer expiry, T1/T2, max wait, wrap-up),
 * overflow queues, targeted and last-agent routing, agent presence, queue and agent changes,
 * restore, snapshots, positions and estimates, error results (it throws), and the arrival policies
 * (an arriving contact goes to the first free strict agent; the loop's steady state has none).
 */
import type { Candidate, ContactInput, Decision, DecisionTrigger, RoutingAction, TierConfig } from '../../src/routing/core/index.js';
import type { BenchTarget } from './engine-loop.js';
import type { World } from './engine-world.js';

const CHANNELS = ['voice', 'chat', 'email'] as const;
const EXCLUSIVE = Uint8Array.from(CHANNELS.map((c) => (c === 'voice' ? 1 : 0)));
const NC = CHANNELS.length;
const TOP = 5;
const NONE: readonly RoutingAction[] = Object.freeze([]);
const LEVELS = ['strict', 'widened'] as const;

/** A decision record whose candidates are built when read, as in the engine (decision.ts). */
class FloorDecision implements Decision {
  readonly policy = 'priority' as const;
  constructor(
    readonly seq: number,
    readonly at: number,
    readonly trigger: DecisionTrigger,
    readonly contactId: string,
    readonly agentId: string,
    readonly queueId: string,
    readonly level: 'strict' | 'widened',
    readonly considered: number,
    private readonly ids: readonly string[],
    /** Per candidate: its priority key, and its level code | tier << 1. */
    private readonly nums: readonly number[],
    private readonly tiers: readonly TierConfig[],
  ) {}

  get why(): Decision['why'] {
    return this.considered === 1 ? 'only_candidate' : 'best_score';
  }

  get candidates(): readonly Candidate[] {
    return this.ids.map((id, i) => {
      const code = this.nums[2 * i + 1] ?? 0;
      const score = this.at - (this.nums[2 * i] ?? 0);
      return { id, score, reason: 'priority', level: LEVELS[code & 1] ?? 'strict', tier: this.tiers[code >> 1]?.id ?? '' };
    });
  }
}

const must = <T>(v: T | undefined, what: string): T => {
  if (v === undefined) throw new Error(`floor engine: unknown ${what}`);
  return v;
};

export class FloorEngine implements BenchTarget {
  private readonly queueIdx: Map<string, number>;
  private readonly queueIds: readonly string[];
  private readonly channelIdx = new Map<string, number>(CHANNELS.map((c, i) => [c, i]));
  private readonly tierIdx: Map<string, number>;
  private readonly tierOffset: Float64Array;
  private readonly nT: number;
  // Per FIFO slot ((queue * channels + channel) * tiers + tier): first and last handle, head's key.
  private readonly fHead: Int32Array;
  private readonly fTail: Int32Array;
  private readonly hEff: Float64Array;
  private readonly hEnq: Float64Array;
  private readonly hId: string[];
  // Per queue: its offer list.
  private readonly oHead: Int32Array;
  private readonly oTail: Int32Array;
  // Per agent (and agent * channels + channel): ids, capacity, load, entries (slot base, min wait).
  private readonly agentIds: readonly string[];
  private readonly agentIdx: Map<string, number>;
  private readonly cap: Int32Array;
  private readonly load: Int32Array;
  private readonly total: Int32Array;
  private readonly excl: Int32Array;
  private readonly entries: Float64Array;
  private readonly eOff: Int32Array;
  private readonly eEnd: Int32Array;
  /** Per queue: its strict agents; per (queue, channel): how many of them can take that channel. */
  private readonly strictAgents: Int32Array[];
  private readonly agentQueues: number[][];
  private readonly freeCount: Int32Array;
  // Per contact handle.
  private readonly ids = new Map<string, number>();
  private readonly cId: string[];
  private readonly cState: Uint8Array;
  private readonly cAgent: Int32Array;
  private readonly cSlot: Int32Array;
  private readonly cEnq: Float64Array;
  private readonly cEff: Float64Array;
  private readonly cNext: Int32Array;
  private readonly cPrev: Int32Array;
  private readonly free: number[] = [];
  private readonly picks = new Int32Array(TOP);
  private readonly keys = new Float64Array(TOP);
  private readonly levels = new Uint8Array(TOP);
  private seq = 0;
  /** Heads weighed by the last scan. */
  private considered = 0;

  constructor(
    world: World,
    private readonly tiers: readonly TierConfig[],
    maxContacts = 1 << 16,
  ) {
    const nQ = world.queues.length;
    const nT = tiers.length;
    this.nT = nT;
    this.queueIds = world.queues.map((q) => q.id);
    this.queueIdx = new Map(this.queueIds.map((id, i) => [id, i]));
    this.tierIdx = new Map(tiers.map((t, i) => [t.id, i]));
    this.tierOffset = Float64Array.from(tiers.map((t) => t.offsetMs));
    const slots = nQ * NC * nT;
    this.fHead = new Int32Array(slots).fill(-1);
    this.fTail = new Int32Array(slots).fill(-1);
    this.hEff = new Float64Array(slots).fill(Number.POSITIVE_INFINITY);
    this.hEnq = new Float64Array(slots).fill(Number.POSITIVE_INFINITY);
    this.hId = new Array<string>(slots).fill('');
    this.oHead = new Int32Array(nQ).fill(-1);
    this.oTail = new Int32Array(nQ).fill(-1);
    const nA = world.agents.length;
    this.agentIds = world.agents.map((a) => a.id);
    this.agentIdx = new Map(this.agentIds.map((id, i) => [id, i]));
    this.cap = new Int32Array(nA * NC);
    this.load = new Int32Array(nA * NC);
    this.total = new Int32Array(nA);
    this.excl = new Int32Array(nA);
    this.eOff = new Int32Array(nA);
    this.eEnd = new Int32Array(nA);
    this.freeCount = new Int32Array(nQ * NC);
    const strict: number[][] = world.queues.map(() => []);
    this.agentQueues = world.agents.map(() => []);
    const entries: number[] = [];
    world.agents.forEach((a, ai) => {
      const skills = a.skills instanceof Map ? a.skills : new Map(Object.entries(a.skills));
      for (const [ch, n] of Object.entries(a.capacity)) this.cap[ai * NC + must(this.channelIdx.get(ch), 'channel')] = n;
      this.eOff[ai] = entries.length;
      world.queues.forEach((q, qi) => {
        const req = q.requiredSkills ?? [];
        const meets = req.every((r) => (skills.get(r.skill) ?? 0) >= r.minProficiency);
        const holds = req.every((r) => (skills.get(r.skill) ?? 0) >= 1);
        if (meets) {
          entries.push(qi * NC * nT, 0);
          strict[qi]?.push(ai);
          this.agentQueues[ai]?.push(qi);
        } else if (holds && q.widenAfterMs !== null && q.widenAfterMs !== undefined) entries.push(qi * NC * nT, q.widenAfterMs);
      });
      this.eEnd[ai] = entries.length;
    });
    this.entries = Float64Array.from(entries);
    this.strictAgents = strict.map((xs) => Int32Array.from(xs));
    for (let ai = 0; ai < nA; ai++) this.recount(ai, 0, this.freeMask(ai));
    this.cId = new Array<string>(maxContacts).fill('');
    this.cState = new Uint8Array(maxContacts);
    this.cAgent = new Int32Array(maxContacts);
    this.cSlot = new Int32Array(maxContacts);
    this.cEnq = new Float64Array(maxContacts);
    this.cEff = new Float64Array(maxContacts);
    this.cNext = new Int32Array(maxContacts);
    this.cPrev = new Int32Array(maxContacts);
    for (let h = maxContacts - 1; h >= 0; h--) this.free.push(h);
  }

  /** Bit ch set when the agent can take channel ch now. */
  private freeMask(ai: number): number {
    let mask = 0;
    for (let ch = 0; ch < NC; ch++) {
      const k = ai * NC + ch;
      const fits = (this.load[k] ?? 0) < (this.cap[k] ?? 0);
      if (fits && (EXCLUSIVE[ch] === 1 ? this.total[ai] === 0 : this.excl[ai] === 0)) mask |= 1 << ch;
    }
    return mask;
  }

  /** Keeps the per-(queue, channel) free counts in step when an agent's mask changes. */
  private recount(ai: number, before: number, after: number): void {
    const diff = before ^ after;
    if (diff === 0) return;
    for (const qi of this.agentQueues[ai] ?? []) {
      for (let ch = 0; ch < NC; ch++) {
        if ((diff & (1 << ch)) === 0) continue;
        const k = qi * NC + ch;
        this.freeCount[k] = (this.freeCount[k] ?? 0) + ((after & (1 << ch)) === 0 ? -1 : 1);
      }
    }
  }

  private addLoad(ai: number, ch: number, d: 1 | -1): void {
    const k = ai * NC + ch;
    this.load[k] = (this.load[k] ?? 0) + d;
    this.total[ai] = (this.total[ai] ?? 0) + d;
    if (EXCLUSIVE[ch] === 1) this.excl[ai] = (this.excl[ai] ?? 0) + d;
  }

  private offer(h: number, ai: number, d: Decision, now: number): RoutingAction {
    const slot = this.cSlot[h] ?? 0;
    const qi = Math.floor(slot / (NC * this.nT));
    const ch = Math.floor(slot / this.nT) % NC;
    this.cState[h] = 2;
    this.cAgent[h] = ai;
    this.addLoad(ai, ch, 1);
    const tail = this.oTail[qi] ?? -1;
    this.cNext[h] = -1;
    this.cPrev[h] = tail;
    if (tail < 0) this.oHead[qi] = h;
    else this.cNext[tail] = h;
    this.oTail[qi] = h;
    const id = this.cId[h] ?? '';
    return {
      type: 'offer',
      contactId: id,
      agentId: d.agentId,
      queueId: d.queueId,
      channel: CHANNELS[ch] ?? '',
      expiresAt: now + 30_000,
      decision: d,
    };
  }

  enqueue(c: ContactInput, now: number): readonly RoutingAction[] {
    if (this.ids.has(c.id)) throw new Error(`floor engine: duplicate ${c.id}`);
    const qi = must(this.queueIdx.get(c.queueId), 'queue');
    const ch = must(this.channelIdx.get(c.channel), 'channel');
    const t = must(this.tierIdx.get(c.tier), 'tier');
    const h = must(this.free.pop(), 'handle (full)');
    this.ids.set(c.id, h);
    this.cId[h] = c.id;
    const slot = (qi * NC + ch) * this.nT + t;
    this.cSlot[h] = slot;
    this.cEnq[h] = now;
    this.cEff[h] = now - (this.tierOffset[t] ?? 0);
    if ((this.freeCount[qi * NC + ch] ?? 0) > 0) return this.arrivalOffer(h, qi, ch, now);
    this.cState[h] = 1;
    this.cNext[h] = -1;
    const tail = this.fTail[slot] ?? -1;
    if (tail < 0) this.setHead(slot, h);
    else this.cNext[tail] = h;
    this.fTail[slot] = h;
    return NONE;
  }

  private arrivalOffer(h: number, qi: number, ch: number, now: number): readonly RoutingAction[] {
    for (const ai of this.strictAgents[qi] ?? []) {
      const before = this.freeMask(ai);
      if ((before & (1 << ch)) === 0) continue;
      const agentId = this.agentIds[ai] ?? '';
      const d = new FloorDecision(
        ++this.seq,
        now,
        'contact_arrived',
        this.cId[h] ?? '',
        agentId,
        this.queueIds[qi] ?? '',
        'strict',
        1,
        [agentId],
        [0, 0],
        this.tiers,
      );
      const action = this.offer(h, ai, d, now);
      this.recount(ai, before, this.freeMask(ai));
      return [action];
    }
    throw new Error('floor engine: free count out of step');
  }

  private setHead(slot: number, h: number): void {
    this.fHead[slot] = h;
    if (h < 0) {
      this.fTail[slot] = -1;
      this.hEff[slot] = Number.POSITIVE_INFINITY;
      this.hEnq[slot] = Number.POSITIVE_INFINITY;
      this.hId[slot] = '';
    } else {
      this.hEff[slot] = this.cEff[h] ?? 0;
      this.hEnq[slot] = this.cEnq[h] ?? 0;
      this.hId[slot] = this.cId[h] ?? '';
    }
  }

  accept(contactId: string, agentId: string): void {
    const h = this.ids.get(contactId);
    if (h === undefined || this.cState[h] !== 2 || this.agentIds[this.cAgent[h] ?? -1] !== agentId)
      throw new Error(`floor engine: ${contactId} not offered`);
    this.cState[h] = 3;
    const qi = Math.floor((this.cSlot[h] ?? 0) / (NC * this.nT));
    const p = this.cPrev[h] ?? -1;
    const n = this.cNext[h] ?? -1;
    if (p < 0) this.oHead[qi] = n;
    else this.cNext[p] = n;
    if (n < 0) this.oTail[qi] = p;
    else this.cPrev[n] = p;
  }

  release(contactId: string, now: number): readonly RoutingAction[] {
    const h = this.ids.get(contactId);
    if (h === undefined || this.cState[h] !== 3) throw new Error(`floor engine: ${contactId} not assigned`);
    const ai = this.cAgent[h] ?? 0;
    const before = this.freeMask(ai);
    this.addLoad(ai, Math.floor((this.cSlot[h] ?? 0) / this.nT) % NC, -1);
    this.ids.delete(contactId);
    this.cId[h] = '';
    this.cState[h] = 0;
    this.free.push(h);
    const kept = this.rank(ai, this.freeMask(ai), now);
    const acts = kept === 0 ? NONE : [this.takeBest(ai, kept, now)];
    this.recount(ai, before, this.freeMask(ai));
    return acts;
  }

  /** The agent's scan of the heads it may take now; keeps the best five (lowest keys). */
  private rank(ai: number, mask: number, now: number): number {
    let kept = 0;
    this.considered = 0;
    for (let i = this.eOff[ai] ?? 0, end = this.eEnd[ai] ?? 0; i < end; i += 2) {
      const minWait = this.entries[i + 1] ?? 0;
      for (let ch = 0, base = this.entries[i] ?? 0; ch < NC; ch++, base += this.nT) {
        if ((mask & (1 << ch)) === 0) continue;
        for (let slot = base; slot < base + this.nT; slot++) {
          const eff = this.hEff[slot] ?? Number.POSITIVE_INFINITY;
          if (eff === Number.POSITIVE_INFINITY || now - (this.hEnq[slot] ?? 0) < minWait) continue;
          this.considered++;
          kept = this.keep(kept, slot, eff, minWait === 0 ? 0 : 1);
        }
      }
    }
    return kept;
  }

  private keep(kept: number, slot: number, eff: number, level: number): number {
    let j = kept < TOP ? kept : TOP - 1;
    if (kept === TOP && (this.keys[j] ?? 0) <= eff) return kept;
    while (j > 0 && (this.keys[j - 1] ?? 0) > eff) {
      this.keys[j] = this.keys[j - 1] ?? 0;
      this.picks[j] = this.picks[j - 1] ?? 0;
      this.levels[j] = this.levels[j - 1] ?? 0;
      j--;
    }
    this.keys[j] = eff;
    this.picks[j] = slot;
    this.levels[j] = level;
    return kept < TOP ? kept + 1 : kept;
  }

  private takeBest(ai: number, kept: number, now: number): RoutingAction {
    const ids = new Array<string>(kept);
    const nums = new Array<number>(2 * kept);
    for (let i = 0; i < kept; i++) {
      const slot = this.picks[i] ?? 0;
      ids[i] = this.hId[slot] ?? '';
      nums[2 * i] = this.keys[i] ?? 0;
      nums[2 * i + 1] = (this.levels[i] ?? 0) | ((slot % this.nT) << 1);
    }
    const slot = this.picks[0] ?? 0;
    const h = this.fHead[slot] ?? -1;
    this.setHead(slot, this.cNext[h] ?? -1);
    const qi = Math.floor(slot / (NC * this.nT));
    const level = LEVELS[this.levels[0] ?? 0] ?? 'strict';
    const d = new FloorDecision(
      ++this.seq,
      now,
      'agent_freed',
      this.cId[h] ?? '',
      this.agentIds[ai] ?? '',
      this.queueIds[qi] ?? '',
      level,
      this.considered,
      ids,
      nums,
      this.tiers,
    );
    return this.offer(h, ai, d, now);
  }

  /** Waiting contacts in FIFO order per slot, for tests. */
  waitingIn(slot: number): string[] {
    const out: string[] = [];
    for (let h = this.fHead[slot] ?? -1; h >= 0; h = this.cNext[h] ?? -1) out.push(this.cId[h] ?? '');
    return out;
  }

  /** For tests: the priority key of a slot's head (Infinity when empty) and the head's arrival. */
  headOf(slot: number): { key: number; enqueuedAt: number } {
    return { key: this.hEff[slot] ?? Number.POSITIVE_INFINITY, enqueuedAt: this.hEnq[slot] ?? Number.POSITIVE_INFINITY };
  }

  /** For tests: the agent's entries as (first slot of the queue, wait needed) pairs. */
  entriesOf(agentId: string): [number, number][] {
    const ai = must(this.agentIdx.get(agentId), 'agent');
    const out: [number, number][] = [];
    for (let i = this.eOff[ai] ?? 0; i < (this.eEnd[ai] ?? 0); i += 2) out.push([this.entries[i] ?? 0, this.entries[i + 1] ?? 0]);
    return out;
  }

  /** Load and capacity of an agent on a channel, for tests. */
  loadOf(agentId: string, channel: string): { load: number; cap: number } {
    const k = must(this.agentIdx.get(agentId), 'agent') * NC + must(this.channelIdx.get(channel), 'channel');
    return { load: this.load[k] ?? 0, cap: this.cap[k] ?? 0 };
  }
}
