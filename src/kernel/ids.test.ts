import { describe, expect, it } from 'vitest';
import { ID_PATTERN, idFloor, makeIdSource } from './ids.js';

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

  it('should make strictly increasing ids within one millisecond and when the clock steps back', () => {
    let t = 1_767_225_600_000;
    // Random parts that would sort backwards if drawn anew each time.
    let next = 255;
    const ids = makeIdSource(
      () => t,
      (n) => {
        next -= 37;
        return new Uint8Array(n).fill(next & 0xff);
      },
    );
    const made = [ids.next('aud'), ids.next('aud'), ids.next('aud')];
    t -= 5;
    made.push(ids.next('aud'));
    t += 10;
    made.push(ids.next('aud'));
    for (const id of made) expect(id).toMatch(new RegExp(ID_PATTERN));
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it('should give a floor above every id made before a time and below every id made at or after it', () => {
    let t = 1_767_225_600_000;
    const ids = makeIdSource(
      () => t,
      (n) => new Uint8Array(n).fill(255),
    );
    const before = ids.next('con');
    t += 1;
    const floor = idFloor('con', t);
    const at = makeIdSource(
      () => t,
      (n) => new Uint8Array(n),
    ).next('con');
    expect(floor).toMatch(new RegExp(ID_PATTERN));
    expect(before < floor).toBe(true);
    expect(floor <= at).toBe(true);
    expect(floor).toBe(at);
  });
});
