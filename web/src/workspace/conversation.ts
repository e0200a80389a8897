/**
 * One conversation as a staff screen holds it: messages in seq order (each once, however often the
 * server replays them), the messages this tab sent that the server has not acknowledged yet, and the
 * customer's typing and read state. Pure functions over immutable values; the agent workspace and
 * the supervisor's monitor both use them.
 */
import type { ClientFrame } from '../api/staff-frames.js';
import type { Attachment, ChatMessage, Visibility } from '../api/types.js';

/** A "typing" signal lapses on its own if the stop never arrives (the customer closed the tab). */
export const TYPING_TTL_MS = 6_000;

export interface Pending {
  readonly clientId: string;
  readonly body: string;
  readonly visibility: Visibility;
  readonly at: number;
  /** The error code when the server refused it; null while it is on its way. */
  readonly failed: string | null;
  /** The file it carries (already uploaded); sent again with it on a resend. */
  readonly attachment?: Attachment | null;
}

export interface Conversation {
  readonly messages: readonly ChatMessage[];
  readonly pending: readonly Pending[];
  readonly peerTypingUntil: number;
  /** The customer has read every public message up to this seq. */
  readonly peerReadSeq: number;
  /**
   * The highest seq that came as a message (live or replayed), not as an ack: where a resubscribe
   * resumes. An ack can run ahead of a lower seq still on its way (both committed together).
   */
  readonly deliveredSeq: number;
}

export const EMPTY_CONVERSATION: Conversation = { messages: [], pending: [], peerTypingUntil: 0, peerReadSeq: 0, deliveredSeq: 0 };

export const lastSeqOf = (c: Conversation): number => c.deliveredSeq;

/** Inserts by seq; a message already held (a replay after reconnecting) replaces itself, once. */
const insertBySeq = (list: readonly ChatMessage[], m: ChatMessage): ChatMessage[] => {
  const out = [...list];
  let i = out.length;
  while (i > 0 && (out[i - 1]?.seq ?? 0) > m.seq) i -= 1;
  if (i > 0 && out[i - 1]?.seq === m.seq) out[i - 1] = m;
  else out.splice(i, 0, m);
  return out;
};

/** A message that came from the server as a message (live or replayed). */
export const addMessage = (c: Conversation, m: ChatMessage): Conversation => ({
  ...held(c, m),
  deliveredSeq: Math.max(c.deliveredSeq, m.seq),
});

/** Shows a message, whichever way it came. */
const held = (c: Conversation, m: ChatMessage): Conversation => ({
  ...c,
  messages: insertBySeq(c.messages, m),
  pending: m.clientId === null ? c.pending : c.pending.filter((p) => p.clientId !== m.clientId),
  // A customer's message ends their typing.
  peerTypingUntil: m.author.kind === 'customer' ? 0 : c.peerTypingUntil,
});

export const addPending = (c: Conversation, p: Pending): Conversation => ({
  ...c,
  pending: [...c.pending.filter((x) => x.clientId !== p.clientId), p],
});

export const hasPending = (c: Conversation, clientId: string): boolean => c.pending.some((p) => p.clientId === clientId);

/**
 * The server stored a message this tab sent. It becomes a message at once, so the screen does not
 * depend on the broadcast copy; if that copy arrives too, it replaces this one by seq.
 */
export const acknowledge = (
  c: Conversation,
  ack: { clientId: string; seq: number; at: number },
  author: ChatMessage['author'],
): Conversation => {
  const p = c.pending.find((x) => x.clientId === ack.clientId);
  if (!p) return c;
  const known = c.messages.some((m) => m.seq === ack.seq);
  const rest = { ...c, pending: c.pending.filter((x) => x.clientId !== ack.clientId) };
  if (known) return rest;
  return held(rest, {
    seq: ack.seq,
    clientId: p.clientId,
    author,
    body: p.body,
    attachment: p.attachment ?? null,
    at: ack.at || p.at,
    visibility: p.visibility,
  });
};

/** The `send` frame of a pending message, the first time or resent (same clientId, same file). */
export const sendFrame = (contactId: string, p: Pending, visibility: 'public' | 'internal'): ClientFrame => ({
  t: 'send',
  contactId,
  clientId: p.clientId,
  body: p.body,
  visibility,
  ...(p.attachment ? { attachmentId: p.attachment.id } : {}),
});

export const failPending = (c: Conversation, clientId: string, code: string): Conversation => ({
  ...c,
  pending: c.pending.map((p) => (p.clientId === clientId ? { ...p, failed: code } : p)),
});

export const retryPending = (c: Conversation, clientId: string): Conversation => ({
  ...c,
  pending: c.pending.map((p) => (p.clientId === clientId ? { ...p, failed: null } : p)),
});

export const peerTyping = (c: Conversation, on: boolean, now: number): Conversation => ({
  ...c,
  peerTypingUntil: on ? now + TYPING_TTL_MS : 0,
});

export const isPeerTyping = (c: Conversation, now: number): boolean => c.peerTypingUntil > now;

export const peerRead = (c: Conversation, seq: number): Conversation => (seq > c.peerReadSeq ? { ...c, peerReadSeq: seq } : c);

/** Messages by this side that the customer may see (notes and whispers never reach them). */
export const isOwnPublic = (m: ChatMessage): boolean => m.visibility === 'public' && m.author.kind !== 'customer';

/** The last public staff message the customer has read: where the "Seen" receipt goes. */
export const seenSeq = (c: Conversation): number | null => {
  let seen: number | null = null;
  for (const m of c.messages) if (isOwnPublic(m) && m.seq <= c.peerReadSeq) seen = m.seq;
  return seen;
};
