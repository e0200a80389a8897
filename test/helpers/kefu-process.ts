/**
 * A real kefu server in a child process, as `npm start` runs it: built CLI, fresh data directory,
 * free port, demo tenant. For browser tests and shutdown tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DemoAccount {
  readonly email: string;
  readonly password: string;
}

export interface RunningKefu {
  readonly url: string;
  readonly child: ChildProcess;
  readonly dataDir: string;
  readonly output: () => string;
  readonly demo: { organization: string; admin: DemoAccount; operator: DemoAccount; agents: DemoAccount[]; supervisor: DemoAccount };
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

const ROOT = join(import.meta.dirname, '..', '..');

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });

const account = (out: string, role: string): DemoAccount => {
  const m = new RegExp(`${role}\\s+organisation: \\S.*?email: (\\S+)\\s+password: (\\S+)`).exec(out);
  if (!m?.[1] || !m[2]) throw new Error(`no ${role} log-in in output:\n${out}`);
  return { email: m[1], password: m[2] };
};

export const startKefu = async (opts: { env?: Record<string, string>; dataDir?: string } = {}): Promise<RunningKefu> => {
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kefu-proc-'));
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'kefu.js'), 'serve', '--demo'], {
    env: { ...process.env, KEFU_PORT: String(port), KEFU_HOST: '127.0.0.1', KEFU_DATA_DIR: dataDir, KEFU_LOG_LEVEL: 'info', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  // A signal death (exit code null) is reported with its name, so a failure says what killed it.
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, sig) => resolve(code ?? sig)));
  const deadline = Date.now() + 30_000;
  while (!out.includes('kefu is serving on')) {
    if (child.exitCode !== null) throw new Error(`kefu exited early (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kefu did not start in 30 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const fresh = out.includes('Demo log-ins');
  const agents = fresh
    ? [...out.matchAll(/agent\s+organisation: demo\s+email: (\S+)\s+password: (\S+)/g)].map((m) => ({
        email: m[1] ?? '',
        password: m[2] ?? '',
      }))
    : [];
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    dataDir,
    output: () => out,
    demo: {
      organization: 'demo',
      admin: fresh ? account(out, 'tenant_admin') : { email: '', password: '' },
      operator: fresh ? account(out, 'operator_admin') : { email: '', password: '' },
      supervisor: fresh ? account(out, 'supervisor') : { email: '', password: '' },
      agents,
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
};
