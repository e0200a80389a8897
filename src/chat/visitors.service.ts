/**
 * A visitor's side of a conversation: open one from the widget (pre-chat form, optional signed
 * identity, customer profile, routing), check a visitor token, and what the widget shows on
 * (re)connecting.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError, type TenantContext, unwrap } from '../kernel/index.js';
import type { ChatWidgetsTable } from '../platform/db/index.js';
import {
  checkVisitor,
  formatVisitorToken,
  type IdentityCrypto,
  parseVisitorToken,
  type SignedIdentity,
  type VisitorDetails,
  type VisitorInput,
  verifyIdentity,
} from './core/index.js';
import type { ChatDeps, LinkedCustomer } from './ports.js';
import { sessionStore } from './store.js';
import { widgetView } from './views.js';
import { hashToken, tokenMatches, type VisitorSession, visitorContext } from './visitor.js';

export interface OpenInput extends VisitorInput {
  readonly locale?: string;
  readonly identity?: SignedIdentity;
}

export interface Opened {
  readonly token: string;
  readonly contactId: string;
  readonly state: string;
  readonly position: number | null;
  readonly estimatedWaitMs: number | null;
}

export interface Welcome {
  readonly contact: { readonly id: string; readonly state: string; readonly agentName: string | null };
  readonly wait: { readonly position: number | null; readonly estimatedWaitMs: number | null } | null;
  /** How far the agent has read the visitor's messages. */
  readonly readSeq: number;
  /** How far the visitor has read. */
  readonly ownReadSeq: number;
}

/** A visitor token stays valid this long: long enough to rate and download the transcript later. */
export const VISITOR_TOKEN_TTL_MS = 7 * 24 * 3600_000;

const hmacCrypto: IdentityCrypto = {
  hmacHex: (secret, data) => createHmac('sha256', secret).update(data).digest('hex'),
  equal: (a, b) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b)),
};

const WAITING = new Set(['queued', 'offered']);
const WITH_AGENT = new Set(['assigned', 'wrap_up', 'closed']);

export class VisitorsService {
  constructor(private readonly d: ChatDeps) {}

  private async customerFor(ctx: TenantContext, w: ChatWidgetsTable, input: OpenInput, v: VisitorDetails, visitorId: string) {
    if (input.identity) {
      const checked = verifyIdentity(input.identity, w.identity_secret, this.d.clock.now(), hmacCrypto);
      if (!checked.ok) throw new AppError('IDENTITY_INVALID');
      return this.d.customers.linkAppUser(ctx, checked.value, v.name);
    }
    if (Number(w.identity_required) === 1)
      throw new AppError('IDENTITY_INVALID', 'This widget only serves signed-in users; sign the user id.');
    const attributes: Record<string, string> = {};
    if (v.email) attributes.chatEmail = v.email;
    if (v.phone) attributes.chatPhone = v.phone;
    const displayName = v.name ?? `Visitor 访客 ${visitorId.slice(-4)}`;
    return this.d.customers.createVisitor(ctx, { visitorId, displayName, attributes });
  }

  /**
   * Opens a conversation. Only a valid signed identity links to an existing profile; everyone
   * else gets a profile of their own, so an unsigned visitor can never reach another's history.
   */
  async open(w: ChatWidgetsTable, input: OpenInput, meta: { requestId: string; ip: string | null }): Promise<Opened> {
    const widget = widgetView(w);
    const details = unwrap(checkVisitor(widget.prechat, input));
    const visitorId = `v_${randomBytes(12).toString('hex')}`;
    const ctx = visitorContext(w.tenant_id, `widget:${w.id}`, meta.requestId, meta.ip);
    const customer: LinkedCustomer = await this.customerFor(ctx, w, input, details, visitorId);
    const contact = await this.d.routing.router.openQueued(ctx, {
      channel: 'chat',
      customerId: customer.id,
      tier: customer.tier,
      subject: details.topic.label[input.locale === 'en' ? 'en' : 'zh-CN'],
      queueId: details.topic.queueId,
    });
    const secret = randomBytes(32).toString('base64url');
    const now = this.d.clock.now();
    await this.d.db.tx(w.tenant_id, (trx) =>
      sessionStore.insert(trx, {
        tenant_id: w.tenant_id,
        contact_id: contact.id,
        widget_id: w.id,
        visitor_id: visitorId,
        token_hash: hashToken(secret),
        name: details.name ?? customer.displayName,
        expires_at: now + VISITOR_TOKEN_TTL_MS,
        customer_read_seq: 0,
        agent_read_seq: 0,
        created_at: now,
      }),
    );
    const wait = WAITING.has(contact.state) ? await this.d.routing.wait(ctx, contact.id) : { position: null, estimatedWaitMs: null };
    return { token: formatVisitorToken(w.tenant_id, contact.id, secret), contactId: contact.id, state: contact.state, ...wait };
  }

  /** One primary-key read and a constant-time comparison; null for anything but a live token. */
  async verify(token: string): Promise<VisitorSession | null> {
    const p = parseVisitorToken(token);
    if (!p) return null;
    const row = await this.d.db.tx(p.tenantId, (trx) => sessionStore.withWidget(trx, p.tenantId, p.contactId));
    const matches = tokenMatches(p.secret, row?.token_hash ?? null);
    if (!row || !matches || Number(row.expires_at) <= this.d.clock.now()) return null;
    return {
      tenantId: p.tenantId,
      contactId: p.contactId,
      name: row.name,
      widgetId: row.widget_id,
      allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    };
  }

  async welcome(v: VisitorSession): Promise<Welcome> {
    const ctx = visitorContext(v.tenantId, v.contactId);
    const contact = await this.d.contacts.get(ctx, v.contactId);
    const session = await this.d.db.tx(v.tenantId, (trx) => sessionStore.byContact(trx, v.tenantId, v.contactId));
    const agentName =
      contact.agentId !== null && WITH_AGENT.has(contact.state) ? ((await this.d.staff.names(ctx)).get(contact.agentId) ?? null) : null;
    const wait = WAITING.has(contact.state) ? await this.d.routing.wait(ctx, v.contactId) : null;
    return {
      contact: { id: contact.id, state: contact.state, agentName },
      wait: wait ? { position: wait.position, estimatedWaitMs: wait.estimatedWaitMs } : null,
      readSeq: Number(session?.agent_read_seq ?? 0),
      ownReadSeq: Number(session?.customer_read_seq ?? 0),
    };
  }
}
