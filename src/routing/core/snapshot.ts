/**
 * A point-in-time view of queues and agents for the supervisor's wallboard. Built on demand by
 * walking the state (never on the hot path); everything in it is plain data.
 */
import type { AgentRec, QueueRec } from './model.js';
import type { EngineState } from './state.js';
import type { AgentStatus, AgentView, EngineSnapshot, QueueView } from './types.js';

/** Busy is derived: available, but with no room for any channel. */
export const statusOf = (a: AgentRec): AgentStatus => {
  if (a.presence !== 'available') return a.presence;
  for (let ch = 0; ch < a.cap.length; ch++) if (a.inAvail[ch] === 1) return 'available';
  return 'busy';
};

const perChannel = (s: EngineState, xs: ArrayLike<number>): Record<string, number> => {
  const out: Record<string, number> = {};
  s.channels.forEach((name, ch) => {
    const v = xs[ch] ?? 0;
    if (v !== 0 && !Number.isNaN(v)) out[name] = v;
  });
  return out;
};

const queueView = (s: EngineState, q: QueueRec, now: number): QueueView => {
  const waitingByTier: Record<string, number> = {};
  for (const t of s.tiers) waitingByTier[t.id] = 0;
  let longestWaitMs = 0;
  for (const f of q.fifos) {
    const tier = s.tiers[f.tier]?.id ?? '';
    waitingByTier[tier] = (waitingByTier[tier] ?? 0) + f.size;
    if (f.head !== null) longestWaitMs = Math.max(longestWaitMs, now - f.head.enqueuedAt);
  }
  const agentsByStatus: Record<AgentStatus, number> = { offline: 0, available: 0, busy: 0, wrap_up: 0, break: 0, not_ready: 0 };
  for (const e of q.servers) if (e.level === 'strict') agentsByStatus[statusOf(e.agent)]++;
  let waiting = 0;
  for (const n of q.waiting) waiting += n;
  return {
    id: q.config.id,
    waiting,
    waitingByTier,
    waitingByChannel: perChannel(s, q.waiting),
    offered: q.offeredCount,
    assigned: q.assignedCount,
    longestWaitMs,
    agentsByStatus,
    handleTimeMs: perChannel(s, q.handleMs),
  };
};

const agentView = (s: EngineState, a: AgentRec): AgentView => ({
  id: a.id,
  status: statusOf(a),
  presence: a.presence,
  breakReason: a.breakReason,
  since: a.since,
  idleSince: a.idleSince,
  load: perChannel(s, a.load),
  capacity: perChannel(s, a.cap),
  offered: a.held.filter((c) => c.state === 'offered').map((c) => c.id),
  assigned: a.held.filter((c) => c.state === 'assigned').map((c) => c.id),
});

export const buildSnapshot = (s: EngineState, now: number): EngineSnapshot => {
  const totals = { queued: 0, offered: 0, assigned: 0 };
  for (const c of s.contacts.values()) totals[c.state]++;
  return {
    at: now,
    queues: [...s.queues.values()].map((q) => queueView(s, q, now)),
    agents: [...s.agents.values()].map((a) => agentView(s, a)),
    totals,
  };
};
