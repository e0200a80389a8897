/**
 * Outbox retention: every delivered event stays in the outbox until every durable subscriber has
 * passed it and it is older than the retention period, then it is deleted in small chunks (a long
 * delete would hold SQLite's single writer), and so are the consumers' dedupe records
 * (`processed_events`) of such events. Webhook deliveries keep their own copy of the body, and
 * live subscribers start from the tail, so nothing reads a pruned event again; a subscriber added
 * later starts from the oldest event still kept.
 */

import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../../kernel/index.js';
import { type Database, PLATFORM_SCOPE } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { betweenChunks, PeriodicJob } from './periodic.js';

export interface RetentionOptions {
  /** Events older than this (ms) may go once every subscriber has passed them. */
  readonly retentionMs: number;
  /** How often to prune; default 10 minutes. */
  readonly everyMs?: number;
  /** Rows per delete statement; default 5,000. */
  readonly chunk?: number;
}

/** The cursors pruning must not pass: the slowest durable subscriber's (and the live loop's). */
export type SafeUpTo = () => Promise<number>;

export class OutboxPruner {
  private readonly job: PeriodicJob;
  private readonly chunk: number;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    log: Logger,
    private readonly safeUpTo: SafeUpTo,
    private readonly opts: RetentionOptions,
  ) {
    this.chunk = opts.chunk ?? 5_000;
    this.job = new PeriodicJob(log, () => this.prune(), { everyMs: opts.everyMs ?? 600_000, firstDelayMs: 0, what: 'outbox pruning' });
  }

  start(): void {
    this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  /** Deletes what may go now; returns how many events were deleted. */
  async prune(): Promise<number> {
    const upTo = await this.safeUpTo();
    const before = this.clock.now() - this.opts.retentionMs;
    let deleted = 0;
    for (;;) {
      const n = await this.db.tx(PLATFORM_SCOPE, (trx) => this.pruneChunk(trx, upTo, before));
      deleted += n;
      if (n < this.chunk) return deleted;
      await betweenChunks();
    }
  }

  /**
   * One chunk: the oldest events (a primary-key range, never a scan of what is kept) up to the first
   * that is too recent or not yet passed by every subscriber, and the dedupe records
   * (`processed_events`) of those events, which no saved cursor can bring back.
   */
  private async pruneChunk(trx: Transaction<DB>, upTo: number, before: number): Promise<number> {
    const head = await trx
      .selectFrom('outbox')
      .select(['id', 'tenant_id', 'occurred_at'])
      .where('id', '<=', upTo)
      .orderBy('id')
      .limit(this.chunk)
      .execute();
    let last: number | null = null;
    let n = 0;
    const tenants = new Set<string>();
    for (const row of head) {
      if (Number(row.occurred_at) >= before) break;
      last = Number(row.id);
      tenants.add(row.tenant_id);
      n++;
    }
    if (last === null) return 0;
    await trx.deleteFrom('outbox').where('id', '<=', last).execute();
    for (const tenantId of tenants) {
      await trx.deleteFrom('processed_events').where('tenant_id', '=', tenantId).where('event_id', '<=', last).execute();
    }
    // Fewer than a full chunk (cut short by a recent or unpassed event) ends the run.
    return n;
  }
}
