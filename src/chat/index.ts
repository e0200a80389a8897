/**
 * Web chat: widgets, visitors and their tokens, messages with visibility, attachments, CSAT,
 * transcripts, canned responses, the agent workspace read model and live statistics.
 * The only surface other code imports; the realtime layer uses ChatService.
 */
import type { FastifyInstance } from 'fastify';
import { type AssetOptions, widgetAssetRoutes } from './assets.http.js';
import type { ChatService } from './service.js';
import { staffChatRoutes } from './staff.http.js';
import { widgetRoutes } from './widget.http.js';

export { type AssetOptions, renderDemoPage, WIDGET_KEY_PLACEHOLDER } from './assets.http.js';
export type { CannedInput, RenderedCanned } from './canned.service.js';
export type { AgentStats, LiveStats, Prechat, PrechatTopic, QueueStats, QueueTargets, TierStats } from './core/index.js';
export { ownOrigin } from './cors.js';
export type { SendInput, Sent, StaffSendInput } from './messages.service.js';
export type { ChatContacts, ChatCustomers, ChatDeps, ChatRouting, ChatStaff, LinkedCustomer, Presence } from './ports.js';
export { ChatService } from './service.js';
export { type UnsentUploadOptions, UnsentUploadSweeper } from './unsent-uploads.js';
export type { AttachmentView, CannedView, ChatMessage, CsatView, Visibility, VisitorMessage, WidgetView } from './views.js';
export { visitorMessage } from './views.js';
export type { VisitorSession } from './visitor.js';
export type { Opened, OpenInput, Welcome } from './visitors.service.js';
export type { WidgetInput, WidgetPatch, WidgetWithSecret } from './widgets.service.js';
export type { Workspace, WorkspaceContact } from './workspace.service.js';

/** Every chat route: widget assets, the widget's public and visitor API, and the staff API. */
export const chatRoutes = (chat: ChatService, assets: AssetOptions) => async (app: FastifyInstance) => {
  await app.register(widgetAssetRoutes(assets));
  await app.register(widgetRoutes(chat));
  await app.register(staffChatRoutes(chat));
};
