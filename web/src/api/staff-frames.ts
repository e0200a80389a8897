/**
 * The /ws/staff protocol as the browser sees it (docs/chat.md "WebSocket frames"): what the app
 * sends, and the server's frames decoded into typed values. Pure; an unknown or malformed frame
 * decodes to null and is ignored, so a newer server cannot break an older tab.
 */
import { isObj, type Json, num, str, strOrNull, toChatMessage, toContact, toLiveStats, toOffer, toPresence } from './normalize.js';
import type { ChatMessage, Contact, LiveStats, Offer, Presence } from './types.js';

export type ClientFrame =
  | { readonly t: 'subscribe'; readonly topic: 'agent' | 'supervisor' }
  | { readonly t: 'subscribe'; readonly topic: 'contact'; readonly contactId: string; readonly afterSeq: number }
  | { readonly t: 'unsubscribe'; readonly topic: 'agent' | 'supervisor' }
  | { readonly t: 'unsubscribe'; readonly topic: 'contact'; readonly contactId: string }
  | {
      readonly t: 'send';
      readonly contactId: string;
      readonly clientId: string;
      readonly body: string;
      readonly visibility: 'public' | 'internal';
      /** An attachment this user uploaded to the contact (POST /api/v1/contacts/:id/attachments). */
      readonly attachmentId?: string;
    }
  | { readonly t: 'whisper'; readonly contactId: string; readonly clientId: string; readonly body: string }
  | { readonly t: 'typing'; readonly contactId: string; readonly on: boolean }
  | { readonly t: 'read'; readonly contactId: string; readonly seq: number }
  | { readonly t: 'ping' };

export type ServerFrame =
  | { readonly t: 'offer'; readonly offer: Offer }
  | { readonly t: 'contact'; readonly contact: Contact; readonly raw: Json }
  | { readonly t: 'presence'; readonly presence: Presence }
  | { readonly t: 'msg'; readonly contactId: string; readonly message: ChatMessage }
  /** `by`: who is typing or has read, the customer or someone on the staff side. */
  | { readonly t: 'typing'; readonly contactId: string; readonly on: boolean; readonly by: 'customer' | 'agent' }
  | { readonly t: 'read'; readonly contactId: string; readonly seq: number; readonly by: 'customer' | 'agent' }
  | { readonly t: 'ack'; readonly clientId: string; readonly seq: number; readonly at: number }
  | { readonly t: 'error'; readonly code: string; readonly message: string; readonly ref: string | null }
  | { readonly t: 'stats'; readonly stats: LiveStats }
  | { readonly t: 'pong' };

const byOf = (v: unknown): 'customer' | 'agent' => (v === 'agent' ? 'agent' : 'customer');

const decode = (o: Json): ServerFrame | null => {
  switch (o.t) {
    case 'offer':
      return isObj(o.contact) ? { t: 'offer', offer: toOffer(o.contact, o.expiresAt) } : null;
    case 'contact':
      return isObj(o.contact) ? { t: 'contact', contact: toContact(o.contact), raw: o.contact } : null;
    case 'presence':
      return { t: 'presence', presence: toPresence(o) };
    case 'msg':
      return typeof o.contactId === 'string' && typeof o.seq === 'number'
        ? { t: 'msg', contactId: o.contactId, message: toChatMessage(o) }
        : null;
    case 'typing':
      return typeof o.contactId === 'string' ? { t: 'typing', contactId: o.contactId, on: o.on === true, by: byOf(o.by) } : null;
    case 'read':
      return typeof o.contactId === 'string' && typeof o.seq === 'number'
        ? { t: 'read', contactId: o.contactId, seq: o.seq, by: byOf(o.by) }
        : null;
    case 'ack':
      return typeof o.clientId === 'string' ? { t: 'ack', clientId: o.clientId, seq: num(o.seq), at: num(o.at) } : null;
    case 'error':
      return { t: 'error', code: str(o.code, 'INTERNAL'), message: str(o.message), ref: strOrNull(o.ref) };
    case 'stats':
      return { t: 'stats', stats: toLiveStats(o) };
    case 'pong':
      return { t: 'pong' };
    default:
      return null;
  }
};

export const parseServerFrame = (text: string): ServerFrame | null => {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  return isObj(v) ? decode(v) : null;
};

/** A fresh id for a message the app sends; the server stores it once however often it is resent. */
export const newClientId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
