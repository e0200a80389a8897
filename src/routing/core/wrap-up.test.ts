import { describe, expect, it } from 'vitest';
import { RoutingEngine } from './engine.js';
import type { RoutingResult } from './errors.js';
import type { RoutingAction } from './types.js';

const must = <T>(r: RoutingResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const types = (acts: readonly RoutingAction[]) => acts.map((a) => a.type);

/** Agent a (one voice call, 30 s wrap-up) holds c1, assigned at 1 s; c2 waits behind it. */
const setup = (wrapUpMs: number | null = 30_000) => {
  const e = new RoutingEngine();
  must(e.upsertQueue({ id: 'q', offerTimeoutMs: 20_000 }, 0));
  must(e.upsertAgent({ id: 'a', skills: {}, capacity: { voice: 1 }, wrapUpMs }, 0));
  must(e.setAgentState('a', 'available', 0));
  must(e.enqueue({ id: 'c1', queueId: 'q', channel: 'voice', tier: 'low' }, 1000));
  must(e.accept('c1', 'a', 1000));
  must(e.enqueue({ id: 'c2', queueId: 'q', channel: 'voice', tier: 'low' }, 2000));
  return e;
};

describe('wrap-up time', () => {
  it('should time the wrap-up from when it starts and hold the capacity until then', () => {
    const e = setup();
    expect(must(e.wrapUp('c1', 10_000))).toEqual([{ type: 'wrap_up_started', contactId: 'c1', agentId: 'a', endsAt: 40_000 }]);
    expect(e.contact('c1')).toMatchObject({ state: 'assigned', agentId: 'a', wrapUntil: 40_000 });
    expect(e.nextDeadline()).toBe(40_000);
    expect(e.tick(39_999)).toEqual([]);
    expect(e.contact('c2')?.state).toBe('queued');
    expect(e.audit()).toEqual([]);
  });

  it('should release the contact when the wrap-up time runs out and offer the freed agent the next one', () => {
    const e = setup();
    must(e.wrapUp('c1', 10_000));
    const acts = e.tick(40_000);
    expect(types(acts)).toEqual(['wrap_up_expired', 'offer']);
    expect(acts[0]).toEqual({ type: 'wrap_up_expired', contactId: 'c1', agentId: 'a' });
    expect(acts[1]).toMatchObject({ contactId: 'c2', agentId: 'a' });
    expect(e.contact('c1')).toBeNull();
    expect(e.release('c1', 40_001)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CONTACT' } });
    expect(e.audit()).toEqual([]);
  });

  it('should end the timer when the agent finishes the wrap-up in time', () => {
    const e = setup();
    must(e.wrapUp('c1', 10_000));
    expect(types(must(e.release('c1', 20_000)))).toEqual(['offer']);
    expect(e.nextDeadline()).toBe(40_000); // c2's offer timeout, not the wrap-up
    expect(types(e.tick(40_000))).toEqual(['offer_expired', 'agent_not_ready', 'requeued']);
    expect(e.audit()).toEqual([]);
  });

  it('should keep an untimed wrap-up until the agent finishes it', () => {
    const e = setup(null);
    expect(must(e.wrapUp('c1', 10_000))).toEqual([]);
    expect(e.contact('c1')).toMatchObject({ state: 'assigned', wrapUntil: null });
    expect(e.nextDeadline()).toBeNull();
    expect(e.tick(10_000_000)).toEqual([]);
    expect(e.contact('c1')?.state).toBe('assigned');
  });

  it('should keep the first deadline when asked to start the wrap-up again', () => {
    const e = setup();
    must(e.wrapUp('c1', 10_000));
    expect(must(e.wrapUp('c1', 20_000))).toEqual([]);
    expect(e.contact('c1')?.wrapUntil).toBe(40_000);
    expect(e.audit()).toEqual([]);
  });

  it('should keep running wrap-ups when the agent changes its wrap-up time, and use the new one next', () => {
    const e = new RoutingEngine();
    must(e.upsertQueue({ id: 'q' }, 0));
    must(e.upsertAgent({ id: 'a', skills: {}, capacity: { chat: 2 }, wrapUpMs: 30_000 }, 0));
    must(e.setAgentState('a', 'available', 0));
    for (const id of ['c1', 'c2']) {
      must(e.enqueue({ id, queueId: 'q', channel: 'chat', tier: 'low' }, 1000));
      must(e.accept(id, 'a', 1000));
    }
    must(e.wrapUp('c1', 10_000));
    must(e.upsertAgent({ id: 'a', skills: {}, capacity: { chat: 2 }, wrapUpMs: 5_000 }, 11_000));
    expect(e.contact('c1')?.wrapUntil).toBe(40_000);
    expect(must(e.wrapUp('c2', 13_000))).toEqual([{ type: 'wrap_up_started', contactId: 'c2', agentId: 'a', endsAt: 18_000 }]);
    expect(types(e.tick(18_000))).toEqual(['wrap_up_expired']);
    expect(e.contact('c1')?.wrapUntil).toBe(40_000);
    expect(e.audit()).toEqual([]);
  });

  it('should end the wrap-up timer of a contact that leaves routing', () => {
    const e = setup();
    must(e.wrapUp('c1', 10_000));
    expect(types(must(e.remove('c1', 11_000, 'closed')))).toEqual(['offer']);
    expect(e.tick(40_000).some((a) => a.type === 'wrap_up_expired')).toBe(false);
    expect(e.audit()).toEqual([]);
  });

  it('should order wrap-ups of different lengths by when they run out', () => {
    const e = new RoutingEngine();
    must(e.upsertQueue({ id: 'q' }, 0));
    must(e.upsertAgent({ id: 'slow', skills: {}, capacity: { chat: 1 }, wrapUpMs: 60_000 }, 0));
    must(e.upsertAgent({ id: 'fast', skills: {}, capacity: { chat: 1 }, wrapUpMs: 10_000 }, 0));
    for (const id of ['slow', 'fast']) must(e.setAgentState(id, 'available', 0));
    must(e.enqueue({ id: 'x', queueId: 'q', channel: 'chat', tier: 'low' }, 0));
    must(e.enqueue({ id: 'y', queueId: 'q', channel: 'chat', tier: 'low' }, 0));
    for (const id of ['x', 'y']) must(e.accept(id, e.contact(id)?.agentId ?? '', 0));
    const slowOne = e.contact('x')?.agentId === 'slow' ? 'x' : 'y';
    const fastOne = slowOne === 'x' ? 'y' : 'x';
    must(e.wrapUp(slowOne, 1_000));
    must(e.wrapUp(fastOne, 2_000));
    expect(e.nextDeadline()).toBe(12_000);
    expect(e.tick(12_000)).toEqual([{ type: 'wrap_up_expired', contactId: fastOne, agentId: 'fast' }]);
    expect(e.nextDeadline()).toBe(61_000);
    expect(e.audit()).toEqual([]);
  });

  it('should refuse a wrap-up of a contact that is not assigned, and a bad wrap-up time', () => {
    const e = setup();
    expect(e.wrapUp('c2', 3000)).toMatchObject({ ok: false, error: { code: 'NOT_ASSIGNED' } });
    expect(e.wrapUp('nope', 3000)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CONTACT' } });
    for (const bad of [-1, 1.5, 86_400_001]) {
      expect(e.upsertAgent({ id: 'a', skills: {}, capacity: { voice: 1 }, wrapUpMs: bad }, 3000)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_CONFIG', field: 'wrapUpMs' },
      });
    }
  });

  it('should restore a timed wrap-up and release it at once when it ran out while the engine was down', () => {
    const build = () => {
      const e = new RoutingEngine();
      must(e.upsertQueue({ id: 'q' }, 0));
      must(e.upsertAgent({ id: 'a', skills: {}, capacity: { voice: 1 }, wrapUpMs: 30_000 }, 0));
      return e;
    };
    const agents = [{ id: 'a', presence: 'available' as const, since: 0 }];
    const held = { id: 'c1', queueId: 'q', channel: 'voice', tier: 'low', state: 'assigned' as const, agentId: 'a', assignedAt: 1000 };
    const waiting = { id: 'c2', queueId: 'q', channel: 'voice', tier: 'low', state: 'queued' as const, enqueuedAt: 2000 };

    const early = build();
    expect(must(early.restore({ agents, contacts: [{ ...held, wrapUntil: 40_000 }, waiting] }, 20_000))).toEqual([]);
    expect(early.contact('c1')?.wrapUntil).toBe(40_000);
    expect(types(early.tick(40_000))).toEqual(['wrap_up_expired', 'offer']);

    const late = build();
    const acts = must(late.restore({ agents, contacts: [{ ...held, wrapUntil: 40_000 }, waiting] }, 50_000));
    expect(types(acts)).toEqual(['wrap_up_expired', 'offer']);
    expect(late.contact('c1')).toBeNull();
    expect(late.audit()).toEqual([]);
  });
});

describe('wrap-up time on restore', () => {
  it('should refuse a stored wrap-up end that is not a time, restoring nothing', () => {
    const e = new RoutingEngine();
    must(e.upsertQueue({ id: 'q' }, 0));
    must(e.upsertAgent({ id: 'a', skills: {}, capacity: { voice: 1 }, wrapUpMs: 30_000 }, 0));
    const held = { id: 'c1', queueId: 'q', channel: 'voice', tier: 'low', state: 'assigned' as const, agentId: 'a', assignedAt: 1000 };
    for (const wrapUntil of [Number.NaN, 0, -5, Number.POSITIVE_INFINITY]) {
      expect(e.restore({ agents: [], contacts: [{ ...held, wrapUntil }] }, 2000)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_CONFIG' },
      });
      expect(e.contact('c1')).toBeNull();
    }
  });
});

describe('a contact in wrap-up', () => {
  it('should not be transferred, timed or not, and say why; before its wrap-up it may be', () => {
    for (const wrapUpMs of [30_000, null]) {
      const e = setup(wrapUpMs);
      const input = { id: 'c1', queueId: 'q', channel: 'voice', tier: 'low' };
      must(e.wrapUp('c1', 10_000));
      expect(e.transfer(input, 11_000)).toMatchObject({ ok: false, error: { code: 'NOT_ASSIGNED' } });
      expect(e.contact('c1')).toMatchObject({ state: 'assigned', agentId: 'a' });
      expect(e.audit()).toEqual([]);
    }
    const e = setup(null);
    expect(must(e.transfer({ id: 'c1', queueId: 'q', channel: 'voice', tier: 'low' }, 11_000)).length).toBeGreaterThan(0);
  });

  it('should stay in wrap-up across a restore, timed or not', () => {
    const e = new RoutingEngine();
    must(e.upsertQueue({ id: 'q' }, 0));
    must(e.upsertAgent({ id: 'a', skills: {}, capacity: { chat: 2 } }, 0));
    const base = { queueId: 'q', channel: 'chat', tier: 'low', state: 'assigned' as const, agentId: 'a', assignedAt: 1000 };
    const contacts = [
      { ...base, id: 'untimed', wrapping: true },
      { ...base, id: 'timed', wrapUntil: 90_000 },
    ];
    must(e.restore({ agents: [{ id: 'a', presence: 'available' }], contacts }, 2000));
    for (const id of ['untimed', 'timed'])
      expect(e.transfer({ id, queueId: 'q', channel: 'chat', tier: 'low' }, 3000)).toMatchObject({
        ok: false,
        error: { code: 'NOT_ASSIGNED' },
      });
    expect(e.audit()).toEqual([]);
  });
});
