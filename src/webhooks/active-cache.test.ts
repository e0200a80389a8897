import { describe, expect, it } from 'vitest';
import { ManualClock } from '../kernel/index.js';
import { ActiveWebhooks } from './active-cache.js';
import type { WebhookInterest } from './core/index.js';

const hook: WebhookInterest = { active: true, events: ['contact.*'], createdAt: 0 };

/** A table of one tenant's webhooks that counts its reads. */
const table = () => {
  const t = { rows: [] as WebhookInterest[], reads: 0 };
  const load = async () => {
    t.reads++;
    return [...t.rows];
  };
  return { t, load };
};

describe('ActiveWebhooks', () => {
  it('should read a tenant once and answer from memory until the entry expires', async () => {
    const { t, load } = table();
    const clock = new ManualClock(1_000);
    const cache = new ActiveWebhooks(load, clock);
    expect(await cache.of('tn')).toEqual([]);
    expect(await cache.of('tn')).toEqual([]);
    expect(t.reads).toBe(1);
    clock.advance(5_001);
    await cache.of('tn');
    expect(t.reads).toBe(2);
  });

  it('should read the table, never the cache, while a change is in flight, and forget the tenant when it ends', async () => {
    const { t, load } = table();
    const cache = new ActiveWebhooks(load, new ManualClock(1_000));
    expect(await cache.of('tn')).toEqual([]);
    let committed: () => void = () => undefined;
    const change = cache.around('tn', async () => {
      t.rows.push(hook);
      // Committed, but the change's own callbacks have not finished yet.
      await new Promise<void>((resolve) => {
        committed = resolve;
      });
    });
    await Promise.resolve();
    expect(await cache.of('tn')).toEqual([hook]);
    expect(await cache.of('tn')).toEqual([hook]);
    committed();
    await change;
    expect(await cache.of('tn')).toEqual([hook]);
    const reads = t.reads;
    expect(await cache.of('tn')).toEqual([hook]);
    expect(t.reads).toBe(reads);
  });

  it('should not keep a read that started before a change ended', async () => {
    const { t } = table();
    let release: () => void = () => undefined;
    const slow = async () => {
      t.reads++;
      const seen = [...t.rows];
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return seen;
    };
    const cache = new ActiveWebhooks(slow, new ManualClock(1_000));
    const stale = cache.of('tn');
    await Promise.resolve();
    await cache.around('tn', async () => {
      t.rows.push(hook);
    });
    release();
    expect(await stale).toEqual([]);
    const fresh = cache.of('tn');
    await Promise.resolve();
    release();
    expect(await fresh).toEqual([hook]);
  });
});
