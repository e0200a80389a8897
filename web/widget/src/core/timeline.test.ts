import { describe, expect, it } from 'vitest';
import { type ChatMessage, type Conversation, emptyConversation } from './conversation.js';
import { buildTimeline } from './timeline.js';

const m = (seq: number, kind: string, clientId: string | null, at = seq * 1000): ChatMessage => ({
  seq,
  clientId,
  author: { kind, name: kind === 'agent' ? 'Alice' : null },
  body: `b${seq}`,
  attachment: null,
  at,
});

const conv = (over: Partial<Conversation>): Conversation => ({ ...emptyConversation, ...over });

describe('buildTimeline', () => {
  it('should place notices after the message they follow and pending messages last', () => {
    const items = buildTimeline(
      conv({
        messages: [m(1, 'customer', 'c1'), m(2, 'agent', null)],
        notices: [
          { kind: 'joined', name: 'Alice', afterSeq: 1 },
          { kind: 'ended', name: 'Alice', afterSeq: 2 },
        ],
        pending: [{ clientId: 'p1', body: 'x', attachment: null, createdAt: 9, failed: null }],
        lastSeq: 2,
      }),
    );
    expect(items.map((i) => i.key)).toEqual(['c:c1', 'n:0', 's:2', 'n:1', 'c:p1']);
  });

  it('should key a message by its clientId so it keeps its place from pending to confirmed', () => {
    const pending = buildTimeline(conv({ pending: [{ clientId: 'p1', body: 'x', attachment: null, createdAt: 1, failed: null }] }));
    const confirmed = buildTimeline(conv({ messages: [m(1, 'customer', 'p1')], lastSeq: 1 }));
    expect(pending[0]?.key).toBe(confirmed[0]?.key);
  });

  it('should group consecutive messages of one author and mark own delivery', () => {
    const items = buildTimeline(
      conv({
        messages: [m(1, 'customer', 'a'), m(2, 'customer', 'b'), m(3, 'agent', null), m(4, 'agent', null, 10 * 60_000)],
        agentReadSeq: 1,
      }),
    );
    expect(items.map((i) => (i.kind === 'message' ? [i.continues, i.delivery] : null))).toEqual([
      [false, 'read'],
      [true, 'sent'],
      [false, null],
      [false, null],
    ]);
  });
});
