import { describe, expect, it } from 'vitest';
import type { ServerFrame } from './staff-frames.js';
import { backoffDelay, type Scheduler, type SocketLike, StaffSocket } from './staff-socket.js';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  closedWith: number | null = null;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code?: number }) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(data: string) {
    this.sent.push(data);
  }
  close(code?: number) {
    this.closedWith = code ?? 1000;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({ code: 1006 });
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  frames() {
    return this.sent.map((s) => JSON.parse(s) as Record<string, unknown>);
  }
}

/** Virtual time: timers run only when the test advances the clock. */
class FakeScheduler implements Scheduler {
  t = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private next = 1;
  setTimeout(fn: () => void, ms: number) {
    const id = this.next++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(h: unknown) {
    this.timers = this.timers.filter((x) => x.id !== h);
  }
  now() {
    return this.t;
  }
  random() {
    return 0.5;
  }
  advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers[0];
      if (!due || due.at > end) break;
      this.timers.shift();
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
}

const setup = () => {
  const sockets: FakeSocket[] = [];
  const sch = new FakeScheduler();
  const ws = new StaffSocket({
    url: 'ws://x/ws/staff',
    create: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    scheduler: sch,
    backoff: { baseMs: 100, maxMs: 1000 },
    heartbeatMs: 1000,
    stableMs: 500,
  });
  const last = () => {
    const s = sockets[sockets.length - 1];
    if (!s) throw new Error('no socket');
    return s;
  };
  return { ws, sch, sockets, last };
};

describe('backoffDelay', () => {
  it('should double from the base up to the maximum, with half of it random', () => {
    const o = { baseMs: 100, maxMs: 1000 };
    expect(backoffDelay(0, 0, o)).toBe(50);
    expect(backoffDelay(0, 1, o)).toBe(100);
    expect(backoffDelay(2, 1, o)).toBe(400);
    expect(backoffDelay(10, 1, o)).toBe(1000);
    expect(backoffDelay(10, 0, o)).toBe(500);
  });
});

describe('StaffSocket', () => {
  it('should send its subscriptions on open and again, with the current afterSeq, after a reconnect', () => {
    const { ws, sch, sockets, last } = setup();
    let afterSeq = 0;
    ws.start();
    ws.subscribe('agent', () => ({ t: 'subscribe', topic: 'agent' }));
    ws.subscribe('contact:c1', () => ({ t: 'subscribe', topic: 'contact', contactId: 'c1', afterSeq }));
    expect(last().sent).toEqual([]); // not open yet: nothing is sent, nothing is lost
    last().open();
    expect(last().frames()).toEqual([
      { t: 'subscribe', topic: 'agent' },
      { t: 'subscribe', topic: 'contact', contactId: 'c1', afterSeq: 0 },
    ]);
    afterSeq = 7;
    last().drop();
    expect(ws.connection).toBe('reconnecting');
    sch.advance(100);
    expect(sockets).toHaveLength(2);
    last().open();
    expect(last().frames()).toContainEqual({ t: 'subscribe', topic: 'contact', contactId: 'c1', afterSeq: 7 });
    expect(ws.connection).toBe('open');
  });

  it('should back off longer after each failed attempt and start over once a connection was stable', () => {
    const { ws, sch, sockets, last } = setup();
    ws.start();
    last().drop();
    sch.advance(74); // attempt 0: 50..100 ms, random 0.5 gives 75
    expect(sockets).toHaveLength(1);
    sch.advance(1);
    expect(sockets).toHaveLength(2);
    last().drop();
    sch.advance(149); // attempt 1: 150
    expect(sockets).toHaveLength(2);
    sch.advance(1);
    expect(sockets).toHaveLength(3);
    last().open();
    sch.advance(500); // stable: the back-off resets
    last().drop();
    sch.advance(75);
    expect(sockets).toHaveLength(4);
  });

  it('should deliver decoded frames, call open listeners after resubscribing, and refuse sends while down', () => {
    const { ws, last } = setup();
    const got: ServerFrame[] = [];
    const order: string[] = [];
    ws.onFrame((f) => got.push(f));
    ws.onOpen(() => order.push(`open after ${last().sent.length} frames`));
    ws.subscribe('agent', () => ({ t: 'subscribe', topic: 'agent' }));
    ws.start();
    expect(ws.send({ t: 'typing', contactId: 'c1', on: true })).toBe(false);
    last().open();
    expect(order).toEqual(['open after 1 frames']);
    last().receive({ t: 'ack', clientId: 'k1', seq: 3, at: 10 });
    last().receive({ t: 'nonsense' });
    last().onmessage?.({ data: 'not json' });
    expect(got).toEqual([{ t: 'ack', clientId: 'k1', seq: 3, at: 10 }]);
    expect(ws.send({ t: 'typing', contactId: 'c1', on: true })).toBe(true);
  });

  it('should ping, and redial a connection that stays silent for three beats', () => {
    const { ws, sch, sockets, last } = setup();
    ws.start();
    last().open();
    sch.advance(1000);
    expect(last().frames()).toContainEqual({ t: 'ping' });
    last().receive({ t: 'pong' });
    sch.advance(3000);
    expect(sockets).toHaveLength(1);
    sch.advance(1000); // 4 s without a frame
    expect(sockets[0]?.closedWith).toBe(4000);
    sch.advance(100);
    expect(sockets).toHaveLength(2);
  });

  it('should stop for good: no redial, and no more subscriptions sent', () => {
    const { ws, sch, sockets, last } = setup();
    ws.start();
    last().open();
    ws.stop();
    expect(sockets[0]?.closedWith).toBe(1000);
    sch.advance(60_000);
    expect(sockets).toHaveLength(1);
    expect(ws.connection).toBe('stopped');
  });

  it('should forget an unsubscribed topic on the next reconnect', () => {
    const { ws, sch, last } = setup();
    ws.start();
    ws.subscribe('contact:c1', () => ({ t: 'subscribe', topic: 'contact', contactId: 'c1', afterSeq: 0 }));
    last().open();
    ws.unsubscribe('contact:c1', { t: 'unsubscribe', topic: 'contact', contactId: 'c1' });
    expect(last().frames().at(-1)).toEqual({ t: 'unsubscribe', topic: 'contact', contactId: 'c1' });
    last().drop();
    sch.advance(100);
    last().open();
    expect(last().frames()).toEqual([]);
  });
});
