/**
 * The conversation as the widget knows it, and the one function that changes it. Server frames and
 * local actions are events; `reduce` is pure so the exactly-once, in-order rules are unit-tested:
 * a `msg` whose seq is not above the last one received is dropped, an own message is matched to its
 * pending copy by clientId, and an ack never advances lastSeq (only delivered `msg` frames do, so a
 * resume still asks for everything not yet seen).
 */
import { clearFailure, enqueue, isTransientError, markFailed, type PendingMessage, removePending } from './pending.js';
import type { Attachment, Author, ContactInfo, ServerFrame, Wait } from './protocol.js';

export interface ChatMessage {
  readonly seq: number;
  readonly clientId: string | null;
  readonly author: Author;
  readonly body: string;
  readonly attachment: Attachment | null;
  readonly at: number;
}

/** A line between messages: an agent joined, the conversation moved or ended. */
export interface Notice {
  readonly kind: 'joined' | 'transferred' | 'ended' | 'timedOut';
  readonly name: string | null;
  /** Shown after the message with this seq. */
  readonly afterSeq: number;
}

export interface Conversation {
  readonly contact: ContactInfo | null;
  readonly wait: Wait | null;
  /** Confirmed messages, ascending by seq, each seq once. */
  readonly messages: readonly ChatMessage[];
  readonly pending: readonly PendingMessage[];
  readonly notices: readonly Notice[];
  /** Highest seq received in a `msg` frame: the `afterSeq` of the next hello. */
  readonly lastSeq: number;
  /** Highest seq the visitor has had on screen (drives read receipts and the unread badge). */
  readonly seenSeq: number;
  readonly agentReadSeq: number;
  readonly agentTyping: boolean;
}

export type ChatEvent =
  | { readonly t: 'frame'; readonly frame: ServerFrame }
  | { readonly t: 'queue'; readonly message: PendingMessage }
  | { readonly t: 'retry'; readonly clientId: string }
  | { readonly t: 'discard'; readonly clientId: string }
  | { readonly t: 'seen' };

export const emptyConversation: Conversation = {
  contact: null,
  wait: null,
  messages: [],
  pending: [],
  notices: [],
  lastSeq: 0,
  seenSeq: 0,
  agentReadSeq: 0,
  agentTyping: false,
};

/** States in which the visitor is still waiting for someone; elsewhere a queue position is stale. */
export const WAITING_STATES: ReadonlySet<string> = new Set(['new', 'bot', 'queued', 'offered', 'transferred']);
export const ENDED_STATES: ReadonlySet<string> = new Set(['wrap_up', 'closed', 'abandoned', 'timed_out']);
/** The states in which the server accepts a CSAT rating. */
export const RATEABLE_STATES: ReadonlySet<string> = new Set(['wrap_up', 'closed']);

export const isMine = (m: { readonly author: Author }): boolean => m.author.kind === 'customer';

const insertBySeq = (list: readonly ChatMessage[], m: ChatMessage): ChatMessage[] => {
  if (list.some((x) => x.seq === m.seq)) return [...list];
  const out = [...list];
  let i = out.length;
  while (i > 0 && (out[i - 1] as ChatMessage).seq > m.seq) i--;
  out.splice(i, 0, m);
  return out;
};

const noticeFor = (prev: ContactInfo | null, state: string, agentName: string | null): Notice['kind'] | null => {
  if (ENDED_STATES.has(state)) {
    if (prev && ENDED_STATES.has(prev.state)) return null;
    // The queue's longest wait passed before any agent was free: say so, not just "ended".
    return state === 'timed_out' ? 'timedOut' : 'ended';
  }
  if (state === 'assigned') return prev?.state === 'assigned' && prev.agentName === agentName ? null : 'joined';
  if (state === 'transferred' && prev?.state !== 'transferred') return 'transferred';
  return null;
};

const withState = (c: Conversation, id: string, state: string, agentName: string | null, wait: Wait | null): Conversation => {
  const kind = noticeFor(c.contact, state, agentName);
  // After the newest message on screen, the visitor's own acknowledged ones included (they do not
  // move lastSeq, the resume point, and come back as acks rather than messages).
  const after = Math.max(c.lastSeq, c.messages.at(-1)?.seq ?? 0);
  const notices = kind ? [...c.notices, { kind, name: agentName, afterSeq: after }] : c.notices;
  return {
    ...c,
    contact: { id, state, agentName },
    wait: WAITING_STATES.has(state) ? wait : null,
    agentTyping: ENDED_STATES.has(state) ? false : c.agentTyping,
    notices,
  };
};

const onMsg = (c: Conversation, f: Extract<ServerFrame, { t: 'msg' }>): Conversation => {
  if (f.seq <= c.lastSeq) return c;
  const message: ChatMessage = { seq: f.seq, clientId: f.clientId, author: f.author, body: f.body, attachment: f.attachment, at: f.at };
  const mine = isMine(message);
  return {
    ...c,
    lastSeq: f.seq,
    messages: insertBySeq(c.messages, message),
    pending: f.clientId ? removePending(c.pending, f.clientId) : c.pending,
    // The visitor has obviously seen what they wrote themselves.
    seenSeq: mine ? Math.max(c.seenSeq, f.seq) : c.seenSeq,
    agentTyping: mine ? c.agentTyping : false,
  };
};

const onAck = (c: Conversation, f: Extract<ServerFrame, { t: 'ack' }>): Conversation => {
  const p = c.pending.find((x) => x.clientId === f.clientId);
  if (!p) return c;
  const message: ChatMessage = {
    seq: f.seq,
    clientId: p.clientId,
    author: { kind: 'customer', name: null },
    body: p.body,
    attachment: p.attachment,
    at: f.at || p.createdAt,
  };
  return { ...c, pending: removePending(c.pending, f.clientId), messages: insertBySeq(c.messages, message) };
};

const onFrame = (c: Conversation, f: ServerFrame): Conversation => {
  switch (f.t) {
    case 'welcome':
      return {
        ...withState(c, f.contact.id, f.contact.state, f.contact.agentName, f.wait),
        agentReadSeq: Math.max(c.agentReadSeq, f.readSeq),
      };
    case 'msg':
      return onMsg(c, f);
    case 'ack':
      return onAck(c, f);
    case 'state':
      return withState(c, c.contact?.id ?? '', f.state, f.agentName, c.wait);
    case 'wait':
      return c.contact && !WAITING_STATES.has(c.contact.state)
        ? c
        : { ...c, wait: { position: f.position, estimatedWaitMs: f.estimatedWaitMs } };
    case 'typing':
      return { ...c, agentTyping: f.on };
    case 'read':
      return f.seq > c.agentReadSeq ? { ...c, agentReadSeq: f.seq } : c;
    case 'error':
      return f.ref && !isTransientError(f.code) ? { ...c, pending: markFailed(c.pending, f.ref, f.code) } : c;
    case 'pong':
      return c;
  }
};

export const reduce = (c: Conversation, e: ChatEvent): Conversation => {
  switch (e.t) {
    case 'frame':
      return onFrame(c, e.frame);
    case 'queue':
      return { ...c, pending: enqueue(c.pending, e.message) };
    case 'retry':
      return { ...c, pending: clearFailure(c.pending, e.clientId) };
    case 'discard':
      return { ...c, pending: removePending(c.pending, e.clientId) };
    case 'seen':
      return c.seenSeq >= c.lastSeq ? c : { ...c, seenSeq: c.lastSeq };
  }
};

/** Messages from the other side that arrived after the visitor last looked. */
export const unreadCount = (c: Conversation): number => c.messages.filter((m) => m.seq > c.seenSeq && !isMine(m)).length;

export type Delivery = 'sending' | 'failed' | 'sent' | 'read';

export const deliveryOf = (c: Conversation, m: ChatMessage): Delivery => (m.seq <= c.agentReadSeq ? 'read' : 'sent');
