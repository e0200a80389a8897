import { describe, expect, it } from 'vitest';
import { RoutingEngine } from './engine.js';
import type { RoutingResult } from './errors.js';
import type { RestoreContact, RoutingAction } from './types.js';

const must = <T>(r: RoutingResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const types = (acts: readonly RoutingAction[]) => acts.map((a) => a.type);

const fresh = () => {
  const e = new RoutingEngine();
  must(e.upsertQueue({ id: 'q', offerTimeoutMs: 20_000 }, 0));
  for (const id of ['a', 'b', 'c']) must(e.upsertAgent({ id, skills: {}, capacity: { voice: 1, chat: 2 } }, 0));
  return e;
};
const base = { queueId: 'q', tier: 'low' } as const;

describe('restore after a restart', () => {
  it('should rebuild queued, offered and assigned contacts and keep routing', () => {
    const e = fresh();
    const contacts: RestoreContact[] = [
      { ...base, id: 'k1', channel: 'voice', enqueuedAt: 1000, state: 'assigned', agentId: 'a', assignedAt: 2000 },
      { ...base, id: 'k2', channel: 'chat', enqueuedAt: 1500, state: 'offered', agentId: 'b', offerExpiresAt: 30_000 },
      { ...base, id: 'k3', channel: 'voice', enqueuedAt: 3000, state: 'queued' },
      { ...base, id: 'k4', channel: 'voice', enqueuedAt: 2500, state: 'queued' },
    ];
    const acts = must(
      e.restore(
        {
          agents: [
            { id: 'a', presence: 'available' },
            { id: 'b', presence: 'available' },
            { id: 'c', presence: 'break', breakReason: 'lunch' },
          ],
          contacts,
        },
        10_000,
      ),
    );
    // b holds a chat offer, so it cannot take voice; a holds a call. Nothing new is offered.
    expect(acts).toEqual([]);
    expect(e.contact('k2')).toEqual({
      state: 'offered',
      queueId: 'q',
      agentId: 'b',
      offerExpiresAt: 30_000,
      targetAgentId: null,
      wrapUntil: null,
    });
    expect([e.position('k4'), e.position('k3')]).toEqual([1, 2]);
    expect(e.audit()).toEqual([]);
    // Routing resumes: the restored offer expires on time, the assigned call's end frees agent a.
    const released = must(e.release('k1', 12_000));
    expect(released).toMatchObject([{ type: 'offer', contactId: 'k4', agentId: 'a' }]);
    expect(types(e.tick(30_000))).toEqual(['offer_expired', 'agent_not_ready', 'requeued']);
    expect(e.audit()).toEqual([]);
  });

  it('should send back offers to agents no longer available and offers that expired while down', () => {
    const e = fresh();
    const acts = must(
      e.restore(
        {
          agents: [
            { id: 'a', presence: 'offline' },
            { id: 'b', presence: 'available' },
          ],
          contacts: [
            { ...base, id: 'k1', channel: 'voice', enqueuedAt: 0, state: 'offered', agentId: 'a', offerExpiresAt: 60_000 },
            { ...base, id: 'k2', channel: 'chat', enqueuedAt: 0, state: 'offered', agentId: 'b', offerExpiresAt: 5000 },
          ],
        },
        10_000,
      ),
    );
    expect(types(acts)).toEqual(['offer_withdrawn', 'requeued', 'offer_expired', 'agent_not_ready', 'requeued']);
    expect(e.snapshot(10_000).totals).toEqual({ queued: 2, offered: 0, assigned: 0 });
    expect(e.audit()).toEqual([]);
  });

  it('should refuse bad input without changing anything', () => {
    const e = fresh();
    const dup: RestoreContact = { ...base, id: 'k1', channel: 'voice', state: 'queued' };
    expect(e.restore({ agents: [], contacts: [dup, dup] }, 0)).toMatchObject({ ok: false, error: { code: 'DUPLICATE_CONTACT' } });
    expect(e.restore({ agents: [{ id: 'zz', presence: 'available' }], contacts: [] }, 0)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_AGENT' },
    });
    const ghost: RestoreContact = { ...base, id: 'k2', channel: 'voice', state: 'assigned', agentId: 'zz', assignedAt: 0 };
    expect(e.restore({ agents: [], contacts: [ghost] }, 0)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_AGENT' } });
    expect(e.snapshot(0).totals).toEqual({ queued: 0, offered: 0, assigned: 0 });
    must(e.enqueue({ ...base, id: 'x', channel: 'voice' }, 0));
    expect(e.restore({ agents: [], contacts: [] }, 0)).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
  });
});
