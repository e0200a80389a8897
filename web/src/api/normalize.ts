/**
 * Turns JSON from the server (HTTP bodies and WebSocket frames) into the app's types. Defensive on
 * purpose: a missing optional field becomes null rather than `undefined` leaking into the UI, and a
 * value of the wrong type is dropped instead of rendered. Pure; no I/O.
 */
import {
  type AgentStats,
  type Attachment,
  type ChatMessage,
  CONTACT_CLASSES,
  type Contact,
  type ContactClass,
  type CustomerSummary,
  type Disposition,
  type LastMessage,
  type LiveStats,
  type Offer,
  PRESENCE_STATES,
  type Presence,
  type PresenceState,
  type QueueStats,
  type TierStats,
  type Visibility,
  type WorkspaceContact,
  type WorkspaceSnapshot,
} from './types.js';

export type Json = Readonly<Record<string, unknown>>;

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
export const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
export const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const objs = (v: unknown): Json[] => arr(v).filter(isObj);

export const toVisibility = (v: unknown): Visibility => (v === 'internal' || v === 'whisper' ? v : 'public');

export const toPresenceState = (v: unknown): PresenceState =>
  (PRESENCE_STATES as readonly unknown[]).includes(v) ? (v as PresenceState) : 'offline';

export const toPresence = (o: Json): Presence => ({
  state: toPresenceState(o.state),
  since: num(o.since),
  reason: strOrNull(o.reason),
});

const toDisposition = (v: unknown): Disposition | null => {
  if (!isObj(v)) return null;
  const cls = (CONTACT_CLASSES as readonly unknown[]).includes(v.contactClass) ? (v.contactClass as ContactClass) : 'query';
  return {
    contactClass: cls,
    reason: str(v.reason),
    product: strOrNull(v.product),
    campaign: strOrNull(v.campaign),
    resolved: v.resolved === true,
    note: strOrNull(v.note),
  };
};

export const toContact = (o: Json): Contact => ({
  id: str(o.id),
  channel: str(o.channel, 'chat'),
  customerId: strOrNull(o.customerId),
  queueId: strOrNull(o.queueId),
  tier: str(o.tier),
  state: str(o.state),
  agentId: strOrNull(o.agentId),
  subject: strOrNull(o.subject),
  createdAt: num(o.createdAt),
  stateChangedAt: num(o.stateChangedAt),
  enqueuedAt: numOrNull(o.enqueuedAt),
  offeredAt: numOrNull(o.offeredAt),
  offerExpiresAt: numOrNull(o.offerExpiresAt),
  answeredAt: numOrNull(o.answeredAt),
  wrapUpAt: numOrNull(o.wrapUpAt),
  wrapUpExpiresAt: numOrNull(o.wrapUpExpiresAt),
  closedAt: numOrNull(o.closedAt),
  disposition: toDisposition(o.disposition),
  lastSeq: num(o.lastSeq),
});

export const toCustomerSummary = (v: unknown): CustomerSummary | null => {
  if (!isObj(v) || typeof v.id !== 'string') return null;
  return {
    id: v.id,
    displayName: str(v.displayName, str(v.name)),
    tier: str(v.tier),
    tags: arr(v.tags).filter((t): t is string => typeof t === 'string'),
  };
};

const authorKindOf = (v: unknown): string => (isObj(v) ? str(v.kind) : str(v));

export const toLastMessage = (v: unknown): LastMessage | null => {
  if (!isObj(v) || typeof v.body !== 'string') return null;
  return {
    seq: num(v.seq),
    body: v.body,
    at: num(v.at, num(v.createdAt)),
    authorKind: authorKindOf(v.author ?? v.authorKind),
    visibility: toVisibility(v.visibility),
  };
};

export const toAttachment = (v: unknown): Attachment | null => {
  if (!isObj(v) || typeof v.id !== 'string') return null;
  return { id: v.id, fileName: str(v.fileName, v.id), contentType: str(v.contentType), size: num(v.size) };
};

/** A `msg` frame's message (the frame itself carries the fields next to `t` and `contactId`). */
export const toChatMessage = (o: Json): ChatMessage => {
  const author = isObj(o.author) ? o.author : {};
  return {
    seq: num(o.seq),
    clientId: strOrNull(o.clientId),
    author: { kind: str(author.kind, 'system'), name: strOrNull(author.name) },
    body: str(o.body),
    attachment: toAttachment(o.attachment),
    at: num(o.at, num(o.createdAt)),
    visibility: toVisibility(o.visibility),
  };
};

export const toWorkspaceContact = (o: Json): WorkspaceContact => ({
  ...toContact(o),
  customer: toCustomerSummary(o.customer),
  unread: Math.max(0, num(o.unread)),
  lastMessage: toLastMessage(o.lastMessage),
});

export const toOffer = (o: Json, expiresAt?: unknown): Offer => {
  const c = toContact(o);
  return { ...c, expiresAt: num(expiresAt, num(o.expiresAt, c.offerExpiresAt ?? 0)) };
};

export const toWorkspaceSnapshot = (v: unknown): WorkspaceSnapshot => {
  const o = isObj(v) ? v : {};
  return {
    presence: toPresence(isObj(o.presence) ? o.presence : {}),
    offers: objs(o.offers).map((x) => toOffer(x)),
    contacts: objs(o.contacts).map(toWorkspaceContact),
  };
};

const toTierStats = (o: Json): TierStats => ({
  tier: str(o.tier),
  waiting: num(o.waiting),
  answeredToday: num(o.answeredToday),
  abandonedToday: num(o.abandonedToday),
  serviceLevelToday: numOrNull(o.serviceLevelToday),
});

const toQueueStats = (o: Json): QueueStats => ({
  id: str(o.id),
  name: str(o.name, str(o.id)),
  waiting: num(o.waiting),
  longestWaitMs: num(o.longestWaitMs),
  answeredToday: num(o.answeredToday),
  abandonedToday: num(o.abandonedToday),
  serviceLevelToday: numOrNull(o.serviceLevelToday),
  tiers: objs(o.tiers).map(toTierStats),
});

const toAgentStats = (o: Json): AgentStats => ({
  id: str(o.id),
  name: str(o.name, str(o.id)),
  state: toPresenceState(o.state),
  since: num(o.since),
  reason: strOrNull(o.reason),
  activeContacts: num(o.activeContacts),
  capacity: num(o.capacity),
  occupancy: num(o.occupancy),
});

export const toLiveStats = (v: unknown): LiveStats => {
  const o = isObj(v) ? v : {};
  return { at: num(o.at), queues: objs(o.queues).map(toQueueStats), agents: objs(o.agents).map(toAgentStats) };
};
