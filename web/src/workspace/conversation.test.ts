import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../api/types.js';
import {
  acknowledge,
  addMessage,
  addPending,
  EMPTY_CONVERSATION,
  failPending,
  isPeerTyping,
  lastSeqOf,
  peerRead,
  peerTyping,
  retryPending,
  seenSeq,
  TYPING_TTL_MS,
} from './conversation.js';

const msg = (seq: number, kind = 'customer', extra: Partial<ChatMessage> = {}): ChatMessage => ({
  seq,
  clientId: null,
  author: { kind, name: kind },
  body: `m${seq}`,
  attachment: null,
  at: seq * 1000,
  visibility: 'public',
  ...extra,
});

describe('conversation', () => {
  it('should keep messages in seq order and hold each seq once when a replay repeats them', () => {
    let c = EMPTY_CONVERSATION;
    for (const s of [2, 1, 3, 2, 1]) c = addMessage(c, msg(s));
    expect(c.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(lastSeqOf(c)).toBe(3);
  });

  it('should turn an acknowledged send into a message, and let the broadcast copy replace it', () => {
    let c = addPending(EMPTY_CONVERSATION, { clientId: 'k1', body: 'hello', visibility: 'internal', at: 5, failed: null });
    c = acknowledge(c, { clientId: 'k1', seq: 4, at: 6 }, { kind: 'agent', name: 'Ann' });
    expect(c.pending).toEqual([]);
    expect(c.messages).toEqual([
      msg(4, 'agent', { clientId: 'k1', body: 'hello', visibility: 'internal', at: 6, author: { kind: 'agent', name: 'Ann' } }),
    ]);
    c = addMessage(c, msg(4, 'agent', { clientId: 'k1', body: 'hello', visibility: 'internal' }));
    expect(c.messages).toHaveLength(1);
  });

  it('should drop a pending send when its message arrives before the ack, and ignore the late ack', () => {
    let c = addPending(EMPTY_CONVERSATION, { clientId: 'k1', body: 'hi', visibility: 'public', at: 5, failed: null });
    c = addMessage(c, msg(1, 'agent', { clientId: 'k1' }));
    expect(c.pending).toEqual([]);
    expect(acknowledge(c, { clientId: 'k1', seq: 1, at: 6 }, { kind: 'agent', name: 'A' })).toBe(c);
  });

  it('should mark a refused send failed and clear the mark on retry', () => {
    let c = addPending(EMPTY_CONVERSATION, { clientId: 'k1', body: 'hi', visibility: 'public', at: 5, failed: null });
    c = failPending(c, 'k1', 'RATE_LIMITED');
    expect(c.pending[0]?.failed).toBe('RATE_LIMITED');
    expect(retryPending(c, 'k1').pending[0]?.failed).toBeNull();
  });

  it('should let typing lapse on its own and end it with the customer message', () => {
    let c = peerTyping(EMPTY_CONVERSATION, true, 1000);
    expect(isPeerTyping(c, 1000 + TYPING_TTL_MS - 1)).toBe(true);
    expect(isPeerTyping(c, 1000 + TYPING_TTL_MS)).toBe(false);
    c = addMessage(c, msg(1));
    expect(isPeerTyping(c, 1001)).toBe(false);
  });

  it('should put the seen receipt on the last public staff message the customer has read', () => {
    let c = EMPTY_CONVERSATION;
    c = addMessage(c, msg(1));
    c = addMessage(c, msg(2, 'agent'));
    c = addMessage(c, msg(3, 'agent', { visibility: 'internal' }));
    c = addMessage(c, msg(4, 'agent'));
    expect(seenSeq(c)).toBeNull();
    c = peerRead(c, 3);
    expect(seenSeq(c)).toBe(2);
    expect(peerRead(c, 1).peerReadSeq).toBe(3);
    expect(seenSeq(peerRead(c, 4))).toBe(4);
  });
});
