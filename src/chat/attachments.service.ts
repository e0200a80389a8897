/**
 * Attachments: checked (size, declared type, magic bytes), stored under the data directory and
 * served only inside their own conversation (the visitor's token, or staff of the tenant).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, notFound, type TenantContext } from '../kernel/index.js';
import type { ChatAttachmentsTable } from '../platform/db/index.js';
import {
  type AttachmentType,
  bytesMatchType,
  defaultFileName,
  isAttachmentType,
  MAX_ATTACHMENT_BYTES,
  safeFileName,
} from './core/index.js';
import type { ChatDeps } from './ports.js';
import { attachmentStore } from './store.js';
import { type AttachmentView, attachmentView } from './views.js';
import { type VisitorSession, visitorContext } from './visitor.js';

export interface Upload {
  readonly contentType: string;
  /** As sent in X-File-Name (URL-encoded); may be absent. */
  readonly encodedName: string | null;
  readonly bytes: Uint8Array;
}

export interface StoredFile {
  readonly meta: AttachmentView;
  readonly bytes: Buffer;
}

const ID = /^att_[0-9a-z]{20}$/;

const decodeName = (encoded: string | null): string | null => {
  if (encoded === null) return null;
  try {
    return safeFileName(decodeURIComponent(encoded));
  } catch {
    throw new AppError('VALIDATION_FAILED', undefined, [{ field: 'headers.x-file-name', issue: 'must be URL-encoded UTF-8' }]);
  }
};

export class AttachmentsService {
  constructor(private readonly d: ChatDeps) {}

  private pathOf(tenantId: string, id: string): string {
    // Both parts come from our own id formats; checked anyway so no name can climb out of the folder.
    if (!/^tn_[0-9a-z]{20}$|^tn_platform$/.test(tenantId) || !ID.test(id)) throw new AppError('NOT_FOUND');
    return join(this.d.dataDir, 'attachments', tenantId, id);
  }

  async uploadForVisitor(v: VisitorSession, u: Upload): Promise<AttachmentView> {
    const c = await this.d.contacts.get(visitorContext(v.tenantId, v.contactId), v.contactId);
    if (['closed', 'abandoned', 'timed_out'].includes(c.state))
      throw new AppError('ILLEGAL_TRANSITION', `The conversation is ${c.state}; nothing more can be sent.`);
    return this.store(v.tenantId, v.contactId, 'customer', u);
  }

  private async store(tenantId: string, contactId: string, uploadedBy: string, u: Upload): Promise<AttachmentView> {
    if (!isAttachmentType(u.contentType)) throw new AppError('ATTACHMENT_TYPE_REFUSED');
    if (u.bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('ATTACHMENT_TOO_LARGE');
    if (u.bytes.length === 0) throw new AppError('VALIDATION_FAILED', 'The attachment is empty.');
    const type: AttachmentType = u.contentType;
    if (!bytesMatchType(type, u.bytes)) throw new AppError('ATTACHMENT_TYPE_REFUSED', `The bytes are not ${type}.`);
    const row: ChatAttachmentsTable = {
      tenant_id: tenantId,
      id: this.d.ids.next('att'),
      contact_id: contactId,
      message_seq: null,
      file_name: decodeName(u.encodedName) ?? defaultFileName(type),
      content_type: type,
      size: u.bytes.length,
      sha256: createHash('sha256').update(u.bytes).digest('hex'),
      uploaded_by: uploadedBy,
      created_at: this.d.clock.now(),
    };
    const path = this.pathOf(tenantId, row.id);
    await mkdir(join(this.d.dataDir, 'attachments', tenantId), { recursive: true, mode: 0o700 });
    await writeFile(path, u.bytes, { mode: 0o600 });
    try {
      await this.d.db.tx(tenantId, (trx) => attachmentStore.insert(trx, row));
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
    return attachmentView(row);
  }

  private async read(tenantId: string, contactId: string, id: string): Promise<StoredFile> {
    const row = await this.d.db.tx(tenantId, (trx) => attachmentStore.byId(trx, tenantId, id));
    // Another conversation's attachment answers exactly like one that does not exist.
    if (!row || row.contact_id !== contactId) throw notFound('attachment');
    const bytes = await readFile(this.pathOf(tenantId, id)).catch(() => {
      throw notFound('attachment');
    });
    return { meta: attachmentView(row), bytes };
  }

  readForVisitor(v: VisitorSession, id: string): Promise<StoredFile> {
    return this.read(v.tenantId, v.contactId, id);
  }

  /** Staff of the tenant (contacts.read); the contact must exist in the tenant. */
  async readForStaff(ctx: TenantContext, contactId: string, id: string): Promise<StoredFile> {
    await this.d.contacts.get(ctx, contactId);
    return this.read(ctx.tenantId, contactId, id);
  }
}
