/**
 * End-to-end routing benchmark: contacts opened over HTTP (real sockets, keep-alive), routed by
 * the engine, committed in SQLite and offered, with 5,000 agents, 50 queues and 20 skills; then a
 * second phase that keeps 10,000 contacts waiting. Prints a table and one JSON line. Build and run:
 *   npx tsc -p bench/tsconfig.json && node dist/bench/bench/routing/e2e.js
 * Set-up uses a fast (non-argon2) password hasher only to create 5,000 agent accounts quickly; the
 * measured path (API key auth, routing, commit) is the production one. BENCH_PROFILE=<file> writes
 * a CPU profile (.cpuprofile) of the server thread during the measured phases only.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createKefu, type Kefu, systemContext } from '../../src/app/index.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { serverCpuMs } from '../thread-cpu.js';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 5000);
const QUEUES = 50;
const SKILLS = 20;
const CHAT_CAPACITY = 2;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

const fastHasher = {
  hash: async (p: string) => createHash('sha256').update(p).digest('hex'),
  verify: async (h: string, p: string) => createHash('sha256').update(p).digest('hex') === h,
};

/** Profiles the measured phases only (set-up would drown them); a no-op without BENCH_PROFILE. */
const profiler = async (): Promise<() => Promise<void>> => {
  const file = process.env.BENCH_PROFILE;
  if (!file) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
};

const pct = (sorted: Float64Array, p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * JIT warm-up runs against a second, small tenant: warming on the measured tenant would use up
 * agent capacity the offered phase needs, and 500 requests left V8 still compiling through the
 * first measured phase (about a third more server CPU per request than the same code later).
 */
const WARM_AGENTS = 100;
const WARM_CONTACTS = Number(process.env.BENCH_WARMUP ?? 6000);

const seed = async (kefu: Kefu, slug: string, agents: number) => {
  const s = kefu.services;
  const { tenant } = await s.tenants.create(systemContext('bench'), {
    slug,
    name: slug,
    admin: { email: `admin@${slug}.test`, displayName: 'Admin', password: 'bench-password-1' },
  });
  const ctx = systemContext('bench', tenant.id);
  const cc = s.contactCenter;
  const skills = [];
  for (let i = 0; i < SKILLS; i++) skills.push(await cc.routingAdmin.createSkill(ctx, `skill-${i}`, null));
  const queueIds: string[] = [];
  for (let i = 0; i < QUEUES; i++) {
    const a = skills[i % SKILLS]?.id as string;
    const q = await cc.routingAdmin.createQueue(ctx, `queue-${i}`, {
      requiredSkills: [{ skill: a, minProficiency: 1 }],
      policy: 'longest_idle',
    });
    queueIds.push(q.id);
  }
  for (let i = 0; i < agents; i++) {
    const u = await s.users.create(ctx, {
      email: `agent${i}@${slug}.test`,
      displayName: `Agent ${i}`,
      role: 'agent',
      password: 'bench-password-1',
    });
    const own: Record<string, number> = {};
    for (let k = 0; k < 4; k++) own[skills[(i + k * 5) % SKILLS]?.id as string] = 1 + ((i + k) % 5);
    await cc.routingAdmin.putAgent(ctx, u.id, { skills: own, capacity: { chat: CHAT_CAPACITY } });
    await cc.routingLive.setPresence(ctx, u.id, 'available', null);
  }
  const key = await s.apiKeys.create(ctx, 'bench', ['contacts.write', 'contacts.read']);
  return { queueIds, token: key.secret };
};

interface PhaseResult {
  readonly contacts: number;
  /**
   * The server thread's CPU time per contact (Linux: its /proc task counters; elsewhere its
   * event-loop busy time), which a shared machine inflates far less than wall-clock figures.
   */
  readonly busyUsPerContact: number;
  /** The whole process's CPU time per contact: the server, the load generator and V8's helpers. */
  readonly processUsPerContact: number;
  readonly perSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly states: Record<string, number>;
  readonly failures: number;
}

const phase = (port: number, token: string, queueIds: string[], count: number): Promise<PhaseResult> =>
  new Promise((resolve, reject) => {
    const cpu0 = serverCpuMs();
    const proc0 = process.cpuUsage();
    const w = new Worker(new URL('./e2e-client.js', import.meta.url), {
      workerData: { port, token, queueIds, count, concurrency: CONCURRENCY, tiers: ['high', 'middle', 'low'] },
    });
    w.once('error', reject);
    w.once('message', (m: { latencies: Float64Array; states: Record<string, number>; failures: number; elapsedMs: number }) => {
      const sorted = Float64Array.from(m.latencies).sort();
      const busyMs = serverCpuMs() - cpu0;
      const proc = process.cpuUsage(proc0);
      resolve({
        contacts: count,
        busyUsPerContact: Math.round((busyMs * 1000) / count),
        processUsPerContact: Math.round((proc.user + proc.system) / count),
        perSec: Math.round((count / m.elapsedMs) * 1000),
        p50Ms: pct(sorted, 50),
        p99Ms: pct(sorted, 99),
        states: m.states,
        failures: m.failures,
      });
      void w.terminate();
    });
  });

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(os.tmpdir(), 'kefu-bench-'));
  const config = loadConfig({}, { dataDir: dir, logLevel: 'silent', port: 0 });
  const kefu = await createKefu(config, { hasher: fastHasher, rateLimitPerMinute: 10_000_000 });
  try {
    const t0 = performance.now();
    const { queueIds, token } = await seed(kefu, 'bench', AGENTS);
    const seedMs = performance.now() - t0;
    const warm = await seed(kefu, 'warm', WARM_AGENTS);
    await kefu.server.listen({ host: '127.0.0.1', port: 0 });
    const port = (kefu.server.server.address() as { port: number }).port;
    await phase(port, warm.token, warm.queueIds, WARM_CONTACTS); // offers, then queued contacts
    const stopProfile = await profiler();
    const offered = await phase(port, token, queueIds, AGENTS * CHAT_CAPACITY);
    const waiting = await phase(port, token, queueIds, 10_000);
    await stopProfile();
    const rows = [
      ['phase', 'contacts', 'contacts/s', 'p50 ms', 'p99 ms', 'server CPU µs/contact', 'process CPU µs/contact', 'states', 'failures'],
      [
        'offered at once',
        offered.contacts,
        offered.perSec,
        offered.p50Ms.toFixed(2),
        offered.p99Ms.toFixed(2),
        offered.busyUsPerContact,
        offered.processUsPerContact,
        JSON.stringify(offered.states),
        offered.failures,
      ],
      [
        'queued (10k waiting)',
        waiting.contacts,
        waiting.perSec,
        waiting.p50Ms.toFixed(2),
        waiting.p99Ms.toFixed(2),
        waiting.busyUsPerContact,
        waiting.processUsPerContact,
        JSON.stringify(waiting.states),
        waiting.failures,
      ],
    ];
    for (const r of rows) console.log(r.map(String).join('\t'));
    console.log(
      `set-up: ${AGENTS} agents, ${QUEUES} queues, ${SKILLS} skills in ${(seedMs / 1000).toFixed(1)} s; ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`,
    );
    console.log(
      JSON.stringify({
        e2eContactsPerSec: offered.perSec,
        e2eOfferP50Ms: offered.p50Ms,
        e2eOfferP99Ms: offered.p99Ms,
        e2eQueuedContactsPerSec: waiting.perSec,
        e2eQueuedP99Ms: waiting.p99Ms,
        e2eServerUsPerContact: offered.busyUsPerContact,
        e2eQueuedServerUsPerContact: waiting.busyUsPerContact,
        e2eProcessUsPerContact: offered.processUsPerContact,
        e2eFailures: offered.failures + waiting.failures,
        agents: AGENTS,
        waiting: waiting.states.queued ?? 0,
      }),
    );
  } finally {
    await kefu.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

await main();
