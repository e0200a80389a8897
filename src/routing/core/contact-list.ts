/**
 * Operations on the intrusive contact lists. Inserts walk from the end nearest the new key, which
 * is the end itself in the common cases (a new arrival, a contact returning to the head), so every
 * hot-path operation is O(1) and allocation-free.
 */
import { type ContactList, type ContactRec, FIFO, OFFERS, TARGETED } from './model.js';

const keyOf = (list: ContactList, c: ContactRec): number => {
  if (list.kind === FIFO) return c.enqueuedAt;
  if (list.kind === OFFERS) return c.offerExpiresAt;
  return list.kind === TARGETED ? c.targetUntil : c.wrapUntil;
};

const linkBefore = (list: ContactList, c: ContactRec, at: ContactRec | null): void => {
  // Insert c before `at`, or at the tail when at is null.
  c.next = at;
  c.prev = at === null ? list.tail : at.prev;
  if (c.prev === null) list.head = c;
  else c.prev.next = c;
  if (at === null) list.tail = c;
  else at.prev = c;
  c.list = list;
  list.size++;
};

/** Appends in key order, scanning back from the tail (new keys are almost always the largest). */
export const insertFromTail = (list: ContactList, c: ContactRec): void => {
  const k = keyOf(list, c);
  let at: ContactRec | null = null;
  let p = list.tail;
  while (p !== null && keyOf(list, p) > k) {
    at = p;
    p = p.prev;
  }
  linkBefore(list, c, at);
};

/**
 * Puts a contact back at its place from the head: before every contact with a key not smaller
 * than its own. A rejected contact was the head when offered, so this is the head itself unless
 * the contact was taken out of turn (last-agent preference); then it keeps arrival order.
 */
export const insertFromHead = (list: ContactList, c: ContactRec): void => {
  const k = keyOf(list, c);
  let at = list.head;
  while (at !== null && keyOf(list, at) < k) at = at.next;
  linkBefore(list, c, at);
};

export const unlink = (c: ContactRec): void => {
  const list = c.list;
  if (list === null) return;
  if (c.prev === null) list.head = c.next;
  else c.prev.next = c.next;
  if (c.next === null) list.tail = c.prev;
  else c.next.prev = c.prev;
  c.prev = null;
  c.next = null;
  c.list = null;
  list.size--;
};
