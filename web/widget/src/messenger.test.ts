/**
 * The reconnect-and-resume contract of the widget, over a scripted WebSocket: no browser here, so
 * the few globals the socket touches (WebSocket, window, document) are stand-ins.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ChatEvent, type Conversation, emptyConversation, reduce } from './core/conversation.js';
import { Messenger } from './messenger.js';

type Frame = { t: string } & Record<string, unknown>;

class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  readonly sent: Frame[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Frame);
  }

  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.();
  }

  accept(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }

  receive(f: Frame): void {
    this.onmessage?.({ data: JSON.stringify(f) });
  }

  frames(t: string): Frame[] {
    return this.sent.filter((f) => f.t === t);
  }
}

const welcome: Frame = { t: 'welcome', contact: { id: 'ct_1', state: 'assigned', agentName: 'Li' }, wait: null, readSeq: 0 };
const agentMsg = (seq: number): Frame => ({
  t: 'msg',
  seq,
  clientId: `a${seq}`,
  author: { kind: 'agent', name: 'Li' },
  body: `m${seq}`,
  attachment: null,
  at: seq,
});

const setup = () => {
  let conv: Conversation = emptyConversation;
  const rejected: string[] = [];
  const m = new Messenger('https://kefu.example', {
    conversation: () => conv,
    dispatch: (e: ChatEvent) => {
      conv = reduce(conv, e);
    },
    onStatus: () => {},
    onRejected: (code) => rejected.push(code),
    onRateLimited: () => {},
    isWatching: () => false,
  });
  m.connect({ token: 'kfv.t.c.s', contactId: 'ct_1' });
  return { m, conv: () => conv, rejected, last: () => FakeSocket.all.at(-1) as FakeSocket };
};

describe('Messenger over a dropping connection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('window', new EventTarget());
    vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('should say hello on the visitor endpoint of the script origin with afterSeq 0 when new', () => {
    const { last } = setup();
    last().accept();
    expect(last().url).toBe('wss://kefu.example/ws/visitor');
    expect(last().sent[0]).toEqual({ t: 'hello', token: 'kfv.t.c.s', afterSeq: 0 });
  });

  it('should resume after the last seq and re-send an unacknowledged message with the same clientId when the link drops', () => {
    const { m, conv, last } = setup();
    const first = last();
    first.accept();
    first.receive(welcome);
    first.receive(agentMsg(1));
    m.send('hello', null);
    const clientId = first.frames('send')[0]?.clientId;
    expect(clientId).toMatch(/^cw_/);
    first.close();
    vi.advanceTimersByTime(60_000);
    const second = last();
    expect(second).not.toBe(first);
    second.accept();
    expect(second.sent[0]).toEqual({ t: 'hello', token: 'kfv.t.c.s', afterSeq: 1 });
    expect(second.frames('send')).toEqual([]);
    second.receive(welcome);
    expect(second.frames('send')).toEqual([{ t: 'send', clientId, body: 'hello' }]);
    // The first copy was stored before the drop: the server answers with the stored seq, once.
    second.receive({ t: 'msg', seq: 2, clientId, author: { kind: 'customer', name: null }, body: 'hello', attachment: null, at: 2 });
    second.receive({ t: 'ack', clientId, seq: 2, at: 2 });
    expect(conv().pending).toEqual([]);
    expect(conv().messages.map((x) => x.seq)).toEqual([1, 2]);
  });

  it('should not send an acknowledged message again after a reconnect', () => {
    const { m, last } = setup();
    last().accept();
    last().receive(welcome);
    m.send('once', null);
    const clientId = last().frames('send')[0]?.clientId;
    last().receive({ t: 'ack', clientId, seq: 1, at: 1 });
    m.drop();
    vi.advanceTimersByTime(60_000);
    last().accept();
    last().receive(welcome);
    expect(last().frames('send')).toEqual([]);
  });

  it('should drain a backlog a few sends at a time, sending the next one as each ack arrives', () => {
    const { m, last } = setup();
    for (let i = 0; i < 8; i++) m.send(`offline ${i}`, null);
    last().accept();
    last().receive(welcome);
    const sends = () =>
      last()
        .frames('send')
        .map((f) => f.body);
    expect(sends()).toEqual(['offline 0', 'offline 1', 'offline 2', 'offline 3', 'offline 4']);
    last().receive({ t: 'ack', clientId: last().frames('send')[0]?.clientId, seq: 1, at: 1 });
    expect(sends()).toHaveLength(6);
    expect(sends().at(-1)).toBe('offline 5');
  });

  it('should retry rate-limited sends once after a pause however many were refused', () => {
    const { m, last } = setup();
    last().accept();
    last().receive(welcome);
    for (let i = 0; i < 3; i++) m.send(`burst ${i}`, null);
    for (const f of last().frames('send')) last().receive({ t: 'error', code: 'RATE_LIMITED', message: 'slow down', ref: f.clientId });
    expect(last().frames('send')).toHaveLength(3);
    vi.advanceTimersByTime(10_000);
    expect(
      last()
        .frames('send')
        .map((f) => f.body),
    ).toEqual(['burst 0', 'burst 1', 'burst 2', 'burst 0', 'burst 1', 'burst 2']);
  });

  it('should open a new socket by itself after every drop while the server stays unreachable', () => {
    const { last } = setup();
    for (let i = 1; i <= 5; i++) {
      last().close();
      vi.advanceTimersByTime(60_000);
      expect(FakeSocket.all).toHaveLength(i + 1);
    }
  });

  it('should stop and report when the server refuses the token', () => {
    const { rejected, last } = setup();
    last().accept();
    last().receive({ t: 'error', code: 'UNAUTHENTICATED', message: 'expired' });
    const count = FakeSocket.all.length;
    vi.advanceTimersByTime(120_000);
    expect(rejected).toEqual(['UNAUTHENTICATED']);
    expect(FakeSocket.all.length).toBe(count);
  });
});
