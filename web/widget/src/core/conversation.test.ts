import { describe, expect, it } from 'vitest';
import { type ChatEvent, type Conversation, deliveryOf, emptyConversation, reduce, unreadCount } from './conversation.js';
import type { PendingMessage } from './pending.js';
import type { ServerFrame } from './protocol.js';
import { buildTimeline } from './timeline.js';

const frame = (f: ServerFrame): ChatEvent => ({ t: 'frame', frame: f });
const agentMsg = (seq: number, body = `agent ${seq}`): ChatEvent =>
  frame({ t: 'msg', seq, clientId: `a${seq}`, author: { kind: 'agent', name: 'Alice' }, body, attachment: null, at: 1000 + seq });
const ownMsg = (seq: number, clientId: string, body = 'hi'): ChatEvent =>
  frame({ t: 'msg', seq, clientId, author: { kind: 'customer', name: null }, body, attachment: null, at: 1000 + seq });
const pending = (clientId: string, body = 'hi'): PendingMessage => ({ clientId, body, attachment: null, createdAt: 5, failed: null });
const run = (events: ChatEvent[], start: Conversation = emptyConversation): Conversation => events.reduce(reduce, start);
const welcome = (state: string, agentName: string | null = null, readSeq = 0): ChatEvent =>
  frame({
    t: 'welcome',
    contact: { id: 'ct_1', state, agentName },
    wait: state === 'queued' ? { position: 3, estimatedWaitMs: 90_000 } : null,
    readSeq,
  });

describe('conversation reducer: sequence numbers', () => {
  it('should keep messages in seq order and advance lastSeq when msg frames arrive', () => {
    const c = run([welcome('assigned', 'Alice'), agentMsg(1), agentMsg(2), agentMsg(3)]);
    expect(c.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(c.lastSeq).toBe(3);
  });

  it('should drop a msg frame whose seq is not above the last one received when it is replayed', () => {
    const once = run([agentMsg(1), agentMsg(2)]);
    const again = run([agentMsg(1), agentMsg(2, 'changed')], once);
    expect(again).toBe(once);
    expect(again.messages.map((m) => m.body)).toEqual(['agent 1', 'agent 2']);
  });

  it('should show every missed message exactly once when a resume replays from afterSeq', () => {
    const before = run([agentMsg(1), agentMsg(2)]);
    // Reconnect with afterSeq = before.lastSeq: the server sends 3 and 4, a confused proxy repeats 2.
    const after = run([welcome('assigned', 'Alice'), agentMsg(2), agentMsg(3), agentMsg(4), agentMsg(3)], before);
    expect(after.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(after.lastSeq).toBe(4);
  });
});

describe('conversation reducer: own messages', () => {
  it('should move a message from pending to confirmed when its ack arrives', () => {
    const c = run([
      welcome('assigned'),
      { t: 'queue', message: pending('c1', 'hello') },
      frame({ t: 'ack', clientId: 'c1', seq: 1, at: 7 }),
    ]);
    expect(c.pending).toEqual([]);
    expect(c.messages).toEqual([
      { seq: 1, clientId: 'c1', author: { kind: 'customer', name: null }, body: 'hello', attachment: null, at: 7 },
    ]);
  });

  it('should not advance lastSeq on an ack so that a resume still fetches earlier messages in flight', () => {
    const c = run([{ t: 'queue', message: pending('c1') }, frame({ t: 'ack', clientId: 'c1', seq: 5, at: 7 })]);
    expect(c.lastSeq).toBe(0);
    const resumed = run([agentMsg(4), ownMsg(5, 'c1')], c);
    expect(resumed.messages.map((m) => [m.seq, m.clientId])).toEqual([
      [4, 'a4'],
      [5, 'c1'],
    ]);
    expect(resumed.lastSeq).toBe(5);
  });

  it('should store an own message once when both its echo and its ack arrive, in either order', () => {
    const echoFirst = run([{ t: 'queue', message: pending('c1') }, ownMsg(1, 'c1'), frame({ t: 'ack', clientId: 'c1', seq: 1, at: 9 })]);
    const ackFirst = run([{ t: 'queue', message: pending('c1') }, frame({ t: 'ack', clientId: 'c1', seq: 1, at: 9 }), ownMsg(1, 'c1')]);
    for (const c of [echoFirst, ackFirst]) {
      expect(c.messages).toHaveLength(1);
      expect(c.pending).toHaveLength(0);
    }
  });

  it('should ignore a second queue of the same clientId when a send is retried', () => {
    const c = run([
      { t: 'queue', message: pending('c1') },
      { t: 'queue', message: pending('c1') },
    ]);
    expect(c.pending).toHaveLength(1);
  });

  it('should mark a pending message failed when the server refuses it for good, and keep it on a rate limit', () => {
    const c = run([
      { t: 'queue', message: pending('c1') },
      { t: 'queue', message: pending('c2') },
      frame({ t: 'error', code: 'VALIDATION_FAILED', message: 'bad', ref: 'c1' }),
      frame({ t: 'error', code: 'RATE_LIMITED', message: 'slow', ref: 'c2' }),
    ]);
    expect(c.pending.map((p) => [p.clientId, p.failed])).toEqual([
      ['c1', 'VALIDATION_FAILED'],
      ['c2', null],
    ]);
    expect(run([{ t: 'retry', clientId: 'c1' }], c).pending[0]?.failed).toBeNull();
    expect(run([{ t: 'discard', clientId: 'c1' }], c).pending.map((p) => p.clientId)).toEqual(['c2']);
  });
});

describe('conversation reducer: state, wait, typing and receipts', () => {
  it('should keep the queue position while waiting and forget it when an agent is assigned', () => {
    const waiting = run([welcome('queued'), frame({ t: 'wait', position: 2, estimatedWaitMs: 30_000 })]);
    expect(waiting.wait).toEqual({ position: 2, estimatedWaitMs: 30_000 });
    const joined = run([frame({ t: 'state', state: 'assigned', agentName: 'Alice' })], waiting);
    expect(joined.wait).toBeNull();
    expect(joined.contact).toEqual({ id: 'ct_1', state: 'assigned', agentName: 'Alice' });
    expect(run([frame({ t: 'wait', position: 1, estimatedWaitMs: 0 })], joined).wait).toBeNull();
  });

  it('should add one joined notice after the last message when an agent takes the conversation', () => {
    const c = run([
      welcome('queued'),
      agentMsg(1),
      frame({ t: 'state', state: 'assigned', agentName: 'Alice' }),
      welcome('assigned', 'Alice'),
    ]);
    expect(c.notices).toEqual([{ kind: 'joined', name: 'Alice', afterSeq: 1 }]);
  });

  it('should add an ended notice once when the conversation goes to wrap-up and then closed', () => {
    const c = run([
      welcome('assigned', 'Alice'),
      frame({ t: 'typing', on: true }),
      frame({ t: 'state', state: 'wrap_up', agentName: 'Alice' }),
      frame({ t: 'state', state: 'closed', agentName: 'Alice' }),
    ]);
    expect(c.notices.map((n) => n.kind)).toEqual(['joined', 'ended']);
    expect(c.agentTyping).toBe(false);
  });

  it("should place a notice after the visitor's own acknowledged messages, which come back as acks only", () => {
    const pending = (clientId: string, body: string): ChatEvent => ({
      t: 'queue',
      message: { clientId, body, attachment: null, createdAt: 1, failed: null },
    });
    const c = run([
      welcome('queued'),
      pending('c1', 'hello?'),
      frame({ t: 'ack', clientId: 'c1', seq: 1, at: 2 }),
      pending('c2', 'anyone?'),
      frame({ t: 'ack', clientId: 'c2', seq: 2, at: 4 }),
      frame({ t: 'state', state: 'assigned', agentName: 'Alice' }),
    ]);
    const order = buildTimeline(c).map((i) =>
      i.kind === 'message' ? i.message.body : i.kind === 'notice' ? `[${i.notice.kind}]` : 'pending',
    );
    expect(order).toEqual(['hello?', 'anyone?', '[joined]']);
    // The resume point stays where delivered messages left it.
    expect(c.lastSeq).toBe(0);
  });

  it('should say no agent was free, once, when the wait ran out', () => {
    const c = run([welcome('queued', null), frame({ t: 'state', state: 'timed_out', agentName: null })]);
    expect(c.notices.map((n) => n.kind)).toEqual(['timedOut']);
    expect(run([frame({ t: 'state', state: 'timed_out', agentName: null })], c).notices).toHaveLength(1);
  });

  it('should stop showing the agent typing when the agent message arrives', () => {
    const c = run([frame({ t: 'typing', on: true })]);
    expect(c.agentTyping).toBe(true);
    expect(run([agentMsg(1)], c).agentTyping).toBe(false);
  });

  it('should report own messages read up to the seq the agent read, never going back', () => {
    const c = run([
      { t: 'queue', message: pending('c1') },
      { t: 'queue', message: pending('c2') },
      ownMsg(1, 'c1'),
      ownMsg(2, 'c2'),
      frame({ t: 'read', seq: 1 }),
      frame({ t: 'read', seq: 0 }),
    ]);
    expect(c.messages.map((m) => deliveryOf(c, m))).toEqual(['read', 'sent']);
    const later = run([welcome('assigned', null, 2)], c);
    expect(later.messages.map((m) => deliveryOf(later, m))).toEqual(['read', 'read']);
  });

  it('should count agent messages not yet seen and clear them when the visitor looks or replies', () => {
    const c = run([agentMsg(1), agentMsg(2), ownMsg(3, 'c1'), agentMsg(4)]);
    expect(unreadCount(run([agentMsg(1), agentMsg(2)]))).toBe(2);
    expect(unreadCount(c)).toBe(1);
    const seen = run([{ t: 'seen' }], c);
    expect(unreadCount(seen)).toBe(0);
    expect(seen.seenSeq).toBe(4);
  });
});
