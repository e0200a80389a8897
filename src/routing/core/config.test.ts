import { describe, expect, it } from 'vitest';
import { explainDecision } from './decision.js';
import { RoutingEngine } from './engine.js';
import type { RoutingResult } from './errors.js';
import { canMove, PRESENCE_TRANSITIONS } from './presence.js';
import { PRESENCE_STATES, type QueueInput } from './types.js';

const must = <T>(r: RoutingResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('queue and agent configuration', () => {
  it.each([
    ['an empty id', { id: '' }, 'id'],
    ['a proficiency of 6', { id: 'q', requiredSkills: [{ skill: 's', minProficiency: 6 }] }, 'requiredSkills'],
    ['a negative T1', { id: 'q', widenAfterMs: -1 }, 'widenAfterMs'],
    ['a zero offer timeout', { id: 'q', offerTimeoutMs: 0 }, 'offerTimeoutMs'],
    ['an unknown overflow queue', { id: 'q', overflowQueueId: 'nope', overflowAfterMs: 1 }, 'overflowQueueId'],
    ['overflow into itself', { id: 'q', overflowQueueId: 'q', overflowAfterMs: 1 }, 'overflowQueueId'],
    ['an overflow queue without T2', { id: 'q', overflowQueueId: 'other' }, 'overflowAfterMs'],
    ['a target for an unknown tier', { id: 'q', serviceLevels: { gold: { thresholdMs: 1, targetPct: 50 } } }, 'serviceLevels'],
  ] as const)('should refuse a queue with %s', (_name, input: QueueInput, field) => {
    const e = new RoutingEngine();
    must(e.upsertQueue({ id: 'other' }, 0));
    expect(e.upsertQueue(input, 0)).toMatchObject({ ok: false, error: { code: 'INVALID_CONFIG', field } });
    expect(e.queue(input.id)).toBeNull();
  });

  it('should fill in defaults, per-tier service levels included, and accept nulls as unset', () => {
    const e = new RoutingEngine();
    must(
      e.upsertQueue(
        {
          id: 'q',
          widenAfterMs: null,
          overflowQueueId: null,
          maxWaitMs: null,
          serviceLevels: { low: { thresholdMs: 1000, targetPct: 50 } },
        },
        0,
      ),
    );
    expect(e.queue('q')).toMatchObject({
      policy: 'longest_idle',
      widenAfterMs: null,
      maxWaitMs: null,
      offerTimeoutMs: 30_000,
      serviceLevels: {
        high: { thresholdMs: 15_000, targetPct: 90 },
        middle: { thresholdMs: 20_000, targetPct: 80 },
        low: { thresholdMs: 1000, targetPct: 50 },
      },
    });
  });

  it.each([
    ['a proficiency of 0', { billing: 0 }, { chat: 1 }, 'INVALID_CONFIG'],
    ['an unknown channel', {}, { fax: 1 }, 'UNKNOWN_CHANNEL'],
    ['a fractional capacity', {}, { chat: 1.5 }, 'INVALID_CONFIG'],
  ])('should refuse an agent with %s', (_name, skills, capacity, code) => {
    const e = new RoutingEngine();
    expect(e.upsertAgent({ id: 'a', skills, capacity }, 0)).toMatchObject({ ok: false, error: { code } });
  });

  it('should refuse to remove a queue in use, or an agent with assigned work', () => {
    const e = new RoutingEngine();
    must(e.upsertQueue({ id: 'spill' }, 0));
    must(e.upsertQueue({ id: 'q', overflowQueueId: 'spill', overflowAfterMs: 1000 }, 0));
    must(e.upsertAgent({ id: 'a', skills: {}, capacity: { chat: 1 } }, 0));
    must(e.setAgentState('a', 'available', 0));
    must(e.enqueue({ id: 'c', queueId: 'q', channel: 'chat', tier: 'low' }, 0));
    must(e.accept('c', 'a', 0));
    expect(e.removeQueue('spill', 0)).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    expect(e.removeQueue('q', 0)).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    expect(e.removeAgent('a', 0)).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    must(e.release('c', 1));
    must(e.removeQueue('q', 1));
    must(e.removeAgent('a', 1));
    expect(e.snapshot(1).agents).toEqual([]);
    expect(e.audit()).toEqual([]);
  });
});

describe('agent presence transitions', () => {
  it('should allow exactly the transitions in the table', () => {
    for (const from of PRESENCE_STATES) {
      for (const to of PRESENCE_STATES) {
        expect(canMove(from, to)).toBe(from === to || PRESENCE_TRANSITIONS[from].includes(to));
      }
    }
    expect(canMove('offline', 'wrap_up')).toBe(false);
    expect(canMove('break', 'wrap_up')).toBe(false);
    expect(canMove('wrap_up', 'available')).toBe(true);
  });
});

describe('decision explanations', () => {
  it('should read as one line naming the winner and what it beat', () => {
    const e = new RoutingEngine();
    must(e.upsertQueue({ id: 'q' }, 0));
    must(e.upsertAgent({ id: 'a', skills: {}, capacity: { voice: 1 } }, 0));
    must(e.enqueue({ id: 'low1', queueId: 'q', channel: 'voice', tier: 'low' }, 0));
    must(e.enqueue({ id: 'high1', queueId: 'q', channel: 'voice', tier: 'high' }, 1000));
    const [offer] = must(e.setAgentState('a', 'available', 2000));
    expect(offer?.type).toBe('offer');
    if (offer?.type !== 'offer') return;
    expect(explainDecision(offer.decision)).toBe(
      '#1 agent had free capacity: high1 -> a in q by priority (best of 2): high1 (tier high, strict, priority 301000); ahead of low1 (tier low, strict, priority 2000)',
    );
  });
});
