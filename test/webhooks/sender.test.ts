/**
 * The sender vets addresses where the socket connects, not only when a webhook is registered:
 * a public-looking name that resolves to a private address is refused, and the request goes to
 * exactly the address that was checked. A fake resolver stands in for DNS.
 */
import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSender } from '../../src/webhooks/sender.js';

const fakeDns =
  (answers: Record<string, string[]>) =>
  (host: string, cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void): void => {
    const found = answers[host];
    if (!found) cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []);
    else
      cb(
        null,
        found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
  };

describe('webhook sender', () => {
  let server: Server;
  let port = 0;
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === '/slow') return; // never answers
      if (req.url === '/moved') res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      else res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    port = typeof a === 'object' && a ? a.port : 0;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const post = (allowPrivate: boolean, url: string, timeoutMs = 2_000) => {
    const sender = makeSender(
      allowPrivate,
      fakeDns({ 'hooks.example.com': ['127.0.0.1'], 'mixed.example.com': ['93.184.216.34', '10.0.0.7'] }),
    );
    return sender
      .send({ url, body: '{}', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(timeoutMs) })
      .finally(() => sender.close());
  };

  it('should refuse a public name that resolves to a private address when private targets are off', async () => {
    const before = seen.length;
    const r = await post(false, `http://hooks.example.com:${port}/in`);
    expect(r.statusCode).toBeNull();
    expect(r.error).toContain('resolves to 127.0.0.1');
    expect(seen.length).toBe(before);
  });

  it('should refuse a name when any of its addresses is private', async () => {
    const r = await post(false, `http://mixed.example.com:${port}/in`);
    expect(r.error).toContain('10.0.0.7');
  });

  it('should connect to the resolved address when private targets are allowed', async () => {
    const r = await post(true, `http://hooks.example.com:${port}/in`);
    expect(r).toEqual({ statusCode: 204, error: null });
    expect(seen).toContain('/in');
  });

  it('should refuse a literal private address even when it skips DNS', async () => {
    const r = await post(false, `http://127.0.0.1:${port}/in`);
    expect(r).toEqual({ statusCode: null, error: 'URL points at a private, loopback or reserved address' });
  });

  it('should report a name that does not resolve', async () => {
    const r = await post(true, `http://nowhere.example.com:${port}/in`);
    expect(r.statusCode).toBeNull();
    expect(r.error).toContain('ENOTFOUND');
  });

  it('should give up with "timed out" when the receiver does not answer in time', async () => {
    const r = await post(true, `http://127.0.0.1:${port}/slow`, 200);
    expect(r).toEqual({ statusCode: null, error: 'timed out' });
  });

  it('should not follow a redirect and report its status when the receiver redirects', async () => {
    const r = await post(true, `http://127.0.0.1:${port}/moved`);
    expect(r).toEqual({ statusCode: 302, error: null });
  });
});
