/**
 * The real-time layer's ports over the chat, contacts, routing and tenancy services. The live
 * path (`messageOf`, called once per committed message in commit order) must not query per
 * message, so author names are cached: a visitor's name from its token check or first message,
 * staff names through the chat service's one-minute cache.
 */
import type { FastifyInstance } from 'fastify';
import type { ChatService, VisitorSession as ChatVisitor, ChatMessage as StoredMessage } from '../chat/index.js';
import { can, type DeliveredEvent, type TenantContext } from '../kernel/index.js';
import type { ChatMessage, RealtimePorts, VisitorContact, VisitorSession } from '../realtime/index.js';
import type { AuthService } from '../tenancy/index.js';
import type { ContactCenter } from './contact-center.js';
import { staffAuthOf } from './realtime.js';
import { systemContext } from './system-context.js';

const MAX_CACHED = 50_000;
const HANDLING = new Set(['assigned', 'wrap_up']);

/** A bounded map: the oldest entry goes when it is full (insertion order). */
class Bounded<V> {
  private readonly map = new Map<string, V>();
  get(k: string): V | undefined {
    return this.map.get(k);
  }
  set(k: string, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > MAX_CACHED) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }
}

const sys = (tenantId: string): TenantContext => systemContext('realtime', tenantId);

const toFrameMessage = (m: StoredMessage): ChatMessage => ({
  seq: m.seq,
  clientId: m.clientMessageId,
  author: { kind: m.author.kind, name: m.author.name },
  body: m.body,
  attachment: m.attachment,
  at: m.createdAt,
  visibility: m.visibility,
});

/** The chat service's visitor for a conversation: only tenant and contact are read by the calls used here. */
const chatVisitor = (tenantId: string, contactId: string): ChatVisitor => ({
  tenantId,
  contactId,
  name: '',
  widgetId: '',
  allowedOrigins: [],
});

interface MessagePayload {
  readonly seq: number;
  readonly id: string;
  readonly clientMessageId: string;
  readonly authorKind: string;
  readonly authorId: string | null;
  readonly body: string;
  readonly createdAt: number;
  readonly visibility: ChatMessage['visibility'];
  readonly attachmentId: string | null;
}

const payloadOf = (e: DeliveredEvent): MessagePayload | null => {
  const p = e.payload as Partial<MessagePayload>;
  if (typeof p.seq !== 'number' || typeof p.body !== 'string' || typeof p.authorKind !== 'string') return null;
  return {
    seq: p.seq,
    id: String(p.id ?? ''),
    clientMessageId: String(p.clientMessageId ?? ''),
    authorKind: p.authorKind,
    authorId: typeof p.authorId === 'string' ? p.authorId : null,
    body: p.body,
    createdAt: Number(p.createdAt ?? e.occurredAt),
    visibility: p.visibility ?? 'public',
    attachmentId: typeof p.attachmentId === 'string' ? p.attachmentId : null,
  };
};

/** The services the adapter reads (a subset of KefuServices, named here to keep app.ts out of the import graph). */
export interface RealtimeServices {
  readonly chat: ChatService;
  readonly auth: AuthService;
  readonly contactCenter: ContactCenter;
}

export const chatRealtimePorts = (services: RealtimeServices, server: FastifyInstance): RealtimePorts => {
  const { chat } = services;
  const { contacts, routingLive } = services.contactCenter;
  const origins = new Bounded<readonly string[]>();
  const customerNames = new Bounded<string>();
  const chatSessions = new WeakMap<VisitorSession, ChatVisitor>();

  const describeStored = async (tenantId: string, contactId: string, seq: number): Promise<ChatMessage | null> => {
    const [m] = await chat.listStaffMessages(sys(tenantId), contactId, seq - 1, 1);
    if (!m || m.seq !== seq) return null;
    if (m.author.kind === 'customer' && m.author.name) customerNames.set(`${tenantId}|${contactId}`, m.author.name);
    return toFrameMessage(m);
  };

  const visitorContactById = async (tenantId: string, contactId: string): Promise<VisitorContact | null> => {
    const c = await contacts.get(sys(tenantId), contactId).catch(() => null);
    if (!c) return null;
    const welcome = await chat.visitorWelcome(chatVisitor(tenantId, contactId));
    return { id: c.id, state: c.state, agentName: welcome.contact.agentName, queueId: c.queueId, readSeq: welcome.readSeq };
  };

  return {
    staff: staffAuthOf(server, services.auth),
    visitors: {
      verify: async (token) => {
        const v = await chat.verifyVisitorToken(token);
        if (!v) return null;
        origins.set(`${v.tenantId}|${v.widgetId}`, v.allowedOrigins);
        customerNames.set(`${v.tenantId}|${v.contactId}`, v.name);
        // A token grants one conversation, so the conversation is the visitor for rate limits.
        const session: VisitorSession = { tenantId: v.tenantId, contactId: v.contactId, widgetId: v.widgetId, visitorId: v.contactId };
        chatSessions.set(session, v);
        return session;
      },
      allowedOrigins: async (tenantId, widgetId) => origins.get(`${tenantId}|${widgetId}`) ?? [],
    },
    chat: {
      visitorContact: async (s) => {
        const v = await visitorContactById(s.tenantId, s.contactId);
        if (!v) throw new Error(`contact ${s.contactId} of a verified visitor token is missing`);
        return v;
      },
      visitorContactById,
      waitInfo: async (tenantId, contactId) => {
        const w = await routingLive.wait(sys(tenantId), contactId).catch(() => null);
        return w && w.position !== null ? { position: w.position, estimatedWaitMs: w.estimatedWaitMs ?? 0 } : null;
      },
      listMessages: async (tenantId, contactId, audience, afterSeq, limit) => {
        const items =
          audience === 'visitor'
            ? await chat.listVisitorMessages(chatVisitor(tenantId, contactId), afterSeq, limit)
            : await chat.listStaffMessages(sys(tenantId), contactId, afterSeq, limit);
        return items.map(toFrameMessage);
      },
      postVisitorMessage: async (s, m) => {
        const v = chatSessions.get(s) ?? chatVisitor(s.tenantId, s.contactId);
        const r = await chat.postVisitorMessage(v, { clientId: m.clientId, body: m.body, attachmentId: m.attachmentId });
        return { seq: r.message.seq, at: r.message.createdAt };
      },
      postStaffMessage: async (ctx, contactId, m) => {
        const r = await chat.postStaffMessage(ctx, contactId, {
          clientId: m.clientId,
          body: m.body,
          attachmentId: m.attachmentId,
          visibility: m.visibility,
        });
        return { seq: r.message.seq, at: r.message.createdAt };
      },
      markRead: async (reader, contactId, seq) =>
        reader.kind === 'visitor'
          ? chat.markVisitorRead(chatVisitor(reader.session.tenantId, contactId), seq)
          : ((await chat.markStaffRead(reader.ctx, contactId, seq)) ?? 0),
      contactAccess: async (ctx, contactId) => {
        const c = await contacts.get(ctx, contactId).catch(() => null);
        if (!c) return null;
        if (c.agentId === ctx.actor.id && HANDLING.has(c.state)) return 'handler';
        return can(ctx, 'routing.supervise') ? 'monitor' : null;
      },
      staffContact: (tenantId, contactId) => contacts.get(sys(tenantId), contactId).catch(() => null),
      messageOf: async (e) => {
        const p = payloadOf(e);
        if (!p) return null;
        const contactId = e.aggregateId;
        // Attachments need their description, and an unknown visitor name its session: read once.
        if (p.attachmentId) return describeStored(e.tenantId, contactId, p.seq);
        let name: string | null = null;
        if (p.authorKind === 'customer') {
          const cached = customerNames.get(`${e.tenantId}|${contactId}`);
          if (cached === undefined) return describeStored(e.tenantId, contactId, p.seq);
          name = cached;
        } else if (p.authorId) {
          name = (await chat.staffNames(sys(e.tenantId))).get(p.authorId) ?? null;
        }
        return {
          seq: p.seq,
          clientId: p.clientMessageId,
          author: { kind: p.authorKind, name },
          body: p.body,
          attachment: null,
          at: p.createdAt,
          visibility: p.visibility,
        };
      },
      liveStats: async (tenantId) => ({ ...(await chat.liveStats(sys(tenantId))) }),
      presence: async (ctx) => {
        const a = (await services.contactCenter.routingAdmin.listAgents(ctx)).find((x) => x.userId === ctx.actor.id);
        return a ? { state: a.presence, since: a.presenceSince, reason: a.breakReason } : null;
      },
    },
  };
};
