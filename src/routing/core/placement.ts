/**
 * Placing work. The engine keeps one matching invariant after every call: no waiting contact is
 * left while an available agent with capacity may take it now (a targeted contact: while its target
 * may take it; no other agent may until the target lapses). Three moves keep it:
 * - placeContact: a contact arrives or returns; a targeted one goes to its target or waits for it
 *   (targeted.ts); else it goes to its last agent, or the best available agent by the queue's
 *   policy, or into its FIFO (or out, at max wait).
 * - fillAgent: an agent gains capacity; it takes the contacts waiting for it as their target, then
 *   the best heads it may serve until full.
 * - matchHeads: a FIFO's head crossed T1 or T2; agents who could not take it before may now.
 */
import { freeChannels, refreshAvailability } from './capacity.js';
import { freeContact } from './contacts.js';
import { agentDecision, contactDecision, lastAgentDecision } from './decision.js';
import type { ContactList, ContactRec } from './model.js';
import { enterFifo, makeOffer, type Out } from './queue-ops.js';
import { lastAgentEntry, rankAgents, rankContacts } from './select.js';
import type { EngineState } from './state.js';
import { offerTargeted, placeTargeted } from './targeted.js';
import type { DecisionTrigger } from './types.js';

/** Offers the contact to the best agent that may take it after waiting `now - enqueuedAt`. */
const offerToBestAgent = (s: EngineState, c: ContactRec, trigger: DecisionTrigger, now: number, out: Out): boolean => {
  const set = c.queue.avail[c.channel];
  if (set === undefined || set.size === 0) return false;
  if (rankAgents(s, set, c.queue.config.policy, now - c.enqueuedAt, now) === 0) return false;
  const ai = set.agentIdx[s.scratch.picks[0] ?? -1] ?? -1;
  const d = agentDecision(s, c, set, trigger, now);
  if (ai < 0 || d === null) return false;
  makeOffer(s, c, ai, d, now, out);
  refreshAvailability(s, ai);
  return true;
};

/** A contact that is in no list (new, or back from an offer) finds its place. */
export const placeContact = (s: EngineState, c: ContactRec, trigger: DecisionTrigger, now: number, out: Out): void => {
  if (c.targetIdx >= 0 && placeTargeted(s, c, trigger, now, out)) return;
  if (trigger === 'contact_arrived') {
    const last = lastAgentEntry(s, c, now);
    if (last !== null) {
      makeOffer(s, c, last.agent.idx, lastAgentDecision(s, c, last, now), now, out);
      refreshAvailability(s, last.agent.idx);
      return;
    }
  }
  if (offerToBestAgent(s, c, trigger, now, out)) return;
  const q = c.queue;
  const waited = now - c.enqueuedAt;
  if (q.config.maxWaitMs !== null && waited >= q.config.maxWaitMs) {
    out.push({ type: 'max_wait', contactId: c.id, queueId: q.config.id, action: q.config.maxWaitAction, waitedMs: waited });
    freeContact(s, c);
    return;
  }
  enterFifo(s, c, trigger !== 'contact_arrived', now, out);
};

/** The agent takes the best contacts it may serve until it has no capacity or nothing fits. */
export const fillAgent = (s: EngineState, ai: number, trigger: DecisionTrigger, now: number, out: Out): void => {
  offerTargeted(s, ai, trigger, now, out);
  let mask = freeChannels(s, ai);
  while (mask !== 0 && rankContacts(s, ai, mask, now) > 0) {
    const c = s.heads[s.scratch.picks[0] ?? -1];
    const d = contactDecision(s, ai, trigger, now);
    if (c === null || c === undefined || d === null) break;
    makeOffer(s, c, ai, d, now, out);
    mask = freeChannels(s, ai);
  }
  refreshAvailability(s, ai, mask);
};

/** Offers a FIFO's heads to agents whose wait threshold they have now reached. */
export const matchHeads = (s: EngineState, f: ContactList, now: number, out: Out): void => {
  for (let h = f.head; h !== null; h = f.head) {
    if (!offerToBestAgent(s, h, 'threshold_reached', now, out)) return;
  }
};
