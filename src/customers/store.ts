/** Queries of the tables customers owns. Every query names its tenant first. */
import { type ExpressionBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import type { CustomerIdentitiesTable, CustomersTable, CustomerTiersTable, DB, Dialect } from '../platform/db/index.js';
import { type Identity, identityKey } from './core/identity.js';

type Trx = Transaction<DB>;

export interface CustomerSearch {
  /** Lower-case prefix of the display name, or null for no name filter. */
  readonly namePrefix: string | null;
  /** Prefixes of any identity value; the name or any of these may match. */
  readonly identityPrefixes: readonly string[];
  readonly tier: string | null;
  readonly tag: string | null;
  readonly limit: number;
  readonly before: string | null;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
// The highest code point: every text that starts with p sorts below p + this, in byte order.
const TOP = '\u{10FFFF}';

/**
 * "column starts with prefix", exact and case-sensitive on both dialects. PostgreSQL uses LIKE
 * (index: text_pattern_ops); SQLite compares bytes, where LIKE would ignore ASCII case.
 */
const startsWith = (dialect: Dialect, column: string, prefix: string) => {
  const ref = sql.ref(column);
  return dialect === 'postgres'
    ? sql<SqlBool>`${ref} like ${`${escapeLike(prefix)}%`}`
    : sql<SqlBool>`(${ref} >= ${prefix} and ${ref} < ${prefix + TOP})`;
};

const matchesText = (dialect: Dialect, tenantId: string, q: CustomerSearch) => (eb: ExpressionBuilder<DB, 'customers'>) => {
  const alternatives = [];
  if (q.namePrefix) alternatives.push(startsWith(dialect, 'customers.search_name', q.namePrefix));
  if (q.identityPrefixes.length > 0) {
    alternatives.push(
      eb(
        'customers.id',
        'in',
        eb
          .selectFrom('customer_identities')
          .select('customer_identities.customer_id')
          .where('customer_identities.tenant_id', '=', tenantId)
          .where((ib) => ib.or(q.identityPrefixes.map((p) => startsWith(dialect, 'customer_identities.value', p)))),
      ),
    );
  }
  return eb.or(alternatives);
};

export const customerStore = {
  byId: (trx: Trx, tenantId: string, id: string) =>
    trx.selectFrom('customers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  insert: (trx: Trx, row: CustomersTable) => trx.insertInto('customers').values(row).execute(),
  update: (
    trx: Trx,
    tenantId: string,
    id: string,
    patch: Partial<
      Pick<CustomersTable, 'display_name' | 'search_name' | 'tier' | 'attributes' | 'consent' | 'status' | 'merged_into' | 'updated_at'>
    >,
  ) => trx.updateTable('customers').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  remove: (trx: Trx, tenantId: string, id: string) =>
    trx.deleteFrom('customers').where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  /** Active customers, newest first, one page past `before`. */
  search: (trx: Trx, dialect: Dialect, tenantId: string, q: CustomerSearch) => {
    let query = trx.selectFrom('customers').selectAll().where('tenant_id', '=', tenantId).where('status', '=', 'active');
    if (q.before) query = query.where('id', '<', q.before);
    if (q.tier) query = query.where('tier', '=', q.tier);
    const tag = q.tag;
    if (tag)
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('customer_tags')
            .select('customer_tags.tag')
            .where('customer_tags.tenant_id', '=', tenantId)
            .whereRef('customer_tags.customer_id', '=', 'customers.id')
            .where('customer_tags.tag', '=', tag),
        ),
      );
    if (q.namePrefix || q.identityPrefixes.length > 0) query = query.where(matchesText(dialect, tenantId, q));
    return query.orderBy('id', 'desc').limit(q.limit).execute();
  },
  /** Tiers held by at least one active customer. */
  tiersInUse: async (trx: Trx, tenantId: string): Promise<Set<string>> => {
    const rows = await trx
      .selectFrom('customers')
      .select('tier')
      .distinct()
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'active')
      .execute();
    return new Set(rows.map((r) => r.tier));
  },
  /** Customers earlier merged into `fromId` now point at `intoId`, so no chain is ever longer than one. */
  repointMerged: (trx: Trx, tenantId: string, fromId: string, intoId: string, now: number) =>
    trx
      .updateTable('customers')
      .set({ merged_into: intoId, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('merged_into', '=', fromId)
      .execute(),
};

export const identityStore = {
  /** Maps identityKey to the owning customer, for those of `identities` that have one. */
  ownersOf: async (trx: Trx, tenantId: string, identities: readonly Identity[]): Promise<Map<string, string>> => {
    if (identities.length === 0) return new Map();
    const rows = await trx
      .selectFrom('customer_identities')
      .select(['kind', 'value', 'customer_id'])
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or(identities.map((i) => eb.and([eb('kind', '=', i.kind), eb('value', '=', i.value)]))))
      .execute();
    return new Map(rows.map((r) => [identityKey({ kind: r.kind as Identity['kind'], value: r.value }), r.customer_id]));
  },
  ofCustomers: async (trx: Trx, tenantId: string, customerIds: readonly string[]): Promise<CustomerIdentitiesTable[]> => {
    if (customerIds.length === 0) return [];
    return trx
      .selectFrom('customer_identities')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('customer_id', 'in', customerIds)
      .orderBy('created_at')
      .orderBy('kind')
      .orderBy('value')
      .execute();
  },
  /**
   * Attaches an identity unless some customer already holds it. Never raises on the key: a lost
   * race answers false instead of aborting the caller's transaction (which PostgreSQL would do).
   */
  insertIfFree: async (trx: Trx, row: CustomerIdentitiesTable): Promise<boolean> => {
    const r = await trx
      .insertInto('customer_identities')
      .values(row)
      .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'value']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  },
  remove: async (trx: Trx, tenantId: string, customerId: string, identity: Identity): Promise<boolean> => {
    const r = await trx
      .deleteFrom('customer_identities')
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', identity.kind)
      .where('value', '=', identity.value)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },
  removeAllOf: (trx: Trx, tenantId: string, customerId: string) =>
    trx.deleteFrom('customer_identities').where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).execute(),
  moveAll: (trx: Trx, tenantId: string, fromId: string, intoId: string) =>
    trx
      .updateTable('customer_identities')
      .set({ customer_id: intoId })
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', fromId)
      .execute(),
  count: async (trx: Trx, tenantId: string, customerId: string): Promise<number> => {
    const r = await trx
      .selectFrom('customer_identities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
};

export const tagStore = {
  ofCustomers: async (trx: Trx, tenantId: string, customerIds: readonly string[]): Promise<Map<string, string[]>> => {
    const out = new Map<string, string[]>();
    if (customerIds.length === 0) return out;
    const rows = await trx
      .selectFrom('customer_tags')
      .select(['customer_id', 'tag'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', 'in', customerIds)
      .orderBy('tag')
      .execute();
    for (const r of rows) out.set(r.customer_id, [...(out.get(r.customer_id) ?? []), r.tag]);
    return out;
  },
  replace: async (trx: Trx, tenantId: string, customerId: string, tags: readonly string[]): Promise<void> => {
    await trx.deleteFrom('customer_tags').where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).execute();
    if (tags.length === 0) return;
    await trx
      .insertInto('customer_tags')
      .values(tags.map((tag) => ({ tenant_id: tenantId, customer_id: customerId, tag })))
      .execute();
  },
};

export const tierStore = {
  list: (trx: Trx, tenantId: string): Promise<CustomerTiersTable[]> =>
    trx.selectFrom('customer_tiers').selectAll().where('tenant_id', '=', tenantId).orderBy('rank').execute(),
  replace: async (trx: Trx, tenantId: string, tiers: readonly Omit<CustomerTiersTable, 'tenant_id'>[]): Promise<void> => {
    await trx.deleteFrom('customer_tiers').where('tenant_id', '=', tenantId).execute();
    await trx
      .insertInto('customer_tiers')
      .values(tiers.map((t) => ({ tenant_id: tenantId, ...t })))
      .execute();
  },
};
