/**
 * What contacts need from routing, as an interface routing implements (the composition root
 * wires it). Contacts never import routing; routing reaches contacts through index.ts.
 */
import type { TenantContext } from '../kernel/index.js';
import type { Disposition } from './core/disposition.js';
import type { ContactView } from './views.js';

export interface QueueRequest {
  readonly channel: string;
  readonly customerId: string | null;
  readonly tier: string;
  readonly subject: string | null;
  readonly queueId: string;
}

export interface ContactRouter {
  /** Opens a contact and places it in a queue in one transaction (it may be offered at once). */
  openQueued(ctx: TenantContext, req: QueueRequest): Promise<ContactView>;
  /** Hands a contact in `new` or `bot` (self-service) over to a queue: the bot-to-human relay. */
  queue(ctx: TenantContext, contactId: string, queueId: string): Promise<ContactView>;
  /** Refuses an unknown or closed queue (checked again when the contact opens). */
  checkQueue(ctx: TenantContext, queueId: string): Promise<void>;
  /**
   * Closes a contact self-service answered (new or bot) with its disposition, in order with
   * routing's changes, so a concurrent hand-over to a queue and the close cannot both win.
   */
  closeSelfService(ctx: TenantContext, contactId: string, disposition: Disposition): Promise<ContactView>;
}
