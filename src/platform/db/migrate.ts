/**
 * Versioned migrations, one set for both dialects, applied at start and by `kefu migrate`.
 * On PostgreSQL the run ends by (re)granting the application role, which owns nothing, so that
 * forced row-level security binds it.
 */
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator, sql } from 'kysely';
import type { Database } from './database.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_customers.js';
import * as m0003 from './migrations/0003_contacts.js';
import * as m0004 from './migrations/0004_routing.js';
import * as m0005 from './migrations/0005_webhooks.js';
import * as m0006 from './migrations/0006_chat.js';
import * as m0007 from './migrations/0007_contact_target.js';
import * as m0008 from './migrations/0008_contact_agent_index.js';
import * as m0009 from './migrations/0009_processed_events_index.js';
import * as m0010 from './migrations/0010_unsent_attachments_index.js';
import * as m0011 from './migrations/0011_wrap_up_time.js';
import { enableTenantRls, type MigrationContext } from './migrations/context.js';

type Step = { up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> };

const STEPS: Record<string, Step> = {
  '0001_foundation': m0001,
  '0002_customers': m0002,
  '0003_contacts': m0003,
  '0004_routing': m0004,
  '0005_webhooks': m0005,
  '0006_chat': m0006,
  '0007_contact_target': m0007,
  '0008_contact_agent_index': m0008,
  '0009_processed_events_index': m0009,
  '0010_unsent_attachments_index': m0010,
  '0011_wrap_up_time': m0011,
};

class InCodeProvider implements MigrationProvider {
  constructor(private readonly ctx: MigrationContext) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, step] of Object.entries(STEPS)) out[name] = { up: (db) => step.up(db, this.ctx) };
    return out;
  }
}

export interface MigrateOutcome {
  readonly applied: readonly string[];
  readonly latest: string | null;
}

const grantAppRole = async (db: Kysely<unknown>, role: string): Promise<void> => {
  const r = sql.raw(role);
  // Concurrent first runs may race to create the role; the loser's duplicate is harmless.
  await sql`do $$ begin create role ${r} nologin; exception when duplicate_object then null; end $$`.execute(db);
  await sql`grant ${r} to current_user`.execute(db).catch(() => undefined);
  await sql`grant usage on schema public to ${r}`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(db);
  await sql`grant usage, select on all sequences in schema public to ${r}`.execute(db);
};

/** Migrates with an owner connection (not the application role). */
export const migrateToLatest = async (db: Database, appRole: string | null): Promise<MigrateOutcome> => {
  const kysely = db.kysely as unknown as Kysely<unknown>;
  const ctx: MigrationContext = { dialect: db.dialect, enableTenantRls };
  const migrator = new Migrator({ db: kysely, provider: new InCodeProvider(ctx) });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  if (db.dialect === 'postgres' && appRole) await grantAppRole(kysely, appRole);
  const applied = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  const names = Object.keys(STEPS);
  return { applied, latest: names[names.length - 1] ?? null };
};
