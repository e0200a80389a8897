/**
 * Heartbeat credential re-checks run one at a time, with a turn of the event loop between them, so
 * thousands of sockets are never re-checked in one burst that would stall every conversation; one
 * check that hangs is given up after a while and does not stop the others.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStorage } from '../helpers/storage.js';
import { type ChatTenant, chatTenant, type RealtimeKefu, startRealtimeKefu, visitor } from './harness.js';

describeStorage('heartbeat re-checks one at a time', (target) => {
  let k: RealtimeKefu;
  let acme: ChatTenant;
  const stats = { running: 0, most: 0, checks: 0 };
  /** When set, the next token check never settles (a store call stuck on a dead connection). */
  let hangNext = false;

  beforeAll(async () => {
    k = await startRealtimeKefu(target, {
      heartbeatMs: 100,
      // The real adapter; each token check is slowed down and counted.
      ports: (ports) => ({
        ...ports,
        visitors: {
          ...ports.visitors,
          verify: async (token) => {
            if (hangNext) {
              hangNext = false;
              return new Promise(() => undefined);
            }
            stats.running++;
            stats.checks++;
            stats.most = Math.max(stats.most, stats.running);
            try {
              await new Promise((r) => setTimeout(r, 5));
              return await ports.visitors.verify(token);
            } finally {
              stats.running--;
            }
          },
        },
      }),
    });
    acme = await chatTenant(k, 'acme');
  });
  afterAll(async () => k?.close());

  it('should never re-check two sockets at the same time, and re-check each of them', async () => {
    const sockets = [];
    for (let i = 0; i < 6; i++) {
      const v = await visitor(k, (await acme.open()).token);
      await v.next((f) => f.t === 'welcome');
      sockets.push(v);
    }
    stats.most = 0;
    stats.checks = 0;
    await new Promise((r) => setTimeout(r, 400));
    expect(stats.checks).toBeGreaterThanOrEqual(6);
    expect(stats.most).toBe(1);
    for (const v of sockets) {
      v.send({ t: 'ping' });
      await v.next((f) => f.t === 'pong');
      v.close();
    }
  });

  it('should go on re-checking the other sockets when one check hangs', async () => {
    const sockets = [];
    for (let i = 0; i < 3; i++) {
      const v = await visitor(k, (await acme.open()).token);
      await v.next((f) => f.t === 'welcome');
      sockets.push(v);
    }
    hangNext = true;
    await new Promise((r) => setTimeout(r, 300));
    const before = stats.checks;
    await new Promise((r) => setTimeout(r, 800));
    expect(stats.checks - before).toBeGreaterThan(0);
    for (const v of sockets) v.close();
  });
});
