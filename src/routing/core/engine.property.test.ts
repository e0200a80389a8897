/**
 * Random operation sequences against the engine, checking every invariant after every step:
 * never above capacity, never an offer to an agent who is not available, never one contact on
 * offer to two agents, never a contact lost (conservation), and the engine's own audit. Some
 * contacts arrive targeted at an agent, and assigned ones are transferred to an agent (targeted
 * routing): a targeted contact is offered to no one but its target until its target lapses.
 * Assigned ones go into wrap-up, timed by their agent's wrap-up time: capacity is held until it
 * runs out, never longer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoutingEngine } from './engine.js';
import { PRESENCE_STATES, type PresenceState, type QueueInput, type RoutingAction } from './types.js';

const SKILLS = ['s0', 's1', 's2'] as const;
const CHANNELS = ['voice', 'chat', 'email'] as const;
const TIERS = ['high', 'middle', 'low'] as const;

const queueArb = (id: string, overflowTo: string | null) =>
  fc
    .record({
      skill: fc.constantFrom(...SKILLS),
      min: fc.integer({ min: 1, max: 4 }),
      policy: fc.constantFrom('longest_idle', 'least_occupied', 'round_robin', 'best_proficiency' as const),
      widen: fc.option(fc.integer({ min: 0, max: 60_000 })),
      overflow: fc.option(fc.integer({ min: 0, max: 90_000 })),
      maxWait: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 1000, max: 200_000 }) }),
      offerTimeout: fc.integer({ min: 1000, max: 40_000 }),
    })
    .map(
      (r): QueueInput => ({
        id,
        requiredSkills: [{ skill: r.skill, minProficiency: r.min }],
        policy: r.policy,
        widenAfterMs: r.widen,
        overflowQueueId: overflowTo !== null && r.overflow !== null ? overflowTo : null,
        overflowAfterMs: r.overflow,
        maxWaitMs: r.maxWait,
        offerTimeoutMs: r.offerTimeout,
      }),
    );

const skillsArb = fc
  .tuple(...SKILLS.map(() => fc.option(fc.integer({ min: 1, max: 5 }), { freq: 4 })))
  .map((ps) => Object.fromEntries(ps.flatMap((p, i) => (p === null ? [] : [[SKILLS[i], p]]))));
const agentArb = fc.record({
  skills: skillsArb,
  capacity: fc.record({
    voice: fc.integer({ min: 0, max: 1 }),
    chat: fc.integer({ min: 0, max: 3 }),
    email: fc.integer({ min: 0, max: 2 }),
  }),
  wrapUpMs: fc.option(fc.integer({ min: 1000, max: 30_000 }), { freq: 4 }),
});

type Op =
  | { k: 'time'; dt: number }
  | { k: 'presence'; agent: number; state: PresenceState }
  | { k: 'arrive'; queue: number; channel: number; tier: number; lastAgent: number | null; target: number | null; back: number }
  | { k: 'transfer'; pick: number; queue: number; target: number }
  | { k: 'accept' | 'reject' | 'release' | 'remove' | 'wrap'; pick: number }
  | { k: 'skills'; agent: number; skills: Record<string, number> };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('time' as const), dt: fc.integer({ min: 0, max: 30_000 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('presence' as const), agent: fc.nat(5), state: fc.constantFrom(...PRESENCE_STATES) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('arrive' as const),
      queue: fc.nat(2),
      channel: fc.nat(2),
      tier: fc.nat(2),
      lastAgent: fc.option(fc.nat(5)),
      target: fc.option(fc.nat(5), { freq: 3 }),
      back: fc.nat(5000),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('transfer' as const), pick: fc.nat(), queue: fc.nat(2), target: fc.nat(5) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constantFrom('accept' as const, 'reject' as const, 'release' as const, 'remove' as const),
      pick: fc.nat(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('wrap' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('skills' as const),
      agent: fc.nat(5),
      skills: fc.dictionary(fc.constantFrom(...SKILLS), fc.integer({ min: 1, max: 5 })),
    }),
  },
);

interface ModelContact {
  state: 'queued' | 'offered' | 'assigned';
  agent: string | null;
  channel: string;
  /** The target agent until the engine says the target lapsed, and when it must lapse by. */
  target: string | null;
  targetUntil: number;
  /** When its timed wrap-up runs out; 0 when not in one. */
  wrapUntil: number;
  /** In wrap-up (timed or not): no longer transferable. */
  wrapping?: boolean;
}

/** What the caller knows from the actions alone; every action is checked against it. */
class Model {
  readonly contacts = new Map<string, ModelContact>();
  readonly presence = new Map<string, PresenceState>();
  readonly caps = new Map<string, Record<string, number>>();
  /** The engine's time, and targeted contacts whose offer ended unanswered in the current step. */
  now = 0;
  readonly missed = new Set<string>();

  private load(agent: string, channel: string): number {
    let n = 0;
    for (const c of this.contacts.values()) if (c.agent === agent && c.channel === channel) n++;
    return n;
  }

  apply(acts: readonly RoutingAction[]): void {
    for (const a of acts) {
      const c = this.contacts.get(a.type === 'agent_not_ready' ? '' : a.contactId);
      switch (a.type) {
        case 'offer': {
          expect(c?.state, `offer of ${a.contactId} that is not waiting`).toBe('queued');
          expect(this.presence.get(a.agentId), `offer to ${a.agentId} not available`).toBe('available');
          if (c === undefined) return;
          // A targeted contact goes to its target only, and the record says so.
          if (c.target !== null) expect(a.agentId, `targeted ${a.contactId} offered elsewhere`).toBe(c.target);
          expect(a.decision.policy === 'targeted').toBe(c.target !== null);
          expect(this.load(a.agentId, c.channel), 'offer above capacity').toBeLessThan(this.caps.get(a.agentId)?.[c.channel] ?? 0);
          c.state = 'offered';
          c.agent = a.agentId;
          break;
        }
        case 'offer_expired':
          if (c?.target !== null) this.missed.add(a.contactId);
          expect(c?.state).toBe('offered');
          if (c !== undefined) c.agent = null;
          break;
        case 'offer_withdrawn':
          expect(c?.state).toBe('offered');
          if (a.type === 'offer_withdrawn' && a.why === 'contact_removed') this.contacts.delete(a.contactId);
          else if (c !== undefined) c.agent = null;
          break;
        case 'requeued':
          expect(c?.agent).toBeNull();
          if (c !== undefined) c.state = 'queued';
          break;
        case 'max_wait':
          expect(c?.state).toBe('queued');
          this.contacts.delete(a.contactId);
          break;
        case 'agent_not_ready':
          this.presence.set(a.agentId, 'not_ready');
          break;
        case 'wrap_up_started':
          expect(c?.state === 'assigned' && c.agent === a.agentId && c.wrapUntil === 0, `${a.contactId} wrap-up`).toBe(true);
          if (c !== undefined) c.wrapUntil = a.endsAt;
          break;
        case 'wrap_up_expired':
          // Not before its time, and its capacity freed (the model's load counts it no more).
          expect(c?.agent).toBe(a.agentId);
          expect(this.now).toBeGreaterThanOrEqual(c?.wrapUntil || Number.POSITIVE_INFINITY);
          this.contacts.delete(a.contactId);
          break;
        case 'target_lapsed':
          expect(c?.target, `${a.contactId} lapsed a target it did not have`).toBe(a.agentId);
          expect(c?.state === 'queued' || c?.agent === null).toBe(true);
          // Not before its time: the window (T1, else one offer timeout, capped by max wait).
          if (a.why === 'window_passed') expect(this.now).toBeGreaterThanOrEqual(c?.targetUntil ?? 0);
          if (c !== undefined) c.target = null;
          break;
      }
    }
  }
}

const pickOf = <T>(xs: readonly T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[i % xs.length]);

type AgentSpec = { skills: Record<string, number>; capacity: Record<string, number>; wrapUpMs: number | null };

/** When a target set at `now` lapses in queue q (targeted routing's window). */
const targetUntil = (q: QueueInput | undefined, enqueuedAt: number, now: number): number => {
  const until = now + (q?.widenAfterMs ?? q?.offerTimeoutMs ?? 30_000);
  return q?.maxWaitMs == null ? until : Math.min(until, enqueuedAt + q.maxWaitMs);
};

const run = (queues: QueueInput[], agents: AgentSpec[], ops: Op[]): void => {
  const e = new RoutingEngine({ channels: [...CHANNELS] });
  const m = new Model();
  let now = 0;
  let seq = 0;
  for (const q of queues) expect(e.upsertQueue(q, now).ok).toBe(true);
  agents.forEach((a, i) => {
    const id = `a${i}`;
    m.caps.set(id, a.capacity);
    expect(e.upsertAgent({ id, ...a }, now).ok).toBe(true);
    // Most agents start logged in, so sequences get to offers quickly.
    const start = i % 3 === 2 ? 'offline' : 'available';
    m.presence.set(id, start);
    const r = e.setAgentState(id, start, now);
    if (r.ok) m.apply(r.value);
  });
  const ids = (state: ModelContact['state']) => [...m.contacts].filter(([, c]) => c.state === state).map(([id]) => id);
  for (const op of ops) {
    let acts: readonly RoutingAction[] = [];
    if (op.k === 'time') {
      now += op.dt;
      m.now = now;
      acts = e.tick(now);
    } else if (op.k === 'presence') {
      const id = `a${op.agent % agents.length}`;
      const from = m.presence.get(id) ?? 'offline';
      const r = e.setAgentState(id, op.state, now);
      if (r.ok) {
        m.presence.set(id, op.state);
        acts = r.value;
      } else expect(r.error.code).toBe('ILLEGAL_TRANSITION');
      if (!r.ok) expect(from).not.toBe(op.state);
    } else if (op.k === 'arrive') {
      const id = `c${seq++}`;
      const channel = CHANNELS[op.channel] ?? 'chat';
      const lastAgentId = op.lastAgent === null ? undefined : `a${op.lastAgent % agents.length}`;
      const targetAgentId = op.target === null ? undefined : `a${op.target % agents.length}`;
      const queueId = `q${op.queue % queues.length}`;
      const until = targetUntil(queues[op.queue % queues.length], now - op.back, now);
      m.contacts.set(id, { state: 'queued', agent: null, channel, target: targetAgentId ?? null, targetUntil: until, wrapUntil: 0 });
      const tier = TIERS[op.tier] ?? 'low';
      const r = e.enqueue({ id, queueId, channel, tier, lastAgentId, targetAgentId, enqueuedAt: now - op.back }, now);
      expect(r.ok).toBe(true);
      if (r.ok) acts = r.value;
    } else if (op.k === 'transfer') {
      // As the runtime transfers: out of routing, then back in another queue, here to one agent.
      const id = pickOf(ids('assigned'), op.pick);
      const c = id === undefined ? undefined : m.contacts.get(id);
      if (id === undefined || c === undefined) continue;
      const queueId = `q${op.queue % queues.length}`;
      // A transfer to an agent who does not exist is refused and changes nothing (checked below).
      expect(e.transfer({ id, queueId, channel: c.channel, tier: 'low', targetAgentId: 'ghost' }, now)).toMatchObject({ ok: false });
      const targetAgentId = `a${op.target % agents.length}`;
      const r = e.transfer({ id, queueId, channel: c.channel, tier: 'low', targetAgentId, enqueuedAt: now - 1000 }, now);
      // A conversation that ended (wrap-up) is not transferred; the refusal changes nothing.
      expect(r.ok).toBe(c.wrapping !== true);
      if (!r.ok) continue;
      // The contact left its agent (a `remove`), then came back queued for its target.
      m.contacts.delete(id);
      const until = targetUntil(queues[op.queue % queues.length], now - 1000, now);
      m.contacts.set(id, { state: 'queued', agent: null, channel: c.channel, target: targetAgentId, targetUntil: until, wrapUntil: 0 });
      if (r.ok) acts = r.value;
    } else if (op.k === 'skills') {
      const i = op.agent % agents.length;
      const r = e.upsertAgent({ id: `a${i}`, skills: op.skills, capacity: agents[i]?.capacity ?? {}, wrapUpMs: agents[i]?.wrapUpMs }, now);
      if (r.ok) acts = r.value;
    } else {
      const pool =
        op.k === 'accept' || op.k === 'reject'
          ? ids('offered')
          : op.k === 'release' || op.k === 'wrap'
            ? ids('assigned')
            : [...m.contacts.keys()];
      const id = pickOf(pool, op.pick);
      if (id === undefined) continue;
      const c = m.contacts.get(id);
      const agent = c?.agent ?? '';
      if (op.k === 'remove') {
        // Removing takes the contact out first; a withdrawn offer's action then refers to a gone contact.
        m.contacts.delete(id);
        if (c !== undefined && c.state === 'offered') m.contacts.set(id, c);
      }
      const r =
        op.k === 'accept'
          ? e.accept(id, agent, now)
          : op.k === 'reject'
            ? e.reject(id, agent, now)
            : op.k === 'release'
              ? e.release(id, now)
              : op.k === 'wrap'
                ? e.wrapUp(id, now)
                : e.remove(id, now, 'abandoned');
      // The model may be one step behind the engine's timers (an offer that expired at `now`).
      if (!r.ok) {
        expect(['NOT_OFFERED', 'NOT_ASSIGNED', 'UNKNOWN_CONTACT']).toContain(r.error.code);
        m.apply(e.tick(now));
        continue;
      }
      acts = r.value;
      if (op.k === 'wrap' && c !== undefined) c.wrapping = true;
      if (op.k === 'accept' && c !== undefined) {
        c.state = 'assigned';
        c.target = null;
      }
      if (op.k === 'reject' && c !== undefined) {
        c.agent = null;
        if (c.target !== null) m.missed.add(id);
      }
      if ((op.k === 'release' || op.k === 'remove') && c?.state === 'assigned') m.contacts.delete(id);
      if (op.k === 'remove' && c?.state === 'queued') m.contacts.delete(id);
    }
    m.apply(acts);
    expect(e.audit()).toEqual([]);
    // A target lapses when its offer is rejected or missed, and by the end of its window.
    for (const id of m.missed) expect(m.contacts.get(id)?.target ?? null, `${id} kept a target it missed`).toBeNull();
    m.missed.clear();
    for (const [id, c] of m.contacts) if (c.target !== null && c.state === 'queued') expect(now, id).toBeLessThan(c.targetUntil);
    // A timed wrap-up never holds capacity past its end.
    for (const [id, c] of m.contacts) if (c.wrapUntil > 0) expect(now, id).toBeLessThan(c.wrapUntil);
    // Conservation: the engine routes exactly the contacts the caller was told about, in the same states.
    const snap = e.snapshot(now);
    expect(snap.totals.queued + snap.totals.offered + snap.totals.assigned).toBe(m.contacts.size);
    for (const [id, c] of m.contacts)
      expect(e.contact(id), id).toMatchObject({
        state: c.state,
        agentId: c.agent,
        targetAgentId: c.target,
        wrapUntil: c.wrapUntil > 0 ? c.wrapUntil : null,
      });
  }
};

describe('routing engine properties', () => {
  it('should keep every invariant over random operation sequences', () => {
    const world = fc.tuple(
      queueArb('q0', null),
      queueArb('q1', 'q0'),
      queueArb('q2', 'q1'),
      fc.array(agentArb, { minLength: 1, maxLength: 6 }),
    );
    fc.assert(
      fc.property(world, fc.array(opArb, { minLength: 1, maxLength: 60, size: 'max' }), ([q0, q1, q2, agents], ops) =>
        run([q0, q1, q2], agents, ops),
      ),
      { numRuns: 200 },
    );
  });
});
