/**
 * The real `kefu` command (bin/kefu.js -> dist/), run as an operator runs it, on both dialects:
 * human and JSON output, the effect on the store (seen through the HTTP API), and failures that
 * must say one clear thing and change nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKefu, systemContext } from '../../src/app/index.js';
import { withServices } from '../../src/cli/admin.js';
import type { KefuConfig } from '../../src/platform/config/index.js';
import { describeStorage, type StorageTarget } from '../helpers/storage.js';
import { BIN, ensureBuilt, ROOT } from './built.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const PASSWORD = 'correct-horse-battery';

/** The child's environment: ours without any KEFU_ setting that could point it at another store. */
const childEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('KEFU_')) env[k] = v;
  return { ...env, ...extra };
};

const runKefu = (env: Record<string, string>, args: readonly string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: childEnv(env), cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });

const ok = (r: Run): string => {
  expect(r, `kefu failed: ${r.stderr}`).toMatchObject({ code: 0, stderr: '' });
  return r.stdout;
};

const okJson = <T>(r: Run): T => {
  const out = ok(r);
  expect(out.trimEnd().split('\n')).toHaveLength(1);
  return JSON.parse(out) as T;
};

beforeAll(ensureBuilt, 120_000);

describe('kefu CLI without a store', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('should list every command and global option when --help is given', async () => {
    const out = ok(await runKefu({ KEFU_DATA_DIR: dataDir }, ['--help']));
    expect(out).toContain('Usage: kefu [options] [command]');
    for (const word of ['serve', 'migrate', 'demo', 'tenant', 'user', 'apikey', '--json', '--config', '--data-dir', '--database-url']) {
      expect(out).toContain(word);
    }
  });

  it('should list the subcommands when help is asked of a command group', async () => {
    const out = ok(await runKefu({ KEFU_DATA_DIR: dataDir }, ['user', '--help']));
    for (const word of ['create', 'list', 'set-password', 'disable']) expect(out).toContain(word);
  });

  it('should print the package version when --version is given', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(ok(await runKefu({ KEFU_DATA_DIR: dataDir }, ['--version'])).trim()).toBe(pkg.version);
  });

  it('should refuse to start and touch nothing when KEFU_PORT is invalid', async () => {
    const r = await runKefu({ KEFU_DATA_DIR: dataDir, KEFU_PORT: 'abc' }, ['migrate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: CONFIG_INVALID: KEFU_PORT must be a whole number from 0 to 65535 (got "abc")\n');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('should report every configuration problem in one JSON error when --json is given', async () => {
    const r = await runKefu({ KEFU_DATA_DIR: dataDir, KEFU_PORT: 'abc', KEFU_LOG_LEVEL: 'loud' }, ['--json', 'migrate']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const body = JSON.parse(lines[0] ?? '') as { error: { code: string; problems: string[] } };
    expect(body.error.code).toBe('CONFIG_INVALID');
    expect(body.error.problems).toHaveLength(2);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('should use the data directory given by --data-dir when it differs from KEFU_DATA_DIR', async () => {
    const other = mkdtempSync(join(tmpdir(), 'kefu-cli-flag-'));
    try {
      ok(await runKefu({ KEFU_DATA_DIR: dataDir }, ['--data-dir', other, 'migrate']));
      expect(existsSync(join(other, 'kefu.sqlite'))).toBe(true);
      expect(existsSync(join(dataDir, 'kefu.sqlite'))).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

/** Everything the CLI can change, read in-process, to prove a failed command changed nothing. */
const snapshot = (config: KefuConfig) =>
  withServices(config, async (s) => {
    const tenants = await s.tenants.list(systemContext('test'));
    const perTenant = await Promise.all(
      tenants.map(async (t) => {
        const ctx = systemContext('test', t.id);
        return { slug: t.slug, users: await s.users.list(ctx), keys: await s.apiKeys.list(ctx) };
      }),
    );
    return { tenants, operators: await s.users.list(systemContext('test')), perTenant };
  });

/** An in-process kefu on the same store, for checking what the CLI did through the public API. */
const withApi = async <T>(config: KefuConfig, fn: (call: ApiCall) => Promise<T>): Promise<T> => {
  const kefu = await createKefu(config, { rateLimitPerMinute: 100_000 });
  try {
    return await fn(async (method, url, token, body) => {
      const res = await kefu.server.inject({
        method: method as 'GET',
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(body === undefined ? {} : { payload: body as object }),
      });
      return { status: res.statusCode, body: res.json() as Record<string, unknown> };
    });
  } finally {
    await kefu.close();
  }
};

type ApiCall = (
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
) => Promise<{ status: number; body: Record<string, unknown> }>;

const login = (call: ApiCall, organization: string, email: string, password: string) =>
  call('POST', '/api/v1/auth/login', null, { organization, email, password });

interface JsonError {
  readonly code: string;
  readonly message: string;
  readonly details?: readonly { field?: string; issue: string }[];
  readonly problems?: readonly string[];
}

/** The JSON error as one text, shaped like the human line, so both forms are held to the same fragment. */
const errorText = (e: JsonError): string =>
  [e.message, ...(e.details ?? []).map((d) => `${d.field ? `${d.field} ` : ''}${d.issue}`), ...(e.problems ?? [])].join('; ');

const cliSuite = (target: StorageTarget) => {
  let config: KefuConfig;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  const kefu = (...args: string[]) => runKefu(env, args);

  beforeAll(async () => {
    const store = await target.fresh();
    config = store.config;
    drop = store.drop;
    env = { KEFU_DATA_DIR: config.dataDir, ...(config.databaseUrl ? { KEFU_DATABASE_URL: config.databaseUrl } : {}) };
  });
  afterAll(() => drop());

  it('should migrate the store and succeed again with nothing to do when migrate runs twice', async () => {
    const dialect = target.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    expect(ok(await kefu('migrate'))).toBe(`database is at the latest migration (${dialect})\n`);
    expect(ok(await kefu('migrate'))).toBe(`database is at the latest migration (${dialect})\n`);
    expect(okJson(await kefu('--json', 'migrate'))).toEqual({ ok: true });
    if (target.dialect === 'sqlite') expect(existsSync(join(config.dataDir, 'kefu.sqlite'))).toBe(true);
  });

  it('should print the demo log-ins once and say the tenant exists when demo runs again', async () => {
    const first = ok(await kefu('demo'));
    expect(first).toMatch(/^Demo log-ins \(shown once\):\n/);
    const logins = [...first.matchAll(/^ {2}(\S+)\s+organisation: (\S+(?: \S+)?)\s+email: (\S+)\s+password: (\S+)$/gm)];
    expect(logins.map((m) => m[1])).toEqual(['operator_admin', 'tenant_admin', 'supervisor', 'agent', 'agent', 'agent']);
    const admin = logins[1];
    expect(ok(await kefu('demo'))).toBe('The demo tenant already exists.\n');
    expect(okJson(await kefu('--json', 'demo'))).toEqual({ created: [] });
    await withApi(config, async (call) => {
      expect((await login(call, 'demo', admin?.[3] ?? '', admin?.[4] ?? '')).status).toBe(200);
    });
  });

  it('should create and list organisations in human and JSON form when tenant commands run', async () => {
    const human = ok(
      await kefu(
        'tenant',
        'create',
        '--slug',
        'acme',
        '--name',
        'Acme Ltd',
        '--admin-email',
        'boss@acme.test',
        '--admin-password',
        PASSWORD,
      ),
    );
    expect(human).toMatch(/^created organisation acme \(tn_\w+\); admin boss@acme\.test password: \(as given\)\n$/);
    const made = okJson<{ tenant: { slug: string; name: string }; admin: { email: string; role: string }; adminPassword: string }>(
      await kefu('--json', 'tenant', 'create', '--slug', 'beta', '--name', 'Beta', '--admin-email', 'Boss@Beta.test'),
    );
    expect(made).toMatchObject({ tenant: { slug: 'beta', name: 'Beta' }, admin: { email: 'boss@beta.test', role: 'tenant_admin' } });
    expect(made.adminPassword).toMatch(/^kefu-\S{16,}$/);
    const table = ok(await kefu('tenant', 'list')).split('\n');
    expect(table[0]).toMatch(/^id\s+slug\s+name\s+status$/);
    expect(table.some((l) => /^tn_\w+\s+acme\s+Acme Ltd\s+active$/.test(l))).toBe(true);
    const listed = okJson<{ items: { slug: string }[] }>(await kefu('--json', 'tenant', 'list'));
    expect(listed.items.map((t) => t.slug)).toEqual(expect.arrayContaining(['demo', 'acme', 'beta']));
    await withApi(config, async (call) => {
      expect((await login(call, 'acme', 'boss@acme.test', PASSWORD)).status).toBe(200);
      expect((await login(call, 'beta', 'boss@beta.test', made.adminPassword)).status).toBe(200);
    });
  });

  it('should create, list, reset and disable users when user commands run', async () => {
    await kefu('tenant', 'create', '--slug', 'users', '--name', 'Users', '--admin-email', 'boss@users.test', '--admin-password', PASSWORD);
    const human = ok(
      await kefu(
        'user',
        'create',
        '--tenant',
        'users',
        '--email',
        'ann@users.test',
        '--name',
        'Ann',
        '--role',
        'agent',
        '--password',
        PASSWORD,
      ),
    );
    expect(human).toMatch(/^created user ann@users\.test \(usr_\w+\) role agent; password: \(as given\)\n$/);
    const sup = okJson<{ user: { email: string; role: string }; password: string }>(
      await kefu('--json', 'user', 'create', '--tenant', 'users', '--email', 'sue@users.test', '--name', 'Sue', '--role', 'supervisor'),
    );
    expect(sup.user).toMatchObject({ email: 'sue@users.test', role: 'supervisor' });
    expect(sup.password).toMatch(/^kefu-/);
    const table = ok(await kefu('user', 'list', '--tenant', 'users'));
    expect(table).toMatch(/^usr_\w+\s+ann@users\.test\s+Ann\s+agent\s+active$/m);
    expect(table).toMatch(/^usr_\w+\s+sue@users\.test\s+Sue\s+supervisor\s+active$/m);
    const reset = ok(await kefu('user', 'set-password', '--tenant', 'users', '--email', 'ann@users.test'));
    const fresh = /^password of ann@users\.test set: (kefu-\S+); their sessions were ended\n$/.exec(reset)?.[1] ?? '';
    expect(fresh).not.toBe('');
    const given = okJson<Record<string, unknown>>(
      await kefu('--json', 'user', 'set-password', '--tenant', 'users', '--email', 'sue@users.test', '--password', 'another-good-pass'),
    );
    expect(Object.keys(given)).toEqual(['userId']);
    await withApi(config, async (call) => {
      expect((await login(call, 'users', 'ann@users.test', PASSWORD)).status).toBe(401);
      expect((await login(call, 'users', 'ann@users.test', fresh)).status).toBe(200);
      expect((await login(call, 'users', 'sue@users.test', 'another-good-pass')).status).toBe(200);
    });
    expect(ok(await kefu('user', 'disable', '--tenant', 'users', '--email', 'ann@users.test'))).toBe(
      'disabled ann@users.test; their sessions were ended\n',
    );
    const listed = okJson<{ items: { email: string; status: string }[] }>(await kefu('--json', 'user', 'list', '--tenant', 'users'));
    expect(listed.items.find((u) => u.email === 'ann@users.test')?.status).toBe('disabled');
    await withApi(config, async (call) => {
      const res = await login(call, 'users', 'ann@users.test', fresh);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'USER_DISABLED' } });
    });
  });

  it('should create and list platform operator admins when --operator is given', async () => {
    const made = okJson<{ user: { email: string; role: string }; password: string }>(
      await kefu('--json', 'user', 'create', '--operator', '--email', 'ops@kefu.test', '--name', 'Ops'),
    );
    expect(made.user).toMatchObject({ email: 'ops@kefu.test', role: 'operator_admin' });
    expect(ok(await kefu('user', 'list', '--operator'))).toMatch(/^usr_\w+\s+ops@kefu\.test\s+Ops\s+operator_admin\s+active$/m);
    ok(await kefu('user', 'set-password', '--operator', '--email', 'ops@kefu.test', '--password', PASSWORD));
    await withApi(config, async (call) => {
      expect((await login(call, '', 'ops@kefu.test', PASSWORD)).status).toBe(200);
    });
  });

  it('should create, list and revoke API keys that work against the HTTP API until revoked', async () => {
    await kefu('tenant', 'create', '--slug', 'keys', '--name', 'Keys', '--admin-email', 'boss@keys.test', '--admin-password', PASSWORD);
    const human = ok(await kefu('apikey', 'create', '--tenant', 'keys', '--name', 'reporting', '--permissions', 'users.read, audit.read'));
    const m = /^created API key (key_\w+); the key is shown once:\n(kfk\.\S+)\n$/.exec(human);
    const [humanId, humanSecret] = [m?.[1] ?? '', m?.[2] ?? ''];
    expect(humanSecret).not.toBe('');
    const made = okJson<{ apiKey: { id: string; name: string; permissions: string[] }; secret: string }>(
      await kefu('--json', 'apikey', 'create', '--tenant', 'keys', '--name', 'sync', '--permissions', 'users.read'),
    );
    expect(made.apiKey).toMatchObject({ name: 'sync', permissions: ['users.read'] });
    const table = ok(await kefu('apikey', 'list', '--tenant', 'keys'));
    expect(table).toMatch(new RegExp(`^${humanId}\\s+reporting\\s+users\\.read,audit\\.read$`, 'm'));
    const listed = okJson<{ items: { id: string; revokedAt: number | null }[] }>(
      await kefu('--json', 'apikey', 'list', '--tenant', 'keys'),
    );
    expect(listed.items.map((k) => k.id).sort()).toEqual([humanId, made.apiKey.id].sort());
    await withApi(config, async (call) => {
      const users = await call('GET', '/api/v1/users', humanSecret);
      expect(users.status).toBe(200);
      expect((users.body.items as { email: string }[]).map((u) => u.email)).toEqual(['boss@keys.test']);
      expect((await call('GET', '/api/v1/audit', made.secret)).status).toBe(403);
    });
    expect(ok(await kefu('apikey', 'revoke', '--tenant', 'keys', '--id', humanId))).toBe(`revoked API key ${humanId}\n`);
    const after = okJson<{ items: { id: string; revokedAt: number | null }[] }>(await kefu('--json', 'apikey', 'list', '--tenant', 'keys'));
    expect(after.items.find((k) => k.id === humanId)?.revokedAt).toEqual(expect.any(Number));
    expect(after.items.find((k) => k.id === made.apiKey.id)?.revokedAt).toBeNull();
    await withApi(config, async (call) => {
      expect((await call('GET', '/api/v1/users', humanSecret)).status).toBe(401);
      expect((await call('GET', '/api/v1/users', made.secret)).status).toBe(200);
    });
  });

  describe('failures', () => {
    const user = (...over: string[]) => {
      const base: Record<string, string> = {
        '--tenant': 'errs',
        '--email': 'new@errs.test',
        '--name': 'New',
        '--role': 'agent',
        '--password': PASSWORD,
      };
      for (let i = 0; i < over.length; i += 2) base[over[i] ?? ''] = over[i + 1] ?? '';
      return ['user', 'create', ...Object.entries(base).flat()];
    };
    /** [what, args, extra env, exit code, error code, a fragment of the message]. */
    const CASES: readonly [string, string[], Record<string, string>, number, string, string][] = [
      ['unknown tenant', user('--tenant', 'nope'), {}, 1, 'NOT_FOUND', 'No organisation with slug "nope"'],
      ['duplicate email', user('--email', 'boss@errs.test'), {}, 1, 'EMAIL_TAKEN', 'already exists'],
      ['duplicate email in another case', user('--email', 'BOSS@errs.test'), {}, 1, 'EMAIL_TAKEN', 'already exists'],
      ['weak password', user('--password', 'short'), {}, 1, 'WEAK_PASSWORD', 'at least 10 characters'],
      ['bad role', user('--role', 'king'), {}, 1, 'VALIDATION_FAILED', '--role must be one of tenant_admin, supervisor, agent'],
      ['operator role in a tenant', user('--role', 'operator_admin'), {}, 1, 'VALIDATION_FAILED', '--role must be one of'],
      ['bad email', user('--email', 'not-an-email'), {}, 1, 'VALIDATION_FAILED', '--email must match format "email"'],
      ['blank name', user('--name', '  '), {}, 1, 'VALIDATION_FAILED', '--name'],
      [
        'missing required option',
        ['user', 'create', '--tenant', 'errs', '--name', 'New'],
        {},
        2,
        'USAGE',
        "required option '--email <email>' not specified",
      ],
      ['unknown command', ['users', 'list'], {}, 2, 'USAGE', "unknown command 'users'"],
      ['no scope for user list', ['user', 'list'], {}, 1, 'VALIDATION_FAILED', 'Give --tenant <slug>, or --operator'],
      ['invalid KEFU_PORT', user(), { KEFU_PORT: 'abc' }, 2, 'CONFIG_INVALID', 'KEFU_PORT must be a whole number from 0 to 65535'],
      [
        'duplicate slug',
        ['tenant', 'create', '--slug', 'errs', '--name', 'E', '--admin-email', 'x@errs.test'],
        {},
        1,
        'SLUG_TAKEN',
        'slug',
      ],
      [
        'reserved slug',
        ['tenant', 'create', '--slug', 'admin', '--name', 'E', '--admin-email', 'x@errs.test'],
        {},
        1,
        'SLUG_TAKEN',
        'reserved',
      ],
      [
        'malformed slug',
        ['tenant', 'create', '--slug', 'Acme Ltd', '--name', 'E', '--admin-email', 'x@e.test'],
        {},
        1,
        'VALIDATION_FAILED',
        '--slug must match pattern',
      ],
      [
        'unknown permission',
        ['apikey', 'create', '--tenant', 'errs', '--name', 'k', '--permissions', 'users.read,bogus'],
        {},
        1,
        'VALIDATION_FAILED',
        '--permissions must be one of',
      ],
      [
        'no permission',
        ['apikey', 'create', '--tenant', 'errs', '--name', 'k', '--permissions', ' , '],
        {},
        1,
        'VALIDATION_FAILED',
        '--permissions',
      ],
      ['unknown API key', ['apikey', 'revoke', '--tenant', 'errs', '--id', 'key_nope'], {}, 1, 'NOT_FOUND', 'No such API key'],
      [
        'disable of an unknown user',
        ['user', 'disable', '--tenant', 'errs', '--email', 'ghost@errs.test'],
        {},
        1,
        'NOT_FOUND',
        'ghost@errs.test',
      ],
    ];

    beforeAll(async () => {
      ok(
        await kefu('tenant', 'create', '--slug', 'errs', '--name', 'Errs', '--admin-email', 'boss@errs.test', '--admin-password', PASSWORD),
      );
    });

    it.each(
      CASES,
    )('should exit non-zero with one error line and change nothing when given %s', async (_what, args, extra, exit, code, fragment) => {
      const before = await snapshot(config);
      const human = await runKefu({ ...env, ...extra }, args);
      expect(human.code).toBe(exit);
      expect(human.stdout).toBe('');
      expect(human.stderr).toMatch(/^error: [^\n]+\n$/);
      if (code !== 'USAGE') expect(human.stderr).toMatch(new RegExp(`^error: ${code}: `));
      expect(human.stderr).toContain(fragment);
      const json = await runKefu({ ...env, ...extra }, ['--json', ...args]);
      expect(json.code).toBe(exit);
      expect(json.stdout).toBe('');
      expect(json.stderr).toMatch(/^[^\n]+\n$/);
      const body = JSON.parse(json.stderr) as { error: JsonError };
      expect(body.error.code).toBe(code);
      expect(errorText(body.error)).toContain(fragment);
      expect(await snapshot(config)).toEqual(before);
    });
  });
};

describeStorage('kefu CLI', cliSuite);
