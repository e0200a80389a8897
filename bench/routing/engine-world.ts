/**
 * The benchmark's contact center, generated from a seed: queues needing one or two of the skills,
 * agents with a handful of skills and voice, chat or blended capacity, and a demand model that
 * picks an arriving contact's queue and channel through a random agent who could serve it, so
 * load follows staffing and no queue is flooded while its agents idle.
 */
import type { AgentInput, Policy, QueueInput } from '../../src/routing/core/index.js';
import { intBelow, pick, type Rng } from '../../src/routing/sim/random.js';

export interface WorldSize {
  readonly agents: number;
  readonly queues: number;
  readonly skills: number;
}

export interface World {
  readonly queues: readonly QueueInput[];
  readonly agents: readonly AgentInput[];
  /** Per agent: the (queue, channel) pairs it serves strictly; arrivals are drawn from these. */
  readonly demand: readonly (readonly (readonly [string, string])[])[];
}

const POLICIES: readonly Policy[] = ['longest_idle', 'least_occupied', 'round_robin', 'best_proficiency'];
const CAPACITIES: readonly Readonly<Record<string, number>>[] = [
  { voice: 1 },
  { voice: 1 },
  { chat: 3 },
  { chat: 3 },
  { voice: 1, chat: 2, email: 2 },
];

const makeQueue = (rng: Rng, i: number, size: WorldSize): QueueInput => {
  const skills = new Set<number>();
  const n = 1 + intBelow(rng, 2);
  while (skills.size < n) skills.add(intBelow(rng, size.skills));
  const overflow = i % 3 === 0 ? (i + 1 + intBelow(rng, size.queues - 1)) % size.queues : null;
  return {
    id: `q${i}`,
    requiredSkills: [...skills].map((s) => ({ skill: `s${s}`, minProficiency: 1 + intBelow(rng, 3) })),
    policy: POLICIES[i % POLICIES.length],
    widenAfterMs: i % 2 === 0 ? 20_000 : null,
    overflowQueueId: overflow === null || overflow === i ? null : `q${overflow}`,
    overflowAfterMs: overflow === null || overflow === i ? null : 45_000,
    offerTimeoutMs: 30_000,
  };
};

const makeAgent = (rng: Rng, i: number, size: WorldSize): AgentInput => {
  const skills: Record<string, number> = {};
  const n = 4 + intBelow(rng, 3);
  while (Object.keys(skills).length < n) skills[`s${intBelow(rng, size.skills)}`] = 1 + intBelow(rng, 5);
  return { id: `a${i}`, skills, capacity: pick(rng, CAPACITIES) };
};

const serves = (a: AgentInput, q: QueueInput): boolean => {
  const skills = a.skills instanceof Map ? a.skills : new Map(Object.entries(a.skills));
  return (q.requiredSkills ?? []).every((r) => (skills.get(r.skill) ?? 0) >= r.minProficiency);
};

export const makeWorld = (rng: Rng, size: WorldSize): World => {
  const queues: QueueInput[] = [];
  // Overflow targets must exist first, so queues are created in order and may only overflow back.
  for (let i = 0; i < size.queues; i++) {
    const q = makeQueue(rng, i, size);
    const target = q.overflowQueueId === null || q.overflowQueueId === undefined ? -1 : Number(q.overflowQueueId.slice(1));
    queues.push(target >= 0 && target < i ? q : { ...q, overflowQueueId: null, overflowAfterMs: null });
  }
  const agents = Array.from({ length: size.agents }, (_, i) => makeAgent(rng, i, size));
  const demand = agents.map((a) => {
    const channels = Object.keys(a.capacity);
    return queues.filter((q) => serves(a, q)).flatMap((q) => channels.map((ch) => [q.id, ch] as const));
  });
  return { queues, agents, demand };
};
