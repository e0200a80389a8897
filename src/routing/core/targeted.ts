/**
 * Targeted routing: a contact sent to one agent (a transfer to an agent, a supervisor's
 * reassignment) is offered to that agent alone. It waits for the agent outside the queue's FIFOs,
 * in the queue's targeted list (keyed by when the target lapses, a timer slot like the FIFOs), so
 * no other agent can take it meanwhile; when the target lapses it routes normally in its queue.
 * Agents with nobody waiting for them pay one array read per fill (aTargeted).
 */
import { canTake, refreshAvailability } from './capacity.js';
import { insertFromTail, unlink } from './contact-list.js';
import { targetedDecision } from './decision.js';
import type { ContactList, ContactRec } from './model.js';
import { makeOffer, type Out } from './queue-ops.js';
import type { EngineState } from './state.js';
import type { DecisionTrigger, RoutingAction } from './types.js';

type LapseWhy = Extract<RoutingAction, { type: 'target_lapsed' }>['why'];

const updateTargetSlot = (s: EngineState, list: ContactList): void => {
  list.due = list.head === null ? Number.POSITIVE_INFINITY : list.head.targetUntil;
  s.timers.update(list);
};

const park = (s: EngineState, c: ContactRec): void => {
  const list = c.queue.targeted;
  insertFromTail(list, c);
  c.state = 'queued';
  s.aTargeted[c.targetIdx] = (s.aTargeted[c.targetIdx] ?? 0) + 1;
  if (list.head === c) updateTargetSlot(s, list);
};

/** Takes a waiting targeted contact out of its queue's targeted list. */
export const leaveTargeted = (s: EngineState, c: ContactRec): void => {
  const list = c.list;
  if (list === null) return;
  const wasHead = list.head === c;
  unlink(c);
  s.aTargeted[c.targetIdx] = (s.aTargeted[c.targetIdx] ?? 0) - 1;
  if (wasHead) updateTargetSlot(s, list);
};

/** The contact stops waiting for its target (the caller then routes it normally). */
export const lapseTarget = (s: EngineState, c: ContactRec, why: LapseWhy, out: Out): void => {
  out.push({ type: 'target_lapsed', contactId: c.id, agentId: s.agentIds[c.targetIdx] ?? '', why });
  c.targetIdx = -1;
};

const offerToTarget = (s: EngineState, c: ContactRec, trigger: DecisionTrigger, now: number, out: Out): void => {
  makeOffer(s, c, c.targetIdx, targetedDecision(s, c, c.targetIdx, trigger, now), now, out);
};

/**
 * Places a targeted contact that is in no list: offered to its target if the target can take it
 * now, else left waiting for it until the target lapses. False when the target has lapsed: the
 * caller routes the contact normally.
 */
export const placeTargeted = (s: EngineState, c: ContactRec, trigger: DecisionTrigger, now: number, out: Out): boolean => {
  const ai = c.targetIdx;
  if (canTake(s, ai, c.channel)) {
    offerToTarget(s, c, trigger, now, out);
    refreshAvailability(s, ai);
    return true;
  }
  return waitForTarget(s, c, now, out);
};

/** Leaves the contact waiting for its target if the target has not lapsed; else lapses it (false). */
export const waitForTarget = (s: EngineState, c: ContactRec, now: number, out: Out): boolean => {
  if (now < c.targetUntil) {
    park(s, c);
    return true;
  }
  lapseTarget(s, c, 'window_passed', out);
  return false;
};

/** Runs fn over every contact waiting for agent ai as its target (few: a transfer is rare). */
export const forTargetsOf = (s: EngineState, ai: number, fn: (c: ContactRec) => void): void => {
  if ((s.aTargeted[ai] ?? 0) === 0) return;
  for (const q of s.queues.values()) {
    for (let c = q.targeted.head; c !== null; ) {
      const next = c.next;
      if (c.targetIdx === ai) fn(c);
      c = next;
    }
  }
};

/** The agent has room: the contacts waiting for it as their target come first. */
export const offerTargeted = (s: EngineState, ai: number, trigger: DecisionTrigger, now: number, out: Out): void => {
  if ((s.aTargeted[ai] ?? 0) === 0) return;
  forTargetsOf(s, ai, (c) => {
    if (!canTake(s, ai, c.channel)) return;
    leaveTargeted(s, c);
    offerToTarget(s, c, trigger, now, out);
  });
};
