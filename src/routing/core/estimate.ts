/**
 * Queue position and estimated wait for a waiting contact. Position counts the contacts of the same
 * queue and channel that an agent would take first (all tiers, by priority key), so a high-tier
 * customer sees the line it is really in. The wait estimate spreads that line over the capacity of
 * the logged-in agents who qualify by skill, at the queue's measured handle time. These are
 * queries for the customer's screen, not the hot path: O(position) is fine.
 */
import type { ContactRec } from './model.js';
import { fifoOf } from './queue-ops.js';
import type { EngineState } from './state.js';

/** 1 for the next contact to be served. */
export const positionOf = (s: EngineState, c: ContactRec): number => {
  let ahead = 0;
  for (let t = 0; t < s.tiers.length; t++) {
    let p = fifoOf(s, c.queue, c.channel, t).head;
    if (t === c.tier) {
      for (; p !== null && p !== c; p = p.next) ahead++;
    } else {
      // On equal keys the earlier tier in the configuration is served first (it is ranked first).
      const before = t < c.tier;
      for (; p !== null && (p.effectiveTime < c.effectiveTime || (before && p.effectiveTime === c.effectiveTime)); p = p.next) ahead++;
    }
  }
  return ahead + 1;
};

export const handleTimeOf = (c: ContactRec): number => {
  const measured = c.queue.handleMs[c.channel] ?? Number.NaN;
  return Number.isNaN(measured) ? c.queue.config.defaultHandleMs : measured;
};

/** Null when nobody who could serve the contact is logged in: no honest estimate exists. */
export const estimateWait = (s: EngineState, c: ContactRec): number | null => {
  const slots = c.queue.staffedSlots[c.channel] ?? 0;
  if (slots <= 0) return null;
  return Math.round((positionOf(s, c) * handleTimeOf(c)) / slots);
};
