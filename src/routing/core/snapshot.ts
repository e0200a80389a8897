/**
 * A point-in-time view of queues and agents for the supervisor's wallboard. Built on demand by
 * walking the state (never on the hot path); everything in it is plain data.
 */
import type { AgentRec, ContactRec, QueueRec } from './model.js';
import type { EngineState } from './state.js';
import type { AgentStatus, AgentView, EngineSnapshot, QueueView } from './types.js';

/** Busy is derived: available, but with no room for any channel. */
export const statusOf = (s: EngineState, a: AgentRec): AgentStatus => {
  if (a.presence !== 'available') return a.presence;
  return s.aMask[a.idx] === 0 ? 'busy' : 'available';
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
  // Contacts waiting for their target agent wait in the queue too.
  const byChannel = Float64Array.from(q.waiting);
  for (let c = q.targeted.head; c !== null; c = c.next) {
    const tier = s.tiers[c.tier]?.id ?? '';
    waitingByTier[tier] = (waitingByTier[tier] ?? 0) + 1;
    byChannel[c.channel] = (byChannel[c.channel] ?? 0) + 1;
    longestWaitMs = Math.max(longestWaitMs, now - c.enqueuedAt);
  }
  const agentsByStatus: Record<AgentStatus, number> = { offline: 0, available: 0, busy: 0, wrap_up: 0, break: 0, not_ready: 0 };
  for (const e of q.servers) if (e.level === 'strict') agentsByStatus[statusOf(s, e.agent)]++;
  let waiting = 0;
  for (const n of byChannel) waiting += n;
  return {
    id: q.config.id,
    waiting,
    waitingByTier,
    waitingByChannel: perChannel(s, byChannel),
    offered: q.offeredCount,
    assigned: q.assignedCount,
    longestWaitMs,
    agentsByStatus,
    handleTimeMs: perChannel(s, q.handleMs),
  };
};

const slice = (s: EngineState, xs: Int32Array, ai: number): Int32Array => xs.subarray(ai * s.channels.length, (ai + 1) * s.channels.length);

const agentView = (s: EngineState, a: AgentRec, held: readonly ContactRec[]): AgentView => ({
  id: a.id,
  status: statusOf(s, a),
  presence: a.presence,
  breakReason: a.breakReason,
  since: a.since,
  idleSince: s.agentIdle[a.idx] ?? a.since,
  load: perChannel(s, slice(s, s.aLoad, a.idx)),
  capacity: perChannel(s, slice(s, s.aCap, a.idx)),
  offered: held.filter((c) => c.state === 'offered').map((c) => c.id),
  assigned: held.filter((c) => c.state === 'assigned').map((c) => c.id),
});

/** Offered and assigned contacts by agent index, in one pass over the contacts. */
export const heldByAgent = (s: EngineState): Map<number, ContactRec[]> => {
  const by = new Map<number, ContactRec[]>();
  for (const c of s.contacts.values()) {
    if (c.agentIdx < 0) continue;
    const list = by.get(c.agentIdx);
    if (list === undefined) by.set(c.agentIdx, [c]);
    else list.push(c);
  }
  return by;
};

export const buildSnapshot = (s: EngineState, now: number): EngineSnapshot => {
  const totals = { queued: 0, offered: 0, assigned: 0 };
  for (const c of s.contacts.values()) totals[c.state]++;
  const held = heldByAgent(s);
  return {
    at: now,
    queues: [...s.queues.values()].map((q) => queueView(s, q, now)),
    agents: [...s.agents.values()].map((a) => agentView(s, a, held.get(a.idx) ?? [])),
    totals,
  };
};
