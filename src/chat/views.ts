/** Public shapes of chat records. */
import type { MessageView } from '../contacts/index.js';
import type { CannedResponsesTable, ChatAttachmentsTable, ChatWidgetsTable, CsatResponsesTable } from '../platform/db/index.js';
import type { Prechat } from './core/index.js';

export interface WidgetView {
  readonly id: string;
  readonly publicKey: string;
  readonly name: string;
  readonly allowedOrigins: readonly string[];
  readonly prechat: Prechat;
  readonly identityRequired: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export const widgetView = (w: ChatWidgetsTable): WidgetView => ({
  id: w.id,
  publicKey: w.public_key,
  name: w.name,
  allowedOrigins: JSON.parse(w.allowed_origins) as string[],
  prechat: JSON.parse(w.prechat) as Prechat,
  identityRequired: Number(w.identity_required) === 1,
  createdAt: Number(w.created_at),
  updatedAt: Number(w.updated_at),
});

export interface AttachmentView {
  readonly id: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

export const attachmentView = (a: ChatAttachmentsTable): AttachmentView => ({
  id: a.id,
  fileName: a.file_name,
  contentType: a.content_type,
  size: Number(a.size),
});

export type Visibility = 'public' | 'internal' | 'whisper';

/** A message as chat shows it: with its author's name and its attachment's description. */
export interface ChatMessage {
  readonly id: string;
  readonly seq: number;
  readonly clientMessageId: string;
  readonly author: { readonly kind: string; readonly id: string | null; readonly name: string | null };
  readonly body: string;
  readonly visibility: Visibility;
  readonly attachment: AttachmentView | null;
  readonly createdAt: number;
}

export interface MessageContext {
  readonly customerName: string;
  readonly staffNames: ReadonlyMap<string, string>;
  readonly attachments: ReadonlyMap<string, AttachmentView>;
}

export const chatMessage = (m: MessageView, c: MessageContext): ChatMessage => {
  const name = m.author.kind === 'customer' ? c.customerName : m.author.id !== null ? (c.staffNames.get(m.author.id) ?? null) : null;
  return {
    id: m.id,
    seq: m.seq,
    clientMessageId: m.clientMessageId,
    author: { kind: m.author.kind, id: m.author.id, name },
    body: m.body,
    visibility: m.visibility as Visibility,
    attachment: m.attachmentId === null ? null : (c.attachments.get(m.attachmentId) ?? null),
    createdAt: m.createdAt,
  };
};

/** What a visitor sees of a message: no staff ids, no visibility (a visitor sees public ones only). */
export interface VisitorMessage {
  readonly seq: number;
  readonly clientMessageId: string;
  readonly author: { readonly kind: string; readonly name: string | null };
  readonly body: string;
  readonly attachment: AttachmentView | null;
  readonly createdAt: number;
}

export const visitorMessage = (m: ChatMessage): VisitorMessage => ({
  seq: m.seq,
  // Only the visitor's own client ids mean anything to the widget.
  clientMessageId: m.author.kind === 'customer' ? m.clientMessageId : '',
  author: { kind: m.author.kind, name: m.author.name },
  body: m.body,
  attachment: m.attachment,
  createdAt: m.createdAt,
});

export interface CannedView {
  readonly id: string;
  readonly shortcut: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export const cannedView = (c: CannedResponsesTable): CannedView => ({
  id: c.id,
  shortcut: c.shortcut,
  title: c.title,
  body: c.body,
  createdAt: Number(c.created_at),
  updatedAt: Number(c.updated_at),
});

export interface CsatView {
  readonly contactId: string;
  readonly rating: number;
  readonly comment: string | null;
  readonly createdAt: number;
}

export const csatView = (c: CsatResponsesTable): CsatView => ({
  contactId: c.contact_id,
  rating: Number(c.rating),
  comment: c.comment,
  createdAt: Number(c.created_at),
});
