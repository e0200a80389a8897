/** Queries of contacts, their transitions and messages; every one keyed by tenant first. */
import { sql, type Transaction } from 'kysely';
import { type ContactsTable, type ContactTransitionsTable, type DB, insertRows, type MessagesTable } from '../platform/db/index.js';

type Trx = Transaction<DB>;

export type ContactPatch = Partial<Omit<ContactsTable, 'tenant_id' | 'id' | 'created_at'>>;

export interface ContactListQuery {
  readonly state?: string;
  readonly queueId?: string;
  readonly customerId?: string;
  readonly agentId?: string;
  readonly before?: string;
  readonly limit: number;
}

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
  list: (trx: Trx, tenantId: string, q: ContactListQuery) => {
    let query = trx.selectFrom('contacts').selectAll().where('tenant_id', '=', tenantId);
    if (q.state) query = query.where('state', '=', q.state);
    if (q.agentId) query = query.where('agent_id', '=', q.agentId);
    if (q.queueId) query = query.where('queue_id', '=', q.queueId);
    if (q.customerId) query = query.where('customer_id', '=', q.customerId);
    if (q.before) query = query.where('id', '<', q.before);
    return query.orderBy('id', 'desc').limit(q.limit).execute();
  },
  /**
   * What today's statistics need of the contacts created since `from`: a range of the primary key
   * (ids begin with their creation time, see kernel/ids.ts), only the columns used.
   */
  outcomesSince: (trx: Trx, tenantId: string, fromId: string, from: number) =>
    trx
      .selectFrom('contacts')
      .select(['queue_id', 'tier', 'state', 'enqueued_at', 'answered_at', 'closed_at', 'state_changed_at'])
      .where('tenant_id', '=', tenantId)
      .where('id', '>=', fromId)
      .where('created_at', '>=', from)
      .execute(),
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

/** What posting a message needs to know first, in one read. */
export interface PostingState {
  readonly state: string;
  readonly agent_id: string | null;
  /** The number of the contact's last stored transition. */
  readonly transition_seq: number;
  /** The seq already stored under the client message id, or null. */
  readonly existing_seq: number | null;
}

// The posting path runs per message at chat rates: its statements are written as SQL templates,
// which skip the query builder's immutable node building (measured in bench/chat).
export const messageStore = {
  /** The contact's state and owner and whether the client id was stored already; undefined: no contact. */
  postingState: async (trx: Trx, tenantId: string, contactId: string, clientMessageId: string): Promise<PostingState | undefined> => {
    const r = await sql<PostingState>`select c.state, c.agent_id, c.transition_seq, m.seq as existing_seq from contacts c
      left join messages m on m.tenant_id = c.tenant_id and m.contact_id = c.id and m.client_message_id = ${clientMessageId}
      where c.tenant_id = ${tenantId} and c.id = ${contactId}`.execute(trx);
    const row = r.rows[0];
    return (
      row && {
        state: row.state,
        agent_id: row.agent_id,
        transition_seq: Number(row.transition_seq),
        existing_seq: row.existing_seq === null ? null : Number(row.existing_seq),
      }
    );
  },
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
    const r = await sql<{ last_seq: number }>`update contacts set last_seq = last_seq + 1
      where tenant_id = ${tenantId} and id = ${contactId} returning last_seq`.execute(trx);
    const row = r.rows[0];
    if (!row) throw new Error(`contact ${contactId} vanished while posting`);
    return Number(row.last_seq);
  },
  insert: async (trx: Trx, row: MessagesTable): Promise<void> => {
    await sql`insert into messages (tenant_id, contact_id, seq, id, client_message_id, author_kind, author_id, body, created_at, visibility, attachment_id)
      values (${row.tenant_id}, ${row.contact_id}, ${row.seq}, ${row.id}, ${row.client_message_id}, ${row.author_kind}, ${row.author_id},
        ${row.body}, ${row.created_at}, ${row.visibility}, ${row.attachment_id})`.execute(trx);
  },
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
