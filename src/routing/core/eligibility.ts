/**
 * Which queues an agent may serve, computed when skills or queues change and never per decision.
 * One entry per (agent, queue) with the wait a contact needs before this agent may take it:
 * 0 when the agent meets the queue's proficiency minimums (strict); T1 when it only holds the
 * skills (widened, bullseye ring 1); T2 when it qualifies strictly for the queue's overflow queue
 * (overflow, ring 2). Overflow is one hop: a queue's overflow queue does not pass it on.
 */
import { capOf, leaveAvailability, refreshAvailability } from './capacity.js';
import { type AgentRec, Entry, LEVEL_CODE, type QueueRec } from './model.js';
import { type EngineState, packEntries } from './state.js';
import type { EligibilityLevel } from './types.js';

interface Fit {
  readonly strict: boolean;
  readonly holds: boolean;
  readonly profScore: number;
}

const fitOf = (a: AgentRec, q: QueueRec): Fit => {
  let strict = true;
  let holds = true;
  let profScore = 0;
  for (const r of q.config.requiredSkills) {
    const p = a.skills.get(r.skill) ?? 0;
    if (p < r.minProficiency) strict = false;
    if (p < 1) holds = false;
    profScore += p;
  }
  return { strict, holds, profScore };
};

const entryFor = (a: AgentRec, q: QueueRec, fit: Fit, strictIn: ReadonlySet<string>): Entry | null => {
  if (fit.strict) return new Entry(a, q, 'strict', 0, fit.profScore);
  let level: EligibilityLevel | null = null;
  let wait = Number.POSITIVE_INFINITY;
  const t1 = q.config.widenAfterMs;
  if (fit.holds && t1 !== null) {
    level = 'widened';
    wait = t1;
  }
  const t2 = q.config.overflowAfterMs;
  const over = q.config.overflowQueueId;
  if (over !== null && t2 !== null && strictIn.has(over) && t2 < wait) {
    level = 'overflow';
    wait = t2;
  }
  return level === null ? null : new Entry(a, q, level, wait, fit.profScore);
};

export const computeEntries = (s: EngineState, a: AgentRec): Entry[] => {
  const fits = new Map<QueueRec, Fit>();
  const strictIn = new Set<string>();
  for (const q of s.queues.values()) {
    const fit = fitOf(a, q);
    fits.set(q, fit);
    if (fit.strict) strictIn.add(q.config.id);
  }
  const out: Entry[] = [];
  for (const [q, fit] of fits) {
    const e = entryFor(a, q, fit, strictIn);
    if (e !== null) out.push(e);
  }
  // Strict queues first: on equal priority an agent serves its own queues before widened ones.
  const rank = { strict: 0, widened: 1, overflow: 2 } as const;
  out.sort((x, y) => rank[x.level] - rank[y.level]);
  out.forEach((e, i) => {
    e.index = i;
  });
  return out;
};

/** Adds (+1) or removes (-1) the agent's capacity from the staffed slots of its strict queues. */
export const adjustStaffing = (s: EngineState, a: AgentRec, sign: 1 | -1): void => {
  for (const e of a.entries) {
    if (e.level !== 'strict') continue;
    for (let ch = 0; ch < s.channels.length; ch++) {
      e.queue.staffedSlots[ch] = (e.queue.staffedSlots[ch] ?? 0) + sign * capOf(s, a.idx, ch);
    }
  }
};

const detachServer = (e: Entry): void => {
  const list = e.queue.servers;
  const last = list.pop();
  if (last !== undefined && last !== e) {
    list[e.serverIdx] = last;
    last.serverIdx = e.serverIdx;
  }
  e.serverIdx = -1;
};

/** Drops every entry of the agent from the queues (before recomputing, or when it is removed). */
export const detachAgent = (s: EngineState, a: AgentRec): void => {
  leaveAvailability(s, a);
  if (a.presence !== 'offline') adjustStaffing(s, a, -1);
  for (const e of a.entries) detachServer(e);
  a.entries = [];
  s.aEntryCnt[a.idx] = 0;
};

/** Recomputes the agent's entries and joins the queues' server and available sets. */
export const attachAgent = (s: EngineState, a: AgentRec): void => {
  detachAgent(s, a);
  a.entries = computeEntries(s, a);
  packEntries(
    s,
    a.idx,
    a.entries.flatMap((e) => [e.queue.slotBase, e.minWaitMs, LEVEL_CODE[e.level]]),
  );
  a.availPos = new Int32Array(a.entries.length * s.channels.length).fill(-1);
  for (const e of a.entries) {
    e.serverIdx = e.queue.servers.length;
    e.queue.servers.push(e);
  }
  if (a.presence !== 'offline') adjustStaffing(s, a, 1);
  refreshAvailability(s, a.idx);
};

export const reattachAll = (s: EngineState): void => {
  for (const a of s.agents.values()) attachAgent(s, a);
};
