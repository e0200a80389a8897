import { describe, expect, it } from 'vitest';
import { explainDecision } from './decision.js';
import { RoutingEngine } from './engine.js';
import type { RoutingResult } from './errors.js';
import type { ContactInput, QueueInput, RoutingAction } from './types.js';

const must = <T>(r: RoutingResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const types = (acts: readonly RoutingAction[]) => acts.map((a) => a.type);
const offers = (acts: readonly RoutingAction[]) => acts.flatMap((a) => (a.type === 'offer' ? [a] : []));

/** Queue q (T1 at 20 s) served by a, b and c, all on chat (capacity 1); c lacks the skill. */
const setup = (queue: Partial<QueueInput> = {}) => {
  const e = new RoutingEngine();
  must(e.upsertQueue({ id: 'q', requiredSkills: [{ skill: 'billing', minProficiency: 1 }], widenAfterMs: 20_000, ...queue }, 0));
  must(e.upsertAgent({ id: 'a', skills: { billing: 3 }, capacity: { chat: 1 } }, 0));
  must(e.upsertAgent({ id: 'b', skills: { billing: 3 }, capacity: { chat: 1 } }, 0));
  must(e.upsertAgent({ id: 'c', skills: {}, capacity: { chat: 1 } }, 0));
  return e;
};
const contact = (id: string, extra: Partial<ContactInput> = {}): ContactInput => ({
  id,
  queueId: 'q',
  channel: 'chat',
  tier: 'middle',
  ...extra,
});
/** Makes an agent busy with a contact of its own. */
const busy = (e: RoutingEngine, agent: string, id: string, now: number) => {
  must(e.setAgentState(agent, 'available', now));
  const [o] = offers(must(e.enqueue(contact(id, { targetAgentId: agent }), now)));
  must(e.accept(o?.contactId ?? '', agent, now));
};

describe('targeted routing', () => {
  it('should offer a targeted contact to its target even when another agent has waited longer', () => {
    const e = setup();
    must(e.setAgentState('a', 'available', 0));
    must(e.setAgentState('b', 'available', 1000));
    const [o] = offers(must(e.enqueue(contact('k', { targetAgentId: 'b' }), 5000)));
    expect(o).toMatchObject({ contactId: 'k', agentId: 'b' });
    expect(o?.decision).toMatchObject({ policy: 'targeted', why: 'targeted', considered: 1, trigger: 'contact_arrived' });
    expect(o?.decision.candidates).toEqual([{ id: 'b', score: 0, reason: 'targeted', level: 'strict' }]);
    expect(explainDecision(o?.decision ?? ({} as never))).toContain('the contact was sent to this agent');
    expect(e.audit()).toEqual([]);
  });

  it('should offer to a target who lacks the queue skills', () => {
    const e = setup();
    must(e.setAgentState('c', 'available', 0));
    const [o] = offers(must(e.enqueue(contact('k', { targetAgentId: 'c' }), 1000)));
    expect(o).toMatchObject({ agentId: 'c', decision: { policy: 'targeted' } });
  });

  it('should keep a targeted contact from other agents while it waits for its busy target', () => {
    const e = setup();
    busy(e, 'b', 'x', 0);
    must(e.setAgentState('a', 'available', 0));
    const acts = must(e.enqueue(contact('k', { targetAgentId: 'b' }), 1000));
    expect(offers(acts)).toEqual([]);
    expect(e.contact('k')).toMatchObject({ state: 'queued', targetAgentId: 'b' });
    expect(e.position('k')).toBe(1);
    expect(e.estimatedWaitMs('k')).toBeNull();
    expect(e.snapshot(1000).queues[0]).toMatchObject({ waiting: 1, waitingByChannel: { chat: 1 } });
    expect(e.audit()).toEqual([]);
    // The target frees up: the contact goes to it, not to a, who has been idle all along.
    const [o] = offers(must(e.release('x', 5000)));
    expect(o).toMatchObject({ contactId: 'k', agentId: 'b', decision: { policy: 'targeted', trigger: 'agent_freed' } });
    expect(o?.decision.candidates[0]?.score).toBe(4000);
    expect(e.audit()).toEqual([]);
  });

  it('should serve a targeted contact before the target agent takes queue work', () => {
    const e = setup();
    busy(e, 'b', 'x', 0);
    must(e.enqueue(contact('old'), 100));
    must(e.enqueue(contact('k', { targetAgentId: 'b' }), 1000));
    const [o] = offers(must(e.release('x', 2000)));
    expect(o?.contactId).toBe('k');
    expect(e.contact('old')?.state).toBe('queued');
  });

  it('should fall back to normal routing when the target is not free within the queue T1', () => {
    const e = setup();
    busy(e, 'b', 'x', 0);
    must(e.setAgentState('a', 'available', 0));
    must(e.enqueue(contact('k', { targetAgentId: 'b' }), 1000));
    expect(e.nextDeadline()).toBe(21_000);
    expect(e.tick(20_999)).toEqual([]);
    const acts = e.tick(21_000);
    expect(types(acts)).toEqual(['target_lapsed', 'offer']);
    expect(acts[0]).toEqual({ type: 'target_lapsed', contactId: 'k', agentId: 'b', why: 'window_passed' });
    expect(offers(acts)[0]).toMatchObject({
      contactId: 'k',
      agentId: 'a',
      decision: { policy: 'longest_idle', trigger: 'threshold_reached' },
    });
    expect(e.contact('k')?.targetAgentId).toBeNull();
    expect(e.audit()).toEqual([]);
  });

  it('should wait one offer timeout for the target when the queue has no T1', () => {
    const e = setup({ widenAfterMs: null, offerTimeoutMs: 15_000 });
    busy(e, 'b', 'x', 0);
    must(e.enqueue(contact('k', { targetAgentId: 'b' }), 1000));
    expect(e.nextDeadline()).toBe(16_000);
  });

  it('should stop waiting for the target at the queue max wait', () => {
    const e = setup({ maxWaitMs: 10_000, maxWaitAction: 'abandon' });
    busy(e, 'b', 'x', 0);
    must(e.enqueue(contact('k', { targetAgentId: 'b' }), 1000));
    expect(e.nextDeadline()).toBe(11_000);
    expect(types(e.tick(11_000))).toEqual(['target_lapsed', 'max_wait']);
    expect(e.contact('k')).toBeNull();
  });

  it('should keep the contact place in line by arrival after the target lapses', () => {
    const e = setup();
    busy(e, 'a', 'y', 0);
    busy(e, 'b', 'x', 0);
    must(e.enqueue(contact('later'), 5000));
    // A transfer keeps the contact's original arrival time.
    must(e.enqueue(contact('k', { targetAgentId: 'b', enqueuedAt: 1000 }), 6000));
    e.tick(26_000);
    expect(e.position('k')).toBe(1);
    expect(offers(must(e.release('y', 27_000)))[0]?.contactId).toBe('k');
  });

  it.each([
    ['rejects', 'reject', 'offer_rejected'],
    ['misses', 'expire', 'offer_timeout'],
  ] as const)('should fall back to the queue when the target %s the offer', (_name, how, why) => {
    const e = setup({ offerTimeoutMs: 10_000 });
    must(e.setAgentState('a', 'available', 0));
    must(e.setAgentState('b', 'available', 1000));
    must(e.enqueue(contact('k', { targetAgentId: 'b' }), 2000));
    const acts = how === 'reject' ? must(e.reject('k', 'b', 3000)) : e.tick(12_000);
    const lapsed = acts.find((a) => a.type === 'target_lapsed');
    expect(lapsed).toEqual({ type: 'target_lapsed', contactId: 'k', agentId: 'b', why });
    const [o] = offers(acts);
    expect(o).toMatchObject({ contactId: 'k', agentId: 'a', decision: { trigger: 'contact_requeued', policy: 'longest_idle' } });
    expect(e.audit()).toEqual([]);
  });

  it('should keep waiting for a target who steps away during the offer, then offer again', () => {
    const e = setup();
    must(e.setAgentState('a', 'available', 0));
    must(e.setAgentState('b', 'available', 0));
    must(e.enqueue(contact('k', { targetAgentId: 'b' }), 1000));
    const acts = must(e.setAgentState('b', 'break', 2000, 'coffee'));
    expect(types(acts)).toEqual(['offer_withdrawn', 'requeued']);
    expect(e.contact('k')).toMatchObject({ state: 'queued', targetAgentId: 'b' });
    const [o] = offers(must(e.setAgentState('b', 'available', 5000)));
    expect(o).toMatchObject({ contactId: 'k', agentId: 'b', decision: { policy: 'targeted' } });
    expect(e.audit()).toEqual([]);
  });

  it('should route normally at once when the target agent is removed', () => {
    const e = setup();
    must(e.setAgentState('a', 'available', 0));
    must(e.setAgentState('b', 'available', 0));
    must(e.setAgentState('b', 'break', 0, 'lunch'));
    busy(e, 'a', 'y', 0);
    must(e.enqueue(contact('k', { targetAgentId: 'b' }), 1000));
    const acts = must(e.removeAgent('b', 2000));
    expect(acts).toEqual([{ type: 'target_lapsed', contactId: 'k', agentId: 'b', why: 'agent_removed' }]);
    expect(e.contact('k')).toMatchObject({ state: 'queued', targetAgentId: null });
    expect(offers(must(e.release('y', 3000)))[0]?.contactId).toBe('k');
    expect(e.audit()).toEqual([]);
  });

  it('should let a waiting targeted contact be removed, and its queue then be removed', () => {
    const e = setup();
    busy(e, 'b', 'x', 0);
    must(e.enqueue(contact('k', { targetAgentId: 'b' }), 1000));
    expect(e.removeQueue('q', 1000).ok).toBe(false);
    must(e.remove('k', 2000, 'abandoned'));
    expect(e.contact('k')).toBeNull();
    expect(e.nextDeadline()).toBeNull();
    expect(e.audit()).toEqual([]);
  });

  it('should refuse an unknown target agent and change nothing', () => {
    const e = setup();
    const r = e.enqueue(contact('k', { targetAgentId: 'nobody' }), 1000);
    expect(r.ok ? null : r.error).toMatchObject({ code: 'UNKNOWN_AGENT', field: 'targetAgentId' });
    expect(e.contact('k')).toBeNull();
  });

  it('should prefer the target over the customer last agent', () => {
    const e = setup();
    must(e.setAgentState('a', 'available', 0));
    must(e.setAgentState('b', 'available', 0));
    const [o] = offers(must(e.enqueue(contact('k', { targetAgentId: 'b', lastAgentId: 'a' }), 1000)));
    expect(o).toMatchObject({ agentId: 'b', decision: { why: 'targeted' } });
  });

  it('should restore a contact waiting for its target with its original window', () => {
    const e = setup();
    must(e.setAgentState('a', 'available', 0));
    const r = new RoutingEngine();
    must(r.upsertQueue({ id: 'q', requiredSkills: [{ skill: 'billing', minProficiency: 1 }], widenAfterMs: 20_000 }, 0));
    for (const id of ['a', 'b']) must(r.upsertAgent({ id, skills: { billing: 3 }, capacity: { chat: 1 } }, 0));
    const restored = must(
      r.restore(
        {
          agents: [
            { id: 'a', presence: 'available', since: 0 },
            { id: 'b', presence: 'break', since: 0 },
          ],
          contacts: [{ ...contact('k', { targetAgentId: 'b', targetedAt: 1000, enqueuedAt: 1000 }), state: 'queued' }],
        },
        5000,
      ),
    );
    expect(offers(restored)).toEqual([]);
    expect(r.contact('k')?.targetAgentId).toBe('b');
    expect(r.nextDeadline()).toBe(21_000);
    expect(r.audit()).toEqual([]);
  });
});
