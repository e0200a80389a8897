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
};

const addLoad = (s: EngineState, ai: number, ch: number, d: 1 | -1): void => {
  const k = ai * s.channels.length + ch;
  s.aLoad[k] = (s.aLoad[k] ?? 0) + d;
  s.aTotal[ai] = (s.aTotal[ai] ?? 0) + d;
  if (s.exclusive[ch] === 1) s.aExcl[ai] = (s.aExcl[ai] ?? 0) + d;
  s.agentOcc[ai] = occupancy(s, ai);
};

export const hold = (s: EngineState, ai: number, c: ContactRec): void => {
  addLoad(s, ai, c.channel, 1);
  c.agentIdx = ai;
};

export const drop = (s: EngineState, c: ContactRec): void => {
  addLoad(s, c.agentIdx, c.channel, -1);
  c.agentIdx = -1;
};

const growSet = (set: AvailSet): void => {
  const n = 2 * set.agentIdx.length;
  const agentIdx = new Int32Array(n);
  agentIdx.set(set.agentIdx);
  set.agentIdx = agentIdx;
  const minWait = new Float64Array(n);
  minWait.set(set.minWait);
  set.minWait = minWait;
  const prof = new Float64Array(n);
  prof.set(set.prof);
  set.prof = prof;
};

const posKey = (e: Entry, nCh: number, ch: number): number => e.index * nCh + ch;

export const availPosOf = (e: Entry, nCh: number, ch: number): number => e.agent.availPos[posKey(e, nCh, ch)] ?? -1;

const addAvail = (e: Entry, nCh: number, ch: number): void => {
  const set = e.queue.avail[ch];
  if (set === undefined || availPosOf(e, nCh, ch) !== -1) return;
  const i = set.entries.length;
  if (i === set.agentIdx.length) growSet(set);
  e.agent.availPos[posKey(e, nCh, ch)] = i;
  set.entries.push(e);
  set.agentIdx[i] = e.agent.idx;
  set.minWait[i] = e.minWaitMs;
  set.prof[i] = e.profScore;
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
      if (join) addAvail(e, nCh, ch);
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
