/**
 * Uploads nobody sent: a file is uploaded first and sent with a message after, and a visitor or
 * agent who uploads and then leaves (or whose send fails) leaves the file taking disk space and a
 * place in the conversation's quota. Once an upload is older than the grace period and still not
 * in a message, its row is deleted (only if still unsent, so a send that just took it wins) and
 * then its file. A crash between the two leaves a file without a row, which nothing serves.
 */
import { rm } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Clock } from '../kernel/index.js';
import { type Database, PLATFORM_SCOPE } from '../platform/db/index.js';
import { AFTER_START_UP_MS, betweenChunks, PeriodicJob } from '../platform/events/index.js';
import { attachmentPath } from './attachment-path.js';
import { attachmentStore } from './store.js';

export interface UnsentUploadOptions {
  /** Uploads not in a message this long after upload (ms) are deleted. */
  readonly graceMs: number;
  /** How often to sweep; default hourly. */
  readonly everyMs?: number;
  /** Rows per pass; default 500. */
  readonly chunk?: number;
}

export class UnsentUploadSweeper {
  private readonly job: PeriodicJob;
  private readonly chunk: number;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    log: Logger,
    private readonly dataDir: string,
    private readonly opts: UnsentUploadOptions,
  ) {
    this.chunk = opts.chunk ?? 500;
    this.job = new PeriodicJob(log, () => this.sweep(), {
      everyMs: opts.everyMs ?? 3_600_000,
      firstDelayMs: AFTER_START_UP_MS,
      what: 'sweeping unsent uploads',
    });
  }

  start(): void {
    this.job.start();
  }

  /** Waits for a pass under way, which ends after its current chunk. */
  stop(): Promise<void> {
    return this.job.stop();
  }

  /** Deletes every upload past the grace period that no message took; returns how many. */
  async sweep(): Promise<number> {
    const before = this.clock.now() - this.opts.graceMs;
    let deleted = 0;
    for (;;) {
      const gone = await this.db.tx(PLATFORM_SCOPE, async (trx) => {
        const due = await attachmentStore.unsentBefore(trx, before, this.chunk);
        const byTenant = new Map<string, string[]>();
        for (const r of due) {
          const ids = byTenant.get(r.tenant_id);
          if (ids) ids.push(r.id);
          else byTenant.set(r.tenant_id, [r.id]);
        }
        const out: { tenant_id: string; id: string }[] = [];
        for (const [tenantId, ids] of byTenant) out.push(...(await attachmentStore.deleteUnsent(trx, tenantId, ids)));
        return { rows: out, full: due.length === this.chunk };
      });
      // Files go only once their rows are gone for good (committed).
      for (const r of gone.rows) await rm(attachmentPath(this.dataDir, r.tenant_id, r.id), { force: true });
      deleted += gone.rows.length;
      if (!gone.full || this.job.stopping) return deleted;
      await betweenChunks();
    }
  }
}
