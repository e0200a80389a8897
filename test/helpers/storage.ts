/**
 * The storage matrix: every storage contract suite runs once per dialect. SQLite always runs;
 * PostgreSQL runs when KEFU_TEST_POSTGRES_URL is set (.ci/run sets it) and is otherwise reported
 * as skipped, with the reason in the test name so it shows in every report.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { type KefuConfig, loadConfig } from '../../src/platform/config/index.js';

export type DialectName = 'sqlite' | 'postgres';

export const PG_URL = process.env.KEFU_TEST_POSTGRES_URL ?? '';
export const PG_SKIP_REASON =
  'PostgreSQL not configured: set KEFU_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run this suite';

export interface StorageTarget {
  readonly dialect: DialectName;
  /** A fresh, empty store and a config that points at it; `drop` removes it. */
  fresh(overrides?: Record<string, unknown>): Promise<{ config: KefuConfig; drop(): Promise<void> }>;
}

const sqliteTarget: StorageTarget = {
  dialect: 'sqlite',
  async fresh(overrides = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-test-'));
    const config = loadConfig({}, { dataDir: dir, logLevel: 'silent', ...overrides });
    return { config, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

const adminQuery = async (sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

const postgresTarget: StorageTarget = {
  dialect: 'postgres',
  async fresh(overrides = {}) {
    const name = `kefu_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    const dir = mkdtempSync(join(tmpdir(), 'kefu-test-'));
    const config = loadConfig({}, { dataDir: dir, databaseUrl: url.toString(), logLevel: 'silent', ...overrides });
    return {
      config,
      drop: async () => {
        rmSync(dir, { recursive: true, force: true });
        await adminQuery(`drop database if exists ${name} with (force)`);
      },
    };
  },
};

export const STORAGE_TARGETS: readonly StorageTarget[] = [sqliteTarget, postgresTarget];

/** Runs `suite` once per dialect; the PostgreSQL run is skipped loudly when not configured. */
export const describeStorage = (title: string, suite: (target: StorageTarget) => void): void => {
  for (const target of STORAGE_TARGETS) {
    if (target.dialect === 'postgres' && !PG_URL) {
      describe.skip(`${title} [postgres] (skipped: ${PG_SKIP_REASON})`, () => suite(target));
      continue;
    }
    describe(`${title} [${target.dialect}]`, () => suite(target));
  }
};
