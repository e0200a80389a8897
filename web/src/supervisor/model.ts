/**
 * Figures the supervisor view derives from a `stats` frame: totals for the KPI tiles and waits that
 * keep ticking between frames. Pure.
 */
import type { AgentStats, LiveStats, QueueStats } from '../api/types.js';

export interface Totals {
  readonly waiting: number;
  readonly longestWaitMs: number;
  readonly answered: number;
  readonly abandoned: number;
  /** Today's service level over all queues, weighted by each queue's answered + abandoned; null when none. */
  readonly serviceLevel: number | null;
  readonly agentsAvailable: number;
  readonly agentsLoggedIn: number;
  readonly activeContacts: number;
}

export const totals = (s: LiveStats): Totals => {
  let weight = 0;
  let weighted = 0;
  for (const q of s.queues) {
    if (q.serviceLevelToday === null) continue;
    const w = q.answeredToday + q.abandonedToday;
    weight += w;
    weighted += q.serviceLevelToday * w;
  }
  const sum = (f: (q: QueueStats) => number) => s.queues.reduce((n, q) => n + f(q), 0);
  const loggedIn = s.agents.filter((a) => a.state !== 'offline');
  return {
    waiting: sum((q) => q.waiting),
    longestWaitMs: s.queues.reduce((m, q) => Math.max(m, q.longestWaitMs), 0),
    answered: sum((q) => q.answeredToday),
    abandoned: sum((q) => q.abandonedToday),
    serviceLevel: weight > 0 ? weighted / weight : null,
    agentsAvailable: s.agents.filter((a) => a.state === 'available').length,
    agentsLoggedIn: loggedIn.length,
    activeContacts: s.agents.reduce((n, a) => n + a.activeContacts, 0),
  };
};

/** The longest wait as of `now`: it grows between frames while anyone is still waiting. */
export const waitNow = (longestWaitMs: number, waiting: number, statsAt: number, now: number): number =>
  waiting > 0 && longestWaitMs > 0 ? longestWaitMs + Math.max(0, now - statsAt) : longestWaitMs;

/** Service level below target reads as a warning; null target means the default 80%. */
export const slTone = (sl: number | null, target = 0.8): 'green' | 'amber' | 'red' | 'grey' => {
  if (sl === null) return 'grey';
  if (sl >= target) return 'green';
  return sl >= target - 0.15 ? 'amber' : 'red';
};

/** Agents in a stable order: available first, then busy states, offline last; by name within a state. */
const STATE_ORDER: Readonly<Record<string, number>> = { available: 0, wrap_up: 1, not_ready: 2, break: 3, offline: 4 };
export const sortAgents = (agents: readonly AgentStats[]): AgentStats[] =>
  [...agents].sort((a, b) => (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9) || a.name.localeCompare(b.name));
