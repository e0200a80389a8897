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
  sendFrame,
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

  it('should resume after the last message that came as a message, not after an ack that ran ahead of it', () => {
    let c = addMessage(EMPTY_CONVERSATION, msg(4));
    c = addPending(c, { clientId: 'k1', body: 'hello', visibility: 'public', at: 5, failed: null });
    // The agent's send (6) was stored together with the customer's 5, whose push is still on its way.
    c = acknowledge(c, { clientId: 'k1', seq: 6, at: 6 }, { kind: 'agent', name: 'Ann' });
    expect(c.messages.map((m) => m.seq)).toEqual([4, 6]);
    expect(lastSeqOf(c)).toBe(4);
    c = addMessage(c, msg(5));
    expect(lastSeqOf(c)).toBe(5);
    expect(c.messages.map((m) => m.seq)).toEqual([4, 5, 6]);
  });

  it('should keep the file of an acknowledged send on its message when the agent attached one', () => {
    const file = { id: 'att_1', fileName: 'a.png', contentType: 'image/png', size: 19 };
    let c = addPending(EMPTY_CONVERSATION, { clientId: 'k1', body: 'a.png', visibility: 'public', at: 5, failed: null, attachment: file });
    c = acknowledge(c, { clientId: 'k1', seq: 2, at: 6 }, { kind: 'agent', name: 'Ann' });
    expect(c.messages[0]?.attachment).toEqual(file);
  });

  it('should send the file again with the same clientId when a pending send is resent', () => {
    const file = { id: 'att_1', fileName: 'a.png', contentType: 'image/png', size: 19 };
    const p = { clientId: 'k1', body: 'see', visibility: 'internal' as const, at: 5, failed: null, attachment: file };
    expect(sendFrame('con_1', p, 'internal')).toEqual({
      t: 'send',
      contactId: 'con_1',
      clientId: 'k1',
      body: 'see',
      visibility: 'internal',
      attachmentId: 'att_1',
    });
    expect(sendFrame('con_1', { ...p, attachment: null }, 'public')).not.toHaveProperty('attachmentId');
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
