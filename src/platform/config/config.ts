/**
 * Configuration: environment variables over an optional JSON file over defaults, validated at
 * start. Every problem is reported at once, each with what to fix, so an operator fixes them in
 * one pass rather than one restart per mistake.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface KefuConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** Absent: the SQLite file under dataDir. */
  readonly databaseUrl: string | null;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly sessionTtlMinutes: number;
  readonly sessionIdleMinutes: number;
  readonly bodyLimitBytes: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly maxHeaderBytes: number;
  readonly trustProxy: boolean;
  /** Secret used to sign cookies; generated and stored under dataDir when absent. */
  readonly secret: string | null;
  /** Role the application switches to on PostgreSQL so row-level security applies. */
  readonly pgAppRole: string;
  /**
   * Whether webhooks may target loopback, private and other internal addresses. Off by default so a
   * tenant cannot reach the operator's internal network through kefu; on for tests and closed networks.
   */
  readonly webhookAllowPrivate: boolean;
  /** Hours a delivered outbox event is kept before retention deletes it. */
  readonly outboxRetentionHours: number;
  /** Hours an uploaded attachment may wait to be sent with a message before it is deleted. */
  readonly unsentUploadHours: number;
  /** Days a routing decision record is kept. */
  readonly decisionRetentionDays: number;
  /** Days a finished (delivered or failed) webhook delivery is kept; pending ones always stay. */
  readonly webhookDeliveryRetentionDays: number;
}

export const DEFAULTS: KefuConfig = {
  host: '127.0.0.1',
  port: 8080,
  dataDir: './data',
  databaseUrl: null,
  logLevel: 'info',
  sessionTtlMinutes: 12 * 60,
  sessionIdleMinutes: 120,
  bodyLimitBytes: 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxHeaderBytes: 16 * 1024,
  trustProxy: false,
  secret: null,
  pgAppRole: 'kefu_app',
  webhookAllowPrivate: false,
  outboxRetentionHours: 7 * 24,
  unsentUploadHours: 24,
  decisionRetentionDays: 90,
  webhookDeliveryRetentionDays: 30,
};

type Raw = Record<string, unknown>;
type Field = keyof KefuConfig;

const ENV_NAMES: Record<Field, string> = {
  host: 'KEFU_HOST',
  port: 'KEFU_PORT',
  dataDir: 'KEFU_DATA_DIR',
  databaseUrl: 'KEFU_DATABASE_URL',
  logLevel: 'KEFU_LOG_LEVEL',
  sessionTtlMinutes: 'KEFU_SESSION_TTL_MINUTES',
  sessionIdleMinutes: 'KEFU_SESSION_IDLE_MINUTES',
  bodyLimitBytes: 'KEFU_BODY_LIMIT_BYTES',
  headersTimeoutMs: 'KEFU_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'KEFU_REQUEST_TIMEOUT_MS',
  maxHeaderBytes: 'KEFU_MAX_HEADER_BYTES',
  trustProxy: 'KEFU_TRUST_PROXY',
  secret: 'KEFU_SECRET',
  pgAppRole: 'KEFU_PG_APP_ROLE',
  webhookAllowPrivate: 'KEFU_WEBHOOK_ALLOW_PRIVATE',
  outboxRetentionHours: 'KEFU_OUTBOX_RETENTION_HOURS',
  unsentUploadHours: 'KEFU_UNSENT_UPLOAD_HOURS',
  decisionRetentionDays: 'KEFU_DECISION_RETENTION_DAYS',
  webhookDeliveryRetentionDays: 'KEFU_WEBHOOK_DELIVERY_RETENTION_DAYS',
};

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const intIn =
  (min: number, max: number) =>
  (v: unknown, name: string, problems: string[]): number | undefined => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(v)})`);
      return undefined;
    }
    return n;
  };

const str = (v: unknown, name: string, problems: string[]): string | undefined => {
  if (typeof v !== 'string' || v.trim() === '') {
    problems.push(`${name} must be a non-empty string`);
    return undefined;
  }
  return v.trim();
};

const bool = (v: unknown, name: string, problems: string[]): boolean | undefined => {
  if (v === true || v === 'true' || v === '1') return true;
  if (v === false || v === 'false' || v === '0') return false;
  problems.push(`${name} must be true or false`);
  return undefined;
};

const PARSERS: { [K in Field]: (v: unknown, name: string, problems: string[]) => KefuConfig[K] | undefined } = {
  host: str,
  port: intIn(0, 65535),
  dataDir: str,
  databaseUrl: (v, name, problems) => {
    const s = str(v, name, problems);
    if (s === undefined) return undefined;
    if (!/^postgres(ql)?:\/\//.test(s)) {
      problems.push(`${name} must be a postgres:// URL, or be left unset to use the embedded SQLite database`);
      return undefined;
    }
    try {
      new URL(s);
    } catch {
      problems.push(`${name} is not a valid URL`);
      return undefined;
    }
    return s;
  },
  logLevel: (v, name, problems) => {
    if (typeof v === 'string' && (LOG_LEVELS as readonly string[]).includes(v)) return v as KefuConfig['logLevel'];
    problems.push(`${name} must be one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(v)})`);
    return undefined;
  },
  sessionTtlMinutes: intIn(5, 60 * 24 * 30),
  sessionIdleMinutes: intIn(1, 60 * 24 * 30),
  bodyLimitBytes: intIn(1024, 100 * 1024 * 1024),
  headersTimeoutMs: intIn(100, 600_000),
  requestTimeoutMs: intIn(100, 3_600_000),
  maxHeaderBytes: intIn(1024, 1024 * 1024),
  trustProxy: bool,
  secret: (v, name, problems) => {
    const s = str(v, name, problems);
    if (s !== undefined && s.length < 32) {
      problems.push(`${name} must be at least 32 characters long`);
      return undefined;
    }
    return s;
  },
  pgAppRole: (v, name, problems) => {
    const s = str(v, name, problems);
    if (s !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(s)) {
      problems.push(`${name} must be a lower-case SQL identifier`);
      return undefined;
    }
    return s;
  },
  webhookAllowPrivate: bool,
  outboxRetentionHours: intIn(1, 24 * 365 * 10),
  unsentUploadHours: intIn(1, 24 * 365),
  decisionRetentionDays: intIn(1, 365 * 10),
  webhookDeliveryRetentionDays: intIn(1, 365 * 10),
};

const readFileConfig = (path: string, problems: string[]): Raw => {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      problems.push(`config file ${path} must hold one JSON object`);
      return {};
    }
    return parsed as Raw;
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    problems.push(missing ? `config file ${path} does not exist` : `config file ${path} cannot be read as JSON: ${(e as Error).message}`);
    return {};
  }
};

/** Loads and validates the configuration; throws ConfigError listing every problem. */
export const loadConfig = (env: NodeJS.ProcessEnv, overrides: Partial<Raw> = {}): KefuConfig => {
  const problems: string[] = [];
  const configPath = (overrides.configFile as string | undefined) ?? env.KEFU_CONFIG;
  const file = configPath ? readFileConfig(configPath, problems) : {};
  for (const key of Object.keys(file)) {
    if (!(key in ENV_NAMES)) problems.push(`config file key "${key}" is unknown; known keys: ${Object.keys(ENV_NAMES).join(', ')}`);
  }
  const out: Record<string, unknown> = { ...DEFAULTS };
  for (const field of Object.keys(ENV_NAMES) as Field[]) {
    const envName = ENV_NAMES[field];
    const fromOverride = overrides[field];
    const fromEnv = env[envName];
    const raw = fromOverride !== undefined ? fromOverride : fromEnv !== undefined && fromEnv !== '' ? fromEnv : file[field];
    if (raw === undefined || raw === null) continue;
    const label = fromOverride !== undefined ? field : fromEnv !== undefined && fromEnv !== '' ? envName : `config file key "${field}"`;
    const parsed = PARSERS[field](raw, label, problems);
    if (parsed !== undefined) out[field] = parsed;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const cfg = out as unknown as KefuConfig;
  return { ...cfg, dataDir: resolve(cfg.dataDir) };
};

export const CONFIG_ENV_NAMES = ENV_NAMES;
