/**
 * Attachments: checked (size, declared type, magic bytes, the conversation's quota), stored under
 * the data directory and served only inside their own conversation (the visitor's token, or staff
 * of the tenant). Both sides upload: the visitor with its token, staff who handle or supervise
 * the contact. A visitor downloads its own uploads and staff files sent in public messages only.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, can, notFound, type TenantContext } from '../kernel/index.js';
import type { ChatAttachmentsTable } from '../platform/db/index.js';
import { attachmentPath } from './attachment-path.js';
import {
  type AttachmentType,
  bytesMatchType,
  defaultFileName,
  isAttachmentType,
  MAX_ATTACHMENT_BYTES,
  quotaAllows,
  safeFileName,
  VISITOR_UPLOADER,
} from './core/index.js';
import type { ChatDeps } from './ports.js';
import { attachmentStore, sessionStore } from './store.js';
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

/** Contact states after which nothing more can be sent, so nothing more uploaded. */
const FINISHED: ReadonlySet<string> = new Set(['closed', 'abandoned', 'timed_out']);
/** Contact states in which its agent handles it (and so may attach files). */
const HANDLING: ReadonlySet<string> = new Set(['assigned', 'wrap_up']);

/** The declared type and length: refused before the body is read. */
const checkDeclared = (contentType: string, declaredBytes: number | null): void => {
  if (!isAttachmentType(contentType)) throw new AppError('ATTACHMENT_TYPE_REFUSED');
  if (declaredBytes !== null && declaredBytes > MAX_ATTACHMENT_BYTES) throw new AppError('ATTACHMENT_TOO_LARGE');
};

const decodeName = (encoded: string | null): string | null => {
  if (encoded === null) return null;
  try {
    return safeFileName(decodeURIComponent(encoded));
  } catch {
    throw new AppError('VALIDATION_FAILED', undefined, [{ field: 'headers.x-file-name', issue: 'must be URL-encoded UTF-8' }]);
  }
};

/** Gives an admitted upload's place back; safe to call more than once. */
export type ReleaseUpload = () => void;

export class AttachmentsService {
  /**
   * Uploads admitted whose bodies are still arriving, per conversation (`tenant|contact`): counted
   * against the quota at admission, so concurrent uploads cannot each be read (up to 5 MiB in
   * memory) only for the locked insert to refuse all but the places left. One process holds them
   * (like the real-time hub); the locked insert stays the authority.
   */
  private readonly inFlight = new Map<string, { files: number; bytes: number }>();

  constructor(private readonly d: ChatDeps) {}

  private pathOf(tenantId: string, id: string): string {
    return attachmentPath(this.d.dataDir, tenantId, id);
  }

  /**
   * What can be refused before the body is read (the HTTP layer calls it once the token is
   * checked): the declared type, the declared size, a finished conversation, a full quota. The
   * upload itself checks all of it again on the bytes that came.
   */
  async admitVisitorUpload(v: VisitorSession, contentType: string, declaredBytes: number | null): Promise<ReleaseUpload> {
    checkDeclared(contentType, declaredBytes);
    await this.checkOpen(v);
    return this.reserve(v.tenantId, v.contactId, declaredBytes);
  }

  async uploadForVisitor(v: VisitorSession, u: Upload): Promise<AttachmentView> {
    await this.checkOpen(v);
    return this.store(v.tenantId, v.contactId, VISITOR_UPLOADER, u);
  }

  /**
   * The staff side's admission, before the body is read. Who may upload comes first, so another
   * tenant's contact answers 404 and a colleague's 403 whatever the request declares.
   */
  async admitStaffUpload(ctx: TenantContext, contactId: string, contentType: string, declaredBytes: number | null): Promise<ReleaseUpload> {
    await this.checkStaffMayUpload(ctx, contactId);
    checkDeclared(contentType, declaredBytes);
    return this.reserve(ctx.tenantId, contactId, declaredBytes);
  }

  /** Checked again once the body is in: the contact may have moved on while it arrived. */
  async uploadForStaff(ctx: TenantContext, contactId: string, u: Upload): Promise<AttachmentView> {
    await this.checkStaffMayUpload(ctx, contactId);
    return this.store(ctx.tenantId, contactId, ctx.actor.id, u);
  }

  private async checkOpen(v: VisitorSession): Promise<void> {
    const c = await this.d.contacts.get(visitorContext(v.tenantId, v.contactId), v.contactId);
    if (FINISHED.has(c.state)) throw new AppError('ILLEGAL_TRANSITION', `The conversation is ${c.state}; nothing more can be sent.`);
  }

  /**
   * The agent handling the contact (assigned or in wrap-up), or anyone who supervises routing, and
   * only into a web chat that is still open. An unknown contact (or another tenant's) is NOT_FOUND.
   */
  private async checkStaffMayUpload(ctx: TenantContext, contactId: string): Promise<void> {
    const c = await this.d.contacts.get(ctx, contactId);
    const handles = ctx.actor.kind === 'user' && c.agentId === ctx.actor.id && HANDLING.has(c.state);
    if (!handles && !can(ctx, 'routing.supervise')) throw new AppError('NOT_YOUR_CONTACT');
    if (FINISHED.has(c.state)) throw new AppError('ILLEGAL_TRANSITION', `The conversation is ${c.state}; nothing more can be sent.`);
    // Files live with a web chat's session (its lock guards the quota, its visitor downloads them).
    const session = await this.d.db.tx(ctx.tenantId, (trx) => sessionStore.byContact(trx, ctx.tenantId, contactId));
    if (!session) throw new AppError('VALIDATION_FAILED', 'Only web chat conversations take attachments.');
  }

  /**
   * Admission's quota check, counting the uploads of the conversation still in flight, and the
   * place it then holds (a body of unknown length holds the largest size an attachment may have)
   * until the caller releases it, when the request ends whatever its outcome.
   */
  private async reserve(tenantId: string, contactId: string, declaredBytes: number | null): Promise<ReleaseUpload> {
    const key = `${tenantId}|${contactId}`;
    const bytes = declaredBytes ?? MAX_ATTACHMENT_BYTES;
    const stored = await this.d.db.tx(tenantId, (trx) => attachmentStore.usage(trx, tenantId, contactId));
    const pending = this.inFlight.get(key) ?? { files: 0, bytes: 0 };
    if (!quotaAllows({ files: stored.files + pending.files, bytes: stored.bytes + pending.bytes }, bytes)) {
      throw new AppError('ATTACHMENT_QUOTA_EXCEEDED');
    }
    this.inFlight.set(key, { files: pending.files + 1, bytes: pending.bytes + bytes });
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const now = this.inFlight.get(key);
      if (!now) return;
      if (now.files <= 1) this.inFlight.delete(key);
      else this.inFlight.set(key, { files: now.files - 1, bytes: now.bytes - bytes });
    };
  }

  /** Refused before the body is read when even the declared size (or one byte) would not fit. */
  private async checkRoom(tenantId: string, contactId: string, declaredBytes: number | null): Promise<void> {
    const used = await this.d.db.tx(tenantId, (trx) => attachmentStore.usage(trx, tenantId, contactId));
    if (!quotaAllows(used, declaredBytes ?? 1)) throw new AppError('ATTACHMENT_QUOTA_EXCEEDED');
  }

  /**
   * Inserts the row if the conversation's quota still allows it, under the session's lock, so two
   * uploads at once cannot both take the last place.
   */
  private async insertWithinQuota(row: ChatAttachmentsTable): Promise<void> {
    const { tenant_id: tenantId, contact_id: contactId } = row;
    await this.d.db.tx(tenantId, async (trx) => {
      await sessionStore.lock(trx, this.d.db.dialect, tenantId, contactId);
      if (!quotaAllows(await attachmentStore.usage(trx, tenantId, contactId), row.size)) throw new AppError('ATTACHMENT_QUOTA_EXCEEDED');
      await attachmentStore.insert(trx, row);
    });
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
    // A full conversation is refused before a byte is written; the insert decides for certain.
    await this.checkRoom(tenantId, contactId, row.size);
    const path = this.pathOf(tenantId, row.id);
    await mkdir(join(this.d.dataDir, 'attachments', tenantId), { recursive: true, mode: 0o700 });
    await writeFile(path, u.bytes, { mode: 0o600 });
    try {
      await this.insertWithinQuota(row);
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
    return attachmentView(row);
  }

  private async read(
    tenantId: string,
    contactId: string,
    id: string,
    visible: (row: ChatAttachmentsTable) => Promise<boolean> = async () => true,
  ): Promise<StoredFile> {
    const row = await this.d.db.tx(tenantId, (trx) => attachmentStore.byId(trx, tenantId, id));
    // Another conversation's attachment, or one its reader may not see, answers exactly like one
    // that does not exist.
    if (!row || row.contact_id !== contactId || !(await visible(row))) throw notFound('attachment');
    const bytes = await readFile(this.pathOf(tenantId, id)).catch(() => {
      throw notFound('attachment');
    });
    return { meta: attachmentView(row), bytes };
  }

  readForVisitor(v: VisitorSession, id: string): Promise<StoredFile> {
    return this.read(v.tenantId, v.contactId, id, (row) => this.visibleToVisitor(v, row));
  }

  /**
   * The visitor's own uploads, and staff files once sent in a public message: never one that is
   * not sent yet or went into an internal note or a whisper. A file is sent in one message (see
   * MessagesService), the one `message_seq` names.
   */
  private async visibleToVisitor(v: VisitorSession, row: ChatAttachmentsTable): Promise<boolean> {
    if (row.uploaded_by === VISITOR_UPLOADER) return true;
    if (row.message_seq === null) return false;
    const seq = Number(row.message_seq);
    const [m] = await this.d.contacts.messages(visitorContext(v.tenantId, v.contactId), v.contactId, seq - 1, 1);
    return m !== undefined && m.seq === seq && m.visibility === 'public' && m.attachmentId === row.id;
  }

  /** Staff of the tenant (contacts.read); the contact must exist in the tenant. */
  async readForStaff(ctx: TenantContext, contactId: string, id: string): Promise<StoredFile> {
    await this.d.contacts.get(ctx, contactId);
    return this.read(ctx.tenantId, contactId, id);
  }
}
