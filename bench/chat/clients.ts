/**
 * The benchmark's simulated people, run in a worker thread so the server (main thread) and the
 * clients use both cores. Everything goes through kefu's public interfaces, as the widget and the
 * staff app do:
 * - agents connect to /ws/staff with their log-in bearer token, subscribe to `agent`, make
 *   themselves available over HTTP, accept each `offer` over HTTP and subscribe to the contact;
 * - conversations are opened through the widget HTTP API; each visitor connects to /ws/visitor
 *   with the token it was given;
 * - then visitors and agents send on fixed schedules under the rate limits (a late client skips
 *   what it missed instead of bursting, so no frame is refused for the client's own stalls).
 * Delivery latency: from the sender's send to the other party's receipt of the `msg` frame (both
 * ends live in this worker, same clock). Mode `http` is the baseline: agents post through the
 * HTTP messages API and visitors poll the widget's messages API.
 */
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import { everyPerSecond, runSchedules, type Schedule } from './schedule.js';

export interface ClientsInput {
  readonly mode: 'ws' | 'http';
  readonly base: string;
  readonly origin: string;
  readonly publicKey: string;
  readonly agentTokens: readonly string[];
  readonly conversations: number;
  /** Messages per second each visitor sends (ws mode). */
  readonly visitorRate: number;
  /** Messages per second an agent sends in each of its conversations. */
  readonly agentRate: number;
  /** Visitors poll this often in http mode. */
  readonly pollMs: number;
  readonly durationMs: number;
}

export interface ClientsResult {
  readonly sent: number;
  readonly acked: number;
  readonly delivered: number;
  readonly refused: number;
  readonly errors: readonly string[];
  readonly latenciesMs: number[];
  readonly elapsedMs: number;
}

type Frame = { readonly t: string } & Record<string, unknown>;

const input = workerData as ClientsInput;
const port = parentPort;
if (!port) throw new Error('run as a worker');
const http = input.base.replace(/^ws/, 'http');

const sentAt = new Map<string, number>();
const latencies: number[] = [];
const errors = new Map<string, number>();
let sent = 0;
let acked = 0;
let delivered = 0;
let refused = 0;
let measuring = false;

const noteError = (code: string): void => {
  errors.set(code, (errors.get(code) ?? 0) + 1);
};

/** A message from the other party: counted, and timed while measuring. */
const received = (clientId: unknown): void => {
  if (typeof clientId !== 'string') return;
  const at = sentAt.get(clientId);
  if (at === undefined) return;
  sentAt.delete(clientId);
  if (!measuring) return;
  delivered++;
  latencies.push(performance.now() - at);
};

const open = (url: string, opts: WebSocket.ClientOptions): Promise<WebSocket> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ...opts, perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });

const call = async (method: string, path: string, token: string, body?: unknown): Promise<unknown> => {
  const res = await fetch(`${http}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      origin: input.origin,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : null;
};

/** Runs `fn` over `items` with at most `n` at a time. */
const pool = async <T, R>(items: readonly T[], n: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> => {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T, i);
      }
    }),
  );
  return out;
};

interface Agent {
  readonly token: string;
  readonly ws: WebSocket;
  readonly contacts: string[];
}

interface Conversation {
  readonly contactId: string;
  readonly token: string;
  ws: WebSocket | null;
  lastSeq: number;
}

let onAssigned: (() => void) | null = null;
let assigned = 0;

const connectAgent = async (token: string): Promise<Agent> => {
  const ws = await open(`${input.base}/ws/staff`, { headers: { authorization: `Bearer ${token}` } });
  const agent: Agent = { token, ws, contacts: [] };
  ws.on('message', (data) => {
    const f = JSON.parse(String(data)) as Frame;
    if (f.t === 'msg') {
      if (typeof f.clientId === 'string' && f.clientId.startsWith('v')) received(f.clientId);
    } else if (f.t === 'offer') {
      const id = (f.contact as { id: string }).id;
      void call('POST', `/api/v1/contacts/${id}/accept`, token)
        .then(() => ws.send(JSON.stringify({ t: 'subscribe', topic: 'contact', contactId: id, afterSeq: 0 })))
        .catch((e: unknown) => noteError(`accept: ${String(e)}`.slice(0, 200)));
    } else if (f.t === 'subscribed' && typeof f.contactId === 'string') {
      agent.contacts.push(f.contactId);
      assigned++;
      onAssigned?.();
    } else if (f.t === 'ack') acked++;
    else if (f.t === 'error') {
      if (f.code === 'RATE_LIMITED') refused++;
      noteError(`agent ${String(f.code)}`);
    }
  });
  const subscribed = new Promise<void>((resolve) => {
    const on = (data: WebSocket.RawData) => {
      if ((JSON.parse(String(data)) as Frame).t === 'subscribed') {
        ws.off('message', on);
        resolve();
      }
    };
    ws.on('message', on);
  });
  ws.send(JSON.stringify({ t: 'subscribe', topic: 'agent' }));
  await subscribed;
  await call('POST', '/api/v1/routing/me/state', token, { state: 'available' });
  return agent;
};

const openConversation = async (): Promise<Conversation> => {
  const res = await fetch(`${http}/api/v1/widget/${input.publicKey}/conversations`, {
    method: 'POST',
    headers: { origin: input.origin, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench visitor', topicId: 'bench' }),
  });
  if (res.status !== 201) throw new Error(`open: ${res.status} ${await res.text()}`);
  const o = (await res.json()) as { contactId: string; token: string };
  return { contactId: o.contactId, token: o.token, ws: null, lastSeq: 0 };
};

const connectVisitor = async (c: Conversation): Promise<void> => {
  const ws = await open(`${input.base}/ws/visitor`, { origin: input.origin });
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as Frame;
      if (f.t === 'msg') {
        if (typeof f.clientId === 'string' && f.clientId.startsWith('a')) received(f.clientId);
      } else if (f.t === 'ack') acked++;
      else if (f.t === 'welcome') resolve();
      else if (f.t === 'error') {
        if (f.code === 'RATE_LIMITED') refused++;
        noteError(`visitor ${String(f.code)}`);
        if (f.code === 'UNAUTHENTICATED') reject(new Error('visitor refused'));
      }
    });
    ws.send(JSON.stringify({ t: 'hello', token: c.token, afterSeq: 0 }));
  });
  c.ws = ws;
};

let n = 0;
const wsSchedules = (agents: Agent[], conversations: Conversation[]): Schedule[] => {
  const out: Schedule[] = [];
  for (const c of conversations) {
    out.push(
      everyPerSecond(input.visitorRate, () => {
        const clientId = `v${n++}`;
        sentAt.set(clientId, performance.now());
        c.ws?.send(JSON.stringify({ t: 'send', clientId, body: `visitor message ${clientId}` }));
        sent++;
      }),
    );
  }
  for (const a of agents) {
    for (const contactId of a.contacts) {
      out.push(
        everyPerSecond(input.agentRate, () => {
          const clientId = `a${n++}`;
          sentAt.set(clientId, performance.now());
          a.ws.send(JSON.stringify({ t: 'send', contactId, clientId, body: `agent message ${clientId}` }));
          sent++;
        }),
      );
    }
  }
  return out;
};

/** Baseline: agents post over HTTP, visitors poll the widget messages API. */
const httpSchedules = (agents: Agent[], conversations: Conversation[]): Schedule[] => {
  const out: Schedule[] = [];
  for (const a of agents) {
    for (const contactId of a.contacts) {
      out.push(
        everyPerSecond(input.agentRate, () => {
          const clientId = `a${n++}`;
          sentAt.set(clientId, performance.now());
          sent++;
          call('POST', `/api/v1/contacts/${contactId}/messages`, a.token, { clientMessageId: clientId, body: `agent message ${clientId}` })
            .then(() => acked++)
            .catch((e: unknown) => noteError(String(e).slice(0, 120)));
        }),
      );
    }
  }
  for (const c of conversations) {
    let busy = false;
    out.push(
      everyPerSecond(1000 / input.pollMs, () => {
        if (busy) return;
        busy = true;
        call('GET', `/api/v1/widget/conversations/${c.contactId}/messages?after=${c.lastSeq}`, c.token)
          .then((r) => {
            // The widget API shows a visitor only its own client ids; the agent's is in the body.
            for (const m of (r as { items: { seq: number; body: string }[] }).items) {
              c.lastSeq = Math.max(c.lastSeq, m.seq);
              received(/^agent message (a\d+)$/.exec(m.body)?.[1]);
            }
          })
          .catch((e: unknown) => noteError(String(e).slice(0, 120)))
          .finally(() => {
            busy = false;
          });
      }),
    );
  }
  return out;
};

const main = async (): Promise<void> => {
  const agents = await pool(input.agentTokens, 32, (t) => connectAgent(t));
  const allAssigned = new Promise<void>((resolve) => {
    onAssigned = () => {
      if (assigned >= input.conversations) resolve();
    };
  });
  const conversations = await pool(
    Array.from({ length: input.conversations }, (_, i) => i),
    16,
    () => openConversation(),
  );
  await allAssigned;
  port.postMessage({ kind: 'opened' });
  await new Promise((r) => port.once('message', r));
  if (input.mode === 'ws') await pool(conversations, 64, (c) => connectVisitor(c));
  port.postMessage({ kind: 'ready' });
  await new Promise((r) => port.once('message', r));
  const schedules = input.mode === 'ws' ? wsSchedules(agents, conversations) : httpSchedules(agents, conversations);
  const elapsedMs = await runSchedules(schedules, input.durationMs, (on) => {
    measuring = on;
  });
  const result: ClientsResult = {
    sent,
    acked,
    delivered,
    refused,
    errors: [...errors].map(([k, v]) => `${k} x${v}`),
    latenciesMs: latencies,
    elapsedMs,
  };
  port.postMessage({ kind: 'done', result });
  for (const c of conversations) c.ws?.terminate();
  for (const a of agents) a.ws.terminate();
};

void main().catch((e: unknown) => {
  port.postMessage({ kind: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
});
