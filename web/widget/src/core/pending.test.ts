import { describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT, markFailed, nextToSend, type PendingMessage } from './pending.js';

const p = (clientId: string): PendingMessage => ({ clientId, body: clientId, attachment: null, createdAt: 0, failed: null });

describe('nextToSend', () => {
  it('should send the oldest messages first and no more than the in-flight window', () => {
    const queue = Array.from({ length: 12 }, (_, i) => p(`c${i}`));
    expect(nextToSend(queue, new Set()).map((x) => x.clientId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4'].slice(0, MAX_IN_FLIGHT));
  });

  it('should fill only the room left by messages still waiting for their ack', () => {
    const queue = [p('a'), p('b'), p('c'), p('d')];
    expect(nextToSend(queue, new Set(['a', 'b']), 3).map((x) => x.clientId)).toEqual(['c']);
    expect(nextToSend(queue, new Set(['a', 'b', 'c']), 3)).toEqual([]);
  });

  it('should skip messages the server refused for good', () => {
    const queue = markFailed([p('a'), p('b')], 'a', 'VALIDATION_FAILED');
    expect(nextToSend(queue, new Set()).map((x) => x.clientId)).toEqual(['b']);
  });
});
