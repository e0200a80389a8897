/** What tenancy's use cases need from outside, passed in by the composition root. */
import type { Logger } from 'pino';
import type { AuditService } from '../audit/index.js';
import type { Clock, IdSource } from '../kernel/index.js';
import type { Database } from '../platform/db/index.js';
import type { Outbox } from '../platform/events/index.js';
import type { ApiKeyCache } from './key-cache.js';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface TenancyDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly outbox: Outbox;
  readonly audit: AuditService;
  readonly hasher: PasswordHasher;
  readonly log: Logger;
  readonly randomSecret: () => string;
  readonly sessionTtlMs: number;
  readonly sessionIdleMs: number;
  /** Verified API keys, shared by authentication (fills it) and revocation (empties it). */
  readonly keyCache: ApiKeyCache;
}
