import { describe, expect, it } from 'vitest';
import { DeliveryGate } from './delivery.js';
import { MAX_BODY_CHARS, parseStaffFrame, parseVisitorFrame } from './frames.js';
import { TokenBucket } from './rate-limit.js';
import { maySend, visibleTo } from './subscriptions.js';

const f = (seq: number | null) => ({ seq, data: String(seq) });

describe('delivery gate', () => {
  it('should send replayed then held live messages once, in seq order, when both overlap', () => {
    const g = new DeliveryGate(2);
    expect(g.live(f(4))).toEqual([]);
    expect(g.live(f(5))).toEqual([]);
    expect(g.replayed([f(3), f(4)]).map((x) => x.seq)).toEqual([3, 4]);
    expect(g.endReplay().map((x) => x.seq)).toEqual([5]);
    expect(g.live(f(5))).toEqual([]);
    expect(g.live(f(6)).map((x) => x.seq)).toEqual([6]);
  });

  it('should hold live frames through a catch-up until every replay has ended, then send the missed seq once and in order', () => {
    const g = new DeliveryGate(0);
    g.endReplay();
    expect(g.live(f(1)).map((x) => x.seq)).toEqual([1]);
    // The push of 2 failed; a catch-up starts while 3 and 4 arrive live.
    g.beginReplay();
    expect(g.live(f(3))).toEqual([]);
    g.beginReplay();
    expect(g.live(f(4))).toEqual([]);
    expect(g.replayed([f(2), f(3)]).map((x) => x.seq)).toEqual([2, 3]);
    expect(g.endReplay()).toEqual([]);
    expect(g.endReplay().map((x) => x.seq)).toEqual([4]);
    expect(g.live(f(5)).map((x) => x.seq)).toEqual([5]);
  });

  it('should drop messages at or below afterSeq and pass frames without a seq', () => {
    const g = new DeliveryGate(10);
    expect(g.replayed([f(9), f(10), f(11)]).map((x) => x.seq)).toEqual([11]);
    g.live(f(null));
    expect(g.endReplay()).toHaveLength(1);
  });
});

describe('token bucket', () => {
  it('should allow the burst, refuse beyond it, and refill at the rate', () => {
    const b = new TokenBucket({ ratePerSecond: 10, burst: 20 }, 0);
    for (let i = 0; i < 20; i++) expect(b.take(0)).toBe(true);
    expect(b.take(0)).toBe(false);
    expect(b.take(100)).toBe(true);
    expect(b.take(100)).toBe(false);
    expect(b.isFull(10_000)).toBe(true);
  });

  it('should not drain when the clock steps back', () => {
    const b = new TokenBucket({ ratePerSecond: 1, burst: 1 }, 1000);
    expect(b.take(0)).toBe(true);
    expect(b.take(2000)).toBe(true);
  });
});

describe('frames', () => {
  it.each([
    ['not json', 'the frame is not valid JSON'],
    ['{"t":"send","clientId":"a"}', 'is required'],
    ['{"t":"send","clientId":"a","body":"   "}', 'must not be blank'],
    ['{"t":"send","clientId":"a","body":"x","contactId":"c"}', 'is not an allowed field'],
    ['{"t":"hello","token":"t","afterSeq":-1}', 'must be a whole number >= 0'],
    ['{"t":"send","clientId":"a","body":"\\ud800"}', 'contains characters that cannot be stored'],
  ])('should refuse the visitor frame %s', (text, issue) => {
    const p = parseVisitorFrame(text);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.problems.map((x) => x.issue)).toContain(issue);
  });

  it('should refuse a body over the limit and echo the client id as ref', () => {
    const p = parseVisitorFrame(JSON.stringify({ t: 'send', clientId: 'c9', body: 'x'.repeat(MAX_BODY_CHARS + 1) }));
    expect(p).toMatchObject({ ok: false, ref: 'c9' });
  });

  it('should parse staff frames with defaults and require a contact id for the contact topic', () => {
    expect(parseStaffFrame('{"t":"send","contactId":"c","clientId":"x","body":"hi"}')).toMatchObject({
      ok: true,
      frame: { visibility: 'public', attachmentId: null },
    });
    expect(parseStaffFrame('{"t":"send","contactId":"c","clientId":"x","body":"hi","visibility":"whisper"}').ok).toBe(false);
    expect(parseStaffFrame('{"t":"subscribe","topic":"contact"}').ok).toBe(false);
    expect(parseStaffFrame('{"t":"subscribe","topic":"contact","contactId":"c"}')).toMatchObject({ ok: true, frame: { afterSeq: 0 } });
  });
});

describe('subscription rules', () => {
  it.each([
    ['handler', 'public', false, true],
    ['handler', 'internal', false, true],
    ['monitor', 'public', true, false],
    ['monitor', 'whisper', true, true],
    ['handler', 'whisper', false, false],
    [null, 'whisper', true, false],
    [null, 'public', false, false],
  ] as const)('should decide %s sending %s (supervise %s) as %s', (access, kind, sup, ok) => {
    expect(maySend(access, kind, sup)).toBe(ok);
  });

  it('should show visitors public messages only', () => {
    expect(['public', 'internal', 'whisper'].filter((v) => visibleTo('visitor', v))).toEqual(['public']);
    expect(['public', 'internal', 'whisper'].filter((v) => visibleTo('staff', v))).toHaveLength(3);
  });
});
