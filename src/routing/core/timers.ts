/**
 * Time passing. Every public call first processes what fell due up to its `now`, so a caller that
 * forgets a tick is only late, never wrong; tick(now) at nextDeadline() makes it exact.
 */
import { expireOffers, expireTargets, expireWrapUps } from './contact-ops.js';
import { OFFERS, TARGETED, WRAP_UP } from './model.js';
import { matchHeads } from './placement.js';
import { type Out, settleHead, updateFifoSlot } from './queue-ops.js';
import type { EngineState } from './state.js';

export const advance = (s: EngineState, now: number, out: Out): void => {
  for (let slot = s.timers.peek(); slot !== null && slot.due <= now; slot = s.timers.peek()) {
    if (slot.kind === OFFERS) {
      expireOffers(s, slot, now, out);
    } else if (slot.kind === TARGETED) {
      expireTargets(s, slot, now, out);
    } else if (slot.kind === WRAP_UP) {
      expireWrapUps(s, slot, now, out);
    } else {
      settleHead(s, slot, now, out);
      matchHeads(s, slot, now, out);
      updateFifoSlot(s, slot, now, out);
    }
    if (s.timers.peek() === slot && slot.due <= now) throw new Error('routing engine: a timer slot did not move on');
  }
};

export const nextDeadline = (s: EngineState): number | null => s.timers.peek()?.due ?? null;
