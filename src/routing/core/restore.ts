/**
 * Rebuilding routing after a restart from what the store holds: agent presences and the queued,
 * offered and assigned contacts (with their wrap-up deadlines). Everything is checked before anything changes. Offers to agents
 * who are no longer available, and offers that expired while the engine was down, go back to the
 * queue like any other withdrawn or expired offer, so the result is a state the engine could have
 * reached by itself: nothing lost, nothing duplicated.
 */
import { ok } from '../../kernel/index.js';
import { hold, refreshAvailability, touchIdle } from './capacity.js';
import { newContact } from './contacts.js';
import { attachAgent, detachAgent } from './eligibility.js';
import { fail, type RoutingResult } from './errors.js';
import type { ContactRec } from './model.js';
import { fillAgent } from './placement.js';
import { enterFifo, type Out, reinstateOffer } from './queue-ops.js';
import type { EngineState } from './state.js';
import { waitForTarget } from './targeted.js';
import { advance } from './timers.js';
import { PRESENCE_STATES, type RestoreContact, type RestoreInput } from './types.js';
import { holdForWrapUp } from './wrap-up.js';

interface Planned {
  readonly input: RestoreContact;
  readonly rec: ContactRec;
}

const plan = (s: EngineState, input: RestoreInput, now: number): RoutingResult<Planned[]> => {
  if (s.contacts.size > 0) return fail('IN_USE', 'Restore needs an engine with no contacts.');
  for (const ra of input.agents) {
    if (!s.agents.has(ra.id)) return fail('UNKNOWN_AGENT', `No agent ${ra.id}.`, 'agents');
    if (!PRESENCE_STATES.includes(ra.presence)) return fail('INVALID_CONFIG', `Bad presence for ${ra.id}.`, 'agents');
  }
  const seen = new Set<string>();
  const out: Planned[] = [];
  for (const rc of input.contacts) {
    if (seen.has(rc.id)) return fail('DUPLICATE_CONTACT', `Contact ${rc.id} appears twice.`, 'contacts');
    seen.add(rc.id);
    // A target that is no longer an agent is dropped, not an error: the contact routes normally.
    const rec = newContact(s, rc, now, true);
    if (!rec.ok) return rec;
    if (rc.state !== 'queued' && !s.agents.has(rc.agentId)) return fail('UNKNOWN_AGENT', `No agent ${rc.agentId}.`, 'contacts');
    if (rc.state === 'assigned' && rc.wrapUntil !== undefined && !(Number.isFinite(rc.wrapUntil) && rc.wrapUntil > 0))
      return fail('INVALID_CONFIG', `Contact ${rc.id}: a wrap-up end must be a time in ms.`, 'contacts');
    out.push({ input: rc, rec: rec.value });
  }
  return ok(out.sort((x, y) => x.rec.enqueuedAt - y.rec.enqueuedAt));
};

const place = (s: EngineState, p: Planned, now: number, out: Out): void => {
  const { input, rec } = p;
  s.contacts.set(rec.id, rec);
  if (input.state === 'assigned') {
    const a = s.agents.get(input.agentId);
    if (a === undefined) return;
    hold(s, a.idx, rec);
    rec.targetIdx = -1;
    rec.state = 'assigned';
    rec.assignedAt = input.assignedAt;
    rec.queue.assignedCount++;
    rec.wrapping = input.wrapping === true || input.wrapUntil !== undefined;
    // A wrap-up that ran out while the engine was down is released by the advance below.
    if (input.wrapUntil !== undefined) holdForWrapUp(s, rec, input.wrapUntil);
    return;
  }
  if (input.state === 'offered') {
    const a = s.agents.get(input.agentId);
    if (a !== undefined && a.presence === 'available') {
      // Only an offer to the target itself is a targeted offer.
      if (rec.targetIdx !== a.idx) rec.targetIdx = -1;
      reinstateOffer(s, rec, a.idx, input.offerExpiresAt);
      return;
    }
    out.push({ type: 'offer_withdrawn', contactId: rec.id, agentId: input.agentId, why: 'agent_unavailable' });
    out.push({ type: 'requeued', contactId: rec.id, queueId: rec.queue.config.id, why: 'withdrawn' });
  }
  // Agents are filled once everything is placed, the targets first (fillAgent).
  if (rec.targetIdx >= 0 && waitForTarget(s, rec, now, out)) return;
  enterFifo(s, rec, false, now, out);
};

export const restoreState = (s: EngineState, input: RestoreInput, now: number, out: Out): RoutingResult<void> => {
  const planned = plan(s, input, now);
  if (!planned.ok) return planned;
  for (const ra of input.agents) {
    const a = s.agents.get(ra.id);
    if (a === undefined) continue;
    detachAgent(s, a);
    a.presence = ra.presence;
    s.aAvail[a.idx] = ra.presence === 'available' ? 1 : 0;
    a.since = ra.since ?? now;
    touchIdle(s, a.idx, a.since);
    a.breakReason = ra.breakReason ?? null;
    attachAgent(s, a);
  }
  for (const p of planned.value) place(s, p, now, out);
  for (const a of s.agents.values()) refreshAvailability(s, a.idx);
  advance(s, now, out);
  for (const a of s.agents.values()) if (a.presence === 'available') fillAgent(s, a.idx, 'agent_freed', now, out);
  return ok(undefined);
};
