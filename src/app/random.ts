/**
 * Random bytes for ids, drawn from a pool refilled 4 KiB at a time: one `randomFillSync` per
 * ~400 ids instead of one `randomBytes` call (and buffer) per id, which showed in the profile of
 * the contact hot path. The bytes are the same CSPRNG output either way.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;

export const pooledRandomBytes = (): ((n: number) => Uint8Array) => {
  const pool = new Uint8Array(POOL_BYTES);
  let offset = POOL_BYTES;
  return (n) => {
    if (n > POOL_BYTES) return randomFillSync(new Uint8Array(n));
    if (offset + n > POOL_BYTES) {
      randomFillSync(pool);
      offset = 0;
    }
    // A copy, so a caller that keeps the bytes never sees them change on the next refill.
    const out = pool.slice(offset, offset + n);
    offset += n;
    return out;
  };
};
