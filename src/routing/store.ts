/** Queries of skills, queues, agent profiles and the decision log; every one keyed by tenant first. */
import type { Transaction } from 'kysely';
import {
  type AgentProfilesTable,
  type DB,
  insertRows,
  type QueuesTable,
  type RoutingDecisionsTable,
  type SkillsTable,
} from '../platform/db/index.js';

type Trx = Transaction<DB>;

export const skillStore = {
  list: (trx: Trx, tenantId: string) => trx.selectFrom('skills').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute(),
  byId: (trx: Trx, tenantId: string, id: string) =>
    trx.selectFrom('skills').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  insert: (trx: Trx, row: SkillsTable) => trx.insertInto('skills').values(row).execute(),
};

export const queueStore = {
  list: (trx: Trx, tenantId: string) => trx.selectFrom('queues').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute(),
  byId: (trx: Trx, tenantId: string, id: string) =>
    trx.selectFrom('queues').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  byName: (trx: Trx, tenantId: string, name: string) =>
    trx.selectFrom('queues').select('id').where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst(),
  insert: (trx: Trx, row: QueuesTable) => trx.insertInto('queues').values(row).execute(),
  update: (trx: Trx, tenantId: string, id: string, patch: Partial<Pick<QueuesTable, 'name' | 'config' | 'updated_at'>>) =>
    trx.updateTable('queues').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
};

export const agentStore = {
  list: (trx: Trx, tenantId: string) => trx.selectFrom('agent_profiles').selectAll().where('tenant_id', '=', tenantId).execute(),
  byId: (trx: Trx, tenantId: string, userId: string) =>
    trx.selectFrom('agent_profiles').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst(),
  upsert: (trx: Trx, row: AgentProfilesTable) =>
    trx
      .insertInto('agent_profiles')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'user_id']).doUpdateSet({
          skills: row.skills,
          capacity: row.capacity,
          wrap_up_seconds: row.wrap_up_seconds,
          updated_at: row.updated_at,
        }),
      )
      .execute(),
  setPresence: (trx: Trx, tenantId: string, userId: string, presence: string, reason: string | null, since: number) =>
    trx
      .updateTable('agent_profiles')
      .set({ presence, break_reason: reason, presence_since: since, updated_at: since })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .execute(),
};

export const decisionStore = {
  insert: (trx: Trx, row: RoutingDecisionsTable) => trx.insertInto('routing_decisions').values(row).execute(),
  /** Deletes up to `limit` of the tenant's records with ids below `beforeId` (older); answers how many. */
  pruneBefore: async (trx: Trx, tenantId: string, beforeId: string, limit: number): Promise<number> => {
    const r = await trx
      .deleteFrom('routing_decisions')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('routing_decisions')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('id', '<', beforeId)
          .orderBy('id')
          .limit(limit),
      )
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  },
  insertMany: (trx: Trx, rows: readonly RoutingDecisionsTable[]) => insertRows(trx, 'routing_decisions', rows),
  forContact: (trx: Trx, tenantId: string, contactId: string) =>
    trx
      .selectFrom('routing_decisions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('contact_id', '=', contactId)
      .orderBy('id')
      .execute(),
  recent: (trx: Trx, tenantId: string, before: string | null, limit: number) => {
    let q = trx.selectFrom('routing_decisions').selectAll().where('tenant_id', '=', tenantId);
    if (before) q = q.where('id', '<', before);
    return q.orderBy('id', 'desc').limit(limit).execute();
  },
};
