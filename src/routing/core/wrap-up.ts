/**
 * Wrap-up time. After the conversation ends the agent keeps the contact, and its capacity, while
 * recording the disposition, for at most the agent's wrap-up time (after-contact work with a time
 * limit). A timed wrap-up waits in its queue's wrapping list, keyed by when it runs out; the list
 * is a timer slot like the offer list, so a forgotten form cannot hold capacity for ever. When the
 * time runs out the contact is released as if it had been wrapped up (contact-ops.ts).
 */
import { insertFromTail, unlink } from './contact-list.js';
import type { ContactList, ContactRec } from './model.js';
import type { Out } from './queue-ops.js';
import type { EngineState } from './state.js';

const updateWrapSlot = (s: EngineState, list: ContactList): void => {
  list.due = list.head === null ? Number.POSITIVE_INFINITY : list.head.wrapUntil;
  s.timers.update(list);
};

/** Puts an assigned contact in its queue's wrapping list until `until`. */
export const holdForWrapUp = (s: EngineState, c: ContactRec, until: number): void => {
  const list = c.queue.wrapping;
  c.wrapUntil = until;
  insertFromTail(list, c);
  if (list.head === c) updateWrapSlot(s, list);
};

/**
 * The conversation of an assigned contact ended. With an agent who has a wrap-up time, the wrap-up
 * is timed from `now`; untimed, or already in wrap-up, nothing changes (asking twice is harmless).
 */
export const startWrapUp = (s: EngineState, c: ContactRec, now: number, out: Out): void => {
  if (c.wrapping) return;
  c.wrapping = true;
  const a = s.agentRecs[c.agentIdx];
  if (a === null || a === undefined || a.wrapUpMs <= 0) return;
  holdForWrapUp(s, c, now + a.wrapUpMs);
  out.push({ type: 'wrap_up_started', contactId: c.id, agentId: a.id, endsAt: c.wrapUntil });
};

/** Takes an assigned contact out of timed wrap-up, if it is in one. */
export const leaveWrapUp = (s: EngineState, c: ContactRec): void => {
  const list = c.list;
  if (list === null) return;
  const wasHead = list.head === c;
  unlink(c);
  c.wrapUntil = 0;
  if (wasHead) updateWrapSlot(s, list);
};
