/**
 * Capacity and blending. An offer reserves a slot exactly like an assignment, so "never above
 * capacity" holds from the moment of the offer. Exclusive channels (voice) are taken only with no
 * other load and block everything else while held.
 *
 * Each queue keeps, per channel, the set of agents who are available with capacity for that
 * channel, so an arriving contact scans only those. Membership changes only when an agent's
 * ability to take a channel flips, and callers refresh it after a whole decision loop, so an agent
 * who frees a slot and refills it at once never touches the sets.
 */
import type { AgentRec, AvailSet, ContactRec, Entry } from './model.js';
import type { EngineState } from './state.js';

export const canTake = (s: EngineState, a: AgentRec, ch: number): boolean =>
  a.presence === 'available' && (a.load[ch] ?? 0) < (a.cap[ch] ?? 0) && (s.exclusive[ch] === 1 ? a.totalLoad === 0 : a.exclusiveLoad === 0);

/** Bit ch is set when the agent can take channel ch now (channels are few, at most 31). */
export const freeChannels = (s: EngineState, a: AgentRec): number => {
  if (a.presence !== 'available') return 0;
  let mask = 0;
  for (let ch = 0; ch < a.cap.length; ch++) if (canTake(s, a, ch)) mask |= 1 << ch;
  return mask;
};

/** The agent just received or finished work (or became available): longest idle restarts. */
export const touchIdle = (s: EngineState, a: AgentRec, now: number): void => {
  a.idleSince = now;
  s.agentIdle[a.idx] = now;
};

export const hold = (s: EngineState, a: AgentRec, c: ContactRec): void => {
  const ch = c.channel;
  a.load[ch] = (a.load[ch] ?? 0) + 1;
  a.totalLoad++;
  if (s.exclusive[ch] === 1) a.exclusiveLoad++;
  c.agent = a;
  c.heldIdx = a.held.length;
  a.held.push(c);
  s.agentOcc[a.idx] = occupancy(a);
};

export const drop = (s: EngineState, a: AgentRec, c: ContactRec): void => {
  const ch = c.channel;
  a.load[ch] = (a.load[ch] ?? 0) - 1;
  a.totalLoad--;
  if (s.exclusive[ch] === 1) a.exclusiveLoad--;
  const last = a.held.pop();
  if (last !== undefined && last !== c) {
    a.held[c.heldIdx] = last;
    last.heldIdx = c.heldIdx;
  }
  c.heldIdx = -1;
  c.agent = null;
  s.agentOcc[a.idx] = occupancy(a);
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

const posKey = (e: Entry, ch: number): number => e.index * e.agent.inAvail.length + ch;

export const availPosOf = (e: Entry, ch: number): number => e.agent.availPos[posKey(e, ch)] ?? -1;

const addAvail = (e: Entry, ch: number): void => {
  const set = e.queue.avail[ch];
  if (set === undefined || availPosOf(e, ch) !== -1) return;
  const i = set.entries.length;
  if (i === set.agentIdx.length) growSet(set);
  e.agent.availPos[posKey(e, ch)] = i;
  set.entries.push(e);
  set.agentIdx[i] = e.agent.idx;
  set.minWait[i] = e.minWaitMs;
  set.prof[i] = e.profScore;
};

const removeAvail = (e: Entry, ch: number): void => {
  const set = e.queue.avail[ch];
  const i = availPosOf(e, ch);
  if (set === undefined || i < 0) return;
  const last = set.entries.pop();
  const j = set.entries.length;
  if (last !== undefined && last !== e) {
    set.entries[i] = last;
    set.agentIdx[i] = set.agentIdx[j] ?? 0;
    set.minWait[i] = set.minWait[j] ?? 0;
    set.prof[i] = set.prof[j] ?? 0;
    last.agent.availPos[posKey(last, ch)] = i;
  }
  e.agent.availPos[posKey(e, ch)] = -1;
};

/** Brings the agent's available-set memberships in line with what it can take now. */
export const refreshAvailability = (s: EngineState, a: AgentRec): void => {
  for (let ch = 0; ch < a.inAvail.length; ch++) {
    const want = canTake(s, a, ch) ? 1 : 0;
    if (want === a.inAvail[ch]) continue;
    a.inAvail[ch] = want;
    for (const e of a.entries) {
      if (want === 1) addAvail(e, ch);
      else removeAvail(e, ch);
    }
  }
};

/** Takes the agent out of every available set (before its entries are replaced). */
export const leaveAvailability = (a: AgentRec): void => {
  for (let ch = 0; ch < a.inAvail.length; ch++) {
    if (a.inAvail[ch] === 0) continue;
    a.inAvail[ch] = 0;
    for (const e of a.entries) removeAvail(e, ch);
  }
};

/** Share of capacity in use, averaged over the channels the agent works (0 idle .. 1 full). */
export const occupancy = (a: AgentRec): number => {
  let sum = 0;
  let n = 0;
  for (let ch = 0; ch < a.cap.length; ch++) {
    const cap = a.cap[ch] ?? 0;
    if (cap === 0) continue;
    sum += (a.load[ch] ?? 0) / cap;
    n++;
  }
  return n === 0 ? 1 : sum / n;
};
