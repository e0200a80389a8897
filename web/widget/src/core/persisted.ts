/**
 * What the widget keeps in localStorage, per widget key: the visitor token and conversation, the
 * last sequence number with the messages it covers (so a reload resumes instead of starting over),
 * and the unacknowledged outgoing messages (re-sent with the same clientId). Storage is input like
 * any other, so it is parsed defensively; anything unreadable counts as absent.
 */
import type { ChatMessage, Conversation, Notice } from './conversation.js';
import { emptyConversation } from './conversation.js';
import type { PendingMessage } from './pending.js';
import { type ContactInfo, parseAttachment, parseWait } from './protocol.js';

export interface Session {
  readonly token: string;
  readonly contactId: string;
}

export interface Persisted {
  readonly session: Session | null;
  readonly conversation: Conversation;
  readonly csatDone: boolean;
  readonly locale: string | null;
}

export const emptyPersisted: Persisted = { session: null, conversation: emptyConversation, csatDone: false, locale: null };

/** Enough history to scroll back through; older messages are still in the transcript download. */
export const MAX_CACHED_MESSAGES = 200;
const VERSION = 1;

export const storageKeyFor = (publicKey: string): string => `kefu.widget.${publicKey}`;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const nat = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const list = <T>(v: unknown, parse: (x: unknown) => T | null): T[] =>
  Array.isArray(v) ? v.map(parse).filter((x): x is T => x !== null) : [];

const parseMessage = (v: unknown): ChatMessage | null => {
  if (!isRec(v) || !isRec(v.author) || typeof v.body !== 'string' || typeof v.author.kind !== 'string') return null;
  const seq = nat(v.seq);
  if (seq === 0) return null;
  return {
    seq,
    clientId: strOrNull(v.clientId),
    author: { kind: v.author.kind, name: strOrNull(v.author.name) },
    body: v.body,
    attachment: v.attachment ? parseAttachment(v.attachment) : null,
    at: nat(v.at),
  };
};

const parsePending = (v: unknown): PendingMessage | null => {
  if (!isRec(v) || typeof v.clientId !== 'string' || v.clientId === '' || typeof v.body !== 'string') return null;
  return {
    clientId: v.clientId,
    body: v.body,
    attachment: v.attachment ? parseAttachment(v.attachment) : null,
    createdAt: nat(v.createdAt),
    failed: strOrNull(v.failed),
  };
};

const parseNotice = (v: unknown): Notice | null => {
  if (!isRec(v) || (v.kind !== 'joined' && v.kind !== 'transferred' && v.kind !== 'ended')) return null;
  return { kind: v.kind, name: strOrNull(v.name), afterSeq: nat(v.afterSeq) };
};

const parseContact = (v: unknown): ContactInfo | null =>
  isRec(v) && typeof v.id === 'string' && typeof v.state === 'string'
    ? { id: v.id, state: v.state, agentName: strOrNull(v.agentName) }
    : null;

const parseConversation = (v: unknown): Conversation => {
  if (!isRec(v)) return emptyConversation;
  const messages = list(v.messages, parseMessage).sort((a, b) => a.seq - b.seq);
  // The resume point stays as stored: the visitor's own acknowledged messages are kept above it
  // (an ack can run ahead of a lower seq still on its way), and the replay brings them back once.
  const lastSeq = nat(v.lastSeq);
  const topSeq = Math.max(lastSeq, messages.at(-1)?.seq ?? 0);
  return {
    contact: parseContact(v.contact),
    wait: parseWait(v.wait),
    messages: messages.filter((m, i) => i === 0 || (messages[i - 1] as ChatMessage).seq !== m.seq),
    pending: list(v.pending, parsePending),
    notices: list(v.notices, parseNotice),
    lastSeq,
    seenSeq: Math.min(nat(v.seenSeq), topSeq),
    agentReadSeq: nat(v.agentReadSeq),
    agentTyping: false,
  };
};

export const parsePersisted = (text: string | null): Persisted => {
  if (!text) return emptyPersisted;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return emptyPersisted;
  }
  if (!isRec(v) || v.v !== VERSION) return emptyPersisted;
  const s = isRec(v.session) ? v.session : null;
  const session =
    s && typeof s.token === 'string' && typeof s.contactId === 'string' && s.token !== ''
      ? { token: s.token, contactId: s.contactId }
      : null;
  return {
    session,
    conversation: session ? parseConversation(v.conversation) : emptyConversation,
    csatDone: v.csatDone === true,
    locale: strOrNull(v.locale),
  };
};

/** Keeps the newest messages only; lastSeq stays, so nothing older is fetched again. */
export const serialisePersisted = (p: Persisted): string => {
  const c = p.conversation;
  const { agentTyping: _typing, ...rest } = c;
  return JSON.stringify({
    v: VERSION,
    session: p.session,
    conversation: { ...rest, messages: c.messages.slice(-MAX_CACHED_MESSAGES), notices: c.notices.slice(-50) },
    csatDone: p.csatDone,
    locale: p.locale,
  });
};
