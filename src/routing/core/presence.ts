/**
 * Agent presence: the transition table, and what a change does to routing. Becoming available
 * fills the agent; leaving available withdraws its pending offers (an offer is a claim on an
 * available agent's attention, so it cannot outlive that availability) and the contacts go back
 * to the head of their FIFO. Assigned contacts stay: ending them is the conversation's business.
 */
import { drop, refreshAvailability, touchIdle } from './capacity.js';
import { adjustStaffing } from './eligibility.js';
import type { AgentRec, ContactRec } from './model.js';
import { fillAgent, placeContact } from './placement.js';
import { leaveOffers, type Out } from './queue-ops.js';
import type { EngineState } from './state.js';
import type { PresenceState } from './types.js';

export const PRESENCE_TRANSITIONS: Readonly<Record<PresenceState, readonly PresenceState[]>> = {
  offline: ['available', 'not_ready', 'break'],
  available: ['offline', 'not_ready', 'break', 'wrap_up'],
  not_ready: ['available', 'break', 'wrap_up', 'offline'],
  break: ['available', 'not_ready', 'offline'],
  wrap_up: ['available', 'not_ready', 'break', 'offline'],
};

/** Staying in a state is always allowed (it may update the reason). */
export const canMove = (from: PresenceState, to: PresenceState): boolean => from === to || PRESENCE_TRANSITIONS[from].includes(to);

/** A contact whose offer ended without acceptance goes back to the queue and is placed again. */
export const requeue = (s: EngineState, c: ContactRec, why: 'rejected' | 'expired' | 'withdrawn', now: number, out: Out): void => {
  c.state = 'queued';
  out.push({ type: 'requeued', contactId: c.id, queueId: c.queue.config.id, why });
  placeContact(s, c, 'contact_requeued', now, out);
};

/** The contacts on offer to an agent; offers are few (one per free slot), so a scan is cheap. */
export const offersOf = (s: EngineState, ai: number): ContactRec[] => {
  const out: ContactRec[] = [];
  if ((s.aOffers[ai] ?? 0) === 0) return out;
  for (const q of s.queues.values()) for (let c = q.offers.head; c !== null; c = c.next) if (c.agentIdx === ai) out.push(c);
  return out;
};

const withdrawOffers = (s: EngineState, a: AgentRec, now: number, out: Out): void => {
  for (const c of offersOf(s, a.idx)) {
    leaveOffers(s, c);
    drop(s, c);
    out.push({ type: 'offer_withdrawn', contactId: c.id, agentId: a.id, why: 'agent_unavailable' });
    requeue(s, c, 'withdrawn', now, out);
  }
};

/** Applies a legal presence change (check canMove first). */
export const setPresence = (s: EngineState, a: AgentRec, to: PresenceState, now: number, reason: string | null, out: Out): void => {
  const from = a.presence;
  a.breakReason = to === 'break' || to === 'not_ready' ? reason : null;
  if (from === to) return;
  if (to === 'offline') adjustStaffing(s, a, -1);
  a.presence = to;
  a.since = now;
  s.aAvail[a.idx] = to === 'available' ? 1 : 0;
  if (from === 'offline') adjustStaffing(s, a, 1);
  if (to === 'available') {
    touchIdle(s, a.idx, now);
    fillAgent(s, a.idx, 'agent_freed', now, out);
    return;
  }
  refreshAvailability(s, a.idx);
  if (from === 'available') withdrawOffers(s, a, now, out);
};
