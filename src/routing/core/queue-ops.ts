/**
 * Moving contacts between a queue's FIFOs and its offer list, and keeping each list's timer slot
 * right. A FIFO's slot is due at the next wait threshold (T1, T2, max wait) of its head: contacts
 * behind the head arrived later, so they cross every threshold later. Thresholds already passed
 * when a slot is re-keyed need no action: either they were handled when they fell due, or the agent
 * who could act on them was busy then and checks every head when it frees up.
 */
import { hold } from './capacity.js';
import { insertFromHead, insertFromTail, unlink } from './contact-list.js';
import { freeContact } from './contacts.js';
import type { ContactList, ContactRec, QueueRec } from './model.js';
import type { EngineState } from './state.js';
import type { Decision, RoutingAction } from './types.js';

export type Out = RoutingAction[];

const INF = Number.POSITIVE_INFINITY;

export const fifoOf = (s: EngineState, q: QueueRec, ch: number, tier: number): ContactList => {
  const f = q.fifos[ch * s.tiers.length + tier];
  if (f === undefined) throw new Error(`routing engine: no FIFO for channel ${ch} tier ${tier}`);
  return f;
};

const nextAfter = (best: number, at: number, threshold: number | null, now: number): number => {
  if (threshold === null) return best;
  const t = at + threshold;
  return t > now && t < best ? t : best;
};

export const fifoDue = (f: ContactList, now: number): number => {
  const h = f.head;
  if (h === null) return INF;
  const cfg = f.queue.config;
  let due = nextAfter(INF, h.enqueuedAt, cfg.widenAfterMs, now);
  due = nextAfter(due, h.enqueuedAt, cfg.overflowAfterMs, now);
  return nextAfter(due, h.enqueuedAt, cfg.maxWaitMs, now);
};

/** Mirrors a FIFO's head into the engine's head arrays, which the agent-freed scan reads. */
const syncHead = (s: EngineState, f: ContactList): void => {
  const h = f.head;
  s.heads[f.slot] = h;
  s.headIds[f.slot] = h === null ? '' : h.id;
  s.headEff[f.slot] = h === null ? INF : h.effectiveTime;
  s.headEnq[f.slot] = h === null ? INF : h.enqueuedAt;
};

/** Removes heads that reached the queue's max wait, emitting the queue's max-wait action. */
export const settleHead = (s: EngineState, f: ContactList, now: number, out: Out): void => {
  const q = f.queue;
  const max = q.config.maxWaitMs;
  if (max === null) return;
  for (let h = f.head; h !== null && now - h.enqueuedAt >= max; h = f.head) {
    unlink(h);
    q.waiting[f.channel] = (q.waiting[f.channel] ?? 0) - 1;
    out.push({ type: 'max_wait', contactId: h.id, queueId: q.config.id, action: q.config.maxWaitAction, waitedMs: now - h.enqueuedAt });
    freeContact(s, h);
    syncHead(s, f);
  }
};

export const updateFifoSlot = (s: EngineState, f: ContactList, now: number, out: Out): void => {
  settleHead(s, f, now, out);
  syncHead(s, f);
  f.due = fifoDue(f, now);
  s.timers.update(f);
};

/** Puts a waiting contact in its FIFO: from the tail for arrivals, from the head when it returns. */
export const enterFifo = (s: EngineState, c: ContactRec, returning: boolean, now: number, out: Out): void => {
  const f = fifoOf(s, c.queue, c.channel, c.tier);
  if (returning) insertFromHead(f, c);
  else insertFromTail(f, c);
  c.state = 'queued';
  c.queue.waiting[c.channel] = (c.queue.waiting[c.channel] ?? 0) + 1;
  if (f.head === c) updateFifoSlot(s, f, now, out);
};

export const leaveFifo = (s: EngineState, c: ContactRec, now: number, out: Out): void => {
  const f = c.list;
  if (f === null) return;
  const wasHead = f.head === c;
  unlink(c);
  c.queue.waiting[c.channel] = (c.queue.waiting[c.channel] ?? 0) - 1;
  if (wasHead) updateFifoSlot(s, f, now, out);
};

const updateOfferSlot = (s: EngineState, list: ContactList): void => {
  list.due = list.head === null ? INF : list.head.offerExpiresAt;
  s.timers.update(list);
};

export const leaveOffers = (s: EngineState, c: ContactRec): void => {
  const list = c.list;
  if (list === null) return;
  const wasHead = list.head === c;
  unlink(c);
  c.queue.offeredCount--;
  s.aOffers[c.agentIdx] = (s.aOffers[c.agentIdx] ?? 0) - 1;
  if (wasHead) updateOfferSlot(s, list);
};

/** Offers a contact to an agent: the offer reserves capacity until accepted, rejected or expired. */
export const makeOffer = (s: EngineState, c: ContactRec, ai: number, decision: Decision, now: number, out: Out): void => {
  const q = c.queue;
  if (c.list !== null) leaveFifo(s, c, now, out);
  c.state = 'offered';
  // The last offer number and idle time change with the load: hold re-keys the agent once for all.
  s.agentSeq[ai] = ++s.offerSeq;
  s.agentIdle[ai] = now;
  hold(s, ai, c);
  s.aOffers[ai] = (s.aOffers[ai] ?? 0) + 1;
  c.offerExpiresAt = now + q.config.offerTimeoutMs;
  insertFromTail(q.offers, c);
  q.offeredCount++;
  if (q.offers.head === c) updateOfferSlot(s, q.offers);
  const channel = s.channels[c.channel] ?? '';
  out.push({
    type: 'offer',
    contactId: c.id,
    agentId: decision.agentId,
    queueId: q.config.id,
    channel,
    expiresAt: c.offerExpiresAt,
    decision,
  });
};

/** Restores an offer made before a restart, with its original expiry. */
export const reinstateOffer = (s: EngineState, c: ContactRec, ai: number, expiresAt: number): void => {
  c.state = 'offered';
  hold(s, ai, c);
  s.aOffers[ai] = (s.aOffers[ai] ?? 0) + 1;
  c.offerExpiresAt = expiresAt;
  insertFromTail(c.queue.offers, c);
  c.queue.offeredCount++;
  if (c.queue.offers.head === c) updateOfferSlot(s, c.queue.offers);
};

/** Re-keys every slot of a queue after its thresholds changed. */
export const rekeyQueue = (s: EngineState, q: QueueRec, now: number, out: Out): void => {
  for (const f of q.fifos) updateFifoSlot(s, f, now, out);
};
