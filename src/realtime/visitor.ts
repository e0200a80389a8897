/**
 * /ws/visitor: a widget's connection to its one conversation. The first frame is `hello` with the
 * visitor token; the token names the conversation, so a visitor can never reach another one.
 */
import type { IncomingMessage } from 'node:http';
import { CLOSE, type Connection, frame } from './connection.js';
import { admitFrame, guarded, type RealtimeShared, subscribeToContact } from './context.js';
import { parseVisitorFrame, type VisitorFrame } from './core/frames.js';
import { topicKey } from './core/subscriptions.js';
import { isOwnOrigin } from './origin.js';
import type { VisitorSession } from './ports.js';

export const onVisitorFrame = (s: RealtimeShared, conn: Connection, req: IncomingMessage, text: string): void => {
  const f = admitFrame(s, conn, text, parseVisitorFrame);
  if (!f) return;
  // The message limit counts frames as they arrive: checked after earlier sends were stored, a
  // slow store would refill the bucket and let a flood through. Before hello there is no visitor
  // yet; such a send is refused by the handler anyway.
  const counted = f.t === 'send' && conn.visitor !== null;
  if (counted && conn.visitor && !takeMessage(s, conn.visitor)) {
    conn.refuse(f.t === 'send' ? f.clientId : null);
    return;
  }
  conn.enqueue(() => guarded(s, conn, f.t === 'send' ? f.clientId : null, () => handle(s, conn, req, f, counted)));
};

/** Per visitor across its connections: opening more sockets does not buy more messages. */
const takeMessage = (s: RealtimeShared, session: VisitorSession): boolean =>
  s.visitorMessages.take(`${session.tenantId}|${session.visitorId}`, s.now());

const handle = async (s: RealtimeShared, conn: Connection, req: IncomingMessage, f: VisitorFrame, counted: boolean): Promise<void> => {
  if (f.t === 'hello') return hello(s, conn, req, f.token, f.afterSeq);
  const session = conn.visitor;
  if (!session) {
    conn.error('UNAUTHENTICATED', null, [], 'Send hello with your visitor token first.');
    conn.close(CLOSE.policy, 'hello required');
    return;
  }
  switch (f.t) {
    case 'send': {
      // Sent right after hello, before the session was known: counted now.
      if (!counted && !takeMessage(s, session)) {
        conn.refuse(f.clientId);
        return;
      }
      const posted = await conn.postOwn(session.contactId, f.clientId, () =>
        s.ports.chat.postVisitorMessage(session, { clientId: f.clientId, body: f.body, attachmentId: f.attachmentId }),
      );
      conn.send(frame({ t: 'ack', clientId: f.clientId, seq: posted.seq, at: posted.at }));
      return;
    }
    case 'typing':
      publishToStaff(s, session, frame({ t: 'typing', contactId: session.contactId, on: f.on, by: 'customer' }));
      return;
    case 'read':
      {
        // Peers learn the stored mark, never a client's unchecked number.
        const seq = await s.ports.chat.markRead({ kind: 'visitor', session }, session.contactId, f.seq);
        publishToStaff(s, session, frame({ t: 'read', contactId: session.contactId, seq, by: 'customer' }));
      }
      return;
    default:
      return;
  }
};

const publishToStaff = (s: RealtimeShared, session: VisitorSession, f: ReturnType<typeof frame>): void => {
  for (const c of s.hub.subscribers(topicKey.contact(session.tenantId, session.contactId))) c.sendToContact(session.contactId, f);
};

const hello = async (s: RealtimeShared, conn: Connection, req: IncomingMessage, token: string, afterSeq: number): Promise<void> => {
  if (conn.visitor) {
    conn.error('VALIDATION_FAILED', null, [], 'This connection has already said hello.');
    return;
  }
  const session = await s.ports.visitors.verify(token);
  if (!session) {
    conn.error('UNAUTHENTICATED', null, [], 'The visitor token is not valid or has expired; start a new conversation.');
    conn.close(CLOSE.policy, 'unauthenticated');
    return;
  }
  if (!(await originAllowed(s, req, session))) {
    conn.error('FORBIDDEN', null, [], 'This page may not open this chat.');
    conn.close(CLOSE.policy, 'origin not allowed');
    return;
  }
  if (!conn.open) return;
  conn.visitor = session;
  conn.visitorToken = token;
  const contact = await s.ports.chat.visitorContact(session);
  const wait = await s.ports.chat.waitInfo(session.tenantId, session.contactId);
  conn.send(
    frame({
      t: 'welcome',
      contact: { id: contact.id, state: contact.state, agentName: contact.agentName },
      wait,
      readSeq: contact.readSeq,
    }),
  );
  followQueue(s, conn, contact.state === 'queued' ? contact.queueId : null);
  await subscribeToContact(s, conn, topicKey.visitor(session.tenantId, session.contactId), session.contactId, 'visitor', afterSeq, null);
};

/**
 * Closes a visitor socket whose token no longer verifies (expired, or its tenant suspended): the
 * same check as at hello, run on each heartbeat so an open socket does not outlive its token.
 */
export const recheckVisitor = async (s: RealtimeShared, conn: Connection): Promise<void> => {
  const token = conn.visitorToken;
  if (token === null) return;
  const session = await s.ports.visitors.verify(token).catch((e: unknown) => {
    // A store hiccup is not a verdict on the token: keep the socket and try at the next beat.
    s.log.warn({ err: e }, 'visitor token re-check failed');
    return undefined;
  });
  if (session !== null || !conn.open) return;
  conn.error('UNAUTHENTICATED', null, [], 'The visitor token is not valid or has expired; start a new conversation.');
  conn.close(CLOSE.policy, 'unauthenticated');
};

/** Keeps a visitor in the topic of the queue it waits in, for `wait` updates. */
export const followQueue = (s: RealtimeShared, conn: Connection, queueId: string | null): void => {
  const tenantId = conn.tenantId;
  if (!tenantId) return;
  for (const t of conn.topics)
    if (t.startsWith(`${tenantId}|queue|`) && t !== topicKey.queue(tenantId, queueId ?? '')) s.hub.leave(t, conn);
  if (queueId) s.hub.join(topicKey.queue(tenantId, queueId), conn);
};

const originAllowed = async (s: RealtimeShared, req: IncomingMessage, session: VisitorSession): Promise<boolean> => {
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return false;
  if (isOwnOrigin(req)) return true;
  const allowed = await s.ports.visitors.allowedOrigins(session.tenantId, session.widgetId);
  return allowed.includes(origin);
};
