/**
 * The ACD engine: one tenant's queues, agents and routed contacts in memory, pure and synchronous.
 * Time comes in as `now` (ms); every mutating call returns the actions the caller must persist
 * (offers with their decision records, expiries, requeues, max-wait actions) and never does I/O,
 * so the same engine runs live, in the simulator and in benchmarks.
 *
 * Priority by tier plus aging is a static key: effectiveTime = enqueuedAt - tierOffset[tier],
 * lowest first. With one aging rate for every tier this is the same order as "score = tier weight
 * + time waited", but no key ever changes, so nothing is re-sorted as time passes. A contact of a
 * lower tier is overtaken only by higher-tier contacts that arrived less than the offset difference
 * after it, so its extra wait is bounded by that difference: no tier starves.
 *
 * Waiting contacts live in FIFOs per (queue, channel, tier); the best contact for an agent is the
 * lowest key among the heads of the FIFOs it may serve. See placement.ts for the matching
 * invariant every call restores, and eligibility.ts for the bullseye rings (T1 widen, T2 overflow).
 */
import { ok } from '../../kernel/index.js';
import { auditState } from './audit.js';
import { occupancy } from './capacity.js';
import { normaliseAgent, normaliseQueue } from './config.js';
import { acceptOffer, declineOffer, dropTargetsOf, releaseAssigned, removeContact } from './contact-ops.js';
import { checkContact, newContact } from './contacts.js';
import { attachAgent, detachAgent, reattachAll } from './eligibility.js';
import { fail, type RoutingResult } from './errors.js';
import { estimateWait, positionOf } from './estimate.js';
import { AgentRec, type ContactRec, QueueRec, TARGETED } from './model.js';
import { fillAgent, placeContact } from './placement.js';
import { canMove, setPresence } from './presence.js';
import { type Out, rekeyQueue } from './queue-ops.js';
import { restoreState } from './restore.js';
import { buildSnapshot } from './snapshot.js';
import { allocAgentIdx, allocQueueIdx, clampNow, createState, type EngineState } from './state.js';
import { advance, nextDeadline } from './timers.js';
import type {
  AgentInput,
  ContactInput,
  EngineOptions,
  EngineSnapshot,
  PresenceState,
  QueueConfig,
  QueueInput,
  RemoveReason,
  RestoreInput,
  RoutingAction,
  RoutingState,
  TierConfig,
} from './types.js';
import { startWrapUp } from './wrap-up.js';

export type Actions = readonly RoutingAction[];

/** Most calls decide nothing (every accept, most arrivals in a busy center): share one answer. */
const NOTHING: Actions = Object.freeze([]);
const OK_NOTHING: RoutingResult<Actions> = Object.freeze(ok(NOTHING));
const done = (out: Out): RoutingResult<Actions> => (out.length === 0 ? OK_NOTHING : ok(out));

export interface ContactRouting {
  readonly state: RoutingState;
  readonly queueId: string;
  readonly agentId: string | null;
  readonly offerExpiresAt: number | null;
  /** The agent a targeted contact waits for or is offered to; null once it routes normally. */
  readonly targetAgentId: string | null;
  /** When a timed wrap-up runs out; null when the contact is not in one. */
  readonly wrapUntil: number | null;
}

export class RoutingEngine {
  private readonly s: EngineState;
  /** What fell due during a call that was then refused: the next call hands it out first. */
  private carried: Out = [];

  constructor(options?: EngineOptions) {
    this.s = createState(options);
  }

  get tiers(): readonly TierConfig[] {
    return this.s.tiers;
  }

  get channels(): readonly string[] {
    return this.s.channels;
  }

  /** Starts a call: time moves to `now` (read it back from s.now) and what fell due is processed. */
  private begin(now: number): Out {
    const out = this.carried;
    this.carried = [];
    advance(this.s, clampNow(this.s, now), out);
    return out;
  }

  /**
   * Refuses a call after time moved on: what fell due meanwhile already happened in the engine,
   * so it is kept for the next call (tick) rather than lost with the refusal.
   */
  private refuse(out: Out, r: RoutingResult<never>): RoutingResult<never> {
    if (out.length > 0) this.carried = out;
    return r;
  }

  upsertQueue(input: QueueInput, now: number): RoutingResult<Actions> {
    const s = this.s;
    const cfg = normaliseQueue(input, s.tiers, (id) => s.queues.has(id));
    if (!cfg.ok) return cfg;
    const out = this.begin(now);
    const t = this.s.now;
    const existing = s.queues.get(cfg.value.id);
    if (existing === undefined) s.queues.set(cfg.value.id, new QueueRec(cfg.value, allocQueueIdx(s), s.channels.length, s.tiers.length));
    else {
      existing.config = cfg.value;
      rekeyQueue(s, existing, t, out);
    }
    // Any queue change can move agents between bullseye rings of any queue (overflow links).
    reattachAll(s);
    for (const a of s.agents.values()) fillAgent(s, a.idx, 'agent_freed', t, out);
    return done(out);
  }

  queue(queueId: string): QueueConfig | null {
    return this.s.queues.get(queueId)?.config ?? null;
  }

  removeQueue(queueId: string, now: number): RoutingResult<Actions> {
    const s = this.s;
    const q = s.queues.get(queueId);
    if (q === undefined) return fail('UNKNOWN_QUEUE', `No queue ${queueId}.`, 'queueId');
    const out = this.begin(now);
    const busy = q.waiting.some((n) => n > 0) || q.targeted.size > 0 || q.offeredCount > 0 || q.assignedCount > 0;
    if (busy) return this.refuse(out, fail('IN_USE', `Queue ${queueId} still has contacts.`));
    for (const other of s.queues.values()) {
      if (other.config.overflowQueueId === queueId)
        return this.refuse(out, fail('IN_USE', `Queue ${other.config.id} overflows to ${queueId}.`));
    }
    s.queues.delete(queueId);
    reattachAll(s);
    return done(out);
  }

  /** Adds an agent (offline until told otherwise) or changes its skills and capacity. */
  upsertAgent(input: AgentInput, now: number): RoutingResult<Actions> {
    const s = this.s;
    const norm = normaliseAgent(input, s.channelIdx);
    if (!norm.ok) return norm;
    const out = this.begin(now);
    const t = this.s.now;
    let a = s.agents.get(input.id);
    if (a === undefined) {
      a = new AgentRec(input.id, allocAgentIdx(s), norm.value.skills, t);
      s.agentRecs[a.idx] = a;
      s.agentIds[a.idx] = a.id;
      s.agentIdle[a.idx] = t;
      s.agents.set(a.id, a);
    } else {
      detachAgent(s, a);
      a.skills = norm.value.skills;
    }
    a.wrapUpMs = norm.value.wrapUpMs;
    s.aCap.set(norm.value.cap, a.idx * s.channels.length);
    s.agentOcc[a.idx] = occupancy(s, a.idx);
    attachAgent(s, a);
    fillAgent(s, a.idx, 'agent_freed', t, out);
    return done(out);
  }

  removeAgent(agentId: string, now: number): RoutingResult<Actions> {
    const s = this.s;
    const a = s.agents.get(agentId);
    if (a === undefined) return fail('UNKNOWN_AGENT', `No agent ${agentId}.`, 'agentId');
    if ((s.aTotal[a.idx] ?? 0) > (s.aOffers[a.idx] ?? 0)) return fail('IN_USE', `Agent ${agentId} still has assigned contacts.`);
    const out = this.begin(now);
    const t = this.s.now;
    setPresence(s, a, 'offline', t, null, out);
    dropTargetsOf(s, a.idx, t, out);
    detachAgent(s, a);
    s.aCap.fill(0, a.idx * s.channels.length, (a.idx + 1) * s.channels.length);
    s.agentRecs[a.idx] = null;
    s.agents.delete(agentId);
    return done(out);
  }

  setAgentState(agentId: string, state: PresenceState, now: number, reason?: string): RoutingResult<Actions> {
    const s = this.s;
    const a = s.agents.get(agentId);
    if (a === undefined) return fail('UNKNOWN_AGENT', `No agent ${agentId}.`, 'agentId');
    if (!canMove(a.presence, state)) return fail('ILLEGAL_TRANSITION', `Agent ${agentId} cannot go from ${a.presence} to ${state}.`);
    const out = this.begin(now);
    const t = this.s.now;
    setPresence(s, a, state, t, reason ?? null, out);
    return done(out);
  }

  enqueue(contact: ContactInput, now: number): RoutingResult<Actions> {
    const s = this.s;
    const rec = newContact(s, contact, clampNow(s, now));
    if (!rec.ok) return rec;
    const out = this.begin(now);
    const t = this.s.now;
    s.contacts.set(rec.value.id, rec.value);
    placeContact(s, rec.value, 'contact_arrived', t, out);
    return done(out);
  }

  private offered(contactId: string, agentId: string): RoutingResult<ContactRec> {
    const c = this.s.contacts.get(contactId);
    if (c === undefined) return fail('UNKNOWN_CONTACT', `No routed contact ${contactId}.`, 'contactId');
    if (c.state !== 'offered' || this.s.agentIds[c.agentIdx] !== agentId) {
      return fail('NOT_OFFERED', `Contact ${contactId} is not on offer to ${agentId} (it may have expired).`);
    }
    return ok(c);
  }

  accept(contactId: string, agentId: string, now: number): RoutingResult<Actions> {
    const out = this.begin(now);
    const t = this.s.now;
    const c = this.offered(contactId, agentId);
    if (!c.ok) return this.refuse(out, c);
    acceptOffer(this.s, c.value, t);
    return done(out);
  }

  /** The contact goes back to the head of its FIFO; the agent goes to not_ready. */
  reject(contactId: string, agentId: string, now: number): RoutingResult<Actions> {
    const out = this.begin(now);
    const t = this.s.now;
    const c = this.offered(contactId, agentId);
    if (!c.ok) return this.refuse(out, c);
    declineOffer(this.s, c.value, 'offer_rejected', t, out);
    return done(out);
  }

  /**
   * The conversation of an assigned contact ended and its wrap-up began: the agent keeps the
   * contact and its capacity until release, or until the agent's wrap-up time runs out (then a
   * `wrap_up_expired` action, and the capacity is free). Asking again changes nothing.
   */
  wrapUp(contactId: string, now: number): RoutingResult<Actions> {
    const out = this.begin(now);
    const c = this.assigned(contactId);
    if (!c.ok) return this.refuse(out, c);
    startWrapUp(this.s, c.value, this.s.now, out);
    return done(out);
  }

  private assigned(contactId: string): RoutingResult<ContactRec> {
    const c = this.s.contacts.get(contactId);
    if (c === undefined) return fail('UNKNOWN_CONTACT', `No routed contact ${contactId}.`, 'contactId');
    if (c.state !== 'assigned') return fail('NOT_ASSIGNED', `Contact ${contactId} is ${c.state}, not assigned.`);
    return ok(c);
  }

  /** The assignment ended (wrap-up done, or ended by the caller): capacity is free again. */
  release(contactId: string, now: number): RoutingResult<Actions> {
    const out = this.begin(now);
    const c = this.assigned(contactId);
    if (!c.ok) return this.refuse(out, c);
    releaseAssigned(this.s, c.value, this.s.now, out);
    return done(out);
  }

  /**
   * Moves a routed contact to a new routing (a transfer, a reassignment): it leaves its queue or
   * agent and is placed again as `input` says (same id). The new routing is checked first, so a
   * refused transfer (unknown queue or target agent) changes nothing.
   */
  transfer(input: ContactInput, now: number): RoutingResult<Actions> {
    const out = this.begin(now);
    const t = this.s.now;
    const c = this.s.contacts.get(input.id);
    if (c === undefined) return this.refuse(out, fail('UNKNOWN_CONTACT', `No routed contact ${input.id}.`, 'contactId'));
    if (c.wrapping) return this.refuse(out, fail('NOT_ASSIGNED', `Contact ${input.id} is in wrap-up; its conversation has ended.`));
    const checked = checkContact(this.s, input, t);
    if (!checked.ok) return this.refuse(out, checked);
    removeContact(this.s, c, t, out);
    const rec = newContact(this.s, input, t);
    if (!rec.ok) throw new Error(`routing engine: a checked transfer of ${input.id} was refused (${rec.error.code})`);
    this.s.contacts.set(input.id, rec.value);
    placeContact(this.s, rec.value, 'contact_arrived', t, out);
    return done(out);
  }

  /** The contact leaves routing (abandoned, closed, transferred) from any routing state. */
  remove(contactId: string, now: number, _why: RemoveReason): RoutingResult<Actions> {
    const out = this.begin(now);
    const t = this.s.now;
    const c = this.s.contacts.get(contactId);
    if (c === undefined) return this.refuse(out, fail('UNKNOWN_CONTACT', `No routed contact ${contactId}.`, 'contactId'));
    removeContact(this.s, c, t, out);
    return done(out);
  }

  /** Offer timeouts, T1/T2 thresholds, max waits and wrap-up times up to `now`. */
  tick(now: number): Actions {
    const out = this.begin(now);
    return out.length === 0 ? NOTHING : out;
  }

  /** When tick should next be called, or null when nothing is pending. */
  nextDeadline(): number | null {
    return nextDeadline(this.s);
  }

  contact(contactId: string): ContactRouting | null {
    const c = this.s.contacts.get(contactId);
    if (c === undefined) return null;
    const offer = c.state === 'offered' ? c.offerExpiresAt : null;
    const agentId = c.agentIdx < 0 ? null : (this.s.agentIds[c.agentIdx] ?? null);
    const targetAgentId = c.targetIdx < 0 ? null : (this.s.agentIds[c.targetIdx] ?? null);
    const wrapUntil = c.wrapUntil > 0 ? c.wrapUntil : null;
    return { state: c.state, queueId: c.queue.config.id, agentId, offerExpiresAt: offer, targetAgentId, wrapUntil };
  }

  /** 1-based place in line of a queued contact (1 while it waits for its target agent); null
   * when it is not waiting. */
  position(contactId: string): number | null {
    const c = this.s.contacts.get(contactId);
    if (c === undefined || c.state !== 'queued') return null;
    return c.list?.kind === TARGETED ? 1 : positionOf(this.s, c);
  }

  /** Estimated remaining wait in ms; null when not waiting, when waiting for its target agent
   * (that one agent's next free moment is unknown), or when nobody qualified is logged in. */
  estimatedWaitMs(contactId: string): number | null {
    const c = this.s.contacts.get(contactId);
    return c === undefined || c.state !== 'queued' || c.list?.kind === TARGETED ? null : estimateWait(this.s, c);
  }

  snapshot(now: number): EngineSnapshot {
    return buildSnapshot(this.s, Math.max(now, this.s.now));
  }

  /** Rebuilds routing after a restart; queues and agents must be upserted first. */
  restore(input: RestoreInput, now: number): RoutingResult<Actions> {
    const t = clampNow(this.s, now);
    const out: Out = [];
    const r = restoreState(this.s, input, t, out);
    return r.ok ? ok(out) : r;
  }

  /** Invariant violations found by walking the whole state; empty when sound. For tests. */
  audit(): string[] {
    return auditState(this.s);
  }
}
