/**
 * Sending and reading chat messages for both sides. Built on the contacts' message store: one
 * gap-free sequence per conversation, idempotent by client id, acknowledged after commit. A
 * visitor only ever reads public messages; internal notes and whispers are staff-only.
 */
import type { MessageView, WithMessage } from '../contacts/index.js';
import { AppError, type ErrorDetail, isAppError, type TenantContext } from '../kernel/index.js';
import { VISITOR_UPLOADER } from './core/index.js';
import type { ChatDeps } from './ports.js';
import { attachmentStore, sessionStore } from './store.js';
import { attachmentView, type ChatMessage, chatMessage, type Visibility } from './views.js';
import { type VisitorSession, visitorContext } from './visitor.js';

export interface SendInput {
  readonly clientId: string;
  readonly body: string;
  readonly attachmentId?: string | null;
}

export interface StaffSendInput extends SendInput {
  readonly visibility?: Visibility;
}

export interface Sent {
  readonly message: ChatMessage;
  /** True when this client id was stored before: the stored message (same seq) is returned. */
  readonly duplicate: boolean;
}

export const BODY_MAX = 20_000;
const CLIENT_ID_MAX = 100;
const PAGE = 200;
/** Staff names on acknowledgements may be this old (a renamed agent shows up within a minute). */
const STAFF_NAMES_TTL_MS = 60_000;
/** Contact states in which its agent handles it (and so reads for the customer's receipt). */
const HANDLING: ReadonlySet<string> = new Set(['assigned', 'wrap_up']);
const NO_ATTACHMENTS: ReadonlyMap<string, ReturnType<typeof attachmentView>> = new Map();

const checkSend = (m: SendInput): void => {
  const details: ErrorDetail[] = [];
  if (typeof m.clientId !== 'string' || m.clientId.length < 1 || m.clientId.length > CLIENT_ID_MAX)
    details.push({ field: 'clientId', issue: `must be 1-${CLIENT_ID_MAX} characters` });
  if (typeof m.body !== 'string' || m.body.length > BODY_MAX)
    details.push({ field: 'body', issue: `must be at most ${BODY_MAX} characters` });
  else if (m.body.trim() === '' && !m.attachmentId) details.push({ field: 'body', issue: 'must not be empty without an attachment' });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', undefined, details);
};

const badAttachment = (issue: string): AppError => new AppError('VALIDATION_FAILED', undefined, [{ field: 'attachmentId', issue }]);

export class MessagesService {
  private readonly staffNames = new Map<string, { readonly at: number; readonly names: ReadonlyMap<string, string> }>();

  constructor(private readonly d: ChatDeps) {}

  /**
   * The tenant's staff names, read at most once a minute: posting (and the real-time layer's live
   * path) must not list users per message.
   */
  async cachedStaffNames(ctx: TenantContext): Promise<ReadonlyMap<string, string>> {
    const now = this.d.clock.now();
    const hit = this.staffNames.get(ctx.tenantId);
    if (hit && now - hit.at >= 0 && now - hit.at < STAFF_NAMES_TTL_MS) return hit.names;
    const names = await this.d.staff.names(ctx);
    this.staffNames.set(ctx.tenantId, { at: now, names });
    return names;
  }

  /**
   * A message just posted, described without reading it back: the visitor's name comes from its
   * session, staff names from the cache. Only attachments (rare) need a read.
   */
  private async describePosted(ctx: TenantContext, contactId: string, m: MessageView, customerName: string | null): Promise<ChatMessage> {
    if (m.attachmentId !== null || (m.author.kind === 'customer' && !customerName))
      return (await this.describe(ctx, contactId, [m]))[0] as ChatMessage;
    const staffNames = m.author.kind === 'customer' ? new Map<string, string>() : await this.cachedStaffNames(ctx);
    return chatMessage(m, { customerName: customerName ?? 'Customer', staffNames, attachments: NO_ATTACHMENTS });
  }

  /** The handling agent (or the agent it is offered to) and anyone who supervises routing. */
  async canAccessContact(ctx: TenantContext, contactId: string): Promise<boolean> {
    try {
      const c = await this.d.contacts.get(ctx, contactId);
      if (ctx.actor.permissions.has('routing.supervise')) return true;
      return ctx.actor.kind === 'user' && c.agentId === ctx.actor.id;
    } catch (e) {
      if (isAppError(e) && e.code === 'NOT_FOUND') return false;
      throw e;
    }
  }

  /**
   * An attachment goes into a message of its own conversation, sent by the side that uploaded it
   * (the visitor its own files, a staff member theirs), and into one message only: the visitor's
   * right to download a staff file follows that one message's visibility. Sending the same
   * clientId again (a resend after a lost ack) is the same message, so it passes.
   */
  private async checkAttachment(ctx: TenantContext, contactId: string, m: SendInput, uploader: string): Promise<void> {
    const id = m.attachmentId;
    if (!id) return;
    const a = await this.d.db.tx(ctx.tenantId, (trx) => attachmentStore.byId(trx, ctx.tenantId, id));
    if (!a || a.contact_id !== contactId || a.uploaded_by !== uploader) throw badAttachment('is not an attachment of this conversation');
    if (a.message_seq === null) return;
    const seq = Number(a.message_seq);
    const [sent] = await this.d.contacts.messages(ctx, contactId, seq - 1, 1);
    if (sent?.seq !== seq || sent.clientMessageId !== m.clientId) throw badAttachment('was sent in another message already');
  }

  /**
   * Links the attachment to its message in the posting transaction: the file goes into that one
   * message or the message is refused, whatever sends race (two tabs sending the same file), and a
   * crash can never leave a sent message with an unlinked file.
   */
  private linkWithin(tenantId: string, attachmentId: string | null | undefined): WithMessage | undefined {
    if (!attachmentId) return undefined;
    return async (trx, seq) => {
      const r = await attachmentStore.linkMessage(trx, tenantId, attachmentId, seq);
      // Either another message took it (a race of two sends) or the unsent-upload sweep removed it.
      if (Number(r[0]?.numUpdatedRows ?? 0) !== 1) throw badAttachment('was sent in another message already, or has expired');
    };
  }

  async postVisitorMessage(v: VisitorSession, m: SendInput): Promise<Sent> {
    checkSend(m);
    const ctx = visitorContext(v.tenantId, v.contactId);
    await this.checkAttachment(ctx, v.contactId, m, VISITOR_UPLOADER);
    const r = await this.d.contacts.postMessage(
      ctx,
      v.contactId,
      {
        clientMessageId: m.clientId,
        body: m.body,
        authorKind: 'customer',
        authorId: null,
        visibility: 'public',
        attachmentId: m.attachmentId ?? null,
      },
      undefined,
      this.linkWithin(v.tenantId, m.attachmentId),
    );
    return { message: await this.describePosted(ctx, v.contactId, r.message, v.name), duplicate: r.duplicate };
  }

  async postStaffMessage(ctx: TenantContext, contactId: string, m: StaffSendInput): Promise<Sent> {
    checkSend(m);
    const visibility = m.visibility ?? 'public';
    if (visibility === 'whisper' && !ctx.actor.permissions.has('routing.supervise'))
      throw new AppError('FORBIDDEN', 'Only a supervisor can whisper to an agent.');
    if (m.attachmentId) {
      // Whether an attachment belongs to a contact is only told to those who may post to it.
      if (!(await this.canAccessContact(ctx, contactId))) {
        await this.d.contacts.get(ctx, contactId); // an unknown contact answers NOT_FOUND, not "not yours"
        throw new AppError('NOT_YOUR_CONTACT');
      }
      await this.checkAttachment(ctx, contactId, m, ctx.actor.id);
    }
    const supervises = ctx.actor.permissions.has('routing.supervise');
    const self = ctx.actor.kind === 'user' ? ctx.actor.id : null;
    // Checked on the contact the posting transaction reads (canAccessContact's rule); an unknown
    // contact answers NOT_FOUND before this runs.
    const mayPost = (c: { readonly agent_id: string | null }): void => {
      if (!supervises && (self === null || c.agent_id !== self)) throw new AppError('NOT_YOUR_CONTACT');
    };
    const r = await this.d.contacts.postMessage(
      ctx,
      contactId,
      {
        clientMessageId: m.clientId,
        body: m.body,
        authorKind: 'agent',
        authorId: self,
        visibility,
        attachmentId: m.attachmentId ?? null,
      },
      mayPost,
      this.linkWithin(ctx.tenantId, m.attachmentId),
    );
    return { message: await this.describePosted(ctx, contactId, r.message, null), duplicate: r.duplicate };
  }

  /** Messages after `afterSeq`, at most `limit`; `publicOnly` skips notes and whispers. */
  private async collect(ctx: TenantContext, contactId: string, afterSeq: number, limit: number, publicOnly: boolean) {
    const out: MessageView[] = [];
    let cursor = afterSeq;
    for (;;) {
      const batch = await this.d.contacts.messages(ctx, contactId, cursor, PAGE);
      for (const m of batch) if (!publicOnly || m.visibility === 'public') out.push(m);
      if (out.length >= limit || batch.length < PAGE) break;
      cursor = batch[batch.length - 1]?.seq ?? cursor;
    }
    return out.slice(0, limit);
  }

  /** Adds author names and attachment descriptions. */
  async describe(ctx: TenantContext, contactId: string, ms: readonly MessageView[]): Promise<ChatMessage[]> {
    const ids = [...new Set(ms.map((m) => m.attachmentId).filter((x): x is string => x !== null))];
    const [rows, session, staffNames] = await Promise.all([
      this.d.db.tx(ctx.tenantId, (trx) => attachmentStore.byIds(trx, ctx.tenantId, ids)),
      this.d.db.tx(ctx.tenantId, (trx) => sessionStore.byContact(trx, ctx.tenantId, contactId)),
      ms.some((m) => m.author.kind !== 'customer') ? this.d.staff.names(ctx) : Promise.resolve(new Map<string, string>()),
    ]);
    const attachments = new Map(rows.map((a) => [a.id, attachmentView(a)]));
    return ms.map((m) => chatMessage(m, { customerName: session?.name ?? 'Customer', staffNames, attachments }));
  }

  async listVisitorMessages(v: VisitorSession, afterSeq: number, limit = 100): Promise<ChatMessage[]> {
    const ctx = visitorContext(v.tenantId, v.contactId);
    return this.describe(ctx, v.contactId, await this.collect(ctx, v.contactId, afterSeq, limit, true));
  }

  /** Every message (all visibilities). The caller checks who may watch (canAccessContact). */
  async listStaffMessages(ctx: TenantContext, contactId: string, afterSeq: number, limit = 100): Promise<ChatMessage[]> {
    return this.describe(ctx, contactId, await this.collect(ctx, contactId, afterSeq, limit, false));
  }

  /** Moves the visitor's read mark forward (never back); returns the stored mark. */
  async markVisitorRead(v: VisitorSession, seq: number): Promise<number> {
    const c = await this.d.contacts.get(visitorContext(v.tenantId, v.contactId), v.contactId);
    const upTo = Math.max(0, Math.min(Math.floor(seq), c.lastSeq));
    const stored = await this.d.db.tx(v.tenantId, (trx) => sessionStore.markRead(trx, v.tenantId, v.contactId, 'customer_read_seq', upTo));
    return stored ?? 0;
  }

  /**
   * Moves the agents' read mark forward; null for a contact that is no web chat. The mark is the
   * visitor's "read" receipt, so only the handling agent moves it. Anyone else who may watch the
   * contact (a monitoring supervisor, the agent once the contact has left it) gets the stored mark
   * unchanged rather than an error, so a watching client keeps working; others NOT_YOUR_CONTACT.
   */
  async markStaffRead(ctx: TenantContext, contactId: string, seq: number): Promise<number | null> {
    const c = await this.d.contacts.get(ctx, contactId);
    const self = ctx.actor.kind === 'user' ? ctx.actor.id : null;
    const ownsIt = self !== null && c.agentId === self;
    if (!ownsIt || !HANDLING.has(c.state)) {
      if (!ownsIt && !ctx.actor.permissions.has('routing.supervise')) throw new AppError('NOT_YOUR_CONTACT');
      const session = await this.d.db.tx(ctx.tenantId, (trx) => sessionStore.byContact(trx, ctx.tenantId, contactId));
      return session ? Number(session.agent_read_seq) : null;
    }
    const upTo = Math.max(0, Math.min(Math.floor(seq), c.lastSeq));
    return this.d.db.tx(ctx.tenantId, (trx) => sessionStore.markRead(trx, ctx.tenantId, contactId, 'agent_read_seq', upTo));
  }
}
