/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests: records every request as received (raw
 * body, headers) and answers with the statuses it is told to, then 200.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  readonly body: {
    id: string;
    type: string;
    tenantId: string;
    occurredAt: number;
    aggregate: { type: string; id: string };
    data: Record<string, unknown>;
  };
  /** The status this request was answered with. */
  readonly answered: number;
}

export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** The next `n` requests are answered `status`. */
  failNext(n: number, status?: number): void;
  /** Stops answering at all (for timeouts) until called with false. */
  hang(on: boolean): void;
  close(): Promise<void>;
}

export const startReceiver = async (path = '/hooks/kefu'): Promise<Receiver> => {
  const received: Received[] = [];
  const failures: number[] = [];
  let hanging = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (hanging) return;
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const answered = failures.shift() ?? 200;
      received.push({ headers: req.headers, rawBody, body: JSON.parse(rawBody) as Received['body'], answered });
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    failNext: (n, status = 503) => failures.push(...new Array<number>(n).fill(status)),
    hang: (on) => {
      hanging = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/**
 * The receiver's side of the signature, written from the documented recipe with nothing of
 * kefu's code: parse `t=…,v1=…`, check the age, HMAC-SHA256 over "<t>.<raw body>", compare.
 */
export const verifyAsReceiver = (header: string | string[] | undefined, rawBody: string, secret: string, nowMs: number): boolean => {
  if (typeof header !== 'string') return false;
  const parts = new Map<string, string[]>();
  for (const p of header.split(',')) {
    const i = p.indexOf('=');
    const k = p.slice(0, i);
    parts.set(k, [...(parts.get(k) ?? []), p.slice(i + 1)]);
  }
  const t = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(t) || Math.abs(nowMs / 1000 - t) > 300) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex'));
  return (parts.get('v1') ?? []).some((v) => v.length === expected.length && timingSafeEqual(Buffer.from(v), expected));
};
