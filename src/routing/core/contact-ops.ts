/**
 * What happens to a contact after it was placed: accept, reject, offer timeout, release, removal.
 * A rejected or expired offer sends the contact back to the head of its FIFO with its priority
 * intact, and the agent to not_ready so the next contact does not ring at an empty desk.
 */
import { drop } from './capacity.js';
import { freeContact } from './contacts.js';
import { type ContactList, type ContactRec, TARGETED } from './model.js';
import { fillAgent, placeContact } from './placement.js';
import { requeue, setPresence } from './presence.js';
import { leaveFifo, leaveOffers, type Out } from './queue-ops.js';
import type { EngineState } from './state.js';
import { forTargetsOf, lapseTarget, leaveTargeted } from './targeted.js';
import { leaveWrapUp } from './wrap-up.js';

export const acceptOffer = (s: EngineState, c: ContactRec, now: number): void => {
  leaveOffers(s, c);
  c.state = 'assigned';
  c.targetIdx = -1;
  c.assignedAt = now;
  c.queue.assignedCount++;
};

/** An offer ended unanswered: by the agent's reject, or by its timeout. */
export const declineOffer = (s: EngineState, c: ContactRec, reason: 'offer_rejected' | 'offer_timeout', now: number, out: Out): void => {
  const a = s.agentRecs[c.agentIdx];
  if (a === null || a === undefined) throw new Error(`routing engine: offered contact ${c.id} has no agent`);
  leaveOffers(s, c);
  drop(s, c);
  if (reason === 'offer_timeout') out.push({ type: 'offer_expired', contactId: c.id, agentId: a.id });
  out.push({ type: 'agent_not_ready', agentId: a.id, reason });
  setPresence(s, a, 'not_ready', now, reason, out);
  // A targeted offer the agent turned down or missed: the contact falls back to its queue.
  if (c.targetIdx >= 0) lapseTarget(s, c, reason, out);
  requeue(s, c, reason === 'offer_rejected' ? 'rejected' : 'expired', now, out);
};

/** Expires the offers of a list whose time has come, oldest first. */
export const expireOffers = (s: EngineState, list: ContactList, now: number, out: Out): void => {
  for (let h = list.head; h !== null && h.offerExpiresAt <= now; h = list.head) declineOffer(s, h, 'offer_timeout', now, out);
};

const updateHandleTime = (s: EngineState, c: ContactRec, now: number): void => {
  const q = c.queue;
  const sample = now - c.assignedAt;
  const old = q.handleMs[c.channel] ?? Number.NaN;
  q.handleMs[c.channel] = Number.isNaN(old) ? sample : old + s.ahtAlpha * (sample - old);
};

/** An assignment ended: the capacity is free, and the agent takes its next contact. */
export const releaseAssigned = (s: EngineState, c: ContactRec, now: number, out: Out): void => {
  const ai = c.agentIdx;
  leaveWrapUp(s, c);
  // Longest idle restarts; drop re-keys the agent's available-set places for both changes.
  s.agentIdle[ai] = now;
  drop(s, c);
  updateHandleTime(s, c, now);
  c.queue.assignedCount--;
  freeContact(s, c);
  fillAgent(s, ai, 'agent_freed', now, out);
};

/** Timed wrap-ups that ran out, oldest first: each is released as if wrapped up. */
export const expireWrapUps = (s: EngineState, list: ContactList, now: number, out: Out): void => {
  for (let h = list.head; h !== null && h.wrapUntil <= now; h = list.head) {
    out.push({ type: 'wrap_up_expired', contactId: h.id, agentId: s.agentIds[h.agentIdx] ?? '' });
    releaseAssigned(s, h, now, out);
  }
};

/** The contact leaves routing in whatever state it is (abandoned, closed, transferred). */
export const removeContact = (s: EngineState, c: ContactRec, now: number, out: Out): void => {
  if (c.state === 'queued') {
    if (c.list?.kind === TARGETED) leaveTargeted(s, c);
    else leaveFifo(s, c, now, out);
    freeContact(s, c);
    return;
  }
  const ai = c.agentIdx;
  if (c.state === 'offered') {
    leaveOffers(s, c);
    out.push({ type: 'offer_withdrawn', contactId: c.id, agentId: s.agentIds[ai] ?? '', why: 'contact_removed' });
  } else {
    leaveWrapUp(s, c);
    c.queue.assignedCount--;
  }
  drop(s, c);
  freeContact(s, c);
  fillAgent(s, ai, 'agent_freed', now, out);
};

/** Targets that lapsed by time: those contacts route normally in their queue now. */
export const expireTargets = (s: EngineState, list: ContactList, now: number, out: Out): void => {
  for (let h = list.head; h !== null && h.targetUntil <= now; h = list.head) {
    leaveTargeted(s, h);
    lapseTarget(s, h, 'window_passed', out);
    placeContact(s, h, 'threshold_reached', now, out);
  }
};

/** The agent is being removed: contacts waiting for it as their target route normally now. */
export const dropTargetsOf = (s: EngineState, ai: number, now: number, out: Out): void => {
  forTargetsOf(s, ai, (c) => {
    leaveTargeted(s, c);
    lapseTarget(s, c, 'agent_removed', out);
    placeContact(s, c, 'contact_requeued', now, out);
  });
};
