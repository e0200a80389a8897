import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_ENV_NAMES, ConfigError, DEFAULTS, type KefuConfig, loadConfig } from './config.js';
import { loadOrCreateSecrets } from './secrets.js';

const problemsOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

const SECRET = 's'.repeat(40);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const writeFile = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loadConfig defaults', () => {
  it('should use the documented defaults when nothing is configured', () => {
    expect(loadConfig({})).toEqual({ ...DEFAULTS, dataDir: resolve('./data') });
  });

  it('should use the default when a variable is set to the empty string', () => {
    expect(loadConfig({ KEFU_PORT: '', KEFU_HOST: '' })).toMatchObject({ port: DEFAULTS.port, host: DEFAULTS.host });
  });

  it('should ignore variables outside the KEFU_ namespace when the environment has them', () => {
    expect(loadConfig({ PORT: '1', HOST: 'x', DATABASE_URL: 'postgres://h/db' })).toEqual(loadConfig({}));
  });
});

const PARSED: readonly [string, string, keyof KefuConfig, unknown][] = [
  ['KEFU_HOST', '0.0.0.0', 'host', '0.0.0.0'],
  ['KEFU_HOST', '  ::1  ', 'host', '::1'],
  ['KEFU_PORT', '9090', 'port', 9090],
  ['KEFU_PORT', '0', 'port', 0],
  ['KEFU_PORT', '65535', 'port', 65535],
  ['KEFU_DATA_DIR', '/var/lib/kefu', 'dataDir', '/var/lib/kefu'],
  ['KEFU_DATA_DIR', 'rel/data', 'dataDir', resolve('rel/data')],
  ['KEFU_DATABASE_URL', 'postgres://kefu:pw@db.local:5432/kefu', 'databaseUrl', 'postgres://kefu:pw@db.local:5432/kefu'],
  ['KEFU_DATABASE_URL', 'postgresql://db.local/kefu', 'databaseUrl', 'postgresql://db.local/kefu'],
  ['KEFU_LOG_LEVEL', 'fatal', 'logLevel', 'fatal'],
  ['KEFU_LOG_LEVEL', 'error', 'logLevel', 'error'],
  ['KEFU_LOG_LEVEL', 'warn', 'logLevel', 'warn'],
  ['KEFU_LOG_LEVEL', 'debug', 'logLevel', 'debug'],
  ['KEFU_LOG_LEVEL', 'trace', 'logLevel', 'trace'],
  ['KEFU_LOG_LEVEL', 'silent', 'logLevel', 'silent'],
  ['KEFU_SESSION_TTL_MINUTES', '60', 'sessionTtlMinutes', 60],
  ['KEFU_SESSION_IDLE_MINUTES', '15', 'sessionIdleMinutes', 15],
  ['KEFU_BODY_LIMIT_BYTES', '2048', 'bodyLimitBytes', 2048],
  ['KEFU_HEADERS_TIMEOUT_MS', '1000', 'headersTimeoutMs', 1000],
  ['KEFU_REQUEST_TIMEOUT_MS', '5000', 'requestTimeoutMs', 5000],
  ['KEFU_MAX_HEADER_BYTES', '4096', 'maxHeaderBytes', 4096],
  ['KEFU_TRUST_PROXY', 'true', 'trustProxy', true],
  ['KEFU_TRUST_PROXY', '1', 'trustProxy', true],
  ['KEFU_TRUST_PROXY', 'false', 'trustProxy', false],
  ['KEFU_TRUST_PROXY', '0', 'trustProxy', false],
  ['KEFU_SECRET', SECRET, 'secret', SECRET],
  ['KEFU_PG_APP_ROLE', 'kefu_app_2', 'pgAppRole', 'kefu_app_2'],
  ['KEFU_WEBHOOK_ALLOW_PRIVATE', 'true', 'webhookAllowPrivate', true],
  ['KEFU_WEBHOOK_ALLOW_PRIVATE', '1', 'webhookAllowPrivate', true],
  ['KEFU_WEBHOOK_ALLOW_PRIVATE', 'false', 'webhookAllowPrivate', false],
  ['KEFU_OUTBOX_RETENTION_HOURS', '24', 'outboxRetentionHours', 24],
  ['KEFU_UNSENT_UPLOAD_HOURS', '48', 'unsentUploadHours', 48],
  ['KEFU_DECISION_RETENTION_DAYS', '30', 'decisionRetentionDays', 30],
  ['KEFU_WEBHOOK_DELIVERY_RETENTION_DAYS', '7', 'webhookDeliveryRetentionDays', 7],
];

describe('loadConfig environment variables', () => {
  it.each(PARSED)('should parse %s=%j into the setting when it is valid', (name, value, field, expected) => {
    const config = loadConfig({ [name]: value });
    expect(config[field]).toEqual(expected);
    // Only the one setting moves: a variable must not leak into its neighbours.
    expect({ ...config, [field]: DEFAULTS[field], dataDir: DEFAULTS.dataDir }).toEqual(DEFAULTS);
  });

  it('should have a parse case for every variable when a setting is added', () => {
    expect(new Set(PARSED.map(([name]) => name))).toEqual(new Set(Object.values(CONFIG_ENV_NAMES)));
    expect(Object.keys(CONFIG_ENV_NAMES).sort()).toEqual(Object.keys(DEFAULTS).sort());
  });
});

/** [variable, bad value, fragments the one problem must contain]. Every message names the variable and what is valid. */
const INVALID: readonly [string, string, readonly string[]][] = [
  ['KEFU_HOST', '   ', ['KEFU_HOST', 'non-empty string']],
  ['KEFU_PORT', 'abc', ['KEFU_PORT', 'whole number from 0 to 65535', '"abc"']],
  ['KEFU_PORT', '70000', ['KEFU_PORT', 'whole number from 0 to 65535']],
  ['KEFU_PORT', '-1', ['KEFU_PORT', 'whole number from 0 to 65535']],
  ['KEFU_PORT', '80.5', ['KEFU_PORT', 'whole number from 0 to 65535']],
  ['KEFU_PORT', '0x50', ['KEFU_PORT', 'whole number from 0 to 65535']],
  ['KEFU_DATA_DIR', ' ', ['KEFU_DATA_DIR', 'non-empty string']],
  ['KEFU_DATABASE_URL', 'mysql://db/kefu', ['KEFU_DATABASE_URL', 'postgres:// URL', 'SQLite']],
  ['KEFU_DATABASE_URL', 'postgres://[bad', ['KEFU_DATABASE_URL', 'not a valid URL']],
  ['KEFU_LOG_LEVEL', 'loud', ['KEFU_LOG_LEVEL', 'fatal, error, warn, info, debug, trace, silent']],
  ['KEFU_LOG_LEVEL', 'INFO', ['KEFU_LOG_LEVEL', 'one of']],
  ['KEFU_SESSION_TTL_MINUTES', '1', ['KEFU_SESSION_TTL_MINUTES', 'from 5 to 43200']],
  ['KEFU_SESSION_IDLE_MINUTES', '0', ['KEFU_SESSION_IDLE_MINUTES', 'from 1 to 43200']],
  ['KEFU_BODY_LIMIT_BYTES', '10', ['KEFU_BODY_LIMIT_BYTES', 'from 1024 to 104857600']],
  ['KEFU_HEADERS_TIMEOUT_MS', '50', ['KEFU_HEADERS_TIMEOUT_MS', 'from 100 to 600000']],
  ['KEFU_REQUEST_TIMEOUT_MS', 'soon', ['KEFU_REQUEST_TIMEOUT_MS', 'from 100 to 3600000']],
  ['KEFU_MAX_HEADER_BYTES', '100', ['KEFU_MAX_HEADER_BYTES', 'from 1024 to 1048576']],
  ['KEFU_TRUST_PROXY', 'yes', ['KEFU_TRUST_PROXY', 'true or false']],
  ['KEFU_SECRET', 'short-secret', ['KEFU_SECRET', 'at least 32 characters']],
  ['KEFU_PG_APP_ROLE', 'Bad-Role', ['KEFU_PG_APP_ROLE', 'lower-case SQL identifier']],
  ['KEFU_WEBHOOK_ALLOW_PRIVATE', 'yes', ['KEFU_WEBHOOK_ALLOW_PRIVATE', 'true or false']],
  ['KEFU_OUTBOX_RETENTION_HOURS', '0', ['KEFU_OUTBOX_RETENTION_HOURS', 'whole number from 1']],
  ['KEFU_UNSENT_UPLOAD_HOURS', '0', ['KEFU_UNSENT_UPLOAD_HOURS', 'whole number from 1']],
  ['KEFU_DECISION_RETENTION_DAYS', '0', ['KEFU_DECISION_RETENTION_DAYS', 'whole number from 1']],
  ['KEFU_WEBHOOK_DELIVERY_RETENTION_DAYS', 'x', ['KEFU_WEBHOOK_DELIVERY_RETENTION_DAYS', 'whole number from 1']],
];

describe('loadConfig invalid values', () => {
  it.each(INVALID)('should report one problem naming %s and what is valid when it is %j', (name, value, fragments) => {
    const problems = problemsOf(() => loadConfig({ [name]: value }));
    expect(problems).toHaveLength(1);
    for (const f of fragments) expect(problems[0]).toContain(f);
  });

  it('should have an invalid case for every variable when a setting is added', () => {
    const covered = new Set(INVALID.map(([name]) => name));
    expect(new Set(Object.values(CONFIG_ENV_NAMES))).toEqual(covered);
  });

  it('should not echo the secret when KEFU_SECRET is too short', () => {
    const problems = problemsOf(() => loadConfig({ KEFU_SECRET: 'hunter2-hunter2' }));
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('should report every problem at once when several values are invalid', () => {
    const problems = problemsOf(() => loadConfig({ KEFU_PORT: 'abc', KEFU_LOG_LEVEL: 'loud', KEFU_TRUST_PROXY: 'maybe' }));
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/KEFU_PORT[\s\S]*KEFU_LOG_LEVEL[\s\S]*KEFU_TRUST_PROXY/);
  });

  it('should carry every problem in the error message when it is thrown', () => {
    expect(() => loadConfig({ KEFU_PORT: 'abc', KEFU_HOST: ' ' })).toThrow(/invalid configuration: .*KEFU_HOST.*; .*KEFU_PORT/);
  });
});

describe('loadConfig config file', () => {
  it('should read settings from the file named by KEFU_CONFIG when it is valid JSON', () => {
    const path = writeFile('kefu.json', JSON.stringify({ port: 7000, logLevel: 'warn', trustProxy: true, host: '0.0.0.0' }));
    expect(loadConfig({ KEFU_CONFIG: path })).toMatchObject({ port: 7000, logLevel: 'warn', trustProxy: true, host: '0.0.0.0' });
  });

  it('should read the file given as configFile override when KEFU_CONFIG names another', () => {
    const chosen = writeFile('chosen.json', JSON.stringify({ port: 7001 }));
    const other = writeFile('other.json', JSON.stringify({ port: 7002 }));
    expect(loadConfig({ KEFU_CONFIG: other }, { configFile: chosen }).port).toBe(7001);
  });

  it('should let environment variables win over the file when both set a value', () => {
    const path = writeFile('kefu.json', JSON.stringify({ port: 7000, host: '0.0.0.0', logLevel: 'warn' }));
    expect(loadConfig({ KEFU_CONFIG: path, KEFU_PORT: '7100', KEFU_LOG_LEVEL: 'debug' })).toMatchObject({
      port: 7100,
      logLevel: 'debug',
      host: '0.0.0.0',
    });
  });

  it('should let overrides (command-line flags) win over environment and file when all set a value', () => {
    const path = writeFile('kefu.json', JSON.stringify({ port: 7000 }));
    expect(loadConfig({ KEFU_CONFIG: path, KEFU_PORT: '7100' }, { port: '7200' }).port).toBe(7200);
  });

  it('should not report a bad file value when the environment overrides it', () => {
    const path = writeFile('kefu.json', JSON.stringify({ port: 'not-a-port' }));
    expect(loadConfig({ KEFU_CONFIG: path, KEFU_PORT: '7100' }).port).toBe(7100);
  });

  it('should name the file key when a file value is invalid', () => {
    const path = writeFile('kefu.json', JSON.stringify({ port: 80.5, logLevel: 3 }));
    const problems = problemsOf(() => loadConfig({ KEFU_CONFIG: path }));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('config file key "port" must be a whole number from 0 to 65535');
    expect(problems[1]).toContain('config file key "logLevel" must be one of');
  });

  it('should report unknown keys and list the known ones when the file has typos', () => {
    const path = writeFile('kefu.json', JSON.stringify({ prot: 7000, logLevel: 'warn', KEFU_HOST: 'x' }));
    const problems = problemsOf(() => loadConfig({ KEFU_CONFIG: path }));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('config file key "prot" is unknown; known keys: host, port,');
    expect(problems[1]).toContain('config file key "KEFU_HOST" is unknown');
  });

  it('should report a file that is not JSON with its path when it cannot be parsed', () => {
    const path = writeFile('kefu.json', 'port = 7000\n');
    const problems = problemsOf(() => loadConfig({ KEFU_CONFIG: path }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`config file ${path} cannot be read as JSON`);
  });

  it.each([
    ['an array', '[1,2]'],
    ['null', 'null'],
    ['a string', '"port"'],
  ])('should require one JSON object when the file holds %s', (_what, text) => {
    const path = writeFile('kefu.json', text);
    expect(problemsOf(() => loadConfig({ KEFU_CONFIG: path }))).toEqual([`config file ${path} must hold one JSON object`]);
  });

  it('should report a missing file with its path when KEFU_CONFIG names none', () => {
    const path = join(dir, 'missing.json');
    const problems = problemsOf(() => loadConfig({ KEFU_CONFIG: path }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(path);
    expect(problems[0]).toContain('does not exist');
  });

  it('should report file and environment problems together when both are wrong', () => {
    const path = writeFile('kefu.json', JSON.stringify({ nope: 1, port: 'x' }));
    const problems = problemsOf(() => loadConfig({ KEFU_CONFIG: path, KEFU_LOG_LEVEL: 'loud' }));
    expect(problems).toHaveLength(3);
  });
});

describe('loadOrCreateSecrets', () => {
  const secretsPath = () => join(dir, 'nested', 'secrets.json');

  it('should generate a long secret into dataDir/secrets.json readable only by the owner when none exists', () => {
    const s = loadOrCreateSecrets(join(dir, 'nested'), null);
    expect(s.cookieSecret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(secretsPath()).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(secretsPath(), 'utf8'))).toEqual({ cookieSecret: s.cookieSecret });
  });

  it('should reuse the stored secret when loaded again', () => {
    const first = loadOrCreateSecrets(join(dir, 'nested'), null);
    const second = loadOrCreateSecrets(join(dir, 'nested'), null);
    expect(second).toEqual(first);
  });

  it('should generate a different secret for each data directory when they are new', () => {
    const a = loadOrCreateSecrets(join(dir, 'a'), null);
    const b = loadOrCreateSecrets(join(dir, 'b'), null);
    expect(a.cookieSecret).not.toBe(b.cookieSecret);
  });

  it('should use the configured secret and write no file when KEFU_SECRET is set', () => {
    expect(loadOrCreateSecrets(join(dir, 'nested'), SECRET)).toEqual({ cookieSecret: SECRET });
    expect(() => statSync(secretsPath())).toThrow(/ENOENT/);
  });

  it('should replace a stored secret when it is too short to be safe', () => {
    mkdirSync(join(dir, 'nested'));
    writeFileSync(secretsPath(), JSON.stringify({ cookieSecret: 'short' }), { mode: 0o600 });
    const s = loadOrCreateSecrets(join(dir, 'nested'), null);
    expect(s.cookieSecret).not.toBe('short');
    expect(s.cookieSecret.length).toBeGreaterThanOrEqual(32);
  });
});
