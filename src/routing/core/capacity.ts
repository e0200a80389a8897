/**
 * Capacity and blending. An offer reserves a slot exactly like an assignment, so "never above
 * capacity" holds from the moment of the offer. Exclusive channels (voice) are taken only with no
 * other load and block everything else while held.
 *
 * Each queue keeps, per channel, the set of agents who are available with capacity for that
 * channel, so an arriving contact scans only those. Membership changes only when an agent's
 * ability to take a channel flips, and callers refresh it after a whole decision loop, so an agent
 * who frees a slot and refills it at once never touches the sets.
 *
 * Everything here works on an agent's index into the engine's per-agent arrays (state.ts).
 */
import type { AgentRec, AvailSet, ContactRec, Entry } from './model.js';
import type { EngineState } from './state.js';
import type { Policy } from './types.js';

export const loadOf = (s: EngineState, ai: number, ch: number): number => s.aLoad[ai * s.channels.length + ch] ?? 0;
export const capOf = (s: EngineState, ai: number, ch: number): number => s.aCap[ai * s.channels.length + ch] ?? 0;

export const canTake = (s: EngineState, ai: number, ch: number): boolean => {
  const k = ai * s.channels.length + ch;
  return s.aAvail[ai] === 1 && (s.aLoad[k] ?? 0) < (s.aCap[k] ?? 0) && (s.exclusive[ch] === 1 ? s.aTotal[ai] === 0 : s.aExcl[ai] === 0);
};

/** Bit ch is set when the agent can take channel ch now (channels are few, at most 31). */
export const freeChannels = (s: EngineState, ai: number): number => {
  if (s.aAvail[ai] !== 1) return 0;
  let mask = 0;
  for (let ch = 0; ch < s.channels.length; ch++) if (canTake(s, ai, ch)) mask |= 1 << ch;
  return mask;
};

/** Share of capacity in use, averaged over the channels the agent works (0 idle .. 1 full). */
export const occupancy = (s: EngineState, ai: number): number => {
  let sum = 0;
  let n = 0;
  for (let ch = 0; ch < s.channels.length; ch++) {
    const cap = capOf(s, ai, ch);
    if (cap === 0) continue;
    sum += loadOf(s, ai, ch) / cap;
    n++;
  }
  return n === 0 ? 1 : sum / n;
};

/** The agent just received or finished work (or became available): longest idle restarts. */
export const touchIdle = (s: EngineState, ai: number, now: number): void => {
  s.agentIdle[ai] = now;
  rekeyAgent(s, ai);
};

/**
 * What the policies read about an agent changed (idle time, occupancy, last offer number): the
 * copies at its available-set positions follow. A busy agent sits in no set, so in a busy center
 * this is one read of its mask.
 */
export const rekeyAgent = (s: EngineState, ai: number): void => {
  if (s.aMask[ai] === 0) return;
  // Only the sets the agent stays in: every change of what it can take is followed by a
  // refreshAvailability, which drops it from the others and adds it afresh where it joins.
  const mask = (s.aMask[ai] ?? 0) & freeChannels(s, ai);
  if (mask === 0) return;
  const a = s.agentRecs[ai];
  if (a === null || a === undefined) return;
  const nCh = s.channels.length;
  const idle = s.agentIdle[ai] ?? 0;
  for (const e of a.entries) {
    const key = policyKey(s, e.queue.config.policy, ai, e.profScore);
    for (let ch = 0; mask >> ch !== 0; ch++) {
      const pos = a.availPos[e.index * nCh + ch] ?? -1;
      const set = e.queue.avail[ch];
      if (pos < 0 || set === undefined) continue;
      set.idle[pos] = idle;
      set.key[pos] = key;
    }
  }
};

const addLoad = (s: EngineState, ai: number, ch: number, d: 1 | -1): void => {
  const k = ai * s.channels.length + ch;
  s.aLoad[k] = (s.aLoad[k] ?? 0) + d;
  s.aTotal[ai] = (s.aTotal[ai] ?? 0) + d;
  if (s.exclusive[ch] === 1) s.aExcl[ai] = (s.aExcl[ai] ?? 0) + d;
  s.agentOcc[ai] = occupancy(s, ai);
  rekeyAgent(s, ai);
};

export const hold = (s: EngineState, ai: number, c: ContactRec): void => {
  addLoad(s, ai, c.channel, 1);
  c.agentIdx = ai;
};

export const drop = (s: EngineState, c: ContactRec): void => {
  addLoad(s, c.agentIdx, c.channel, -1);
  c.agentIdx = -1;
};

const grownF64 = (a: Float64Array): Float64Array<ArrayBuffer> => {
  const b = new Float64Array(2 * a.length);
  b.set(a);
  return b;
};

const growSet = (set: AvailSet): void => {
  const agentIdx = new Int32Array(2 * set.agentIdx.length);
  agentIdx.set(set.agentIdx);
  set.agentIdx = agentIdx;
  set.minWait = grownF64(set.minWait);
  set.prof = grownF64(set.prof);
  set.idle = grownF64(set.idle);
  set.key = grownF64(set.key);
};

const posKey = (e: Entry, nCh: number, ch: number): number => e.index * nCh + ch;

export const availPosOf = (e: Entry, nCh: number, ch: number): number => e.agent.availPos[posKey(e, nCh, ch)] ?? -1;

/** The policy's score of an available agent with longest idle's `now` taken as 0 (see Candidate.score). */
export const policyKey = (s: EngineState, policy: Policy, ai: number, prof: number): number => {
  switch (policy) {
    case 'longest_idle':
      return -(s.agentIdle[ai] ?? 0);
    case 'least_occupied':
      return 100 * (1 - (s.agentOcc[ai] ?? 0));
    case 'round_robin':
      return -(s.agentSeq[ai] ?? 0);
    case 'best_proficiency':
      return prof;
  }
};

const addAvail = (s: EngineState, e: Entry, nCh: number, ch: number): void => {
  const set = e.queue.avail[ch];
  if (set === undefined || availPosOf(e, nCh, ch) !== -1) return;
  const i = set.entries.length;
  if (i === set.agentIdx.length) growSet(set);
  const ai = e.agent.idx;
  e.agent.availPos[posKey(e, nCh, ch)] = i;
  set.entries.push(e);
  set.agentIdx[i] = ai;
  set.minWait[i] = e.minWaitMs;
  set.prof[i] = e.profScore;
  set.idle[i] = s.agentIdle[ai] ?? 0;
  set.key[i] = policyKey(s, e.queue.config.policy, ai, e.profScore);
};

const removeAvail = (e: Entry, nCh: number, ch: number): void => {
  const set = e.queue.avail[ch];
  const i = availPosOf(e, nCh, ch);
  if (set === undefined || i < 0) return;
  const last = set.entries.pop();
  const j = set.entries.length;
  if (last !== undefined && last !== e) {
    set.entries[i] = last;
    set.agentIdx[i] = set.agentIdx[j] ?? 0;
    set.minWait[i] = set.minWait[j] ?? 0;
    set.prof[i] = set.prof[j] ?? 0;
    set.idle[i] = set.idle[j] ?? 0;
    set.key[i] = set.key[j] ?? 0;
    last.agent.availPos[posKey(last, nCh, ch)] = i;
  }
  e.agent.availPos[posKey(e, nCh, ch)] = -1;
};

/** Moves the agent in or out of available sets for the channels whose bit differs from `mask`. */
const applyMask = (s: EngineState, a: AgentRec, mask: number): void => {
  const nCh = s.channels.length;
  const diff = mask ^ (s.aMask[a.idx] ?? 0);
  s.aMask[a.idx] = mask;
  for (let ch = 0; diff >> ch !== 0; ch++) {
    if ((diff & (1 << ch)) === 0) continue;
    const join = (mask & (1 << ch)) !== 0;
    for (const e of a.entries) {
      if (join) addAvail(s, e, nCh, ch);
      else removeAvail(e, nCh, ch);
    }
  }
};

/**
 * Brings the agent's available-set memberships in line with what it can take now; pass the
 * freeChannels mask when it is already known. Only touches the agent record when something changes.
 */
export const refreshAvailability = (s: EngineState, ai: number, mask = freeChannels(s, ai)): void => {
  if (mask === s.aMask[ai]) return;
  const a = s.agentRecs[ai];
  if (a !== null && a !== undefined) applyMask(s, a, mask);
};

/** Takes the agent out of every available set (before its entries are replaced). */
export const leaveAvailability = (s: EngineState, a: AgentRec): void => {
  if (s.aMask[a.idx] !== 0) applyMask(s, a, 0);
};
