import { describe, expect, it } from 'vitest';
import { RoutingEngine } from './engine.js';
import type { RoutingResult } from './errors.js';
import type { RoutingAction } from './types.js';

const must = <T>(r: RoutingResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const offers = (acts: readonly RoutingAction[]) => acts.flatMap((a) => (a.type === 'offer' ? [a] : []));

const blended = () => {
  const e = new RoutingEngine();
  must(e.upsertQueue({ id: 'q' }, 0));
  must(e.upsertAgent({ id: 'a', skills: {}, capacity: { voice: 1, chat: 3, email: 2 } }, 0));
  return e;
};
const arrive = (e: RoutingEngine, id: string, channel: string, now: number) =>
  offers(must(e.enqueue({ id, queueId: 'q', channel, tier: 'low' }, now)));

describe('capacity and blending', () => {
  it('should take up to the chat capacity and no more', () => {
    const e = blended();
    must(e.setAgentState('a', 'available', 0));
    for (const id of ['c1', 'c2', 'c3']) expect(arrive(e, id, 'chat', 1)).toHaveLength(1);
    expect(arrive(e, 'c4', 'chat', 2)).toEqual([]);
    expect(e.snapshot(2).agents[0]).toMatchObject({ status: 'available', load: { chat: 3 } });
  });

  it('should blend chats and emails up to each capacity', () => {
    const e = blended();
    must(e.setAgentState('a', 'available', 0));
    arrive(e, 'c1', 'chat', 1);
    expect(arrive(e, 'e1', 'email', 2)).toHaveLength(1);
    expect(arrive(e, 'e2', 'email', 3)).toHaveLength(1);
    expect(arrive(e, 'e3', 'email', 4)).toEqual([]);
  });

  it('should not take voice while holding other work', () => {
    const e = blended();
    must(e.setAgentState('a', 'available', 0));
    arrive(e, 'c1', 'chat', 1);
    expect(arrive(e, 'v1', 'voice', 2)).toEqual([]);
    // Once the chat ends the agent takes the waiting call, and nothing else with it.
    must(e.accept('c1', 'a', 3));
    const acts = must(e.release('c1', 4));
    expect(offers(acts).map((o) => o.contactId)).toEqual(['v1']);
    expect(arrive(e, 'c2', 'chat', 5)).toEqual([]);
    expect(e.snapshot(5).agents[0]?.status).toBe('busy');
  });

  it('should fill every free slot when the agent becomes available', () => {
    const e = blended();
    for (let i = 0; i < 4; i++) arrive(e, `c${i}`, 'chat', i);
    arrive(e, 'e0', 'email', 10);
    const got = offers(must(e.setAgentState('a', 'available', 20))).map((o) => o.contactId);
    expect(got).toEqual(['c0', 'c1', 'c2', 'e0']);
    expect(e.audit()).toEqual([]);
  });

  it('should keep the load but give no new work when capacity is lowered below it', () => {
    const e = blended();
    must(e.setAgentState('a', 'available', 0));
    arrive(e, 'c1', 'chat', 1);
    arrive(e, 'c2', 'chat', 1);
    must(e.upsertAgent({ id: 'a', skills: {}, capacity: { chat: 1 } }, 2));
    expect(arrive(e, 'c3', 'chat', 3)).toEqual([]);
    must(e.remove('c1', 4, 'closed'));
    expect(arrive(e, 'c4', 'chat', 5)).toEqual([]);
    must(e.remove('c2', 6, 'closed'));
    expect(e.contact('c3')).toMatchObject({ state: 'offered', agentId: 'a' });
  });
});
