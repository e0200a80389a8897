/**
 * `kefu serve` as a real process: what it prints, what it serves, that a restart keeps the data,
 * that signals drain in-flight work before exiting 0, that abusive clients (huge or slow headers)
 * are cut off without hurting anyone else, and that its logs are structured and free of secrets.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from '../cli/built.js';
import { type RunningKefu, startKefu } from '../helpers/kefu-process.js';
import { describeStorage } from '../helpers/storage.js';

const HAS_WEB_APP = (): boolean => existsSync(join(ROOT, 'web', 'dist', 'index.html'));

const until = async (what: string, cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

const hostPort = (url: string): { host: string; port: number } => {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port) };
};

interface RawClient {
  readonly socket: Socket;
  text(): string;
  /** Resolves with the milliseconds from connect to close. */
  readonly closed: Promise<number>;
}

const rawClient = (url: string): Promise<RawClient> =>
  new Promise((resolve, reject) => {
    const { host, port } = hostPort(url);
    const start = Date.now();
    let text = '';
    const socket = netConnect(port, host);
    socket.on('data', (d: Buffer) => {
      text += d.toString();
    });
    // A reset from the server is just another way of being closed.
    socket.on('error', () => undefined);
    const closed = new Promise<number>((r) => socket.once('close', () => r(Date.now() - start)));
    socket.once('connect', () => resolve({ socket, text: () => text, closed }));
    socket.once('error', reject);
  });

const refusesConnections = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const { host, port } = hostPort(url);
    const s = netConnect(port, host);
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });

const loginBody = (k: RunningKefu): string =>
  JSON.stringify({ organization: 'demo', email: k.demo.admin.email, password: k.demo.admin.password });

const exitOf = (k: RunningKefu): Promise<number | null> =>
  new Promise((r) => {
    if (k.child.exitCode !== null) r(k.child.exitCode);
    else k.child.once('exit', (code) => r(code));
  });

const jsonLines = (out: string): Record<string, unknown>[] =>
  out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(ensureBuilt, 120_000);

describe('kefu serve: a running server', () => {
  let k: RunningKefu;
  let token: string;

  beforeAll(async () => {
    k = await startKefu({ env: { KEFU_HEADERS_TIMEOUT_MS: '1000', KEFU_MAX_HEADER_BYTES: '2048' } });
    const res = await fetch(`${k.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'login-req-1' },
      body: loginBody(k),
    });
    expect(res.status).toBe(200);
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(async () => {
    expect(await k.stop('SIGTERM')).toBe(0);
  });

  it('should print its URLs, storage and every demo log-in when started on an empty data dir', () => {
    const out = k.output();
    expect(out).toContain(`kefu is serving on ${k.url}\n  web app:  ${k.url}/\n  API docs: ${k.url}/docs\n`);
    expect(out).toContain(`storage:  SQLite at ${k.dataDir}/kefu.sqlite`);
    expect(out).toContain('Demo log-ins (shown once');
    expect(k.demo.agents).toHaveLength(3);
    for (const a of [k.demo.operator, k.demo.admin, k.demo.supervisor, ...k.demo.agents]) expect(a.password).toMatch(/^kefu-\S{8,}$/);
  });

  it('should answer /health and /ready when it is up', async () => {
    const health = await fetch(`${k.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${k.url}/ready`)).status).toBe(200);
  });

  it('should serve the web app at / when it is built, and the API contract either way', async () => {
    const root = await fetch(`${k.url}/`);
    if (HAS_WEB_APP()) {
      expect(root.status).toBe(200);
      expect(root.headers.get('content-type')).toContain('text/html');
      const deep = await fetch(`${k.url}/some/app/route`);
      expect(deep.status).toBe(200);
      expect(deep.headers.get('content-type')).toContain('text/html');
    } else {
      expect(root.status).toBe(404);
      expect(await root.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
    }
    const spec = await fetch(`${k.url}/openapi.json`);
    expect(spec.status).toBe(200);
    expect(((await spec.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/api/v1/auth/login');
    const me = await fetch(`${k.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
  });

  it('should answer 431 and keep serving when the headers exceed KEFU_MAX_HEADER_BYTES', async () => {
    const c = await rawClient(k.url);
    c.socket.write(`GET /health HTTP/1.1\r\nHost: kefu\r\nX-Big: ${'a'.repeat(4096)}\r\n\r\n`);
    await c.closed;
    expect(c.text()).toMatch(/^HTTP\/1\.1 431 /);
    expect(c.text()).toContain('"code":"HEADERS_TOO_LARGE"');
    expect((await fetch(`${k.url}/health`)).status).toBe(200);
  });

  it('should accept headers just under KEFU_MAX_HEADER_BYTES when they fit', async () => {
    const res = await fetch(`${k.url}/health`, { headers: { 'x-pad': 'a'.repeat(1024) } });
    expect(res.status).toBe(200);
  });

  it('should disconnect a slowloris client after KEFU_HEADERS_TIMEOUT_MS and keep serving others', async () => {
    const c = await rawClient(k.url);
    c.socket.write('GET /health HTTP/1.1\r\nHost: kefu\r\n');
    const trickle = setInterval(() => {
      if (c.socket.writable) c.socket.write(`X-Drip-${Date.now()}: x\r\n`);
    }, 150);
    // Others are served while the slow client is connected.
    expect((await fetch(`${k.url}/health`)).status).toBe(200);
    const elapsed = await Promise.race([c.closed, new Promise<number>((r) => setTimeout(() => r(-1), 10_000))]);
    clearInterval(trickle);
    c.socket.destroy();
    // 1 s limit plus at most one 1 s sweep; Node's default 30 s sweep would blow through this.
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(4_000);
    expect(c.text() === '' || /^HTTP\/1\.1 408 /.test(c.text())).toBe(true);
    expect((await fetch(`${k.url}/health`)).status).toBe(200);
  });

  it('should write JSON log lines with a request id and no password, token or secret when serving', async () => {
    await fetch(`${k.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}`, cookie: `kefu_session=${token}` } });
    await fetch(`${k.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organization: 'demo', email: k.demo.admin.email, password: 'wrong-password-123' }),
    });
    const out = k.output();
    // The banner is the only prose: its demo log-ins are shown once, on purpose.
    const banner = out.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));
    for (const l of banner)
      expect(l).toMatch(/^(Demo log-ins|\s+\S+\s+organisation: |kefu is serving on |\s+(web app|API docs|storage|chat demo): )/);
    const logs = jsonLines(out);
    const requests = logs.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed');
    expect(requests.length).toBeGreaterThanOrEqual(4);
    for (const l of requests) expect(l.reqId).toEqual(expect.any(String));
    expect(requests.some((l) => l.reqId === 'login-req-1')).toBe(true);
    for (const l of logs) expect(l).toMatchObject({ level: expect.any(Number), time: expect.any(String), msg: expect.any(String) });
    const logText = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .join('\n');
    const secrets = [
      token,
      'wrong-password-123',
      ...[k.demo.operator, k.demo.admin, k.demo.supervisor, ...k.demo.agents].map((a) => a.password),
    ];
    for (const s of secrets) expect(logText).not.toContain(s);
  });

  it('should keep the generated secret in dataDir/secrets.json readable only by the owner and never print it', () => {
    const path = join(k.dataDir, 'secrets.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const { cookieSecret } = JSON.parse(readFileSync(path, 'utf8')) as { cookieSecret: string };
    expect(cookieSecret.length).toBeGreaterThanOrEqual(32);
    expect(k.output()).not.toContain(cookieSecret);
  });
});

describeStorage('kefu serve: restarts', (target) => {
  it('should reuse the data, the secret and the passwords and print no new log-ins when started again on the same store', async () => {
    const store = await target.fresh();
    const { dataDir, databaseUrl } = store.config;
    const env: Record<string, string> = databaseUrl ? { KEFU_DATABASE_URL: databaseUrl } : {};
    try {
      const first = await startKefu({ dataDir, env });
      expect(first.output()).toContain(databaseUrl ? 'storage:  PostgreSQL\n' : `storage:  SQLite at ${dataDir}/kefu.sqlite`);
      const admin = first.demo.admin;
      const secret = readFileSync(join(dataDir, 'secrets.json'), 'utf8');
      expect(await first.stop()).toBe(0);
      const second = await startKefu({ dataDir, env });
      try {
        expect(second.output()).not.toContain('Demo log-ins');
        expect(second.output()).not.toContain('password:');
        expect(second.output()).toContain('Demo tenant "demo" already exists');
        expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toBe(secret);
        const res = await fetch(`${second.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ organization: 'demo', email: admin.email, password: admin.password }),
        });
        expect(res.status).toBe(200);
      } finally {
        expect(await second.stop()).toBe(0);
      }
    } finally {
      await store.drop();
    }
  });
});

describe('kefu serve: bad configuration', () => {
  it('should refuse to start with one error line and exit 2 when the configuration is invalid', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-badcfg-'));
    try {
      const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const env = { ...process.env, KEFU_DATA_DIR: dataDir, KEFU_PORT: '99999', KEFU_HEADERS_TIMEOUT_MS: '5' };
        execFile(process.execPath, [BIN, 'serve', '--demo'], { env, timeout: 30_000 }, (err, stdout, stderr) =>
          resolve({ code: err && typeof err.code === 'number' ? err.code : 0, stdout, stderr }),
        );
      });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: CONFIG_INVALID: [^\n]*KEFU_PORT[^\n]*KEFU_HEADERS_TIMEOUT_MS[^\n]*\n$/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('kefu serve: graceful shutdown', () => {
  it.each([
    'SIGTERM',
    'SIGINT',
  ] as const)('should finish the in-flight request, refuse new connections and exit 0 when sent %s', async (signal) => {
    const k = await startKefu();
    try {
      const exited = exitOf(k);
      // An idle keep-alive connection: it must not hold the shutdown up.
      const idle = await rawClient(k.url);
      idle.socket.write('GET /health HTTP/1.1\r\nHost: kefu\r\n\r\n');
      await until('the keep-alive answer', () => idle.text().includes('{"status":"ok"}'));
      // A client still sending its body when the signal arrives.
      const body = loginBody(k);
      const slow = await rawClient(k.url);
      slow.socket.write(
        `POST /api/v1/auth/login HTTP/1.1\r\nHost: kefu\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
      );
      await until('the server to see the slow request', () => /"url":"\/api\/v1\/auth\/login"[^\n]*"incoming request"/.test(k.output()));
      k.child.kill(signal);
      await until('new connections to be refused', () => refusesConnections(k.url));
      await idle.closed;
      expect(k.child.exitCode).toBeNull();
      expect(slow.text()).toBe('');
      slow.socket.write(body.slice(10));
      await until('the in-flight answer', () => slow.text().includes('"token"'));
      expect(slow.text()).toMatch(/^HTTP\/1\.1 200 /);
      // Answered and closed, not parked as keep-alive (which held the exit up for Node's 5 s keep-alive timeout).
      expect(slow.text()).toMatch(/\r\nconnection: close\r\n/i);
      const late = new Promise<string>((r) => setTimeout(() => r('still running 4 s after the last answer'), 4_000).unref());
      expect(await Promise.race([exited, late])).toBe(0);
      await slow.closed;
      const logs = jsonLines(k.output());
      expect(logs.find((l) => String(l.msg).startsWith('shutting down'))).toMatchObject({ signal });
      expect(logs.at(-1)).toMatchObject({ msg: 'shutdown complete' });
    } finally {
      await k.stop('SIGKILL');
    }
  });
});
