/**
 * An upload that declares a 5 MiB body, sends only its first 64 KiB and waits for the answer:
 * only a server that answers before reading the body can answer at all.
 */
import { request } from 'node:http';

export interface EarlyAnswer {
  readonly status: number;
  readonly body: string;
}

export const answerBeforeBody = (port: number, path: string, token: string, contentType: string): Promise<EarlyAnswer> =>
  new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path,
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'content-length': String(5 * 1024 * 1024) },
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error('no answer while the body was still unsent'));
    }, 5_000);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.write(Buffer.alloc(64 * 1024, 0x61));
  });
