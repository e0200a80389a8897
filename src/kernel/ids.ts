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

/**
 * Ids of one source are strictly increasing in the order they are made: within one millisecond
 * (or if the clock steps back) the random part of the previous id is incremented instead of drawn
 * anew, so a log listed by id (audit, decisions) is in the order things happened in this process.
 */
export const makeIdSource = (now: () => number, randomBytes: (n: number) => Uint8Array): IdSource => {
  let lastTime = -1;
  const last: number[] = new Array(10).fill(0);
  const draw = (): void => {
    const bytes = randomBytes(10);
    for (let i = 0; i < 10; i++) last[i] = (bytes[i] ?? 0) % 32;
  };
  const increment = (): void => {
    for (let i = 9; i >= 0; i--) {
      const d = (last[i] ?? 0) + 1;
      if (d < 32) {
        last[i] = d;
        return;
      }
      last[i] = 0;
    }
    // All 32^10 values used within one millisecond: move to the next one.
    lastTime++;
  };
  return {
    next(prefix: string): string {
      const t = now();
      if (t > lastTime) {
        lastTime = t;
        draw();
      } else increment();
      let rand = '';
      for (const d of last) rand += ALPHABET[d];
      return `${prefix}_${encodeTime(lastTime, 10)}${rand}`;
    },
  };
};

/** The smallest id `prefix` can have for a time of `ms` or later: a bound for range reads by creation time. */
export const idFloor = (prefix: string, ms: number): string => `${prefix}_${encodeTime(Math.max(0, Math.floor(ms)), 10)}${'0'.repeat(10)}`;

export const ID_PATTERN = '^[a-z]{2,4}_[0-9a-z]{20}$';
