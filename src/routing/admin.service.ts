/**
 * Routing administration: skills, queues and agents' routing profiles. Each change is audited,
 * committed, then applied to the tenant's live engine so routing uses it at once.
 */
import type { AuditService } from '../audit/index.js';
import { AppError, type Clock, type IdSource, notFound, type TenantContext } from '../kernel/index.js';
import { type AgentProfilesTable, type Database, isUniqueViolation } from '../platform/db/index.js';
import { engineAgent } from './agent-profile.js';
import { isValidTimezone } from './core/opening-hours.js';
import { engineQueue, type QueueSettings } from './queue-settings.js';
import type { RoutingRuntime } from './runtime.js';
import { agentStore, queueStore, skillStore } from './store.js';
import { type AgentProfileView, agentProfileView, type QueueView, queueView, type SkillView, skillView } from './views.js';

export interface AdminDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly audit: AuditService;
  readonly runtime: RoutingRuntime;
  /** Whether a user of the tenant may hold a routing profile (exists, agent or supervisor). */
  readonly isRoutableUser: (ctx: TenantContext, userId: string) => Promise<boolean>;
}

export interface AgentProfileInput {
  readonly skills: Record<string, number>;
  readonly capacity: Record<string, number>;
  /** Omitted or null: wrap-up lasts until the agent records the disposition. */
  readonly wrapUpSeconds?: number | null;
}

/** A concurrent create or rename that took the name first: CONFLICT; anything else as it was. */
const queueNameTaken = (e: unknown, name: string): unknown =>
  isUniqueViolation(e) ? new AppError('CONFLICT', `A queue named "${name}" already exists.`) : e;

export class RoutingAdminService {
  constructor(private readonly d: AdminDeps) {}

  async listSkills(ctx: TenantContext): Promise<SkillView[]> {
    return (await this.d.db.tx(ctx.tenantId, (trx) => skillStore.list(trx, ctx.tenantId))).map(skillView);
  }

  async createSkill(ctx: TenantContext, name: string, description: string | null): Promise<SkillView> {
    const now = this.d.clock.now();
    const row = { tenant_id: ctx.tenantId, id: this.d.ids.next('skl'), name: name.trim(), description, created_at: now };
    try {
      await this.d.db.tx(ctx.tenantId, async (trx) => {
        await skillStore.insert(trx, row);
        await this.d.audit.record(
          trx,
          ctx,
          ctx.tenantId,
          { action: 'skill.create', targetType: 'skill', targetId: row.id, before: null, after: { name: row.name } },
          now,
        );
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('CONFLICT', `A skill named "${row.name}" already exists.`);
      throw e;
    }
    return skillView(row);
  }

  async listQueues(ctx: TenantContext): Promise<QueueView[]> {
    return (await this.d.db.tx(ctx.tenantId, (trx) => queueStore.list(trx, ctx.tenantId))).map(queueView);
  }

  async getQueue(ctx: TenantContext, id: string): Promise<QueueView> {
    const row = await this.d.db.tx(ctx.tenantId, (trx) => queueStore.byId(trx, ctx.tenantId, id));
    if (!row) throw notFound('queue');
    return queueView(row);
  }

  /** Checks references a queue makes: skills and overflow queue exist, the time zone is real. */
  private async assertQueueRefs(ctx: TenantContext, selfId: string, s: QueueSettings): Promise<void> {
    await this.d.db.tx(ctx.tenantId, async (trx) => {
      for (const r of s.requiredSkills ?? []) {
        if (!(await skillStore.byId(trx, ctx.tenantId, r.skill)))
          throw new AppError('UNKNOWN_SKILL', `No skill ${r.skill}; create it first.`);
      }
      if (s.overflowQueueId) {
        if (s.overflowQueueId === selfId) throw new AppError('VALIDATION_FAILED', 'A queue cannot overflow into itself.');
        if (!(await queueStore.byId(trx, ctx.tenantId, s.overflowQueueId)))
          throw new AppError('UNKNOWN_QUEUE', `No queue ${s.overflowQueueId} to overflow into.`);
      }
    });
    if (s.openingHours && !isValidTimezone(s.openingHours.timezone)) {
      throw new AppError('VALIDATION_FAILED', undefined, [
        { field: 'config.openingHours.timezone', issue: 'is not a known IANA time zone' },
      ]);
    }
  }

  async createQueue(ctx: TenantContext, name: string, settings: QueueSettings): Promise<QueueView> {
    const id = this.d.ids.next('que');
    await this.assertQueueRefs(ctx, id, settings);
    const now = this.d.clock.now();
    const row = { tenant_id: ctx.tenantId, id, name: name.trim(), config: JSON.stringify(settings), created_at: now, updated_at: now };
    await this.assertQueueNameFree(ctx, row.name, id);
    try {
      await this.d.runtime.change(
        ctx.tenantId,
        (engine, t) => engine.upsertQueue(engineQueue(id, settings), t),
        async (trx, t) => {
          await queueStore.insert(trx, { ...row, created_at: t, updated_at: t });
          await this.d.audit.record(
            trx,
            ctx,
            ctx.tenantId,
            { action: 'queue.create', targetType: 'queue', targetId: id, before: null, after: { name: row.name, config: settings } },
            t,
          );
        },
      );
    } catch (e) {
      throw queueNameTaken(e, row.name);
    }
    await this.d.runtime.rememberQueue(ctx.tenantId, id, settings);
    return queueView(row);
  }

  /**
   * Checked before the change: a duplicate name found by the insert would fail the unit after
   * routing took the change, and routing would rebuild the tenant's engine for a typo.
   */
  private async assertQueueNameFree(ctx: TenantContext, name: string, id: string): Promise<void> {
    const other = await this.d.db.tx(ctx.tenantId, (trx) => queueStore.byName(trx, ctx.tenantId, name));
    if (other && other.id !== id) throw new AppError('CONFLICT', `A queue named "${name}" already exists.`);
  }

  async updateQueue(ctx: TenantContext, id: string, patch: { name?: string; config?: QueueSettings }): Promise<QueueView> {
    const before = await this.getQueue(ctx, id);
    const settings = patch.config ?? before.config;
    await this.assertQueueRefs(ctx, id, settings);
    const now = this.d.clock.now();
    const name = patch.name?.trim() ?? before.name;
    await this.assertQueueNameFree(ctx, name, id);
    await this.d.runtime
      .change(
        ctx.tenantId,
        (engine, t) => engine.upsertQueue(engineQueue(id, settings), t),
        async (trx, t) => {
          await queueStore.update(trx, ctx.tenantId, id, { name, config: JSON.stringify(settings), updated_at: t });
          await this.d.audit.record(
            trx,
            ctx,
            ctx.tenantId,
            {
              action: 'queue.update',
              targetType: 'queue',
              targetId: id,
              before: { name: before.name, config: before.config },
              after: { name, config: settings },
            },
            t,
          );
        },
      )
      .catch((e: unknown) => {
        throw queueNameTaken(e, name);
      });
    await this.d.runtime.rememberQueue(ctx.tenantId, id, settings);
    return { ...before, name, config: settings, updatedAt: now };
  }

  async listAgents(ctx: TenantContext): Promise<AgentProfileView[]> {
    return (await this.d.db.tx(ctx.tenantId, (trx) => agentStore.list(trx, ctx.tenantId))).map(agentProfileView);
  }

  async putAgent(ctx: TenantContext, userId: string, input: AgentProfileInput): Promise<AgentProfileView> {
    if (!(await this.d.isRoutableUser(ctx, userId))) throw new AppError('UNKNOWN_AGENT', 'No active agent or supervisor with this id.');
    await this.d.db.tx(ctx.tenantId, async (trx) => {
      for (const skill of Object.keys(input.skills)) {
        if (!(await skillStore.byId(trx, ctx.tenantId, skill))) throw new AppError('UNKNOWN_SKILL', `No skill ${skill}; create it first.`);
      }
    });
    let row: AgentProfilesTable | null = null;
    const profile = {
      user_id: userId,
      skills: JSON.stringify(input.skills),
      capacity: JSON.stringify(input.capacity),
      wrap_up_seconds: input.wrapUpSeconds ?? null,
    };
    await this.d.runtime.change(
      ctx.tenantId,
      (engine, t) => engine.upsertAgent(engineAgent(profile), t),
      async (trx, t) => {
        const before = await agentStore.byId(trx, ctx.tenantId, userId);
        row = {
          tenant_id: ctx.tenantId,
          ...profile,
          presence: before?.presence ?? 'offline',
          break_reason: before?.break_reason ?? null,
          presence_since: before ? Number(before.presence_since) : t,
          updated_at: t,
        };
        await agentStore.upsert(trx, row);
        const was = before
          ? { skills: JSON.parse(before.skills), capacity: JSON.parse(before.capacity), wrapUpSeconds: before.wrap_up_seconds }
          : null;
        await this.d.audit.record(
          trx,
          ctx,
          ctx.tenantId,
          {
            action: 'agent_profile.put',
            targetType: 'user',
            targetId: userId,
            before: was,
            after: { ...input, wrapUpSeconds: profile.wrap_up_seconds },
          },
          t,
        );
      },
    );
    if (!row) throw new AppError('INTERNAL');
    return agentProfileView(row);
  }
}
