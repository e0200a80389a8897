import { describe, expect, it } from 'vitest';
import { RoutingEngine } from './engine.js';
import type { RoutingResult } from './errors.js';
import type { RoutingAction } from './types.js';

const must = <T>(r: RoutingResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const types = (acts: readonly RoutingAction[]) => acts.map((a) => a.type);
const offers = (acts: readonly RoutingAction[]) => acts.flatMap((a) => (a.type === 'offer' ? [a] : []));

/** Agent a is offered c1 while c2 (later) waits behind it. */
const setup = () => {
  const e = new RoutingEngine();
  must(e.upsertQueue({ id: 'q', offerTimeoutMs: 20_000 }, 0));
  must(e.upsertAgent({ id: 'a', skills: {}, capacity: { voice: 1 } }, 0));
  must(e.upsertAgent({ id: 'b', skills: {}, capacity: { voice: 1 } }, 0));
  must(e.setAgentState('a', 'available', 0));
  must(e.enqueue({ id: 'c1', queueId: 'q', channel: 'voice', tier: 'low' }, 1000));
  must(e.enqueue({ id: 'c2', queueId: 'q', channel: 'voice', tier: 'low' }, 2000));
  return e;
};

describe('offers', () => {
  it('should reserve capacity with the offer and assign on accept', () => {
    const e = setup();
    expect(e.contact('c1')).toEqual({
      state: 'offered',
      queueId: 'q',
      agentId: 'a',
      offerExpiresAt: 21_000,
      targetAgentId: null,
      wrapUntil: null,
    });
    expect(e.contact('c2')?.state).toBe('queued');
    expect(must(e.accept('c1', 'a', 5000))).toEqual([]);
    expect(e.contact('c1')).toMatchObject({ state: 'assigned', agentId: 'a' });
  });

  it('should return a rejected contact to the head and make the agent not ready', () => {
    const e = setup();
    const acts = must(e.reject('c1', 'a', 5000));
    expect(acts).toEqual([
      { type: 'agent_not_ready', agentId: 'a', reason: 'offer_rejected' },
      { type: 'requeued', contactId: 'c1', queueId: 'q', why: 'rejected' },
    ]);
    expect(e.position('c1')).toBe(1);
    expect(e.position('c2')).toBe(2);
    expect(e.snapshot(5000).agents.find((x) => x.id === 'a')).toMatchObject({ presence: 'not_ready', breakReason: 'offer_rejected' });
    // The next agent gets c1 first, not c2.
    expect(offers(must(e.setAgentState('b', 'available', 6000)))[0]?.contactId).toBe('c1');
  });

  it('should expire an unanswered offer at its timeout, like a reject', () => {
    const e = setup();
    must(e.setAgentState('b', 'break', 0));
    expect(e.nextDeadline()).toBe(21_000);
    const acts = e.tick(21_000);
    expect(types(acts)).toEqual(['offer_expired', 'agent_not_ready', 'requeued']);
    expect(e.position('c1')).toBe(1);
    expect(e.accept('c1', 'a', 21_000)).toMatchObject({ ok: false, error: { code: 'NOT_OFFERED' } });
  });

  it('should re-offer a returned contact to another available agent at once', () => {
    const e = new RoutingEngine();
    must(e.upsertQueue({ id: 'q' }, 0));
    for (const id of ['a', 'b']) must(e.upsertAgent({ id, skills: {}, capacity: { voice: 1 } }, 0));
    must(e.setAgentState('a', 'available', 0));
    must(e.enqueue({ id: 'c1', queueId: 'q', channel: 'voice', tier: 'low' }, 1000));
    must(e.setAgentState('b', 'available', 2000));
    const acts = must(e.reject('c1', 'a', 3000));
    expect(types(acts)).toEqual(['agent_not_ready', 'requeued', 'offer']);
    expect(offers(acts)[0]).toMatchObject({ contactId: 'c1', agentId: 'b', decision: { trigger: 'contact_requeued' } });
  });

  it('should leave returned contacts waiting when no other agent is free', () => {
    const e = setup();
    must(e.setAgentState('b', 'available', 3000));
    expect(e.contact('c2')).toMatchObject({ state: 'offered', agentId: 'b' });
    must(e.reject('c2', 'b', 4000));
    expect(offers(must(e.reject('c1', 'a', 4000)))).toEqual([]);
    expect(e.snapshot(4000).totals).toEqual({ queued: 2, offered: 0, assigned: 0 });
    expect([e.position('c1'), e.position('c2')]).toEqual([1, 2]);
  });

  it('should never offer one contact to two agents or to an agent who is not available', () => {
    const e = setup();
    expect(offers(must(e.setAgentState('b', 'available', 3000)))[0]?.contactId).toBe('c2');
    expect(e.accept('c1', 'b', 3000)).toMatchObject({ ok: false, error: { code: 'NOT_OFFERED' } });
    must(e.enqueue({ id: 'c3', queueId: 'q', channel: 'voice', tier: 'high' }, 3000));
    expect(e.contact('c3')?.state).toBe('queued');
    expect(e.audit()).toEqual([]);
  });

  it('should withdraw pending offers when the agent leaves available', () => {
    const e = setup();
    const acts = must(e.setAgentState('a', 'break', 3000, 'lunch'));
    expect(acts).toEqual([
      { type: 'offer_withdrawn', contactId: 'c1', agentId: 'a', why: 'agent_unavailable' },
      { type: 'requeued', contactId: 'c1', queueId: 'q', why: 'withdrawn' },
    ]);
    expect(e.snapshot(3000).agents.find((x) => x.id === 'a')).toMatchObject({ presence: 'break', breakReason: 'lunch', load: {} });
  });

  it('should free the slot and offer the next contact when an offered contact is removed', () => {
    const e = setup();
    const acts = must(e.remove('c1', 3000, 'abandoned'));
    expect(types(acts)).toEqual(['offer_withdrawn', 'offer']);
    expect(offers(acts)[0]).toMatchObject({ contactId: 'c2', agentId: 'a' });
    expect(e.remove('c1', 3000, 'abandoned')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CONTACT' } });
  });

  it('should refuse illegal requests without changing anything', () => {
    const e = setup();
    expect(e.release('c1', 3000)).toMatchObject({ ok: false, error: { code: 'NOT_ASSIGNED' } });
    expect(e.reject('c2', 'a', 3000)).toMatchObject({ ok: false, error: { code: 'NOT_OFFERED' } });
    expect(e.setAgentState('zz', 'available', 3000)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_AGENT' } });
    expect(e.enqueue({ id: 'c1', queueId: 'q', channel: 'voice', tier: 'low' }, 3000)).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE_CONTACT' },
    });
    expect(e.enqueue({ id: 'c9', queueId: 'nope', channel: 'voice', tier: 'low' }, 3000)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_QUEUE' },
    });
    expect(e.enqueue({ id: 'c9', queueId: 'q', channel: 'fax', tier: 'low' }, 3000)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    must(e.setAgentState('b', 'break', 3000));
    expect(e.setAgentState('b', 'wrap_up', 3000)).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect(e.snapshot(3000).totals).toEqual({ queued: 1, offered: 1, assigned: 0 });
    expect(e.audit()).toEqual([]);
  });
});

describe('a refused call after time moved on', () => {
  it('should hand what fell due to the next call instead of losing it with the refusal', () => {
    const e = setup();
    must(e.setAgentState('b', 'break', 0));
    // c1's offer expired at 21 s; the late accept is refused, but the expiry already happened.
    expect(e.accept('c1', 'a', 25_000)).toMatchObject({ ok: false, error: { code: 'NOT_OFFERED' } });
    expect(types(e.tick(25_000))).toEqual(['offer_expired', 'agent_not_ready', 'requeued']);
    expect(e.tick(25_000)).toEqual([]);
    expect(e.position('c1')).toBe(1);
  });

  it('should carry them through any refused call, to the first one that succeeds', () => {
    const e = setup();
    must(e.setAgentState('b', 'break', 0));
    expect(e.release('nope', 25_000)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CONTACT' } });
    expect(e.remove('nope', 25_000, 'abandoned')).toMatchObject({ ok: false });
    const next = must(e.enqueue({ id: 'c3', queueId: 'q', channel: 'voice', tier: 'low' }, 26_000));
    expect(types(next)).toEqual(['offer_expired', 'agent_not_ready', 'requeued']);
  });
});
