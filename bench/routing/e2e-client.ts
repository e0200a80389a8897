/**
 * The load generator of the end-to-end benchmark, run in a worker thread so it uses the second
 * core rather than competing with the server's event loop. Opens contacts over real HTTP with
 * keep-alive at a fixed concurrency and reports each request's latency.
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

interface Job {
  readonly port: number;
  readonly token: string;
  readonly queueIds: readonly string[];
  readonly count: number;
  readonly concurrency: number;
  readonly tiers: readonly string[];
}

const job = workerData as Job;
const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });

const post = (body: string): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: job.port,
        method: 'POST',
        path: '/api/v1/contacts',
        agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}`, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });

const run = async (): Promise<void> => {
  const latencies = new Float64Array(job.count);
  const states: Record<string, number> = {};
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const lane = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= job.count) return;
      const body = JSON.stringify({
        channel: 'chat',
        queueId: job.queueIds[i % job.queueIds.length],
        tier: job.tiers[i % job.tiers.length],
      });
      const t0 = performance.now();
      const res = await post(body);
      latencies[i] = performance.now() - t0;
      if (res.status !== 201) {
        failures++;
        continue;
      }
      const state = (JSON.parse(res.text) as { state: string }).state;
      states[state] = (states[state] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  parentPort?.postMessage({ latencies, states, failures, elapsedMs });
};

void run();
