/**
 * The load generator of the end-to-end benchmark, run in a worker thread so it uses the second
 * core rather than competing with the server's event loop. Opens contacts over real HTTP/1.1
 * keep-alive connections at a fixed concurrency (one request in flight per connection) and
 * reports each request's latency.
 *
 * It writes requests and reads responses on raw sockets, like wrk or autocannon: node:http's
 * client cost about as much CPU per request as the server under test, so on two cores the client
 * set the ceiling. What goes over the wire is the same; every response is still checked (status,
 * and the contact's state from its JSON body).
 */
import { connect, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

interface Job {
  readonly port: number;
  readonly token: string;
  readonly queueIds: readonly string[];
  readonly count: number;
  readonly concurrency: number;
  readonly tiers: readonly string[];
}

interface Response {
  readonly status: number;
  readonly body: string;
}

const job = workerData as Job;
const sockets: Socket[] = [];

const requestText = (i: number): string => {
  const body = JSON.stringify({
    channel: 'chat',
    queueId: job.queueIds[i % job.queueIds.length],
    tier: job.tiers[i % job.tiers.length],
  });
  return (
    `POST /api/v1/contacts HTTP/1.1\r\nhost: 127.0.0.1:${job.port}\r\nauthorization: Bearer ${job.token}\r\n` +
    `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
};

/** Splits complete HTTP/1.1 responses (with content-length) off the front of a connection's buffer. */
const takeResponse = (buf: Buffer): { res: Response; rest: Buffer } | null => {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const head = buf.toString('latin1', 0, end);
  const m = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (!m) throw new Error(`response without content-length: ${head.slice(0, 200)}`);
  const total = end + 4 + Number(m[1]);
  if (buf.length < total) return null;
  const status = Number(head.slice(9, 12));
  return { res: { status, body: buf.toString('utf8', end + 4, total) }, rest: buf.subarray(total) };
};

/** One keep-alive connection: send, then resolve with the next complete response. */
const connection = (): Promise<(text: string) => Promise<Response>> =>
  new Promise((ready, fail) => {
    const socket: Socket = connect(job.port, '127.0.0.1');
    sockets.push(socket);
    socket.setNoDelay(true);
    let buf: Buffer = Buffer.alloc(0);
    let waiting: { resolve: (r: Response) => void; reject: (e: Error) => void } | null = null;
    socket.on('data', (d: Buffer) => {
      buf = buf.length === 0 ? d : Buffer.concat([buf, d]);
      const got = takeResponse(buf);
      if (!got || !waiting) return;
      buf = got.rest;
      const w = waiting;
      waiting = null;
      w.resolve(got.res);
    });
    socket.once('error', fail);
    // A connection the server closes mid-run fails its request loudly rather than hanging the run.
    socket.once('close', () => waiting?.reject(new Error('the server closed a benchmark connection')));
    socket.once('connect', () =>
      ready(
        (text) =>
          new Promise<Response>((resolve, reject) => {
            waiting = { resolve, reject };
            socket.write(text);
          }),
      ),
    );
  });

const run = async (): Promise<void> => {
  const latencies = new Float64Array(job.count);
  const states: Record<string, number> = {};
  let next = 0;
  let failures = 0;
  const conns = await Promise.all(Array.from({ length: job.concurrency }, connection));
  const started = performance.now();
  const lane = async (send: (text: string) => Promise<Response>): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= job.count) return;
      const text = requestText(i);
      const t0 = performance.now();
      const res = await send(text);
      latencies[i] = performance.now() - t0;
      if (res.status !== 201) {
        failures++;
        continue;
      }
      const state = (JSON.parse(res.body) as { state: string }).state;
      states[state] = (states[state] ?? 0) + 1;
    }
  };
  await Promise.all(conns.map(lane));
  const elapsedMs = performance.now() - started;
  for (const c of sockets) c.destroy();
  parentPort?.postMessage({ latencies, states, failures, elapsedMs });
};

void run();
