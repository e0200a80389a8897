/**
 * Contact use cases that do not involve routing: open a contact for a bot or later routing,
 * post and read messages (idempotent by client message id, gap-free sequence), read history.
 * Everything that places a contact with an agent goes through the ContactRouter port.
 */
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import { AppError, type Clock, type IdSource, idFloor, notFound, type TenantContext } from '../kernel/index.js';
import { type Database, type DB, isUniqueViolation } from '../platform/db/index.js';
import type { Outbox } from '../platform/events/index.js';
import { type ContactState, TERMINAL_STATES } from './core/state-machine.js';
import { ContactLedger, newContactRow } from './ledger.js';
import { type ContactListQuery, contactStore, messageStore, transitionStore } from './store.js';
import { type ContactView, contactView, type MessageView, messageView, type TransitionView, transitionView } from './views.js';

export interface ContactsDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly outbox: Outbox;
  readonly log: Logger;
}

export interface OpenContact {
  readonly channel: string;
  readonly customerId: string | null;
  readonly tier: string;
  readonly subject: string | null;
  /** Start with the bot (self-service) rather than waiting to be routed. */
  readonly bot: boolean;
}

export type AuthorKind = 'customer' | 'agent' | 'bot' | 'system';

export interface NewMessage {
  readonly clientMessageId: string;
  readonly body: string;
  readonly authorKind: AuthorKind;
  readonly authorId: string | null;
  /** Default 'public'. Internal notes and whispers are staff-only; a visitor never reads them. */
  readonly visibility?: MessageVisibility;
  /** An attachment of the same contact (the chat capability checks it before posting). */
  readonly attachmentId?: string | null;
}

export type MessageVisibility = 'public' | 'internal' | 'whisper';

/** What today's statistics read of a contact. */
export interface ContactOutcome {
  readonly queueId: string | null;
  readonly tier: string;
  readonly state: ContactState;
  readonly enqueuedAt: number | null;
  readonly answeredAt: number | null;
  readonly closedAt: number | null;
  readonly stateChangedAt: number;
}

/**
 * Runs on the contact inside the posting transaction and throws to refuse the message (who may
 * post to it), so a caller's access check costs no read of its own.
 */
export type MessageCheck = (contact: { readonly agent_id: string | null; readonly state: string }) => void;

/**
 * More work for the posting transaction, after the message row is written (throws to refuse the
 * message): a caller's own rows that must commit with the message or not at all.
 */
export type WithMessage = (trx: Transaction<DB>, seq: number) => Promise<void>;

/** How far before its created_at a contact's id time can be (see outcomesSince). */
const ID_TIME_MARGIN_MS = 10 * 60_000;

export const actorLabel = (ctx: TenantContext): string => `${ctx.actor.kind}:${ctx.actor.id}`;

export class ContactsService {
  constructor(private readonly d: ContactsDeps) {}

  async open(ctx: TenantContext, input: OpenContact): Promise<ContactView> {
    const now = this.d.clock.now();
    const row = newContactRow(ctx.tenantId, this.d.ids.next('con'), { ...input, queueId: null }, now);
    return this.d.db.tx(ctx.tenantId, async (trx) => {
      // Through the ledger a contact that starts with the bot is one insert, already in `bot`.
      const ledger = ContactLedger.of(trx, this.d.outbox);
      ledger.open(row);
      const next = input.bot ? await ledger.move(row, { to: 'bot', at: now, actor: actorLabel(ctx) }) : row;
      return contactView(next);
    });
  }

  async get(ctx: TenantContext, id: string): Promise<ContactView> {
    const row = await this.d.db.tx(ctx.tenantId, (trx) => contactStore.byId(trx, ctx.tenantId, id));
    if (!row) throw notFound('contact');
    return contactView(row);
  }

  async list(ctx: TenantContext, q: ContactListQuery) {
    const rows = await this.d.db.tx(ctx.tenantId, (trx) => contactStore.list(trx, ctx.tenantId, { ...q, limit: q.limit + 1 }));
    const items = rows.slice(0, q.limit).map(contactView);
    return { items, nextBefore: rows.length > q.limit ? (items[items.length - 1]?.id ?? null) : null };
  }

  /** Queue, tier, state and times of every contact created since `from` (today's statistics). */
  async outcomesSince(ctx: TenantContext, from: number): Promise<ContactOutcome[]> {
    // A contact's id is taken a moment before the time stored as its created_at (routing loads the
    // tenant and waits its turn in between): the id range starts a margin earlier, created_at decides.
    const fromId = idFloor('con', from - ID_TIME_MARGIN_MS);
    const rows = await this.d.db.tx(ctx.tenantId, (trx) => contactStore.outcomesSince(trx, ctx.tenantId, fromId, from));
    return rows.map((r) => ({
      queueId: r.queue_id,
      tier: r.tier,
      state: r.state as ContactState,
      enqueuedAt: r.enqueued_at === null ? null : Number(r.enqueued_at),
      answeredAt: r.answered_at === null ? null : Number(r.answered_at),
      closedAt: r.closed_at === null ? null : Number(r.closed_at),
      stateChangedAt: Number(r.state_changed_at),
    }));
  }

  async transitions(ctx: TenantContext, id: string): Promise<TransitionView[]> {
    return this.d.db.tx(ctx.tenantId, async (trx) => {
      if (!(await contactStore.byId(trx, ctx.tenantId, id))) throw notFound('contact');
      return (await transitionStore.list(trx, ctx.tenantId, id)).map(transitionView);
    });
  }

  /**
   * Stores a message once per client message id: a resend returns the stored message (same seq)
   * instead of a duplicate. The response is only sent after commit, so an acknowledged message
   * is durable.
   */
  async postMessage(
    ctx: TenantContext,
    contactId: string,
    m: NewMessage,
    check?: MessageCheck,
    within?: WithMessage,
  ): Promise<{ message: MessageView; duplicate: boolean }> {
    try {
      return await this.insertMessage(ctx, contactId, m, check, within);
    } catch (e) {
      // A concurrent send of the same client message id committed first: answer with what it stored.
      if (!isUniqueViolation(e)) throw e;
      const stored = await this.d.db.tx(ctx.tenantId, (trx) => messageStore.byClientId(trx, ctx.tenantId, contactId, m.clientMessageId));
      if (!stored) throw e;
      return { message: messageView(stored), duplicate: true };
    }
  }

  /**
   * Group commit: messages of one tenant that arrive together share a transaction (and one outbox
   * insert); each still resolves only after its commit. The unit computes everything from what it
   * reads and from values captured here, so it can run again alone after a rolled-back batch.
   */
  private async insertMessage(
    ctx: TenantContext,
    contactId: string,
    m: NewMessage,
    check?: MessageCheck,
    within?: WithMessage,
  ): Promise<{ message: MessageView; duplicate: boolean }> {
    const now = this.d.clock.now();
    const id = this.d.ids.next('msg');
    return this.d.db.group(ctx.tenantId, async (trx) => {
      const stored = await messageStore.postingState(trx, ctx.tenantId, contactId, m.clientMessageId);
      if (!stored) throw notFound('contact');
      // An earlier unit of the same group commit may have moved the contact (closed it, moved it
      // to another agent) without writing it yet: decide on that state, not the stored one. Only a
      // later step than the stored row counts (a ledger's read-only copy may be older than a commit
      // another transaction made since, on PostgreSQL).
      const pending = ContactLedger.peek(trx, contactId);
      const newer = pending !== null && Number(pending.transition_seq) > stored.transition_seq;
      const contact = newer ? { ...stored, state: pending.state, agent_id: pending.agent_id } : stored;
      check?.(contact);
      if (contact.existing_seq !== null) {
        const existing = await messageStore.byClientId(trx, ctx.tenantId, contactId, m.clientMessageId);
        if (existing) return { message: messageView(existing), duplicate: true };
      }
      if (TERMINAL_STATES.has(contact.state as ContactState)) {
        throw new AppError('ILLEGAL_TRANSITION', `The contact is ${contact.state}; no more messages can be added.`);
      }
      const seq = await messageStore.nextSeq(trx, ctx.tenantId, contactId);
      const row = {
        tenant_id: ctx.tenantId,
        contact_id: contactId,
        seq,
        id,
        client_message_id: m.clientMessageId,
        author_kind: m.authorKind,
        author_id: m.authorId,
        body: m.body,
        created_at: now,
        visibility: m.visibility ?? 'public',
        attachment_id: m.attachmentId ?? null,
      };
      await messageStore.insert(trx, row);
      await within?.(trx, seq);
      await this.d.outbox.append(
        trx,
        ctx.tenantId,
        [
          {
            type: 'message.created',
            aggregateType: 'contact',
            aggregateId: contactId,
            payload: {
              seq,
              id: row.id,
              clientMessageId: row.client_message_id,
              authorKind: m.authorKind,
              authorId: m.authorId,
              body: m.body,
              createdAt: now,
              visibility: row.visibility,
              attachmentId: row.attachment_id,
            },
          },
        ],
        now,
      );
      return { message: messageView(row), duplicate: false };
    });
  }

  async messages(ctx: TenantContext, contactId: string, afterSeq: number, limit: number): Promise<MessageView[]> {
    return this.d.db.tx(ctx.tenantId, async (trx) => {
      if (!(await contactStore.byId(trx, ctx.tenantId, contactId))) throw notFound('contact');
      return (await messageStore.after(trx, ctx.tenantId, contactId, afterSeq, limit)).map(messageView);
    });
  }
}
