import { describe, expect, it } from 'vitest';
import { RoutingEngine } from './engine.js';
import type { RoutingResult } from './errors.js';
import type { MaxWaitAction, RoutingAction } from './types.js';

const must = <T>(r: RoutingResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const offers = (acts: readonly RoutingAction[]) => acts.flatMap((a) => (a.type === 'offer' ? [a] : []));

/** Queue q needs billing >= 4; `novice` has billing 1; `other` is strict in the overflow queue. */
const setup = () => {
  const e = new RoutingEngine();
  must(e.upsertQueue({ id: 'spill', requiredSkills: [{ skill: 'general', minProficiency: 1 }] }, 0));
  must(
    e.upsertQueue(
      {
        id: 'q',
        requiredSkills: [{ skill: 'billing', minProficiency: 4 }],
        widenAfterMs: 10_000,
        overflowAfterMs: 30_000,
        overflowQueueId: 'spill',
      },
      0,
    ),
  );
  must(e.upsertAgent({ id: 'novice', skills: { billing: 1 }, capacity: { chat: 1 } }, 0));
  must(e.upsertAgent({ id: 'other', skills: { general: 3 }, capacity: { chat: 1 } }, 0));
  return e;
};

describe('bullseye expansion', () => {
  it('should not offer to a widened agent before T1', () => {
    const e = setup();
    must(e.setAgentState('novice', 'available', 0));
    expect(offers(must(e.enqueue({ id: 'c', queueId: 'q', channel: 'chat', tier: 'low' }, 1000)))).toEqual([]);
    expect(e.nextDeadline()).toBe(11_000);
    expect(offers(e.tick(10_999))).toEqual([]);
  });

  it('should offer to an agent holding the skill at any proficiency at T1', () => {
    const e = setup();
    must(e.setAgentState('novice', 'available', 0));
    must(e.enqueue({ id: 'c', queueId: 'q', channel: 'chat', tier: 'low' }, 1000));
    const [o] = offers(e.tick(11_000));
    expect(o).toMatchObject({ contactId: 'c', agentId: 'novice' });
    expect(o?.decision).toMatchObject({ trigger: 'threshold_reached', level: 'widened' });
  });

  it('should let a widened agent who frees up after T1 take the contact', () => {
    const e = setup();
    must(e.enqueue({ id: 'c', queueId: 'q', channel: 'chat', tier: 'low' }, 0));
    e.tick(20_000);
    const [o] = offers(must(e.setAgentState('novice', 'available', 20_000)));
    expect(o).toMatchObject({ contactId: 'c', agentId: 'novice' });
    expect(o?.decision.candidates[0]).toMatchObject({ level: 'widened' });
  });

  it('should offer to the overflow queue agents at T2 but not before', () => {
    const e = setup();
    must(e.setAgentState('other', 'available', 0));
    must(e.enqueue({ id: 'c', queueId: 'q', channel: 'chat', tier: 'low' }, 0));
    expect(offers(e.tick(10_000))).toEqual([]);
    expect(e.nextDeadline()).toBe(30_000);
    const [o] = offers(e.tick(30_000));
    expect(o).toMatchObject({ contactId: 'c', agentId: 'other' });
    expect(o?.decision.level).toBe('overflow');
  });

  it('should serve its own queue before overflow work at equal priority', () => {
    const e = setup();
    must(e.enqueue({ id: 'mine', queueId: 'spill', channel: 'chat', tier: 'low' }, 0));
    must(e.enqueue({ id: 'theirs', queueId: 'q', channel: 'chat', tier: 'low' }, 0));
    const [o] = offers(must(e.setAgentState('other', 'available', 40_000)));
    expect(o?.contactId).toBe('mine');
    expect(o?.decision.candidates.map((c) => [c.id, c.level])).toEqual([
      ['mine', 'strict'],
      ['theirs', 'overflow'],
    ]);
  });

  it('should process thresholds that fell due even when the caller did not tick', () => {
    const e = setup();
    must(e.setAgentState('novice', 'available', 0));
    must(e.enqueue({ id: 'c', queueId: 'q', channel: 'chat', tier: 'low' }, 0));
    const acts = must(e.upsertAgent({ id: 'late', skills: {}, capacity: { chat: 1 } }, 50_000));
    expect(offers(acts)).toMatchObject([{ contactId: 'c', agentId: 'novice' }]);
  });
});

describe('max wait', () => {
  it.each(['callback', 'ticket', 'abandon'] as const)('should emit %s and remove the contact at max wait', (action: MaxWaitAction) => {
    const e = new RoutingEngine();
    must(e.upsertQueue({ id: 'q', maxWaitMs: 60_000, maxWaitAction: action }, 0));
    must(e.enqueue({ id: 'c1', queueId: 'q', channel: 'email', tier: 'low' }, 0));
    must(e.enqueue({ id: 'c2', queueId: 'q', channel: 'email', tier: 'low' }, 5000));
    expect(e.nextDeadline()).toBe(60_000);
    expect(e.tick(59_999)).toEqual([]);
    expect(e.tick(60_000)).toEqual([{ type: 'max_wait', contactId: 'c1', queueId: 'q', action, waitedMs: 60_000 }]);
    expect(e.contact('c1')).toBeNull();
    expect(e.nextDeadline()).toBe(65_000);
    expect(e.tick(100_000)).toEqual([{ type: 'max_wait', contactId: 'c2', queueId: 'q', action, waitedMs: 95_000 }]);
    expect(e.nextDeadline()).toBeNull();
  });

  it('should apply max wait to a contact that returns to the queue after it', () => {
    const e = new RoutingEngine();
    must(e.upsertQueue({ id: 'q', maxWaitMs: 10_000, offerTimeoutMs: 20_000 }, 0));
    must(e.upsertAgent({ id: 'a', skills: {}, capacity: { chat: 1 } }, 0));
    must(e.setAgentState('a', 'available', 0));
    must(e.enqueue({ id: 'c', queueId: 'q', channel: 'chat', tier: 'low' }, 0));
    const acts = must(e.reject('c', 'a', 15_000));
    expect(acts.at(-1)).toEqual({ type: 'max_wait', contactId: 'c', queueId: 'q', action: 'callback', waitedMs: 15_000 });
    expect(e.contact('c')).toBeNull();
  });
});
