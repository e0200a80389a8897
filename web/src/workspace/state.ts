/**
 * The agent workspace as one value and one reducer: presence, the offers waiting for an answer and
 * the conversations this agent handles. It starts from GET /api/v1/workspace (so a reload loses
 * nothing) and then follows the /ws/staff frames. Pure: time comes in with the actions.
 */
import { toCustomerSummary } from '../api/normalize.js';
import type { ServerFrame } from '../api/staff-frames.js';
import type { Contact, CustomerSummary, LastMessage, Offer, Presence, WorkspaceSnapshot } from '../api/types.js';
import {
  acknowledge,
  addMessage,
  addPending,
  type Conversation,
  EMPTY_CONVERSATION,
  failPending,
  hasPending,
  type Pending,
  peerRead,
  peerTyping,
  retryPending,
} from './conversation.js';

export interface Chat {
  readonly contact: Contact;
  readonly conv: Conversation;
  readonly lastMessage: LastMessage | null;
  /** Unread customer messages up to `baseSeq`, as the server counted them. */
  readonly baseUnread: number;
  readonly baseSeq: number;
}

export interface WorkspaceState {
  readonly me: { readonly id: string; readonly name: string };
  readonly ready: boolean;
  readonly presence: Presence | null;
  readonly offers: readonly Offer[];
  readonly chats: readonly Chat[];
  readonly customers: Readonly<Record<string, CustomerSummary>>;
  /** Chats routing closed because the wrap-up time ran out, until the agent dismisses the notice. */
  readonly wrapUpTimedOut: readonly TimedOut[];
}

export interface TimedOut {
  readonly contactId: string;
  readonly customerId: string | null;
}

export type WorkspaceAction =
  /** `now` (optional) tells chats whose wrap-up time ran out while away from those closed otherwise. */
  | { readonly type: 'snapshot'; readonly snapshot: WorkspaceSnapshot; readonly now?: number }
  | { readonly type: 'frame'; readonly frame: ServerFrame; readonly now: number }
  | { readonly type: 'contact'; readonly contact: Contact }
  | { readonly type: 'presence'; readonly presence: Presence }
  | { readonly type: 'sending'; readonly contactId: string; readonly pending: Pending }
  | { readonly type: 'retry'; readonly contactId: string; readonly clientId: string }
  | { readonly type: 'markRead'; readonly contactId: string; readonly seq: number }
  | { readonly type: 'customer'; readonly customer: CustomerSummary }
  | { readonly type: 'dismissTimedOut'; readonly contactId: string };

export const initialWorkspace = (me: { id: string; name: string }): WorkspaceState => ({
  me,
  ready: false,
  presence: null,
  offers: [],
  chats: [],
  customers: {},
  wrapUpTimedOut: [],
});

/** Closed without a disposition by the wrap-up time (a deadline stays only on such a contact). */
const closedByWrapUpTime = (c: Contact): boolean => c.state === 'closed' && c.disposition === null && c.wrapUpExpiresAt !== null;

/** States in which a contact is this agent's conversation. */
const HANDLING = new Set(['assigned', 'wrap_up']);

const lastMessageOf = (m: { seq: number; body: string; at: number; author: { kind: string }; visibility: LastMessage['visibility'] }) => ({
  seq: m.seq,
  body: m.body,
  at: m.at,
  authorKind: m.author.kind,
  visibility: m.visibility,
});

const mapChat = (s: WorkspaceState, id: string, fn: (c: Chat) => Chat): WorkspaceState => {
  const i = s.chats.findIndex((c) => c.contact.id === id);
  const chat = s.chats[i];
  if (!chat) return s;
  const chats = [...s.chats];
  chats[i] = fn(chat);
  return { ...s, chats };
};

const mapConv = (s: WorkspaceState, id: string, fn: (c: Conversation) => Conversation): WorkspaceState =>
  mapChat(s, id, (c) => ({ ...c, conv: fn(c.conv) }));

/** Where a changed contact belongs now: an offer to me, one of my chats, or neither. */
export const placeContact = (s: WorkspaceState, contact: Contact, expiresAt?: number): WorkspaceState => {
  const mine = contact.agentId === s.me.id;
  const offers = s.offers.filter((o) => o.id !== contact.id);
  if (mine && contact.state === 'offered') {
    const before = s.offers.find((o) => o.id === contact.id);
    const until = expiresAt ?? contact.offerExpiresAt ?? before?.expiresAt ?? 0;
    return { ...s, offers: [...offers, { ...contact, expiresAt: until }], chats: s.chats.filter((c) => c.contact.id !== contact.id) };
  }
  if (mine && HANDLING.has(contact.state)) {
    const existing = s.chats.find((c) => c.contact.id === contact.id);
    if (existing) return mapChat({ ...s, offers }, contact.id, (c) => ({ ...c, contact }));
    const chat: Chat = { contact, conv: EMPTY_CONVERSATION, lastMessage: null, baseUnread: 0, baseSeq: 0 };
    return { ...s, offers, chats: [...s.chats, chat] };
  }
  // Closed, transferred, taken back into a queue or given to someone else: no longer ours.
  const chats = s.chats.filter((c) => c.contact.id !== contact.id);
  const wasMine = chats.length < s.chats.length;
  if (!wasMine || !closedByWrapUpTime(contact)) return { ...s, offers, chats };
  const notice = { contactId: contact.id, customerId: contact.customerId };
  return { ...s, offers, chats, wrapUpTimedOut: [...s.wrapUpTimedOut.filter((x) => x.contactId !== contact.id), notice] };
};

/**
 * Held chats a reload or reconnect no longer finds, whose wrap-up time had run out by `now`: routing
 * closed them while the socket was away, so no frame said so.
 */
const timedOutWhileAway = (s: WorkspaceState, snap: WorkspaceSnapshot, now: number): TimedOut[] =>
  s.chats
    .filter((c) => !snap.contacts.some((x) => x.id === c.contact.id))
    .filter((c) => c.contact.state === 'wrap_up' && c.contact.wrapUpExpiresAt !== null && c.contact.wrapUpExpiresAt <= now)
    .map((c) => ({ contactId: c.contact.id, customerId: c.contact.customerId }));

const fromSnapshot = (s: WorkspaceState, snap: WorkspaceSnapshot, now: number | undefined): WorkspaceState => {
  const customers = { ...s.customers };
  for (const c of snap.contacts) if (c.customer) customers[c.customer.id] = c.customer;
  const chats = snap.contacts.map((c): Chat => {
    const { customer: _customer, unread, lastMessage, ...contact } = c;
    const held = s.chats.find((x) => x.contact.id === c.id);
    return {
      contact,
      // Messages already held stay: the subscription resumes after them instead of starting over.
      conv: held?.conv ?? EMPTY_CONVERSATION,
      lastMessage: lastMessage ?? held?.lastMessage ?? null,
      baseUnread: unread,
      baseSeq: contact.lastSeq,
    };
  });
  const away =
    now === undefined ? [] : timedOutWhileAway(s, snap, now).filter((x) => !s.wrapUpTimedOut.some((y) => y.contactId === x.contactId));
  const wrapUpTimedOut = away.length === 0 ? s.wrapUpTimedOut : [...s.wrapUpTimedOut, ...away];
  return { ...s, ready: true, presence: snap.presence, offers: snap.offers, chats, customers, wrapUpTimedOut };
};

const withChatFor = (s: WorkspaceState, clientId: string): Chat | undefined => s.chats.find((c) => hasPending(c.conv, clientId));

const onFrame = (s: WorkspaceState, f: ServerFrame, now: number): WorkspaceState => {
  switch (f.t) {
    case 'offer':
      return placeContact(s, f.offer, f.offer.expiresAt);
    case 'contact': {
      const next = placeContact(s, f.contact);
      const customer = toCustomerSummary(f.raw.customer);
      return customer ? { ...next, customers: { ...next.customers, [customer.id]: customer } } : next;
    }
    case 'presence':
      return { ...s, presence: f.presence };
    case 'msg':
      return mapChat(s, f.contactId, (c) => ({
        ...c,
        conv: addMessage(c.conv, f.message),
        lastMessage: f.message.seq >= (c.lastMessage?.seq ?? 0) ? lastMessageOf(f.message) : c.lastMessage,
      }));
    // Only the customer's typing and reading matter here; other staff watching send theirs too.
    case 'typing':
      return f.by === 'customer' ? mapConv(s, f.contactId, (c) => peerTyping(c, f.on, now)) : s;
    case 'read':
      return f.by === 'customer' ? mapConv(s, f.contactId, (c) => peerRead(c, f.seq)) : s;
    case 'ack': {
      const chat = withChatFor(s, f.clientId);
      if (!chat) return s;
      return mapChat(s, chat.contact.id, (c) => {
        const conv = acknowledge(c.conv, f, { kind: 'agent', name: s.me.name });
        const m = conv.messages.find((x) => x.seq === f.seq);
        return { ...c, conv, lastMessage: m && f.seq >= (c.lastMessage?.seq ?? 0) ? lastMessageOf(m) : c.lastMessage };
      });
    }
    case 'error': {
      const chat = f.ref === null ? undefined : withChatFor(s, f.ref);
      if (!chat || f.ref === null) return s;
      const ref = f.ref;
      return mapConv(s, chat.contact.id, (c) => failPending(c, ref, f.code));
    }
    default:
      return s;
  }
};

export const workspaceReducer = (s: WorkspaceState, a: WorkspaceAction): WorkspaceState => {
  switch (a.type) {
    case 'snapshot':
      return fromSnapshot(s, a.snapshot, a.now);
    case 'frame':
      return onFrame(s, a.frame, a.now);
    case 'contact':
      return placeContact(s, a.contact);
    case 'presence':
      return { ...s, presence: a.presence };
    case 'sending':
      return mapConv(s, a.contactId, (c) => addPending(c, a.pending));
    case 'retry':
      return mapConv(s, a.contactId, (c) => retryPending(c, a.clientId));
    case 'markRead':
      return mapChat(s, a.contactId, (c) =>
        a.seq > c.baseSeq || c.baseUnread > 0 ? { ...c, baseUnread: 0, baseSeq: Math.max(c.baseSeq, a.seq) } : c,
      );
    case 'customer':
      return { ...s, customers: { ...s.customers, [a.customer.id]: a.customer } };
    case 'dismissTimedOut':
      return { ...s, wrapUpTimedOut: s.wrapUpTimedOut.filter((x) => x.contactId !== a.contactId) };
  }
};

/** Customer messages the agent has not seen yet. */
export const unreadOf = (c: Chat): number =>
  c.baseUnread + c.conv.messages.filter((m) => m.author.kind === 'customer' && m.visibility === 'public' && m.seq > c.baseSeq).length;

/** Offers still open at `now` (the server's expiry frame may lag a moment behind the countdown). */
export const openOffers = (s: WorkspaceState, now: number): readonly Offer[] =>
  s.offers.filter((o) => o.expiresAt === 0 || o.expiresAt > now);

/** The chat before or after `currentId` in list order, wrapping around; the first when none is selected. */
export const neighbourChat = (chats: readonly Chat[], currentId: string | null, step: 1 | -1): string | null => {
  if (chats.length === 0) return null;
  const i = chats.findIndex((c) => c.contact.id === currentId);
  if (i < 0) return chats[step === 1 ? 0 : chats.length - 1]?.contact.id ?? null;
  return chats[(i + step + chats.length) % chats.length]?.contact.id ?? null;
};

export const customerOf = (s: WorkspaceState, c: Contact): CustomerSummary | null =>
  c.customerId ? (s.customers[c.customerId] ?? null) : null;
