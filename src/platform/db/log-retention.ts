/**
 * Retention of append-only logs that grow with traffic (routing decision records, finished
 * webhook deliveries): rows older than each log's period are deleted, tenant by tenant, in small
 * chunks (a long delete would hold SQLite's single writer). Their ids begin with their creation
 * time (kernel/ids.ts), so "older than" is a range of the primary key, `tenant_id` first: no scan
 * of what is kept and no index of its own. Capabilities describe their logs; this only schedules.
 */
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import { type Clock, idFloor } from '../../kernel/index.js';
import { AFTER_START_UP_MS, betweenChunks, PeriodicJob } from '../events/periodic.js';
import { type Database, PLATFORM_SCOPE } from './database.js';
import type { DB } from './schema.js';

export interface RetainedLog {
  /** For logs and counts, e.g. `routing_decisions`. */
  readonly name: string;
  /** The prefix of the log's ids (`dec`): the id floor of a time is where older rows end. */
  readonly idPrefix: string;
  readonly retentionMs: number;
  /** Deletes up to `limit` of the tenant's rows with ids below `beforeId` that may go; answers how many. */
  prune(trx: Transaction<DB>, tenantId: string, beforeId: string, limit: number): Promise<number>;
}

export interface LogRetentionOptions {
  /** How often to prune; default hourly. */
  readonly everyMs?: number;
  /** Rows per delete; default 2,000. */
  readonly chunk?: number;
}

export class LogRetention {
  private readonly job: PeriodicJob;
  private readonly chunk: number;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly logs: readonly RetainedLog[],
    opts: LogRetentionOptions = {},
  ) {
    this.chunk = opts.chunk ?? 2_000;
    this.job = new PeriodicJob(log, () => this.prune(), {
      everyMs: opts.everyMs ?? 3_600_000,
      firstDelayMs: AFTER_START_UP_MS,
      what: 'log retention',
    });
  }

  start(): void {
    this.job.start();
  }

  /** Waits for a pass under way, which ends after its current chunk. */
  stop(): Promise<void> {
    return this.job.stop();
  }

  /**
   * Deletes what may go now; answers how many rows per log. A tenant whose delete fails is logged
   * and skipped (the next pass tries again), so one cannot hold up the others.
   */
  async prune(): Promise<Record<string, number>> {
    const tenants = await this.db.tx(PLATFORM_SCOPE, (trx) => trx.selectFrom('tenants').select('id').execute());
    const now = this.clock.now();
    const deleted: Record<string, number> = {};
    for (const l of this.logs) {
      const beforeId = idFloor(l.idPrefix, now - l.retentionMs);
      let n = 0;
      for (const { id: tenantId } of tenants) {
        if (this.job.stopping) break;
        try {
          n += await this.pruneTenant(l, tenantId, beforeId);
        } catch (e) {
          this.log.error({ err: e, tenantId, log: l.name }, 'log retention failed for a tenant; will retry');
        }
      }
      deleted[l.name] = n;
    }
    return deleted;
  }

  private async pruneTenant(l: RetainedLog, tenantId: string, beforeId: string): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.tx(tenantId, (trx) => l.prune(trx, tenantId, beforeId, this.chunk));
      total += n;
      if (n < this.chunk || this.job.stopping) return total;
      await betweenChunks();
    }
  }
}
