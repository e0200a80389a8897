/** Queries of the chat tables; every tenant table is keyed by tenant first. */
import { sql, type Transaction } from 'kysely';
import type {
  CannedResponsesTable,
  ChatAttachmentsTable,
  ChatSessionsTable,
  ChatWidgetsTable,
  CsatResponsesTable,
  DB,
  Dialect,
} from '../platform/db/index.js';
import type { AttachmentUsage } from './core/index.js';

type Trx = Transaction<DB>;

export const widgetStore = {
  list: (trx: Trx, tenantId: string) =>
    trx.selectFrom('chat_widgets').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute(),
  byId: (trx: Trx, tenantId: string, id: string) =>
    trx.selectFrom('chat_widgets').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  insert: async (trx: Trx, row: ChatWidgetsTable) => {
    await trx.insertInto('chat_widgets').values(row).execute();
    await trx
      .insertInto('chat_public_keys')
      .values({ public_key: row.public_key, tenant_id: row.tenant_id, widget_id: row.id, created_at: row.created_at })
      .execute();
  },
  update: (
    trx: Trx,
    tenantId: string,
    id: string,
    patch: Partial<Omit<ChatWidgetsTable, 'tenant_id' | 'id' | 'public_key' | 'created_at'>>,
  ) => trx.updateTable('chat_widgets').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  /**
   * The widget behind a public key, across tenants: run in the platform scope '*'. The key table's
   * primary key finds the tenant; the widget row is then read by its own tenant-led key.
   */
  byPublicKey: (trx: Trx, publicKey: string) =>
    trx
      .selectFrom('chat_public_keys as k')
      .innerJoin('chat_widgets as w', (j) => j.onRef('w.tenant_id', '=', 'k.tenant_id').onRef('w.id', '=', 'k.widget_id'))
      // A suspended tenant's widgets answer as unknown: its customers cannot open conversations.
      .innerJoin('tenants as t', 't.id', 'k.tenant_id')
      .selectAll('w')
      .where('k.public_key', '=', publicKey)
      .where('t.status', '=', 'active')
      .executeTakeFirst(),
};

export const sessionStore = {
  insert: (trx: Trx, row: ChatSessionsTable) => trx.insertInto('chat_sessions').values(row).execute(),
  byContact: (trx: Trx, tenantId: string, contactId: string) =>
    trx.selectFrom('chat_sessions').selectAll().where('tenant_id', '=', tenantId).where('contact_id', '=', contactId).executeTakeFirst(),
  /** The session with its widget's allowed origins: what checking a visitor token needs, in one read. */
  withWidget: (trx: Trx, tenantId: string, contactId: string) =>
    trx
      .selectFrom('chat_sessions as s')
      .innerJoin('chat_widgets as w', (j) => j.onRef('w.tenant_id', '=', 's.tenant_id').onRef('w.id', '=', 's.widget_id'))
      // Visitor tokens of a suspended tenant stop working, like its staff sessions and API keys.
      .innerJoin('tenants as t', 't.id', 's.tenant_id')
      .select(['s.contact_id', 's.widget_id', 's.token_hash', 's.name', 's.expires_at', 'w.allowed_origins'])
      .where('s.tenant_id', '=', tenantId)
      .where('s.contact_id', '=', contactId)
      .where('t.status', '=', 'active')
      .executeTakeFirst(),
  /**
   * Locks a conversation's session row until the transaction ends, so checks that span rows (the
   * attachment quota) and the write they guard cannot interleave with another request's. SQLite
   * runs one write transaction at a time, so only PostgreSQL needs the row lock.
   */
  lock: async (trx: Trx, dialect: Dialect, tenantId: string, contactId: string): Promise<boolean> => {
    const row = await trx
      .selectFrom('chat_sessions')
      .select('contact_id')
      .where('tenant_id', '=', tenantId)
      .where('contact_id', '=', contactId)
      .$if(dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    return row !== undefined;
  },
  /** Moves a read mark forward only; returns the mark now stored. */
  markRead: async (trx: Trx, tenantId: string, contactId: string, column: 'customer_read_seq' | 'agent_read_seq', seq: number) => {
    await trx
      .updateTable('chat_sessions')
      .set({ [column]: sql`case when ${sql.ref(column)} < ${seq} then ${seq} else ${sql.ref(column)} end` })
      .where('tenant_id', '=', tenantId)
      .where('contact_id', '=', contactId)
      .execute();
    const row = await trx
      .selectFrom('chat_sessions')
      .select(column)
      .where('tenant_id', '=', tenantId)
      .where('contact_id', '=', contactId)
      .executeTakeFirst();
    return row ? Number(row[column]) : null;
  },
};

export const attachmentStore = {
  insert: (trx: Trx, row: ChatAttachmentsTable) => trx.insertInto('chat_attachments').values(row).execute(),
  byId: (trx: Trx, tenantId: string, id: string) =>
    trx.selectFrom('chat_attachments').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  byIds: (trx: Trx, tenantId: string, ids: readonly string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : trx.selectFrom('chat_attachments').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute(),
  /** How many attachments a conversation holds and their bytes in all (its quota). */
  usage: async (trx: Trx, tenantId: string, contactId: string): Promise<AttachmentUsage> => {
    const row = await trx
      .selectFrom('chat_attachments')
      .select((eb) => [eb.fn.countAll<number>().as('files'), eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('bytes')])
      .where('tenant_id', '=', tenantId)
      .where('contact_id', '=', contactId)
      .executeTakeFirst();
    return { files: Number(row?.files ?? 0), bytes: Number(row?.bytes ?? 0) };
  },
  /** Uploads older than `before` that no message took (any tenant's: the sweep runs platform-wide). */
  unsentBefore: (trx: Trx, before: number, limit: number) =>
    trx
      .selectFrom('chat_attachments')
      .select(['tenant_id', 'id'])
      .where('message_seq', 'is', null)
      .where('created_at', '<', before)
      .orderBy('created_at')
      .limit(limit)
      .execute(),
  /** Deletes those of `ids` still unsent (a message may have taken one since); answers the deleted. */
  deleteUnsent: (trx: Trx, tenantId: string, ids: readonly string[]) =>
    trx
      .deleteFrom('chat_attachments')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .where('message_seq', 'is', null)
      .returning(['tenant_id', 'id'])
      .execute(),
  linkMessage: (trx: Trx, tenantId: string, id: string, seq: number) =>
    trx
      .updateTable('chat_attachments')
      .set({ message_seq: seq })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('message_seq', 'is', null)
      .execute(),
};

export const csatStore = {
  insert: (trx: Trx, row: CsatResponsesTable) => trx.insertInto('csat_responses').values(row).execute(),
  byContact: (trx: Trx, tenantId: string, contactId: string) =>
    trx.selectFrom('csat_responses').selectAll().where('tenant_id', '=', tenantId).where('contact_id', '=', contactId).executeTakeFirst(),
};

export const cannedStore = {
  list: (trx: Trx, tenantId: string) =>
    trx.selectFrom('canned_responses').selectAll().where('tenant_id', '=', tenantId).orderBy('shortcut').execute(),
  byId: (trx: Trx, tenantId: string, id: string) =>
    trx.selectFrom('canned_responses').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  insert: (trx: Trx, row: CannedResponsesTable) => trx.insertInto('canned_responses').values(row).execute(),
  update: (
    trx: Trx,
    tenantId: string,
    id: string,
    patch: Partial<Pick<CannedResponsesTable, 'shortcut' | 'title' | 'body' | 'updated_at'>>,
  ) => trx.updateTable('canned_responses').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  remove: (trx: Trx, tenantId: string, id: string) =>
    trx.deleteFrom('canned_responses').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
};
