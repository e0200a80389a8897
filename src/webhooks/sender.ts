/**
 * Sends one webhook request. node:http is used rather than fetch because it lets us vet the
 * address at connect time: the host name is resolved once, every answer is checked against the
 * private ranges, and the socket connects to exactly the address that was checked. Checking first
 * and letting fetch resolve again would leave a window for DNS rebinding. Redirects are not followed
 * (a redirect could point inside the network), so a 3xx counts as a failed attempt.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkWebhookUrl, classifyAddress } from './core/index.js';

export interface SendRequest {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
}

/** statusCode null: no HTTP answer (refused address, DNS, connection, timeout). */
export interface SendResult {
  readonly statusCode: number | null;
  readonly error: string | null;
}

export interface Sender {
  send(req: SendRequest): Promise<SendResult>;
  close(): void;
}

export class AddressNotAllowed extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private or reserved address`);
    this.name = 'AddressNotAllowed';
  }
}

type Resolve = (host: string, cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const resolveAll: Resolve = (host, cb) => dnsLookup(host, { all: true, verbatim: true }, cb);

/** A `lookup` for sockets that refuses private answers; exported for tests with a fake resolver. */
export const guardedLookup =
  (allowPrivate: boolean, resolve: Resolve = resolveAll): LookupFunction =>
  (hostname, options, callback) => {
    resolve(hostname, (err, found) => {
      const all = err ? [] : found;
      const wanted = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
      if (err || wanted.length === 0) {
        callback(err ?? Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        return;
      }
      const bad = allowPrivate ? undefined : wanted.find((a) => classifyAddress(a.address) !== 'public');
      if (bad) {
        callback(new AddressNotAllowed(hostname, bad.address), '', 0);
        return;
      }
      const first = wanted[0] as LookupAddress;
      if (options.all) callback(null, wanted);
      else callback(null, first.address, first.family);
    });
  };

const describe = (e: unknown, signal: AbortSignal): string => {
  if (signal.aborted) return signal.reason instanceof Error && signal.reason.name === 'TimeoutError' ? 'timed out' : 'aborted';
  return e instanceof Error ? e.message : String(e);
};

export const makeSender = (allowPrivate: boolean, resolve?: Resolve): Sender => {
  const lookup = guardedLookup(allowPrivate, resolve);
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  const send = (r: SendRequest): Promise<SendResult> =>
    new Promise((done) => {
      // Literal addresses never reach `lookup`, and the server's setting may have changed since
      // the webhook was registered: the URL is checked again on every attempt.
      const verdict = checkWebhookUrl(r.url, allowPrivate);
      if (!verdict.ok) {
        done({ statusCode: null, error: `URL ${verdict.issue}` });
        return;
      }
      const url = new URL(verdict.url);
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(url, {
        method: 'POST',
        headers: { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) },
        agent: url.protocol === 'https:' ? agents.https : agents.http,
        lookup,
        signal: r.signal,
      });
      req.on('response', (res) => {
        // The answer's body is not needed; draining it lets the connection be reused.
        res.resume();
        res.on('error', () => undefined);
        done({ statusCode: res.statusCode ?? 0, error: null });
      });
      req.on('error', (e) => done({ statusCode: null, error: describe(e, r.signal) }));
      req.end(r.body);
    });
  return {
    send,
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
};
