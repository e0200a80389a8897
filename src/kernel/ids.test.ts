import { describe, expect, it } from 'vitest';
import { ID_PATTERN, makeIdSource } from './ids.js';

describe('ids', () => {
  it('should make ids that match the id pattern and sort by creation time', () => {
    let t = 1_700_000_000_000;
    let seed = 0;
    const ids = makeIdSource(
      () => t,
      (n) => Uint8Array.from({ length: n }, () => (seed = (seed * 31 + 7) % 256)),
    );
    const a = ids.next('usr');
    t += 1;
    const b = ids.next('usr');
    expect(a).toMatch(new RegExp(ID_PATTERN));
    expect(a < b).toBe(true);
  });
});
