/**
 * The live side of routing: agents' presence, the real-time snapshot of queues and agents, a
 * waiting contact's position and estimated wait, and the decision log.
 */
import { contactStore } from '../contacts/index.js';
import { AppError, notFound, type TenantContext } from '../kernel/index.js';
import type { Database } from '../platform/db/index.js';
import type { Outbox } from '../platform/events/index.js';
import type { Decision, EngineSnapshot, PresenceState } from './core/index.js';
import { presenceChanged } from './events.js';
import type { RoutingRuntime } from './runtime.js';
import { agentStore, decisionStore } from './store.js';

export interface DecisionEntry {
  readonly id: string;
  readonly contactId: string;
  readonly agentId: string;
  readonly at: number;
  readonly decision: Decision;
}

export interface WaitInfo {
  readonly contactId: string;
  readonly state: string;
  readonly position: number | null;
  readonly estimatedWaitMs: number | null;
}

export class RoutingLiveService {
  constructor(
    private readonly db: Database,
    private readonly runtime: RoutingRuntime,
    private readonly outbox: Outbox,
  ) {}

  async setPresence(ctx: TenantContext, agentId: string, presence: PresenceState, reason: string | null): Promise<void> {
    if (presence === 'break' && !reason)
      throw new AppError('VALIDATION_FAILED', 'A break needs a reason code.', [{ field: 'reason', issue: 'is required for a break' }]);
    await this.runtime.change(
      ctx.tenantId,
      (engine, now) => engine.setAgentState(agentId, presence, now, reason ?? undefined),
      async (trx, now) => {
        // Stored as the engine holds it (a restart restores from here): staying in a state keeps
        // its start time, and only a break or not-ready carries a reason.
        const before = await agentStore.byId(trx, ctx.tenantId, agentId);
        const since = before?.presence === presence ? Number(before.presence_since) : now;
        const why = presence === 'break' || presence === 'not_ready' ? reason : null;
        await agentStore.setPresence(trx, ctx.tenantId, agentId, presence, why, since);
        // Setting the state one is already in (same reason) is no change and tells nobody anything.
        if (before?.presence !== presence || (before.break_reason ?? null) !== why)
          await this.outbox.append(trx, ctx.tenantId, [presenceChanged(agentId, presence, since, why)], now);
      },
    );
  }

  snapshot(ctx: TenantContext): Promise<EngineSnapshot> {
    return this.runtime.read(ctx.tenantId, (engine, now) => engine.snapshot(now));
  }

  async wait(ctx: TenantContext, contactId: string): Promise<WaitInfo> {
    const row = await this.db.tx(ctx.tenantId, (trx) => contactStore.byId(trx, ctx.tenantId, contactId));
    if (!row) throw notFound('contact');
    return this.runtime.read(ctx.tenantId, (engine) => ({
      contactId,
      state: row.state,
      position: engine.position(contactId),
      estimatedWaitMs: engine.estimatedWaitMs(contactId),
    }));
  }

  async decisions(ctx: TenantContext, q: { contactId?: string; before?: string; limit: number }): Promise<DecisionEntry[]> {
    const rows = await this.db.tx(ctx.tenantId, (trx) =>
      q.contactId
        ? decisionStore.forContact(trx, ctx.tenantId, q.contactId)
        : decisionStore.recent(trx, ctx.tenantId, q.before ?? null, q.limit),
    );
    return rows.slice(0, q.limit).map((r) => ({
      id: r.id,
      contactId: r.contact_id,
      agentId: r.agent_id,
      at: Number(r.at),
      decision: JSON.parse(r.record) as Decision,
    }));
  }
}
