/** The end of a conversation: one CSAT answer per contact, and the transcript of public messages. */
import { AppError, notFound, type TenantContext } from '../kernel/index.js';
import { isUniqueViolation } from '../platform/db/index.js';
import { renderTranscript, type TranscriptLine } from './core/index.js';
import type { MessagesService } from './messages.service.js';
import type { ChatDeps } from './ports.js';
import { csatStore } from './store.js';
import { type ChatMessage, type CsatView, csatView } from './views.js';
import { type VisitorSession, visitorContext } from './visitor.js';

const RATABLE = new Set(['wrap_up', 'closed']);
const ALL = 1_000_000;

export class FeedbackService {
  constructor(
    private readonly d: ChatDeps,
    private readonly messages: MessagesService,
  ) {}

  async rate(v: VisitorSession, rating: number, comment: string | null): Promise<CsatView> {
    const ctx = visitorContext(v.tenantId, v.contactId);
    const c = await this.d.contacts.get(ctx, v.contactId);
    if (!RATABLE.has(c.state)) throw new AppError('ILLEGAL_TRANSITION', 'A conversation can be rated once it has ended.');
    if (!Number.isInteger(rating) || rating < 1 || rating > 5)
      throw new AppError('VALIDATION_FAILED', undefined, [{ field: 'body.rating', issue: 'must be 1 to 5' }]);
    const row = {
      tenant_id: v.tenantId,
      contact_id: v.contactId,
      rating,
      comment: comment?.trim() || null,
      created_at: this.d.clock.now(),
    };
    try {
      await this.d.db.tx(v.tenantId, async (trx) => {
        if (await csatStore.byContact(trx, v.tenantId, v.contactId)) throw new AppError('CONFLICT', 'This conversation was rated already.');
        await csatStore.insert(trx, row);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('CONFLICT', 'This conversation was rated already.');
      throw e;
    }
    return csatView(row);
  }

  async csat(ctx: TenantContext, contactId: string): Promise<CsatView> {
    await this.d.contacts.get(ctx, contactId);
    const row = await this.d.db.tx(ctx.tenantId, (trx) => csatStore.byContact(trx, ctx.tenantId, contactId));
    if (!row) throw notFound('rating');
    return csatView(row);
  }

  private text(contactId: string, startedAt: number, ms: readonly ChatMessage[]): string {
    const lines: TranscriptLine[] = ms.map((m) => ({
      at: m.createdAt,
      author: m.author.name ?? (m.author.kind === 'customer' ? 'Customer' : 'Agent'),
      body: m.body,
      attachment: m.attachment?.fileName ?? null,
    }));
    return renderTranscript('Chat transcript 聊天记录', contactId, startedAt, lines);
  }

  async visitorTranscript(v: VisitorSession): Promise<string> {
    const c = await this.d.contacts.get(visitorContext(v.tenantId, v.contactId), v.contactId);
    return this.text(c.id, c.createdAt, await this.messages.listVisitorMessages(v, 0, ALL));
  }

  /** The same public transcript the visitor gets: notes and whispers stay out of anything sent on. */
  async staffTranscript(ctx: TenantContext, contactId: string): Promise<string> {
    const c = await this.d.contacts.get(ctx, contactId);
    const all = await this.messages.listStaffMessages(ctx, contactId, 0, ALL);
    return this.text(
      c.id,
      c.createdAt,
      all.filter((m) => m.visibility === 'public'),
    );
  }
}
