/** What the customers capability needs from outside, passed in by the composition root. */
import type { AuditService } from '../audit/index.js';
import type { Clock, IdSource } from '../kernel/index.js';
import type { Database } from '../platform/db/index.js';
import type { Outbox } from '../platform/events/index.js';

export interface CustomersDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly outbox: Outbox;
  readonly audit: AuditService;
}
