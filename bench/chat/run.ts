/**
 * Web chat benchmark: the real server wiring (createKefu with its default real-time adapter over
 * the chat capability, SQLite in a temporary directory) on loopback, driven by simulated visitors
 * and agents in a worker thread (clients.ts) through the widget HTTP API and real WebSockets.
 * Each message is committed (ack after commit), read from the outbox by the live subscriber and
 * pushed to the other party. Prints delivered messages per second, p50/p99 delivery latency and
 * memory per connection at each size, then a baseline in the same run (agents post over the HTTP
 * messages API, visitors poll it), then the machine's ceiling: the same traffic at the largest
 * size through a bare ws relay with no kefu in it (floor.ts), and last one JSON line.
 *   npm run bench:chat    (BENCH_CHAT_SIZES=1000,5000 BENCH_CHAT_SECONDS=10 BENCH_CHAT_FLOOR=1
 *                          BENCH_CHAT_VISITOR_RATE=3 BENCH_CHAT_AGENT_RATE=1.5 BENCH_CHAT_BASELINE=1000)
 * Rates respect the per-connection limit (10 frames/s) and the per-visitor limit (5 messages/s):
 * an agent with PER_AGENT conversations sends PER_AGENT x agent rate frames per second.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { createKefu, type Kefu, systemContext } from '../../src/app/index.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { serverCpuMs } from '../thread-cpu.js';
import type { ClientsInput, ClientsResult } from './clients.js';
import { type FloorRun, relayFloor, showFloor } from './floor.js';

const SIZES = (process.env.BENCH_CHAT_SIZES ?? '1000,5000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_CHAT_SECONDS ?? 10);
const VISITOR_RATE = Number(process.env.BENCH_CHAT_VISITOR_RATE ?? 3);
const AGENT_RATE = Number(process.env.BENCH_CHAT_AGENT_RATE ?? 1.5);
const BASELINE = Number(process.env.BENCH_CHAT_BASELINE ?? 1000);
/** BENCH_CHAT_FLOOR=0 skips the bare relay run (floor.ts). */
const FLOOR = process.env.BENCH_CHAT_FLOOR !== '0';
const PER_AGENT = 4;
const ORIGIN = 'https://shop.example';
const PASSWORD = 'bench-password-1';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const memory = (): { heap: number; rss: number } => {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
};

/** Log-in must not dominate the set-up of a thousand agents; hashing strength is not measured here. */
const fastHasher = {
  hash: async (p: string) => createHash('sha256').update(p).digest('hex'),
  verify: async (h: string, p: string) => createHash('sha256').update(p).digest('hex') === h,
};

interface Row {
  readonly mode: 'ws' | 'http';
  readonly conversations: number;
  readonly deliveredPerSec: number;
  readonly p50DeliveryMs: number;
  readonly p99DeliveryMs: number;
  readonly bytesPerConnection: number;
  readonly rssPerConnection: number;
  readonly sent: number;
  readonly delivered: number;
  readonly refused: number;
  readonly errors: readonly string[];
  /** Busy share of the server's event loop during the run (1: saturated). */
  readonly serverLoopBusy: number;
  /** CPU time of the whole process (server and client threads) per delivered message. */
  readonly cpuUsPerMessage: number;
  /** CPU time of the server's thread alone per delivered message (10 ms resolution). */
  readonly serverCpuUsPerMessage: number;
}

/** BENCH_CHAT_PROFILE=<file>: a CPU profile of the server thread during the measured window only. */
const PROFILE = process.env.BENCH_CHAT_PROFILE ?? '';
const profiler = new Session();
const startProfile = async (): Promise<void> => {
  if (!PROFILE) return;
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
};
const stopProfile = async (size: number): Promise<void> => {
  if (!PROFILE) return;
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(`${PROFILE}.${size}.cpuprofile`, JSON.stringify(profile));
  profiler.disconnect();
};

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

const start = async (dir: string): Promise<{ kefu: Kefu; base: string }> => {
  const config = loadConfig({}, { dataDir: dir, logLevel: 'silent' });
  const kefu = await createKefu(config, { hasher: fastHasher, rateLimitPerMinute: 100_000_000 });
  await kefu.server.listen({ host: '127.0.0.1', port: 0 });
  kefu.start();
  return { kefu, base: `ws://127.0.0.1:${(kefu.server.server.address() as AddressInfo).port}` };
};

const api = async <T>(kefu: Kefu, method: string, url: string, token: string | null, payload?: object): Promise<T> => {
  const res = await kefu.server.inject({
    method: method as 'POST',
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(payload ? { payload } : {}),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return (res.body ? res.json() : null) as T;
};

/** A tenant set up as an administrator would: skill, queue, widget, agents with profiles. */
const setUp = async (kefu: Kefu, slug: string, agents: number) => {
  const { tenant } = await kefu.services.tenants.create(systemContext('bench'), {
    slug,
    name: slug,
    admin: { email: `admin@${slug}.test`, displayName: 'Admin', password: PASSWORD },
  });
  const login = (email: string) =>
    api<{ token: string }>(kefu, 'POST', '/api/v1/auth/login', null, { organization: slug, email, password: PASSWORD });
  const admin = (await login(`admin@${slug}.test`)).token;
  const skill = await api<{ id: string }>(kefu, 'POST', '/api/v1/routing/skills', admin, { name: 'chat' });
  const queue = await api<{ id: string }>(kefu, 'POST', '/api/v1/routing/queues', admin, {
    name: 'Chat',
    config: { requiredSkills: [{ skill: skill.id, minProficiency: 1 }], offerTimeoutMs: 600_000 },
  });
  const widget = await api<{ widget: { publicKey: string } }>(kefu, 'POST', '/api/v1/chat/widgets', admin, {
    name: 'Bench shop',
    allowedOrigins: [ORIGIN],
    prechat: {
      fields: { name: 'optional', email: 'hidden', phone: 'hidden' },
      topics: [{ id: 'bench', label: { 'zh-CN': '咨询', en: 'Questions' }, queueId: queue.id, product: null }],
    },
  });
  const ctx = systemContext('bench', tenant.id);
  const agentTokens: string[] = [];
  for (let i = 0; i < agents; i++) {
    const u = await kefu.services.users.create(ctx, {
      email: `agent${i}@${slug}.test`,
      displayName: `Agent ${i}`,
      role: 'agent',
      password: PASSWORD,
    });
    await api(kefu, 'PUT', `/api/v1/routing/agents/${u.id}`, admin, { skills: { [skill.id]: 3 }, capacity: { chat: PER_AGENT } });
    agentTokens.push((await login(u.email)).token);
  }
  return { publicKey: widget.widget.publicKey, agentTokens };
};

const runSize = async (kefu: Kefu, base: string, mode: 'ws' | 'http', size: number): Promise<Row> => {
  const agents = Math.ceil(size / PER_AGENT);
  const { publicKey, agentTokens } = await setUp(kefu, `bench-${mode}-${size}`, agents);
  const input: ClientsInput = {
    mode,
    base,
    origin: ORIGIN,
    publicKey,
    agentTokens,
    conversations: size,
    visitorRate: VISITOR_RATE,
    agentRate: AGENT_RATE,
    pollMs: 1000,
    durationMs: SECONDS * 1000,
  };
  const worker = new Worker(new URL('./clients.js', import.meta.url), { workerData: input });
  let before = memory();
  let perConnection = { heap: 0, rss: 0 };
  let cpu = process.cpuUsage();
  let serverCpu0 = serverCpuMs();
  let loop = performance.eventLoopUtilization();
  const result = await new Promise<ClientsResult>((resolve, reject) => {
    worker.on('message', (m: { kind: string; result?: ClientsResult; error?: string }) => {
      if (m.kind === 'opened') {
        before = memory();
        worker.postMessage('connect');
      } else if (m.kind === 'ready') {
        const after = memory();
        // Visitor connections plus the agents' subscriptions to their conversations.
        perConnection = { heap: Math.round((after.heap - before.heap) / size), rss: Math.round((after.rss - before.rss) / size) };
        void startProfile().then(() => {
          cpu = process.cpuUsage();
          serverCpu0 = serverCpuMs();
          loop = performance.eventLoopUtilization();
          worker.postMessage('go');
        });
      } else if (m.kind === 'done' && m.result) resolve(m.result);
      else reject(new Error(m.error ?? 'worker failed'));
    });
    worker.on('error', reject);
  });
  const used = process.cpuUsage(cpu);
  const serverCpu = serverCpuMs() - serverCpu0;
  const busy = performance.eventLoopUtilization(loop).utilization;
  await stopProfile(size);
  await worker.terminate();
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return {
    mode,
    conversations: size,
    deliveredPerSec: Math.round(result.delivered / (result.elapsedMs / 1000)),
    p50DeliveryMs: Number(pct(sorted, 0.5).toFixed(2)),
    p99DeliveryMs: Number(pct(sorted, 0.99).toFixed(2)),
    bytesPerConnection: mode === 'ws' ? perConnection.heap : 0,
    rssPerConnection: mode === 'ws' ? perConnection.rss : 0,
    sent: result.sent,
    delivered: result.delivered,
    refused: result.refused,
    errors: result.errors,
    serverLoopBusy: Number(busy.toFixed(2)),
    cpuUsPerMessage: Math.round((used.user + used.system) / Math.max(1, result.delivered)),
    serverCpuUsPerMessage: Math.round((serverCpu * 1000) / Math.max(1, result.delivered)),
  };
};

const show = (r: Row): string =>
  `${r.mode === 'ws' ? 'websocket' : 'http+poll'} ${String(r.conversations).padStart(6)} | ${String(r.deliveredPerSec).padStart(8)} | ${String(r.p50DeliveryMs).padStart(8)} | ${String(r.p99DeliveryMs).padStart(8)} | ${String(r.bytesPerConnection).padStart(9)} | ${String(r.rssPerConnection).padStart(9)} | cpu ${r.cpuUsPerMessage} us/msg (server thread ${r.serverCpuUsPerMessage}), server loop ${r.serverLoopBusy} busy | sent ${r.sent}, delivered ${r.delivered}, refused ${r.refused}${r.errors.length ? `, errors: ${r.errors.join('; ')}` : ''}`;

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(os.tmpdir(), 'kefu-bench-chat-'));
  const { kefu, base } = await start(dir);
  console.log(
    `kefu web chat benchmark: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, node ${process.version}, load ${os.loadavg()[0]?.toFixed(2)}`,
  );
  console.log(
    `visitors send ${VISITOR_RATE}/s, agents ${AGENT_RATE}/s per conversation (${PER_AGENT} conversations each), ${SECONDS} s per run; baseline: agents post over HTTP, visitors poll every 1 s`,
  );
  console.log('mode      convs  | deliv/s  | p50 ms   | p99 ms   | heap B/c  | rss B/c   |');
  const rows: Row[] = [];
  try {
    for (const size of SIZES) {
      const row = await runSize(kefu, base, 'ws', size);
      rows.push(row);
      console.log(show(row));
    }
    if (BASELINE > 0) {
      const row = await runSize(kefu, base, 'http', BASELINE);
      rows.push(row);
      console.log(show(row));
    }
  } finally {
    await kefu.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // The ceiling of the machine itself: the same traffic through a bare ws relay (floor.ts).
  const floorSize = Math.max(...SIZES);
  const floor: FloorRun | null = FLOOR ? await relayFloor(floorSize, SECONDS, { visitor: VISITOR_RATE, agent: AGENT_RATE }) : null;
  if (floor) console.log(showFloor(floor));
  const largest = rows.filter((r) => r.mode === 'ws').sort((a, b) => b.conversations - a.conversations)[0];
  const baseline = rows.find((r) => r.mode === 'http');
  console.log(
    JSON.stringify({
      ...largest,
      visitorRate: VISITOR_RATE,
      agentRate: AGENT_RATE,
      seconds: SECONDS,
      loadAvg: os.loadavg()[0],
      baseline: baseline ?? null,
      relayFloor: floor,
      runs: rows,
    }),
  );
};

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
