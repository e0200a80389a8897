import { describe, expect, it } from 'vitest';
import { RoutingEngine } from './engine.js';
import type { RoutingResult } from './errors.js';
import type { RoutingAction } from './types.js';

const must = <T>(r: RoutingResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const offers = (acts: readonly RoutingAction[]) => acts.flatMap((a) => (a.type === 'offer' ? [a] : []));

/** One voice agent, busy; contacts queue up; then the agent frees and picks. */
const queued = (contacts: readonly (readonly [id: string, tier: string, at: number])[]) => {
  const e = new RoutingEngine(); // default offsets: high 300 s, middle 120 s, low 0
  must(e.upsertQueue({ id: 'q' }, 0));
  must(e.upsertAgent({ id: 'a', skills: {}, capacity: { voice: 1 } }, 0));
  for (const [id, tier, at] of contacts) must(e.enqueue({ id, queueId: 'q', channel: 'voice', tier }, at));
  return e;
};
const servedOrder = (e: RoutingEngine, now: number): string[] => {
  const order: string[] = [];
  let acts = must(e.setAgentState('a', 'available', now));
  for (;;) {
    const [o] = offers(acts);
    if (o === undefined) return order;
    order.push(o.contactId);
    must(e.accept(o.contactId, 'a', now));
    acts = must(e.release(o.contactId, now));
  }
};

describe('priority by tier plus aging', () => {
  it.each([
    [
      'a high contact jumps a low one that arrived within the offset difference',
      [
        ['low1', 'low', 0],
        ['high1', 'high', 290_000],
      ],
      ['high1', 'low1'],
    ],
    [
      'a low contact that waited longer than the offset difference goes first',
      [
        ['low1', 'low', 0],
        ['high1', 'high', 310_000],
      ],
      ['low1', 'high1'],
    ],
    [
      'same tier is served in arrival order',
      [
        ['m1', 'middle', 5],
        ['m2', 'middle', 10],
        ['m3', 'middle', 20],
      ],
      ['m1', 'm2', 'm3'],
    ],
    [
      'middle sits between high and low',
      [
        ['l', 'low', 0],
        ['m', 'middle', 10],
        ['h', 'high', 20],
      ],
      ['h', 'm', 'l'],
    ],
  ] as const)('should serve in priority order when %s', (_name, contacts, expected) => {
    const e = queued(contacts);
    expect(servedOrder(e, 400_000)).toEqual(expected);
  });

  it('should explain an agent-freed decision with the contacts it weighed', () => {
    const e = queued([
      ['l', 'low', 0],
      ['h', 'high', 20_000],
    ]);
    const [o] = offers(must(e.setAgentState('a', 'available', 30_000)));
    expect(o?.decision).toMatchObject({ trigger: 'agent_freed', policy: 'priority', considered: 2, why: 'best_score' });
    expect(o?.decision.candidates).toEqual([
      { id: 'h', score: 310_000, reason: 'priority', level: 'strict', tier: 'high' },
      { id: 'l', score: 30_000, reason: 'priority', level: 'strict', tier: 'low' },
    ]);
  });

  it('should honour tenant tiers and their offsets', () => {
    const e = new RoutingEngine({
      tiers: [
        { id: 'vip', offsetMs: 10_000 },
        { id: 'std', offsetMs: 0 },
      ],
    });
    must(e.upsertQueue({ id: 'q' }, 0));
    must(e.upsertAgent({ id: 'a', skills: {}, capacity: { voice: 1 } }, 0));
    must(e.enqueue({ id: 's', queueId: 'q', channel: 'voice', tier: 'std' }, 0));
    must(e.enqueue({ id: 'v', queueId: 'q', channel: 'voice', tier: 'vip' }, 9_000));
    expect(servedOrder(e, 20_000)).toEqual(['v', 's']);
    expect(e.enqueue({ id: 'x', queueId: 'q', channel: 'voice', tier: 'high' }, 20_000)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_TIER' },
    });
  });
});

describe('queue position and estimated wait', () => {
  it('should count the contacts ahead across tiers by priority', () => {
    const e = queued([
      ['l1', 'low', 0],
      ['l2', 'low', 1000],
      ['h1', 'high', 200_000],
      ['m1', 'middle', 130_000],
    ]);
    // keys: l1 0, l2 1000, h1 -100000, m1 10000
    expect(e.position('h1')).toBe(1);
    expect(e.position('l1')).toBe(2);
    expect(e.position('l2')).toBe(3);
    expect(e.position('m1')).toBe(4);
    expect(e.position('nope')).toBeNull();
  });

  it('should estimate wait from position, handle time and staffed capacity', () => {
    const e = new RoutingEngine();
    must(e.upsertQueue({ id: 'q', defaultHandleMs: 60_000 }, 0));
    must(e.upsertAgent({ id: 'a', skills: {}, capacity: { voice: 1 } }, 0));
    must(e.upsertAgent({ id: 'b', skills: {}, capacity: { voice: 1 } }, 0));
    must(e.enqueue({ id: 'c1', queueId: 'q', channel: 'voice', tier: 'low' }, 0));
    expect(e.estimatedWaitMs('c1')).toBeNull(); // nobody logged in
    must(e.setAgentState('a', 'not_ready', 0));
    must(e.setAgentState('b', 'break', 0));
    expect(e.estimatedWaitMs('c1')).toBe(30_000);
    must(e.enqueue({ id: 'c2', queueId: 'q', channel: 'voice', tier: 'low' }, 1));
    expect(e.estimatedWaitMs('c2')).toBe(60_000);
    // A measured handle time replaces the default.
    must(e.setAgentState('a', 'available', 2));
    must(e.accept('c1', 'a', 2));
    must(e.release('c1', 10_002));
    must(e.accept('c2', 'a', 10_002));
    must(e.enqueue({ id: 'c3', queueId: 'q', channel: 'voice', tier: 'low' }, 10_003));
    expect(e.estimatedWaitMs('c3')).toBe(5000);
  });
});

describe('snapshot', () => {
  it('should report waiting per tier, longest wait and agents by status', () => {
    const e = queued([
      ['l1', 'low', 0],
      ['h1', 'high', 4000],
    ]);
    must(e.upsertAgent({ id: 'b', skills: {}, capacity: { voice: 1 } }, 5000));
    must(e.setAgentState('b', 'available', 5000));
    const snap = e.snapshot(10_000);
    const q = snap.queues[0];
    expect(q).toMatchObject({ id: 'q', waiting: 1, offered: 1, assigned: 0, longestWaitMs: 10_000 });
    expect(q?.waitingByTier).toEqual({ high: 0, middle: 0, low: 1 });
    expect(q?.agentsByStatus).toMatchObject({ offline: 1, busy: 1, available: 0 });
    expect(snap.agents.find((a) => a.id === 'b')).toMatchObject({ status: 'busy', load: { voice: 1 }, offered: ['h1'] });
    expect(snap.totals).toEqual({ queued: 1, offered: 1, assigned: 0 });
  });
});
