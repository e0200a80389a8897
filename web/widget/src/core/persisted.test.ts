import { describe, expect, it } from 'vitest';
import { type ChatMessage, emptyConversation } from './conversation.js';
import { emptyPersisted, MAX_CACHED_MESSAGES, type Persisted, parsePersisted, serialisePersisted } from './persisted.js';

const msg = (seq: number): ChatMessage => ({
  seq,
  clientId: `c${seq}`,
  author: { kind: 'agent', name: 'A' },
  body: `m${seq}`,
  attachment: null,
  at: seq,
});

const state: Persisted = {
  session: { token: 'kfv.tn.ct.secret', contactId: 'ct_1' },
  conversation: {
    ...emptyConversation,
    contact: { id: 'ct_1', state: 'assigned', agentName: 'A' },
    messages: [msg(1), msg(2)],
    pending: [{ clientId: 'p1', body: 'unsent', attachment: null, createdAt: 3, failed: null }],
    notices: [{ kind: 'joined', name: 'A', afterSeq: 0 }],
    lastSeq: 2,
    seenSeq: 1,
    agentReadSeq: 1,
    agentTyping: true,
  },
  csatDone: false,
  locale: 'zh-CN',
};

describe('persisted widget state', () => {
  it('should round-trip the session, lastSeq, messages and pending queue but not the typing flag', () => {
    const back = parsePersisted(serialisePersisted(state));
    expect(back).toEqual({ ...state, conversation: { ...state.conversation, agentTyping: false } });
  });

  it('should keep only the newest messages and the lastSeq when the history is long', () => {
    const many = Array.from({ length: MAX_CACHED_MESSAGES + 5 }, (_, i) => msg(i + 1));
    const back = parsePersisted(
      serialisePersisted({ ...state, conversation: { ...state.conversation, messages: many, lastSeq: many.length } }),
    );
    expect(back.conversation.messages).toHaveLength(MAX_CACHED_MESSAGES);
    expect(back.conversation.messages[0]?.seq).toBe(6);
    expect(back.conversation.lastSeq).toBe(MAX_CACHED_MESSAGES + 5);
  });

  it.each([null, '', '{', '[]', '{"v":99}', '{"v":1,"session":{"token":5}}'])('should start empty when storage holds %s', (text) => {
    expect(parsePersisted(text).session).toBeNull();
    expect(parsePersisted(text).conversation).toEqual(emptyPersisted.conversation);
  });

  it('should drop malformed entries, keep the stored resume point and never let seenSeq pass the newest message', () => {
    const text = JSON.stringify({
      v: 1,
      session: { token: 't', contactId: 'c' },
      conversation: {
        messages: [msg(3), { seq: 'x' }, msg(3)],
        pending: [{ clientId: '' }, { clientId: 'p', body: 'b' }],
        lastSeq: 1,
        seenSeq: 99,
      },
    });
    const c = parsePersisted(text).conversation;
    expect(c.messages.map((m) => m.seq)).toEqual([3]);
    expect(c.pending.map((p) => p.clientId)).toEqual(['p']);
    // Message 3 may be the visitor's own, acknowledged before a lower seq arrived: resume from 1.
    expect(c.lastSeq).toBe(1);
    expect(c.seenSeq).toBe(3);
  });
});
