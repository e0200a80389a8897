/** Queries of the tables tenancy owns. Every tenant-data query names its tenant first. */
import type { Transaction } from 'kysely';
import type { ApiKeysTable, DB, Dialect, SessionsTable, TenantsTable, UsersTable } from '../platform/db/index.js';

type Trx = Transaction<DB>;

export const tenantStore = {
  byId: (trx: Trx, id: string) => trx.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst(),
  bySlug: (trx: Trx, slug: string) => trx.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst(),
  list: (trx: Trx, excludeId: string) => trx.selectFrom('tenants').selectAll().where('id', '!=', excludeId).orderBy('created_at').execute(),
  insert: (trx: Trx, row: TenantsTable) => trx.insertInto('tenants').values(row).execute(),
  update: (trx: Trx, id: string, patch: Partial<Pick<TenantsTable, 'name' | 'status' | 'updated_at'>>) =>
    trx.updateTable('tenants').set(patch).where('id', '=', id).execute(),
};

export const userStore = {
  byId: (trx: Trx, tenantId: string, id: string) =>
    trx.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  byEmail: (trx: Trx, tenantId: string, email: string) =>
    trx.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('email', '=', email).executeTakeFirst(),
  list: (trx: Trx, tenantId: string) =>
    trx.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute(),
  insert: (trx: Trx, row: UsersTable) => trx.insertInto('users').values(row).execute(),
  update: (
    trx: Trx,
    tenantId: string,
    id: string,
    patch: Partial<Pick<UsersTable, 'display_name' | 'role' | 'status' | 'password_hash' | 'password_changed_at' | 'updated_at'>>,
  ) => trx.updateTable('users').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
};

export const sessionStore = {
  byId: (trx: Trx, tenantId: string, id: string) =>
    trx.selectFrom('sessions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  insert: (trx: Trx, row: SessionsTable) => trx.insertInto('sessions').values(row).execute(),
  touch: (trx: Trx, tenantId: string, id: string, now: number) =>
    trx.updateTable('sessions').set({ last_seen_at: now }).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  revoke: (trx: Trx, tenantId: string, id: string, now: number) =>
    trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute(),
  revokeAllOfUser: (trx: Trx, tenantId: string, userId: string, now: number) =>
    trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute(),
};

export const apiKeyStore = {
  byId: (trx: Trx, tenantId: string, id: string) =>
    trx.selectFrom('api_keys').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  list: (trx: Trx, tenantId: string) =>
    trx.selectFrom('api_keys').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').execute(),
  insert: (trx: Trx, row: ApiKeysTable) => trx.insertInto('api_keys').values(row).execute(),
  touch: (trx: Trx, tenantId: string, id: string, now: number) =>
    trx.updateTable('api_keys').set({ last_used_at: now }).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  revoke: (trx: Trx, tenantId: string, id: string, now: number) =>
    trx.updateTable('api_keys').set({ revoked_at: now }).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
};

export const throttleStore = {
  get: (trx: Trx, key: string) => trx.selectFrom('login_throttle').selectAll().where('scope_key', '=', key).executeTakeFirst(),
  /**
   * A key's row, created (as a fresh state) if missing and locked until the transaction ends, so
   * a read-modify-write of it cannot interleave with another's and lose a count. On PostgreSQL
   * the row lock does it (the insert first gives concurrent first failures one row to queue on);
   * SQLite runs one write transaction at a time.
   */
  getForUpdate: async (trx: Trx, dialect: Dialect, key: string) => {
    await trx
      .insertInto('login_throttle')
      .values({ scope_key: key, failures: 0, window_start: 0, locked_until: 0 })
      .onConflict((oc) => oc.column('scope_key').doNothing())
      .execute();
    return trx
      .selectFrom('login_throttle')
      .selectAll()
      .where('scope_key', '=', key)
      .$if(dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
  },
  put: (trx: Trx, key: string, failures: number, windowStart: number, lockedUntil: number) =>
    trx
      .insertInto('login_throttle')
      .values({ scope_key: key, failures, window_start: windowStart, locked_until: lockedUntil })
      .onConflict((oc) => oc.column('scope_key').doUpdateSet({ failures, window_start: windowStart, locked_until: lockedUntil }))
      .execute(),
  clear: (trx: Trx, key: string) => trx.deleteFrom('login_throttle').where('scope_key', '=', key).execute(),
};
