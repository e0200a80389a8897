/**
 * The engine's internal records. Classes with every field set in the constructor, so V8 keeps one
 * hidden class per record and the hot paths stay monomorphic. Channels and tiers are small integer
 * indexes here; their names appear only at the edges (inputs, actions, views).
 *
 * Contact records are pooled (see contacts.ts): a contact outlives many young-generation GC cycles,
 * and its epoch-millisecond times are boxed numbers, so allocating one per arrival made the GC
 * copy and promote every waiting contact. A recycled record keeps its boxes and is updated in place.
 */
import type { EligibilityLevel, PresenceState, QueueConfig, RoutingState } from './types.js';

export const LEVEL_CODE: Readonly<Record<EligibilityLevel, number>> = { strict: 0, widened: 1, overflow: 2 };

export const FIFO = 0;
export const OFFERS = 1;
/** Contacts waiting for their target agent (targeted routing), keyed by when the target lapses. */
export const TARGETED = 2;
/** Assigned contacts in a timed wrap-up, keyed by when the agent's wrap-up time runs out. */
export const WRAP_UP = 3;
export type ListKind = typeof FIFO | typeof OFFERS | typeof TARGETED | typeof WRAP_UP;

export class ContactRec {
  /** Links of the one list the contact is in: its queue's FIFO or targeted list (queued), offer
   * list (offered) or wrapping list (assigned, in a timed wrap-up); none while simply assigned. */
  prev: ContactRec | null = null;
  next: ContactRec | null = null;
  list: ContactList | null = null;
  state: RoutingState = 'queued';
  /** Index of the agent holding the contact (offered or assigned), -1 while queued. */
  agentIdx = -1;
  offerExpiresAt = 0;
  assignedAt = 0;
  /** Targeted routing: the target agent's index (-1 when none), when it was set and until when
   * the contact waits for that agent alone. Cleared when the contact falls back to its queue. */
  targetIdx = -1;
  targetedAt = 0;
  targetUntil = 0;
  /** When a timed wrap-up runs out and the agent's capacity is freed; 0 when not in one. */
  wrapUntil = 0;
  /** In wrap-up (timed or not): the conversation ended, so it can no longer be transferred. */
  wrapping = false;

  constructor(
    public id: string,
    public queue: QueueRec,
    public channel: number,
    public tier: number,
    public customerId: string | null,
    public lastAgentId: string | null,
    public lastContactAt: number,
    public enqueuedAt: number,
    /** enqueuedAt minus the tier's offset: the static priority key, lower is served first. */
    public effectiveTime: number,
  ) {}
}

/**
 * An intrusive doubly linked list of contacts, kept sorted by key (enqueuedAt for a FIFO,
 * offerExpiresAt for an offer list, targetUntil for a targeted list, wrapUntil for a wrapping
 * list). It is also a timer slot: `due` is when its head next needs
 * attention and `heapIdx` its place in the deadline heap.
 */
export class ContactList {
  head: ContactRec | null = null;
  tail: ContactRec | null = null;
  size = 0;
  due = Number.POSITIVE_INFINITY;
  /** The key the slot sits under in the deadline heap: never later than `due` (see timer-heap.ts). */
  heapKey = Number.POSITIVE_INFINITY;
  heapIdx = -1;

  constructor(
    readonly kind: ListKind,
    readonly queue: QueueRec,
    readonly channel: number,
    readonly tier: number,
    /** Index of a FIFO's head in the engine's head arrays (see state.ts); -1 for offer lists. */
    readonly slot: number,
  ) {}
}

/**
 * The agents of one queue who can take one channel now, as parallel arrays: arrival decisions
 * scan these without touching agent or entry objects or the per-agent arrays. What the policies
 * read about an agent (its idle time, and its occupancy or last offer number) is copied in at each
 * of its positions and kept current while it sits here (capacity.ts rekeyAgent), so the scan reads
 * memory in order; a busy agent sits in no set, so keeping the copies is rare in a busy center.
 */
export class AvailSet {
  readonly entries: Entry[] = [];
  agentIdx = new Int32Array(8);
  minWait = new Float64Array(8);
  prof = new Float64Array(8);
  /** The agent's idle-since time, and its policy score with longest idle's `now` taken as 0. */
  idle = new Float64Array(8);
  key = new Float64Array(8);

  get size(): number {
    return this.entries.length;
  }
}

/** That an agent may serve a queue, how (level), and after how long a wait. */
export class Entry {
  /** Position in queue.servers. */
  serverIdx = -1;
  /** Position in agent.entries; its available-set positions are in agent.availPos. */
  index = -1;

  constructor(
    readonly agent: AgentRec,
    readonly queue: QueueRec,
    readonly level: EligibilityLevel,
    readonly minWaitMs: number,
    /** Sum of the agent's proficiency on the queue's required skills. */
    readonly profScore: number,
  ) {}
}

/**
 * An agent's cold data. What decisions read (load, capacity, availability, the entries' slots and
 * waits) lives in the engine's per-agent arrays at `idx` (state.ts), so deciding never touches this.
 */
export class AgentRec {
  presence: PresenceState = 'offline';
  breakReason: string | null = null;
  since: number;
  /** How long a wrap-up may hold a contact's capacity (ms); 0 when wrap-up is untimed. */
  wrapUpMs = 0;
  /** Per (entry index * channels + channel): position in that queue's available set, or -1. */
  availPos = new Int32Array(0);
  entries: Entry[] = [];

  constructor(
    readonly id: string,
    /** Index into the engine's per-agent arrays. */
    readonly idx: number,
    public skills: ReadonlyMap<string, number>,
    now: number,
  ) {
    this.since = now;
  }
}

export class QueueRec {
  /** FIFOs indexed channel * tiers + tier. */
  readonly fifos: ContactList[] = [];
  /** Waiting contacts per channel, to skip empty channels quickly. */
  readonly waiting: Int32Array;
  readonly offers: ContactList;
  /** Contacts waiting for their target agent, by when the target lapses. */
  readonly targeted: ContactList;
  /** Contacts in a timed wrap-up, by when their wrap-up time runs out. */
  readonly wrapping: ContactList;
  readonly servers: Entry[] = [];
  /** Per channel: entries whose agent is available with capacity for that channel now. */
  readonly avail: AvailSet[] = [];
  /** Per channel: capacity of the logged-in agents who qualify by skill, for estimated waits. */
  readonly staffedSlots: Int32Array;
  /** Per channel: moving average of handle time (ms), NaN until the first release. */
  readonly handleMs: Float64Array;
  offeredCount = 0;
  assignedCount = 0;

  constructor(
    public config: QueueConfig,
    /** Index of the queue: its FIFO heads occupy slots idx * channels * tiers onwards. */
    readonly idx: number,
    channels: number,
    tiers: number,
  ) {
    this.waiting = new Int32Array(channels);
    this.staffedSlots = new Int32Array(channels);
    this.handleMs = new Float64Array(channels).fill(Number.NaN);
    this.offers = new ContactList(OFFERS, this, -1, -1, -1);
    this.targeted = new ContactList(TARGETED, this, -1, -1, -1);
    this.wrapping = new ContactList(WRAP_UP, this, -1, -1, -1);
    for (let ch = 0; ch < channels; ch++) {
      this.avail.push(new AvailSet());
      for (let t = 0; t < tiers; t++) this.fifos.push(new ContactList(FIFO, this, ch, t, (idx * channels + ch) * tiers + t));
    }
  }

  /** First head slot of the queue. */
  get slotBase(): number {
    return this.fifos[0]?.slot ?? 0;
  }
}
