/**
 * Decision records: what triggered a placement, what was weighed, and why the winner won. Built
 * from the ranking scratch on every decision (candidates lazily, see RankedDecision), so they hold
 * numbers and short codes only; turning them into prose (explainDecision) is for the edge and is
 * never on the hot path.
 */
import { type AvailSet, type ContactRec, type Entry, LEVEL_CODE } from './model.js';
import { LEVELS } from './select.js';
import type { EngineState } from './state.js';
import type { Candidate, Decision, DecisionTrigger, DecisionWhy, EligibilityLevel, Policy, TierConfig } from './types.js';

/**
 * A decision whose candidates are kept as the raw numbers of the ranking (ids, keys or scores, and
 * level and tier codes) and turned into Candidate objects only when someone reads them. Deciding
 * is the hot path and most records are only persisted as JSON, so this saves five objects and
 * their boxed scores per decision. toJSON gives the same plain record as reading every field; the
 * raw numbers are private fields, invisible to JSON, spreads and equality (a spread leaves out
 * `candidates`, a getter: use toJSON() for a plain copy).
 */
class RankedDecision implements Decision {
  readonly #ids: readonly string[];
  readonly #nums: readonly number[];
  readonly #tiers: readonly TierConfig[];
  #built: Candidate[] | null = null;

  constructor(
    readonly seq: number,
    readonly at: number,
    readonly trigger: DecisionTrigger,
    readonly contactId: string,
    readonly agentId: string,
    readonly queueId: string,
    readonly policy: Policy | 'priority',
    readonly level: EligibilityLevel,
    readonly considered: number,
    readonly why: DecisionWhy,
    /** Candidate ids, best first. */
    ids: readonly string[],
    /** Per candidate: its score (for 'priority', its priority key) and its level and tier codes. */
    nums: readonly number[],
    tiers: readonly TierConfig[],
  ) {
    this.#ids = ids;
    this.#nums = nums;
    this.#tiers = tiers;
  }

  get candidates(): readonly Candidate[] {
    if (this.#built === null) this.#built = this.#ids.map((id, i) => this.#candidate(id, i));
    return this.#built;
  }

  #candidate(id: string, i: number): Candidate {
    const raw = this.#nums[2 * i] ?? 0;
    const code = this.#nums[2 * i + 1] ?? 0;
    const level = LEVELS[code & 3] ?? 'strict';
    if (this.policy !== 'priority') return { id, score: raw, reason: this.policy, level };
    return { id, score: this.at - raw, reason: 'priority', level, tier: this.#tiers[code >> 2]?.id ?? '' };
  }

  toJSON(): Decision {
    const { seq, at, trigger, contactId, agentId, queueId, policy, level, considered, candidates, why } = this;
    return { seq, at, trigger, contactId, agentId, queueId, policy, level, considered, candidates, why };
  }
}

const whyOf = (considered: number): DecisionWhy => (considered === 1 ? 'only_candidate' : 'best_score');

/** An agent chose among FIFO heads; scratch.picks holds their slots, best first. */
export const contactDecision = (s: EngineState, ai: number, trigger: DecisionTrigger, now: number): Decision | null => {
  const sc = s.scratch;
  const best = s.heads[sc.picks[0] ?? -1];
  const k = sc.kept;
  if (best === null || best === undefined || k === 0) return null;
  const nTiers = s.tiers.length;
  const ids = new Array<string>(k);
  const nums = new Array<number>(2 * k);
  for (let i = 0; i < k; i++) {
    const slot = sc.picks[i] ?? -1;
    ids[i] = s.headIds[slot] ?? '';
    nums[2 * i] = sc.scores[i] ?? 0;
    nums[2 * i + 1] = (sc.levels[i] ?? 0) | ((slot % nTiers) << 2);
  }
  const level = LEVELS[sc.levels[0] ?? 0] ?? 'strict';
  const why = whyOf(sc.considered);
  const agentId = s.agentIds[ai] ?? '';
  return new RankedDecision(
    ++s.decisionSeq,
    now,
    trigger,
    best.id,
    agentId,
    best.queue.config.id,
    'priority',
    level,
    sc.considered,
    why,
    ids,
    nums,
    s.tiers,
  );
};

/** A contact chose among a set's agents by its queue's policy; scratch.picks holds positions. */
export const agentDecision = (s: EngineState, c: ContactRec, set: AvailSet, trigger: DecisionTrigger, now: number): Decision | null => {
  const sc = s.scratch;
  const best = set.entries[sc.picks[0] ?? -1];
  const k = sc.kept;
  if (best === undefined || k === 0) return null;
  const ids = new Array<string>(k);
  const nums = new Array<number>(2 * k);
  for (let i = 0; i < k; i++) {
    const pos = sc.picks[i] ?? -1;
    ids[i] = s.agentIds[set.agentIdx[pos] ?? -1] ?? '';
    nums[2 * i] = sc.scores[i] ?? 0;
    nums[2 * i + 1] = LEVEL_CODE[set.entries[pos]?.level ?? 'strict'];
  }
  const policy = c.queue.config.policy;
  const why = whyOf(sc.considered);
  return new RankedDecision(
    ++s.decisionSeq,
    now,
    trigger,
    c.id,
    ids[0] ?? '',
    c.queue.config.id,
    policy,
    best.level,
    sc.considered,
    why,
    ids,
    nums,
    s.tiers,
  );
};

/** The contact's target agent can take it (targeted routing): offered to that agent alone. */
export const targetedDecision = (s: EngineState, c: ContactRec, ai: number, trigger: DecisionTrigger, now: number): Decision => {
  const agentId = s.agentIds[ai] ?? '';
  // The target's bullseye ring for the queue; a transfer to an agent does not need the queue's skills.
  const level = s.agentRecs[ai]?.entries.find((e) => e.queue === c.queue)?.level ?? 'strict';
  return {
    seq: ++s.decisionSeq,
    at: now,
    trigger,
    contactId: c.id,
    agentId,
    queueId: c.queue.config.id,
    policy: 'targeted',
    level,
    considered: 1,
    candidates: [{ id: agentId, score: now - c.targetedAt, reason: 'targeted', level }],
    why: 'targeted',
  };
};

/** The customer's last agent was free and qualified: preferred over the policy's choice. */
export const lastAgentDecision = (s: EngineState, c: ContactRec, e: Entry, now: number): Decision => ({
  seq: ++s.decisionSeq,
  at: now,
  trigger: 'contact_arrived',
  contactId: c.id,
  agentId: e.agent.id,
  queueId: c.queue.config.id,
  policy: 'last_agent',
  level: e.level,
  considered: 1,
  candidates: [{ id: e.agent.id, score: now - c.lastContactAt, reason: 'last_agent', level: e.level }],
  why: 'last_agent',
});

const TRIGGER_TEXT: Record<DecisionTrigger, string> = {
  contact_arrived: 'contact arrived',
  contact_requeued: 'contact returned to the queue',
  agent_freed: 'agent had free capacity',
  threshold_reached: 'contact reached a wait threshold',
};

const candidateText = (c: Candidate): string => {
  const tier = c.tier === undefined ? '' : `tier ${c.tier}, `;
  return `${c.id} (${tier}${c.level}, ${c.reason} ${Math.round(c.score * 100) / 100})`;
};

/** One line a supervisor can read: the trigger, the winner, and what it beat. */
export const explainDecision = (d: Decision): string => {
  const [winner, ...rest] = d.candidates;
  const head = `#${d.seq} ${TRIGGER_TEXT[d.trigger]}: ${d.contactId} -> ${d.agentId} in ${d.queueId} by ${d.policy}`;
  const why =
    d.why === 'last_agent'
      ? 'the customer was served by this agent before'
      : d.why === 'only_candidate'
        ? 'it was the only option'
        : d.why === 'targeted'
          ? 'the contact was sent to this agent'
          : `best of ${d.considered}`;
  const beat = rest.length === 0 ? '' : `; ahead of ${rest.map(candidateText).join(', ')}`;
  return `${head} (${why}): ${winner === undefined ? '' : candidateText(winner)}${beat}`;
};
