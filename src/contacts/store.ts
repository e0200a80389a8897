/** Queries of contacts, their transitions and messages; every one keyed by tenant first. */
import { sql, type Transaction } from 'kysely';
import { type ContactsTable, type ContactTransitionsTable, type DB, insertRows, type MessagesTable } from '../platform/db/index.js';

type Trx = Transaction<DB>;

export type ContactPatch = Partial<Omit<ContactsTable, 'tenant_id' | 'id' | 'created_at'>>;

export const contactStore = {
  byId: (trx: Trx, tenantId: string, id: string) =>
    trx.selectFrom('contacts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  insert: (trx: Trx, row: ContactsTable) => trx.insertInto('contacts').values(row).execute(),
  /** Several new contacts in few statements (a group commit's worth). */
  insertMany: (trx: Trx, rows: readonly ContactsTable[]) => insertRows(trx, 'contacts', rows),
  update: (trx: Trx, tenantId: string, id: string, patch: ContactPatch) =>
    trx.updateTable('contacts').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  inStates: (trx: Trx, tenantId: string, states: readonly string[]) =>
    trx.selectFrom('contacts').selectAll().where('tenant_id', '=', tenantId).where('state', 'in', states).execute(),
  list: (trx: Trx, tenantId: string, q: { state?: string; queueId?: string; customerId?: string; before?: string; limit: number }) => {
    let query = trx.selectFrom('contacts').selectAll().where('tenant_id', '=', tenantId);
    if (q.state) query = query.where('state', '=', q.state);
    if (q.queueId) query = query.where('queue_id', '=', q.queueId);
    if (q.customerId) query = query.where('customer_id', '=', q.customerId);
    if (q.before) query = query.where('id', '<', q.before);
    return query.orderBy('id', 'desc').limit(q.limit).execute();
  },
  /** The most recent earlier contact of a customer that an agent handled, for last-agent routing. */
  lastHandled: (trx: Trx, tenantId: string, customerId: string) =>
    trx
      .selectFrom('contacts')
      .select(['agent_id', 'answered_at'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .where('answered_at', 'is not', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
};

export const transitionStore = {
  insert: (trx: Trx, row: ContactTransitionsTable) => trx.insertInto('contact_transitions').values(row).execute(),
  insertMany: (trx: Trx, rows: readonly ContactTransitionsTable[]) => insertRows(trx, 'contact_transitions', rows),
  list: (trx: Trx, tenantId: string, contactId: string) =>
    trx
      .selectFrom('contact_transitions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('contact_id', '=', contactId)
      .orderBy('seq')
      .execute(),
};

export const messageStore = {
  byClientId: (trx: Trx, tenantId: string, contactId: string, clientMessageId: string) =>
    trx
      .selectFrom('messages')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('contact_id', '=', contactId)
      .where('client_message_id', '=', clientMessageId)
      .executeTakeFirst(),
  /** Takes the next sequence number; the row update serialises concurrent senders of one contact. */
  nextSeq: async (trx: Trx, tenantId: string, contactId: string): Promise<number> => {
    const row = await trx
      .updateTable('contacts')
      .set({ last_seq: sql`last_seq + 1` })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', contactId)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    return Number(row.last_seq);
  },
  insert: (trx: Trx, row: MessagesTable) => trx.insertInto('messages').values(row).execute(),
  after: (trx: Trx, tenantId: string, contactId: string, afterSeq: number, limit: number) =>
    trx
      .selectFrom('messages')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('contact_id', '=', contactId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute(),
};
