/**
 * The supervisor's live numbers: per queue (and per tier) how many wait, the longest wait, and
 * today's answered, abandoned and service level; per agent state, load and occupancy.
 * Service level today = contacts answered within their tier's target / (answered + abandoned
 * after the target). Abandoned before the target counts for neither, the common convention.
 */

export interface TodayContact {
  readonly queueId: string | null;
  readonly tier: string;
  readonly state: string;
  /** When it entered its queue; null for contacts never queued (they count for nothing). */
  readonly enqueuedAt: number | null;
  readonly answeredAt: number | null;
  /** When it ended (closed_at, else the time it changed state); used for abandoned contacts. */
  readonly endedAt: number | null;
}

export interface QueueLive {
  readonly id: string;
  readonly waiting: number;
  readonly waitingByTier: Readonly<Record<string, number>>;
  readonly longestWaitMs: number;
}

export interface QueueTargets {
  readonly id: string;
  readonly name: string;
  /** Service-level threshold per tier id (ms). */
  readonly thresholdMs: Readonly<Record<string, number>>;
}

export interface AgentLive {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly since: number;
  readonly reason: string | null;
  readonly activeContacts: number;
  readonly load: number;
  readonly capacity: number;
}

export interface TierStats {
  readonly tier: string;
  readonly waiting: number;
  readonly answeredToday: number;
  readonly abandonedToday: number;
  readonly serviceLevelToday: number | null;
}

export interface QueueStats {
  readonly id: string;
  readonly name: string;
  readonly waiting: number;
  readonly longestWaitMs: number;
  readonly answeredToday: number;
  readonly abandonedToday: number;
  readonly serviceLevelToday: number | null;
  readonly tiers: readonly TierStats[];
}

export interface AgentStats {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly since: number;
  readonly reason: string | null;
  readonly activeContacts: number;
  readonly capacity: number;
  /** Load over capacity now, 0..1 (0 with no capacity). */
  readonly occupancy: number;
}

export interface LiveStats {
  readonly at: number;
  readonly queues: readonly QueueStats[];
  readonly agents: readonly AgentStats[];
}

interface Tally {
  answered: number;
  abandoned: number;
  within: number;
  abandonedLate: number;
}

const emptyTally = (): Tally => ({ answered: 0, abandoned: 0, within: 0, abandonedLate: 0 });

const count = (t: Tally, c: TodayContact, thresholdMs: number): void => {
  if (c.enqueuedAt === null) return;
  if (c.answeredAt !== null) {
    t.answered++;
    if (c.answeredAt - c.enqueuedAt <= thresholdMs) t.within++;
    return;
  }
  if (c.state !== 'abandoned') return;
  t.abandoned++;
  if ((c.endedAt ?? c.enqueuedAt) - c.enqueuedAt > thresholdMs) t.abandonedLate++;
};

/** A fraction 0..1 rounded to four places, or null when nothing counts yet. */
export const serviceLevel = (within: number, answered: number, abandonedLate: number): number | null => {
  const base = answered + abandonedLate;
  return base === 0 ? null : Math.round((within / base) * 10_000) / 10_000;
};

const sum = (xs: readonly Tally[]): Tally =>
  xs.reduce(
    (a, t) => ({
      answered: a.answered + t.answered,
      abandoned: a.abandoned + t.abandoned,
      within: a.within + t.within,
      abandonedLate: a.abandonedLate + t.abandonedLate,
    }),
    emptyTally(),
  );

const queueStats = (q: QueueTargets, live: QueueLive | undefined, tiers: readonly string[], today: readonly TodayContact[]): QueueStats => {
  const byTier = new Map<string, Tally>(tiers.map((t) => [t, emptyTally()]));
  for (const c of today) {
    if (c.queueId !== q.id) continue;
    let tally = byTier.get(c.tier);
    if (!tally) {
      tally = emptyTally();
      byTier.set(c.tier, tally);
    }
    count(tally, c, q.thresholdMs[c.tier] ?? Number.POSITIVE_INFINITY);
  }
  const all = sum([...byTier.values()]);
  return {
    id: q.id,
    name: q.name,
    waiting: live?.waiting ?? 0,
    longestWaitMs: live?.longestWaitMs ?? 0,
    answeredToday: all.answered,
    abandonedToday: all.abandoned,
    serviceLevelToday: serviceLevel(all.within, all.answered, all.abandonedLate),
    tiers: [...byTier.entries()].map(([tier, t]) => ({
      tier,
      waiting: live?.waitingByTier[tier] ?? 0,
      answeredToday: t.answered,
      abandonedToday: t.abandoned,
      serviceLevelToday: serviceLevel(t.within, t.answered, t.abandonedLate),
    })),
  };
};

const agentStats = (a: AgentLive): AgentStats => ({
  id: a.id,
  name: a.name,
  state: a.state,
  since: a.since,
  reason: a.reason,
  activeContacts: a.activeContacts,
  capacity: a.capacity,
  occupancy: a.capacity > 0 ? Math.round((Math.min(a.load, a.capacity) / a.capacity) * 10_000) / 10_000 : 0,
});

export interface StatsInput {
  readonly at: number;
  /** The tenant's tier ids, highest first. */
  readonly tiers: readonly string[];
  readonly queues: readonly QueueTargets[];
  readonly live: readonly QueueLive[];
  readonly today: readonly TodayContact[];
  readonly agents: readonly AgentLive[];
}

export const computeLiveStats = (input: StatsInput): LiveStats => {
  const live = new Map(input.live.map((q) => [q.id, q]));
  return {
    at: input.at,
    queues: input.queues.map((q) => queueStats(q, live.get(q.id), input.tiers, input.today)),
    agents: input.agents.map(agentStats),
  };
};
