/**
 * What happens to a contact after it was placed: accept, reject, offer timeout, release, removal.
 * A rejected or expired offer sends the contact back to the head of its FIFO with its priority
 * intact, and the agent to not_ready so the next contact does not ring at an empty desk.
 */
import { drop, touchIdle } from './capacity.js';
import type { AgentRec, ContactList, ContactRec } from './model.js';
import { fillAgent } from './placement.js';
import { requeue, setPresence } from './presence.js';
import { leaveFifo, leaveOffers, type Out } from './queue-ops.js';
import type { EngineState } from './state.js';

export const acceptOffer = (s: EngineState, c: ContactRec, now: number): void => {
  leaveOffers(s, c);
  c.state = 'assigned';
  c.assignedAt = now;
  c.queue.assignedCount++;
};

/** An offer ended unanswered: by the agent's reject, or by its timeout. */
export const declineOffer = (
  s: EngineState,
  c: ContactRec,
  a: AgentRec,
  reason: 'offer_rejected' | 'offer_timeout',
  now: number,
  out: Out,
): void => {
  leaveOffers(s, c);
  drop(s, a, c);
  if (reason === 'offer_timeout') out.push({ type: 'offer_expired', contactId: c.id, agentId: a.id });
  out.push({ type: 'agent_not_ready', agentId: a.id, reason });
  setPresence(s, a, 'not_ready', now, reason, out);
  requeue(s, c, reason === 'offer_rejected' ? 'rejected' : 'expired', now, out);
};

/** Expires the offers of a list whose time has come, oldest first. */
export const expireOffers = (s: EngineState, list: ContactList, now: number, out: Out): void => {
  for (let h = list.head; h !== null && h.offerExpiresAt <= now; h = list.head) {
    const a = h.agent;
    if (a === null) throw new Error(`routing engine: offered contact ${h.id} has no agent`);
    declineOffer(s, h, a, 'offer_timeout', now, out);
  }
};

const updateHandleTime = (s: EngineState, c: ContactRec, now: number): void => {
  const q = c.queue;
  const sample = now - c.assignedAt;
  const old = q.handleMs[c.channel] ?? Number.NaN;
  q.handleMs[c.channel] = Number.isNaN(old) ? sample : old + s.ahtAlpha * (sample - old);
};

/** An assignment ended: the capacity is free, and the agent takes its next contact. */
export const releaseAssigned = (s: EngineState, c: ContactRec, now: number, out: Out): void => {
  const a = c.agent;
  if (a === null) throw new Error(`routing engine: assigned contact ${c.id} has no agent`);
  drop(s, a, c);
  updateHandleTime(s, c, now);
  c.queue.assignedCount--;
  s.contacts.delete(c.id);
  touchIdle(s, a, now);
  fillAgent(s, a, 'agent_freed', now, out);
};

/** The contact leaves routing in whatever state it is (abandoned, closed, transferred). */
export const removeContact = (s: EngineState, c: ContactRec, now: number, out: Out): void => {
  s.contacts.delete(c.id);
  if (c.state === 'queued') {
    leaveFifo(s, c, now, out);
    return;
  }
  const a = c.agent;
  if (a === null) throw new Error(`routing engine: ${c.state} contact ${c.id} has no agent`);
  if (c.state === 'offered') {
    leaveOffers(s, c);
    out.push({ type: 'offer_withdrawn', contactId: c.id, agentId: a.id, why: 'contact_removed' });
  } else {
    c.queue.assignedCount--;
  }
  drop(s, a, c);
  fillAgent(s, a, 'agent_freed', now, out);
};
