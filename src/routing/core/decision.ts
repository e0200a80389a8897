/**
 * Decision records: what triggered a placement, what was weighed, and why the winner won. Built
 * from the ranking scratch on every decision, so they hold numbers and short codes only; turning
 * them into prose (explainDecision) is for the edge and is never on the hot path.
 */
import type { AvailSet, ContactRec, Entry } from './model.js';
import { LEVELS } from './select.js';
import type { EngineState } from './state.js';
import type { Candidate, Decision, DecisionTrigger } from './types.js';

/** An agent chose among FIFO heads; scratch.picks holds their slots, best first. */
export const contactDecision = (s: EngineState, ai: number, trigger: DecisionTrigger, now: number): Decision | null => {
  const sc = s.scratch;
  const best = s.heads[sc.picks[0] ?? -1];
  if (best === null || best === undefined || sc.kept === 0) return null;
  const nTiers = s.tiers.length;
  const candidates: Candidate[] = [];
  for (let i = 0; i < sc.kept; i++) {
    const slot = sc.picks[i] ?? -1;
    const level = LEVELS[sc.levels[i] ?? 0] ?? 'strict';
    const tier = s.tiers[slot % nTiers]?.id ?? '';
    candidates.push({ id: s.headIds[slot] ?? '', score: now - (sc.scores[i] ?? 0), reason: 'priority', level, tier });
  }
  return {
    seq: ++s.decisionSeq,
    at: now,
    trigger,
    contactId: best.id,
    agentId: s.agentIds[ai] ?? '',
    queueId: best.queue.config.id,
    policy: 'priority',
    level: candidates[0]?.level ?? 'strict',
    considered: sc.considered,
    candidates,
    why: sc.considered === 1 ? 'only_candidate' : 'best_score',
  };
};

/** A contact chose among a set's agents by its queue's policy; scratch.picks holds positions. */
export const agentDecision = (s: EngineState, c: ContactRec, set: AvailSet, trigger: DecisionTrigger, now: number): Decision | null => {
  const sc = s.scratch;
  const best = set.entries[sc.picks[0] ?? -1];
  if (best === undefined || sc.kept === 0) return null;
  const policy = c.queue.config.policy;
  const candidates: Candidate[] = [];
  for (let i = 0; i < sc.kept; i++) {
    const pos = sc.picks[i] ?? -1;
    const e = set.entries[pos];
    if (e === undefined) break;
    candidates.push({ id: s.agentIds[set.agentIdx[pos] ?? -1] ?? '', score: sc.scores[i] ?? 0, reason: policy, level: e.level });
  }
  return {
    seq: ++s.decisionSeq,
    at: now,
    trigger,
    contactId: c.id,
    agentId: candidates[0]?.id ?? '',
    queueId: c.queue.config.id,
    policy,
    level: best.level,
    considered: sc.considered,
    candidates,
    why: sc.considered === 1 ? 'only_candidate' : 'best_score',
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
        : `best of ${d.considered}`;
  const beat = rest.length === 0 ? '' : `; ahead of ${rest.map(candidateText).join(', ')}`;
  return `${head} (${why}): ${winner === undefined ? '' : candidateText(winner)}${beat}`;
};
