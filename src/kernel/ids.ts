/**
 * Identifiers: a type prefix plus a time-ordered random part, so ids sort by creation and say what
 * they name in logs. Randomness is an input here (IdSource), never hidden inside pure code.
 */
export interface IdSource {
  next(prefix: string): string;
}

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Encodes a number into a fixed-width base-32 string, most significant digit first. */
const encodeTime = (ms: number, width: number): string => {
  let out = '';
  let v = ms;
  for (let i = 0; i < width; i++) {
    out = ALPHABET[v % 32] + out;
    v = Math.floor(v / 32);
  }
  return out;
};

export const makeIdSource = (now: () => number, randomBytes: (n: number) => Uint8Array): IdSource => ({
  next(prefix: string): string {
    const bytes = randomBytes(10);
    let rand = '';
    for (const b of bytes) rand += ALPHABET[b % 32];
    return `${prefix}_${encodeTime(now(), 10)}${rand}`;
  },
});

/** The smallest id `prefix` can have for a time of `ms` or later: a bound for range reads by creation time. */
export const idFloor = (prefix: string, ms: number): string => `${prefix}_${encodeTime(Math.max(0, Math.floor(ms)), 10)}${'0'.repeat(10)}`;

export const ID_PATTERN = '^[a-z]{2,4}_[0-9a-z]{20}$';
