/**
 * The chat capability behind one object: what the HTTP routes use and what the realtime layer
 * calls (token checks per connection, sends acknowledged after commit, reads, stats).
 */
import type { TenantContext } from '../kernel/index.js';
import { AttachmentsService } from './attachments.service.js';
import { CannedService } from './canned.service.js';
import type { LiveStats } from './core/index.js';
import { FeedbackService } from './feedback.service.js';
import { MessagesService, type SendInput, type Sent, type StaffSendInput } from './messages.service.js';
import type { ChatDeps } from './ports.js';
import { StatsService } from './stats.service.js';
import type { ChatMessage } from './views.js';
import type { VisitorSession } from './visitor.js';
import { VisitorsService, type Welcome } from './visitors.service.js';
import { WidgetsService } from './widgets.service.js';
import { type Workspace, WorkspaceService } from './workspace.service.js';

export class ChatService {
  readonly widgets: WidgetsService;
  readonly visitors: VisitorsService;
  readonly messages: MessagesService;
  readonly attachments: AttachmentsService;
  readonly feedback: FeedbackService;
  readonly canned: CannedService;
  readonly workspaceModel: WorkspaceService;
  readonly stats: StatsService;

  constructor(d: ChatDeps) {
    this.widgets = new WidgetsService(d);
    this.visitors = new VisitorsService(d);
    this.messages = new MessagesService(d);
    this.attachments = new AttachmentsService(d);
    this.feedback = new FeedbackService(d, this.messages);
    this.canned = new CannedService(d);
    this.workspaceModel = new WorkspaceService(d, this.messages);
    this.stats = new StatsService(d);
  }

  verifyVisitorToken(token: string): Promise<VisitorSession | null> {
    return this.visitors.verify(token);
  }

  visitorWelcome(v: VisitorSession): Promise<Welcome> {
    return this.visitors.welcome(v);
  }

  postVisitorMessage(v: VisitorSession, m: SendInput): Promise<Sent> {
    return this.messages.postVisitorMessage(v, m);
  }

  postStaffMessage(ctx: TenantContext, contactId: string, m: StaffSendInput): Promise<Sent> {
    return this.messages.postStaffMessage(ctx, contactId, m);
  }

  listVisitorMessages(v: VisitorSession, afterSeq: number, limit?: number): Promise<ChatMessage[]> {
    return this.messages.listVisitorMessages(v, afterSeq, limit);
  }

  listStaffMessages(ctx: TenantContext, contactId: string, afterSeq: number, limit?: number): Promise<ChatMessage[]> {
    return this.messages.listStaffMessages(ctx, contactId, afterSeq, limit);
  }

  markVisitorRead(v: VisitorSession, seq: number): Promise<number> {
    return this.messages.markVisitorRead(v, seq);
  }

  markStaffRead(ctx: TenantContext, contactId: string, seq: number): Promise<number | null> {
    return this.messages.markStaffRead(ctx, contactId, seq);
  }

  /** Staff names by user id, cached per tenant for a minute (see MessagesService). */
  staffNames(ctx: TenantContext): Promise<ReadonlyMap<string, string>> {
    return this.messages.cachedStaffNames(ctx);
  }

  canAccessContact(ctx: TenantContext, contactId: string): Promise<boolean> {
    return this.messages.canAccessContact(ctx, contactId);
  }

  workspace(ctx: TenantContext): Promise<Workspace> {
    return this.workspaceModel.workspace(ctx);
  }

  liveStats(ctx: TenantContext): Promise<LiveStats> {
    return this.stats.liveStats(ctx);
  }
}
