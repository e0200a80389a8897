/** What both endpoints and the live-event router share. */
import type { Logger } from 'pino';
import type { Coalescer } from './coalesce.js';
import { type Connection, frame, type OutFrame, toAppError } from './connection.js';
import { DeliveryGate } from './core/delivery.js';
import type { Parsed } from './core/frames.js';
import type { BucketMap } from './core/rate-limit.js';
import type { Hub } from './hub.js';
import type { ChatMessage, RealtimePorts } from './ports.js';

export interface RealtimeShared {
  readonly hub: Hub;
  readonly ports: RealtimePorts;
  readonly log: Logger;
  readonly now: () => number;
  readonly visitorMessages: BucketMap;
  readonly coalescer: Coalescer;
}

const REPLAY_PAGE = 200;

export const visitorMsgFrame = (m: ChatMessage): OutFrame =>
  frame({ t: 'msg', seq: m.seq, clientId: m.clientId, author: m.author, body: m.body, attachment: m.attachment, at: m.at }, m.seq);

export const staffMsgFrame = (contactId: string, m: ChatMessage): OutFrame =>
  frame(
    {
      t: 'msg',
      contactId,
      seq: m.seq,
      clientId: m.clientId,
      author: m.author,
      body: m.body,
      attachment: m.attachment,
      at: m.at,
      visibility: m.visibility,
    },
    m.seq,
  );

/**
 * Subscribes a connection to a conversation from `afterSeq`: the gate is in place (and the topic
 * joined) before the replay is read, so a message committed meanwhile arrives live and is sent
 * after the replay, and one that arrives both ways is sent once.
 */
export const subscribeToContact = async (
  s: RealtimeShared,
  conn: Connection,
  topic: string,
  contactId: string,
  audience: 'visitor' | 'staff',
  afterSeq: number,
  access: 'handler' | 'monitor' | null,
): Promise<void> => {
  const gate = new DeliveryGate<OutFrame>(afterSeq);
  conn.contacts.set(contactId, { gate, access });
  s.hub.join(topic, conn);
  const tenantId = conn.tenantId ?? '';
  const toFrame = audience === 'visitor' ? visitorMsgFrame : (m: ChatMessage) => staffMsgFrame(contactId, m);
  try {
    for (;;) {
      const page = await s.ports.chat.listMessages(tenantId, contactId, audience, gate.lastSeq, REPLAY_PAGE);
      for (const f of gate.replayed(page.map(toFrame))) conn.send(f);
      // Until an empty page: an adapter that filters visibility after its limit may return short pages.
      if (page.length === 0 || conn.contacts.get(contactId)?.gate !== gate) break;
    }
  } catch (e) {
    // A half-done replay must not leave a gate holding live frames forever: the client retries.
    if (conn.contacts.get(contactId)?.gate === gate) {
      conn.contacts.delete(contactId);
      s.hub.leave(topic, conn);
    }
    throw e;
  }
  for (const f of gate.endReplay()) conn.send(f);
};

/**
 * Catches a subscription up from the last seq it was sent (a live push to it failed): live frames
 * wait meanwhile, stored messages after that seq are replayed, then the waiting ones follow, each
 * seq once. Throws when the store cannot be read; the caller then closes the socket, and the
 * client's resume does the same.
 */
export const catchUp = async (s: RealtimeShared, conn: Connection, contactId: string, audience: 'visitor' | 'staff'): Promise<void> => {
  const sub = conn.contacts.get(contactId);
  if (!sub) return;
  const { gate } = sub;
  const toFrame = audience === 'visitor' ? visitorMsgFrame : (m: ChatMessage) => staffMsgFrame(contactId, m);
  gate.beginReplay();
  try {
    for (;;) {
      const page = await s.ports.chat.listMessages(conn.tenantId ?? '', contactId, audience, gate.lastSeq, REPLAY_PAGE);
      // Unsubscribed or subscribed afresh meanwhile: that subscription replays for itself.
      if (conn.contacts.get(contactId) !== sub) return;
      for (const f of gate.replayed(page.map(toFrame))) conn.send(f);
      if (page.length === 0) break;
    }
  } finally {
    for (const f of gate.endReplay()) conn.send(f);
  }
};

/** Runs a frame handler; expected failures become error frames, anything else is logged. */
export const guarded = async (s: RealtimeShared, conn: Connection, ref: string | null, work: () => Promise<void>): Promise<void> => {
  try {
    await work();
  } catch (e) {
    const app = toAppError(e);
    if (app) {
      conn.appError(app, ref);
      return;
    }
    s.log.error({ err: e }, 'websocket frame failed');
    conn.error('INTERNAL', ref);
  }
};

/**
 * The common start of every incoming frame on either endpoint: the connection's rate limit, then
 * parsing (a bad frame is answered, not fatal), then `ping` answered at once. Returns the frame
 * still to handle, or null when nothing more is to be done.
 */
export const admitFrame = <F extends { readonly t: string }>(
  s: RealtimeShared,
  conn: Connection,
  text: string,
  parse: (text: string) => Parsed<F>,
): F | null => {
  if (!conn.admit(s.now())) return null;
  const parsed = parse(text);
  if (!parsed.ok) {
    conn.error('VALIDATION_FAILED', parsed.ref, parsed.problems);
    return null;
  }
  if (parsed.frame.t === 'ping') {
    conn.send(frame({ t: 'pong' }));
    return null;
  }
  return parsed.frame;
};
