/**
 * /ws/staff: agents and supervisors. The connection is authenticated at upgrade; every
 * subscription and every send is checked against the staff member's permissions and the contact.
 */
import { AppError, can, type TenantContext } from '../kernel/index.js';
import { type Connection, frame } from './connection.js';
import { admitFrame, guarded, type RealtimeShared, subscribeToContact } from './context.js';
import { parseStaffFrame, type StaffFrame } from './core/frames.js';
import { type ContactAccess, maySend, TOPIC_PERMISSION, topicKey } from './core/subscriptions.js';

export const onStaffFrame = (s: RealtimeShared, conn: Connection, text: string): void => {
  const f = admitFrame(s, conn, text, parseStaffFrame);
  if (!f) return;
  const ref = 'clientId' in f ? f.clientId : null;
  conn.enqueue(() => guarded(s, conn, ref, () => handle(s, conn, f)));
};

const ctxOf = (conn: Connection): TenantContext => {
  if (!conn.staff) throw new AppError('UNAUTHENTICATED');
  return conn.staff;
};

const handle = async (s: RealtimeShared, conn: Connection, f: StaffFrame): Promise<void> => {
  const ctx = ctxOf(conn);
  switch (f.t) {
    case 'subscribe':
      if (f.topic === 'contact') return subscribeContact(s, conn, ctx, f.contactId, f.afterSeq);
      return subscribeTopic(s, conn, ctx, f.topic);
    case 'unsubscribe':
      unsubscribe(s, conn, ctx, f.topic, f.contactId);
      return;
    case 'send':
    case 'whisper':
      return send(s, conn, ctx, f);
    case 'typing': {
      const access = accessOf(conn, f.contactId);
      publish(s, conn, ctx.tenantId, f.contactId, access, frame({ t: 'typing', contactId: f.contactId, on: f.on, by: 'agent' }), () =>
        frame({ t: 'typing', on: f.on }),
      );
      return;
    }
    case 'read':
      return read(s, conn, ctx, f.contactId, f.seq);
    default:
      return;
  }
};

/**
 * The agents' read mark is the customer's read receipt: only the handling agent moves it. A
 * monitoring supervisor's read is dropped without an error (its client reads as it watches) and
 * without telling anyone, since no mark moved. A cached access other than 'handler' is checked
 * afresh: the contact may have just come to this agent.
 */
const read = async (s: RealtimeShared, conn: Connection, ctx: TenantContext, contactId: string, seq: number): Promise<void> => {
  const cached = accessOf(conn, contactId);
  const access = cached === 'handler' ? cached : await s.ports.chat.contactAccess(ctx, contactId);
  if (access !== 'handler') return;
  // Peers learn the stored mark, never a client's unchecked number.
  const stored = await s.ports.chat.markRead({ kind: 'staff', ctx }, contactId, seq);
  publish(s, conn, ctx.tenantId, contactId, access, frame({ t: 'read', contactId, seq: stored, by: 'agent' }), () =>
    frame({ t: 'read', seq: stored }),
  );
};

/** Typing and read receipts need a live subscription to the contact. */
const accessOf = (conn: Connection, contactId: string): ContactAccess => {
  const sub = conn.contacts.get(contactId);
  if (!sub) throw new AppError('FORBIDDEN', 'Subscribe to the contact first.');
  return sub.access;
};

/**
 * Ephemeral frames go to the other staff watching the contact and, when the handling agent sent
 * them, to the visitor; a supervisor's typing or reading is never shown to the customer.
 */
const publish = (
  s: RealtimeShared,
  from: Connection,
  tenantId: string,
  contactId: string,
  access: ContactAccess,
  staffFrame: ReturnType<typeof frame>,
  visitorFrame: () => ReturnType<typeof frame>,
): void => {
  for (const c of s.hub.subscribers(topicKey.contact(tenantId, contactId))) if (c !== from) c.sendToContact(contactId, staffFrame);
  if (access !== 'handler') return;
  const vf = visitorFrame();
  for (const c of s.hub.subscribers(topicKey.visitor(tenantId, contactId))) c.sendToContact(contactId, vf);
};

const subscribeTopic = async (s: RealtimeShared, conn: Connection, ctx: TenantContext, topic: 'agent' | 'supervisor'): Promise<void> => {
  if (!can(ctx, TOPIC_PERMISSION[topic])) throw new AppError('FORBIDDEN');
  if (topic === 'agent') {
    s.hub.join(topicKey.agent(ctx.tenantId, ctx.actor.id), conn);
    const p = await s.ports.chat.presence(ctx);
    conn.send(frame({ t: 'subscribed', topic }));
    if (p) conn.send(frame({ t: 'presence', state: p.state, since: p.since, reason: p.reason }));
    return;
  }
  s.hub.join(topicKey.supervisor(ctx.tenantId), conn);
  const stats = await s.ports.chat.liveStats(ctx.tenantId);
  conn.send(frame({ t: 'subscribed', topic }));
  conn.send(frame({ t: 'stats', ...stats }));
};

const subscribeContact = async (s: RealtimeShared, conn: Connection, ctx: TenantContext, contactId: string, afterSeq: number) => {
  const access = await s.ports.chat.contactAccess(ctx, contactId);
  if (access === null) throw new AppError('FORBIDDEN', 'This contact is not yours to watch.');
  await subscribeToContact(s, conn, topicKey.contact(ctx.tenantId, contactId), contactId, 'staff', afterSeq, access);
  conn.send(frame({ t: 'subscribed', topic: 'contact', contactId }));
};

const unsubscribe = (s: RealtimeShared, conn: Connection, ctx: TenantContext, topic: string, contactId: string | null): void => {
  if (topic === 'contact' && contactId) {
    conn.contacts.delete(contactId);
    s.hub.leave(topicKey.contact(ctx.tenantId, contactId), conn);
  } else if (topic === 'agent') s.hub.leave(topicKey.agent(ctx.tenantId, ctx.actor.id), conn);
  else if (topic === 'supervisor') s.hub.leave(topicKey.supervisor(ctx.tenantId), conn);
  conn.send(frame({ t: 'unsubscribed', topic, ...(contactId ? { contactId } : {}) }));
};

const send = async (s: RealtimeShared, conn: Connection, ctx: TenantContext, f: Extract<StaffFrame, { t: 'send' | 'whisper' }>) => {
  const visibility = f.t === 'whisper' ? 'whisper' : f.visibility;
  const supervise = can(ctx, 'routing.supervise');
  // The subscription's access (kept current by contact events) saves a look-up per message; when
  // it does not allow the send, a fresh check decides (the contact may have come to this agent).
  const cached = conn.contacts.get(f.contactId)?.access ?? null;
  const access = maySend(cached, visibility, supervise) ? cached : await s.ports.chat.contactAccess(ctx, f.contactId);
  if (!maySend(access, visibility, supervise)) {
    throw new AppError(access === null ? 'FORBIDDEN' : 'NOT_YOUR_CONTACT');
  }
  const attachmentId = f.t === 'send' ? f.attachmentId : null;
  const posted = await conn.postOwn(f.contactId, f.clientId, () =>
    s.ports.chat.postStaffMessage(ctx, f.contactId, { clientId: f.clientId, body: f.body, visibility, attachmentId }),
  );
  conn.send(frame({ t: 'ack', clientId: f.clientId, seq: posted.seq, at: posted.at }));
};
