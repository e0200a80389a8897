/**
 * The floor under bench/chat: what Node and the `ws` library alone deliver on this machine with
 * the chat benchmark's traffic, with no kefu in the path (no authentication, validation, storage,
 * outbox or rate limits). The server (main thread) relays each visitor or agent frame to the other
 * party of its conversation and acknowledges it to the sender, exactly the frames kefu writes per
 * message; the clients (a worker thread, as in bench/chat) send on the same schedules
 * (schedule.ts): visitors 3/s, agents 1.5/s in each of their 4 conversations by default. CPU is
 * counted from when every socket is connected, over the window and its two-second tail. If this relay cannot deliver the target,
 * no server built on it can. `npm run bench:chat` runs it after kefu at the largest size; alone:
 *   npm run bench:build && node dist/bench/bench/chat/floor.js   (FLOOR_SIZES=1000,5000 FLOOR_SECONDS=10)
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import WebSocket, { WebSocketServer } from 'ws';
import { serverCpuMs } from '../thread-cpu.js';
import { everyPerSecond, runSchedules } from './schedule.js';

const PER_AGENT = 4;

export interface FloorRates {
  /** Messages per second each visitor sends. */
  readonly visitor: number;
  /** Messages per second an agent sends in each of its conversations. */
  readonly agent: number;
}

/** bench/chat's defaults. */
const RATES: FloorRates = { visitor: 3, agent: 1.5 };

interface Input {
  readonly url: string;
  readonly conversations: number;
  readonly durationMs: number;
  readonly rates: FloorRates;
}

interface Result {
  readonly sent: number;
  readonly delivered: number;
  readonly acked: number;
  readonly latenciesMs: number[];
  readonly elapsedMs: number;
}

type Frame = { t: string; c: number; s?: string; at?: number; body?: string };

/** Server: a socket says hello with its side and conversations, then every frame is relayed. */
const serve = async (): Promise<{ url: string; close: () => Promise<void> }> => {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  const visitors = new Map<number, WebSocket>();
  const agents = new Map<number, WebSocket>();
  let seq = 0;
  wss.on('connection', (ws) => {
    let side: 'v' | 'a' | null = null;
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as Frame & { convs?: number[] };
      if (f.t === 'hello') {
        side = f.s === 'a' ? 'a' : 'v';
        for (const c of f.convs ?? []) (side === 'a' ? agents : visitors).set(c, ws);
        return;
      }
      const peer = (side === 'a' ? visitors : agents).get(f.c);
      seq++;
      ws.send(JSON.stringify({ t: 'ack', c: f.c, seq }));
      peer?.send(JSON.stringify({ t: 'msg', c: f.c, seq, at: f.at, body: f.body }));
    });
  });
  await new Promise<void>((r) => wss.on('listening', () => r()));
  const port = (wss.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
};

/** Clients: one socket per visitor, one per agent with PER_AGENT conversations. */
const clients = async (input: Input): Promise<Result> => {
  const open = (convs: number[], side: 'v' | 'a'): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(input.url, { perMessageDeflate: false });
      ws.on('open', () => {
        ws.send(JSON.stringify({ t: 'hello', s: side, convs }));
        resolve(ws);
      });
      ws.on('error', reject);
    });
  const latencies: number[] = [];
  let delivered = 0;
  let acked = 0;
  let sent = 0;
  let measuring = false;
  const onFrame = (data: WebSocket.RawData): void => {
    const f = JSON.parse(String(data)) as Frame;
    if (!measuring) return;
    if (f.t === 'ack') acked++;
    else {
      delivered++;
      latencies.push(performance.now() - (f.at ?? 0));
    }
  };
  const visitors: WebSocket[] = [];
  const agents: { ws: WebSocket; convs: number[] }[] = [];
  for (let c = 0; c < input.conversations; c += 100) {
    const batch = Array.from({ length: Math.min(100, input.conversations - c) }, (_, i) => open([c + i], 'v'));
    visitors.push(...(await Promise.all(batch)));
  }
  for (let c = 0; c < input.conversations; c += PER_AGENT) {
    const convs = Array.from({ length: Math.min(PER_AGENT, input.conversations - c) }, (_, i) => c + i);
    agents.push({ ws: await open(convs, 'a'), convs });
  }
  for (const ws of [...visitors, ...agents.map((a) => a.ws)]) ws.on('message', onFrame);
  // Connected: the server takes its CPU baseline now, so set-up is not counted per message.
  parentPort?.postMessage({ kind: 'ready' });
  await new Promise((r) => parentPort?.once('message', r));
  const body = 'Hello, I would like to know where my parcel is.';
  const send = (ws: WebSocket, c: number): void => {
    sent++;
    ws.send(JSON.stringify({ t: 'send', c, at: performance.now(), body }));
  };
  const schedules = [
    ...visitors.map((ws, c) => everyPerSecond(input.rates.visitor, () => send(ws, c))),
    ...agents.flatMap((a) => a.convs.map((c) => everyPerSecond(input.rates.agent, () => send(a.ws, c)))),
  ];
  const elapsedMs = await runSchedules(schedules, input.durationMs, (on) => {
    measuring = on;
  });
  // The sockets close with the worker, after the server's CPU is read.
  return { sent, delivered, acked, latenciesMs: latencies, elapsedMs };
};

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN);
};

export interface FloorRun {
  readonly conversations: number;
  readonly offeredPerSec: number;
  readonly deliveredPerSec: number;
  readonly p50DeliveryMs: number;
  readonly p99DeliveryMs: number;
  readonly serverCpuUsPerMessage: number;
  readonly processCpuUsPerMessage: number;
}

export const showFloor = (r: FloorRun): string =>
  `relay ${String(r.conversations).padStart(5)} convs | offered ${r.offeredPerSec}/s | delivered ${r.deliveredPerSec}/s | p50 ${r.p50DeliveryMs} ms | p99 ${r.p99DeliveryMs} ms | server ${r.serverCpuUsPerMessage} us/msg, server + clients ${r.processCpuUsPerMessage} us/msg`;

/** One relay run at `conversations` for `seconds`, on a fresh server and client worker. */
export const relayFloor = async (conversations: number, seconds: number, rates: FloorRates = RATES): Promise<FloorRun> => {
  const server = await serve();
  let cpu0 = serverCpuMs();
  let proc0 = process.cpuUsage();
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { url: server.url, conversations, durationMs: seconds * 1000, rates } satisfies Input,
  });
  const result = await new Promise<Result>((resolve, reject) => {
    worker.on('message', (m: { kind: 'ready' } | { kind: 'done'; result: Result }) => {
      if (m.kind === 'ready') {
        cpu0 = serverCpuMs();
        proc0 = process.cpuUsage();
        worker.postMessage('go');
      } else resolve(m.result);
    });
    worker.once('error', reject);
  });
  const serverCpu = serverCpuMs() - cpu0;
  const proc = process.cpuUsage(proc0);
  await worker.terminate();
  await server.close();
  const perSec = (result.delivered / result.elapsedMs) * 1000;
  return {
    conversations,
    offeredPerSec: Math.round((result.sent / result.elapsedMs) * 1000),
    deliveredPerSec: Math.round(perSec),
    p50DeliveryMs: Number(pct(result.latenciesMs, 0.5).toFixed(2)),
    p99DeliveryMs: Number(pct(result.latenciesMs, 0.99).toFixed(2)),
    // Server-thread CPU per delivered message, with its connection set-up included (small).
    serverCpuUsPerMessage: Math.round((serverCpu * 1000) / Math.max(1, result.delivered)),
    // Server and clients together: what the two cores spend per message, of 2,000,000 us/s.
    processCpuUsPerMessage: Math.round((proc.user + proc.system) / Math.max(1, result.delivered)),
  };
};

const main = async (): Promise<void> => {
  const sizes = (process.env.FLOOR_SIZES ?? '1000,5000').split(',').map(Number);
  const seconds = Number(process.env.FLOOR_SECONDS ?? 10);
  console.log(`ws relay floor (no kefu): ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
  const runs = [];
  for (const n of sizes) {
    const r = await relayFloor(n, seconds);
    console.log(showFloor(r));
    runs.push(r);
  }
  console.log(JSON.stringify({ floor: runs.at(-1), runs }));
};

if (!isMainThread) {
  const result = await clients(workerData as Input);
  parentPort?.postMessage({ kind: 'done', result });
} else if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
