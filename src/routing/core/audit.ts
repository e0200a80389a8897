/**
 * A full consistency check of the engine's state against its invariants, for tests and for
 * debugging a live engine (it walks everything: never call it on the hot path). Returns the
 * problems found, empty when the state is sound.
 */
import { availPosOf, canTake, capOf, loadOf, occupancy, policyKey } from './capacity.js';
import type { AgentRec, ContactList, ContactRec, QueueRec } from './model.js';
import { heldByAgent } from './snapshot.js';
import type { EngineState } from './state.js';

const listProblems = (list: ContactList, key: 'enqueuedAt' | 'offerExpiresAt' | 'targetUntil' | 'wrapUntil', now: number): string[] => {
  const out: string[] = [];
  let n = 0;
  let prev = Number.NEGATIVE_INFINITY;
  for (let c = list.head; c !== null; c = c.next) {
    n++;
    if (c.list !== list) out.push(`${c.id} linked into a list it does not belong to`);
    if (c[key] < prev) out.push(`${c.id} out of order in ${list.queue.config.id}`);
    prev = c[key];
  }
  if (n !== list.size) out.push(`list of ${list.queue.config.id} has size ${list.size} but ${n} links`);
  if (list.head !== null && list.due <= now) out.push(`list of ${list.queue.config.id} is overdue (${list.due} <= ${now})`);
  return out;
};

const queueProblems = (s: EngineState, q: QueueRec): string[] => {
  const out: string[] = [];
  const waiting = new Int32Array(s.channels.length);
  for (const f of q.fifos) {
    out.push(...listProblems(f, 'enqueuedAt', s.now));
    waiting[f.channel] = (waiting[f.channel] ?? 0) + f.size;
    for (let c = f.head; c !== null; c = c.next) if (c.state !== 'queued') out.push(`${c.id} in a FIFO but ${c.state}`);
    // The matching invariant: no available agent may take a waiting head now.
    const h = f.head;
    for (const e of q.avail[f.channel]?.entries ?? []) {
      if (h !== null && s.now - h.enqueuedAt >= e.minWaitMs) out.push(`${h.id} waits while ${e.agent.id} could take it`);
    }
    const mirrored =
      s.heads[f.slot] === h && s.headIds[f.slot] === (h?.id ?? '') && s.headEff[f.slot] === (h?.effectiveTime ?? Number.POSITIVE_INFINITY);
    if (!mirrored || s.headEnq[f.slot] !== (h?.enqueuedAt ?? Number.POSITIVE_INFINITY)) out.push(`head arrays stale for ${q.config.id}`);
  }
  waiting.forEach((n, ch) => {
    if (q.waiting[ch] !== n) out.push(`${q.config.id} counts ${q.waiting[ch]} waiting on channel ${ch}, has ${n}`);
  });
  out.push(...listProblems(q.offers, 'offerExpiresAt', s.now));
  out.push(...listProblems(q.targeted, 'targetUntil', s.now));
  out.push(...listProblems(q.wrapping, 'wrapUntil', s.now));
  for (let c = q.wrapping.head; c !== null; c = c.next) {
    if (c.state !== 'assigned' || c.wrapUntil <= 0) out.push(`${c.id} in timed wrap-up but ${c.state}`);
  }
  // Targeted routing's matching invariant: a contact waits for its target only while the target
  // cannot take it, and no other agent may take it meanwhile (it is in no FIFO).
  for (let c = q.targeted.head; c !== null; c = c.next) {
    if (c.state !== 'queued' || c.targetIdx < 0 || c.agentIdx !== -1)
      out.push(`${c.id} waits for a target but is not a targeted queued contact`);
    if (canTake(s, c.targetIdx, c.channel)) out.push(`${c.id} waits while its target ${s.agentIds[c.targetIdx]} could take it`);
  }
  q.avail.forEach((set, ch) => {
    set.entries.forEach((e, i) => {
      if (availPosOf(e, s.channels.length, ch) !== i || e.queue !== q) out.push(`${e.agent.id} misplaced in ${q.config.id} available set`);
      const ai = e.agent.idx;
      const policyStale = set.idle[i] !== s.agentIdle[ai] || set.key[i] !== policyKey(s, q.config.policy, ai, e.profScore);
      if (set.agentIdx[i] !== ai || set.minWait[i] !== e.minWaitMs || set.prof[i] !== e.profScore || policyStale) {
        out.push(`${e.agent.id} available-set arrays stale in ${q.config.id}`);
      }
      if (!canTake(s, e.agent.idx, ch)) out.push(`${e.agent.id} in ${q.config.id} available set but cannot take channel ${ch}`);
    });
  });
  return out;
};

const agentProblems = (s: EngineState, a: AgentRec, held: readonly ContactRec[]): string[] => {
  const out: string[] = [];
  const nCh = s.channels.length;
  const load = new Int32Array(nCh);
  let offers = 0;
  for (const c of held) {
    load[c.channel] = (load[c.channel] ?? 0) + 1;
    if (c.state === 'offered') offers++;
    if (c.state === 'offered' && a.presence !== 'available') out.push(`${c.id} offered to ${a.id} who is ${a.presence}`);
  }
  let exclusive = 0;
  load.forEach((n, ch) => {
    if (loadOf(s, a.idx, ch) !== n) out.push(`${a.id} load ${loadOf(s, a.idx, ch)} on channel ${ch}, holds ${n}`);
    // An admin lowering capacity below the current load also shows here until the load drains.
    if (n > capOf(s, a.idx, ch)) out.push(`${a.id} above capacity on channel ${ch}: ${n} > ${capOf(s, a.idx, ch)}`);
    if (s.exclusive[ch] === 1) exclusive += n;
    const inSets = ((s.aMask[a.idx] ?? 0) & (1 << ch)) !== 0;
    if (inSets !== canTake(s, a.idx, ch)) out.push(`${a.id} availability for channel ${ch} is stale`);
    for (const e of a.entries) if ((availPosOf(e, nCh, ch) !== -1) !== inSets) out.push(`${a.id} half in the available sets`);
  });
  if (exclusive > 1 || (exclusive === 1 && held.length > 1)) out.push(`${a.id} holds an exclusive contact with other work`);
  const totals = [s.aTotal[a.idx] === held.length, s.aExcl[a.idx] === exclusive, s.aOffers[a.idx] === offers];
  const mirrors = [
    s.agentOcc[a.idx] === occupancy(s, a.idx),
    s.aAvail[a.idx] === (a.presence === 'available' ? 1 : 0),
    s.agentIds[a.idx] === a.id,
  ];
  if ([...totals, ...mirrors].includes(false)) out.push(`${a.id} per-agent arrays stale`);
  if (3 * (s.aEntryCnt[a.idx] ?? 0) !== 3 * a.entries.length) out.push(`${a.id} packed entries stale`);
  return out;
};

export const auditState = (s: EngineState): string[] => {
  const out: string[] = [];
  for (const q of s.queues.values()) out.push(...queueProblems(s, q));
  const held = heldByAgent(s);
  for (const a of s.agents.values()) out.push(...agentProblems(s, a, held.get(a.idx) ?? []));
  const targeted = new Int32Array(s.nextAgentIdx);
  for (const c of s.contacts.values()) {
    const inOffers = c.list === c.queue.offers;
    const waitsForTarget = c.list === c.queue.targeted;
    const agent = s.agentRecs[c.agentIdx] ?? null;
    if (c.state === 'queued' && (c.list === null || inOffers || c.agentIdx !== -1)) out.push(`${c.id} queued but not in its FIFO`);
    if (c.state === 'queued' && !waitsForTarget && c.targetIdx >= 0) out.push(`${c.id} has a target but waits in its FIFO`);
    if (c.state === 'offered' && (!inOffers || agent === null)) out.push(`${c.id} offered but not in the offer list`);
    if (c.state === 'offered' && c.targetIdx >= 0 && c.targetIdx !== c.agentIdx) out.push(`${c.id} targeted but offered elsewhere`);
    const wraps = c.list === c.queue.wrapping;
    if (c.state === 'assigned' && ((c.list !== null && !wraps) || agent === null || c.targetIdx >= 0))
      out.push(`${c.id} assigned but not held`);
    if (c.wrapUntil > 0 !== wraps) out.push(`${c.id} wrap-up deadline and wrapping list disagree`);
    if (wraps && !c.wrapping) out.push(`${c.id} in timed wrap-up but not marked in wrap-up`);
    if (c.targetIdx >= 0 && s.agentRecs[c.targetIdx] == null) out.push(`${c.id} targets a removed agent`);
    if (waitsForTarget) targeted[c.targetIdx] = (targeted[c.targetIdx] ?? 0) + 1;
  }
  targeted.forEach((n, ai) => {
    if (s.aTargeted[ai] !== n) out.push(`${s.agentIds[ai]} counts ${s.aTargeted[ai]} contacts waiting for it, has ${n}`);
  });
  return out;
};
