import { describe, expect, it } from 'vitest';
import { computeLiveStats, serviceLevel, type TodayContact } from './stats.js';

const c = (tier: string, state: string, enq: number | null, ans: number | null, end: number | null = null): TodayContact => ({
  queueId: 'q',
  tier,
  state,
  enqueuedAt: enq,
  answeredAt: ans,
  endedAt: end,
});

describe('live stats', () => {
  it('should count answered within target over answered plus late abandons, per tier and per queue', () => {
    const s = computeLiveStats({
      at: 1000,
      tiers: ['high', 'low'],
      queues: [{ id: 'q', name: 'Q', thresholdMs: { high: 15_000, low: 60_000 } }],
      live: [{ id: 'q', waiting: 2, waitingByTier: { high: 1, low: 1 }, longestWaitMs: 5000 }],
      today: [
        c('high', 'assigned', 0, 15_000), // within (boundary)
        c('high', 'closed', 0, 15_001), // late
        c('high', 'abandoned', 0, null, 10_000), // early abandon: counts for neither
        c('low', 'abandoned', 0, null, 61_000), // late abandon
        c('low', 'closed', 0, 30_000), // within
        c('low', 'new', null, null), // never queued
      ],
      agents: [{ id: 'a', name: 'A', state: 'busy', since: 0, reason: null, activeContacts: 2, load: 2, capacity: 3 }],
    });
    expect(s.queues[0]).toMatchObject({ waiting: 2, answeredToday: 3, abandonedToday: 2, serviceLevelToday: 0.5 });
    expect(s.queues[0]?.tiers).toEqual([
      { tier: 'high', waiting: 1, answeredToday: 2, abandonedToday: 1, serviceLevelToday: 0.5 },
      { tier: 'low', waiting: 1, answeredToday: 1, abandonedToday: 1, serviceLevelToday: 0.5 },
    ]);
    expect(s.agents[0]?.occupancy).toBe(0.6667);
  });

  it('should say null when nothing counts yet', () => {
    expect(serviceLevel(0, 0, 0)).toBeNull();
  });
});
