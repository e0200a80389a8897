import { describe, expect, it } from 'vitest';
import { toLiveStats } from '../api/normalize.js';
import { slTone, sortAgents, totals, waitNow } from './model.js';

const stats = toLiveStats({
  at: 1000,
  queues: [
    {
      id: 'q1',
      name: 'Sales',
      waiting: 3,
      longestWaitMs: 40_000,
      answeredToday: 30,
      abandonedToday: 10,
      serviceLevelToday: 0.5,
      tiers: [],
    },
    { id: 'q2', name: 'Support', waiting: 1, longestWaitMs: 90_000, answeredToday: 10, abandonedToday: 0, serviceLevelToday: 1, tiers: [] },
    { id: 'q3', name: 'Quiet', waiting: 0, longestWaitMs: 0, answeredToday: 0, abandonedToday: 0, serviceLevelToday: null, tiers: [] },
  ],
  agents: [
    { id: 'a1', name: 'Bo', state: 'available', since: 0, reason: null, activeContacts: 2, capacity: 3, occupancy: 0.6 },
    { id: 'a2', name: 'Al', state: 'break', since: 0, reason: 'lunch', activeContacts: 0, capacity: 3, occupancy: 0 },
    { id: 'a3', name: 'Cy', state: 'offline', since: 0, reason: null, activeContacts: 0, capacity: 3, occupancy: 0 },
    { id: 'a4', name: 'Di', state: 'available', since: 0, reason: null, activeContacts: 1, capacity: 3, occupancy: 0.3 },
  ],
});

describe('supervisor figures', () => {
  it('should add up the queues and weight the service level by each queue’s volume', () => {
    expect(totals(stats)).toEqual({
      waiting: 4,
      longestWaitMs: 90_000,
      answered: 40,
      abandoned: 10,
      serviceLevel: (0.5 * 40 + 1 * 10) / 50,
      agentsAvailable: 2,
      agentsLoggedIn: 3,
      activeContacts: 3,
    });
    expect(totals(toLiveStats({ at: 0, queues: [], agents: [] })).serviceLevel).toBeNull();
  });

  it('should let the longest wait grow between frames only while someone waits', () => {
    expect(waitNow(40_000, 3, 1000, 6000)).toBe(45_000);
    expect(waitNow(0, 0, 1000, 6000)).toBe(0);
    expect(waitNow(40_000, 3, 1000, 500)).toBe(40_000);
  });

  it('should colour the service level against its target', () => {
    expect(slTone(0.85)).toBe('green');
    expect(slTone(0.7)).toBe('amber');
    expect(slTone(0.5)).toBe('red');
    expect(slTone(null)).toBe('grey');
  });

  it('should list available agents first and offline ones last', () => {
    expect(sortAgents(stats.agents).map((a) => a.name)).toEqual(['Bo', 'Di', 'Al', 'Cy']);
  });
});
