import { describe, expect, it } from 'vitest';
import { RoutingEngine } from './engine.js';
import type { RoutingResult } from './errors.js';
import type { Policy, RoutingAction } from './types.js';

const must = <T>(r: RoutingResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const offers = (acts: readonly RoutingAction[]) => acts.flatMap((a) => (a.type === 'offer' ? [a] : []));

/** Three chat agents in queue q; the test shapes their history, then one contact arrives. */
const setup = (policy: Policy) => {
  const e = new RoutingEngine();
  must(e.upsertQueue({ id: 'q', policy, requiredSkills: [{ skill: 'billing', minProficiency: 2 }] }, 0));
  must(e.upsertAgent({ id: 'a1', skills: { billing: 2 }, capacity: { chat: 2 } }, 0));
  must(e.upsertAgent({ id: 'a2', skills: { billing: 5 }, capacity: { chat: 2 } }, 0));
  must(e.upsertAgent({ id: 'a3', skills: { billing: 3 }, capacity: { chat: 2 } }, 0));
  return e;
};
const arrive = (e: RoutingEngine, id: string, now: number, extra: { lastAgentId?: string; lastContactAt?: number } = {}) =>
  offers(must(e.enqueue({ id, queueId: 'q', channel: 'chat', tier: 'middle', ...extra }, now)));

describe('agent selection policies', () => {
  it('should offer to the agent idle longest when the policy is longest_idle', () => {
    const e = setup('longest_idle');
    must(e.setAgentState('a2', 'available', 1000));
    must(e.setAgentState('a3', 'available', 2000));
    must(e.setAgentState('a1', 'available', 3000));
    const [o] = arrive(e, 'c1', 5000);
    expect(o?.agentId).toBe('a2');
    expect(o?.decision.policy).toBe('longest_idle');
    expect(o?.decision.candidates.map((c) => [c.id, c.score])).toEqual([
      ['a2', 4000],
      ['a3', 3000],
      ['a1', 2000],
    ]);
    expect(o?.decision.why).toBe('best_score');
    expect(o?.decision.considered).toBe(3);
  });

  it('should offer to the agent with the most free capacity when the policy is least_occupied', () => {
    const e = setup('least_occupied');
    for (const a of ['a1', 'a2', 'a3']) must(e.setAgentState(a, 'available', 0));
    // Two contacts land on two agents; the third agent is the only one with nothing.
    const first = arrive(e, 'c1', 10);
    const second = arrive(e, 'c2', 20);
    const busy = new Set([first[0]?.agentId, second[0]?.agentId]);
    expect(busy.size).toBe(2);
    const [o] = arrive(e, 'c3', 30);
    expect(busy.has(o?.agentId)).toBe(false);
    expect(o?.decision.candidates[0]?.score).toBe(100);
    expect(o?.decision.candidates[1]?.score).toBe(50);
  });

  it('should rotate through agents when the policy is round_robin', () => {
    const e = setup('round_robin');
    for (const a of ['a1', 'a2', 'a3']) must(e.setAgentState(a, 'available', 0));
    const got: string[] = [];
    for (let i = 0; i < 6; i++) {
      const [o] = arrive(e, `c${i}`, 100 + i);
      got.push(o?.agentId ?? '');
      must(e.accept(`c${i}`, o?.agentId ?? '', 100 + i));
      must(e.release(`c${i}`, 100 + i));
    }
    expect(new Set(got.slice(0, 3)).size).toBe(3);
    expect(got.slice(3)).toEqual(got.slice(0, 3));
  });

  it('should offer to the most proficient agent when the policy is best_proficiency', () => {
    const e = setup('best_proficiency');
    must(e.setAgentState('a1', 'available', 0));
    must(e.setAgentState('a3', 'available', 0));
    must(e.setAgentState('a2', 'available', 500));
    const [o] = arrive(e, 'c1', 1000);
    expect(o?.agentId).toBe('a2');
    expect(o?.decision.candidates.map((c) => c.score)).toEqual([5, 3, 2]);
  });

  it('should break policy ties by longest idle', () => {
    const e = setup('best_proficiency');
    must(e.upsertAgent({ id: 'a4', skills: { billing: 5 }, capacity: { chat: 1 } }, 0));
    must(e.setAgentState('a4', 'available', 100));
    must(e.setAgentState('a2', 'available', 200));
    expect(arrive(e, 'c1', 1000)[0]?.agentId).toBe('a4');
  });

  it('should say only_candidate when one agent could take the contact', () => {
    const e = setup('longest_idle');
    must(e.setAgentState('a1', 'available', 0));
    const [o] = arrive(e, 'c1', 10);
    expect(o?.decision.why).toBe('only_candidate');
  });
});

describe('last-agent preference', () => {
  it('should offer to the last agent when within the window even if another agent is idle longer', () => {
    const e = setup('longest_idle');
    must(e.setAgentState('a1', 'available', 0));
    must(e.setAgentState('a3', 'available', 5000));
    const [o] = arrive(e, 'c1', 10_000, { lastAgentId: 'a3', lastContactAt: 9000 });
    expect(o?.agentId).toBe('a3');
    expect(o?.decision.why).toBe('last_agent');
    expect(o?.decision.policy).toBe('last_agent');
  });

  it('should fall back to the policy when the last contact is outside the window', () => {
    const e = new RoutingEngine();
    must(e.upsertQueue({ id: 'q', lastAgentWindowMs: 1000 }, 0));
    must(e.upsertAgent({ id: 'a1', skills: {}, capacity: { chat: 1 } }, 0));
    must(e.upsertAgent({ id: 'a3', skills: {}, capacity: { chat: 1 } }, 0));
    must(e.setAgentState('a1', 'available', 0));
    must(e.setAgentState('a3', 'available', 5000));
    expect(arrive(e, 'c1', 10_000, { lastAgentId: 'a3', lastContactAt: 8000 })[0]?.agentId).toBe('a1');
  });

  it('should fall back to the policy when the last agent is not available', () => {
    const e = setup('longest_idle');
    must(e.setAgentState('a1', 'available', 0));
    must(e.setAgentState('a3', 'break', 0, 'lunch'));
    const [o] = arrive(e, 'c1', 10, { lastAgentId: 'a3' });
    expect(o?.agentId).toBe('a1');
    expect(o?.decision.why).toBe('only_candidate');
  });

  it('should not prefer a last agent who lacks the queue skills', () => {
    const e = setup('longest_idle');
    must(e.upsertAgent({ id: 'x', skills: {}, capacity: { chat: 1 } }, 0));
    must(e.setAgentState('x', 'available', 0));
    expect(arrive(e, 'c1', 10, { lastAgentId: 'x' })).toEqual([]);
    expect(e.contact('c1')?.state).toBe('queued');
  });
});
