/**
 * The list the visitor sees: confirmed messages by seq with notices between them, then the messages
 * still being sent. Each item has a key that survives the step from pending to confirmed (the
 * clientId), so the view updates a bubble in place instead of redrawing it.
 */
import { type ChatMessage, type Conversation, type Delivery, deliveryOf, isMine, type Notice } from './conversation.js';
import type { PendingMessage } from './pending.js';

export type TimelineItem =
  | {
      readonly kind: 'message';
      readonly key: string;
      readonly message: ChatMessage;
      readonly mine: boolean;
      /** For own messages only. */
      readonly delivery: Delivery | null;
      /** Same author as the item before, within a few minutes: no name or avatar again. */
      readonly continues: boolean;
    }
  | { readonly kind: 'pending'; readonly key: string; readonly pending: PendingMessage; readonly continues: boolean }
  | { readonly kind: 'notice'; readonly key: string; readonly notice: Notice };

const GROUP_MS = 5 * 60_000;

const authorKey = (m: ChatMessage): string => (isMine(m) ? 'me' : `${m.author.kind}:${m.author.name ?? ''}`);

export const messageKey = (m: { readonly seq: number; readonly clientId: string | null }): string =>
  m.clientId ? `c:${m.clientId}` : `s:${m.seq}`;

export const buildTimeline = (c: Conversation): TimelineItem[] => {
  const items: TimelineItem[] = [];
  const notices = [...c.notices].map((n, i) => ({ n, i })).sort((a, b) => a.n.afterSeq - b.n.afterSeq || a.i - b.i);
  let ni = 0;
  let prev: { key: string; at: number } | null = null;
  const flushNotices = (upTo: number) => {
    while (ni < notices.length && (notices[ni]?.n.afterSeq ?? 0) < upTo) {
      const { n, i } = notices[ni] as { n: Notice; i: number };
      items.push({ kind: 'notice', key: `n:${i}`, notice: n });
      prev = null;
      ni++;
    }
  };
  for (const m of c.messages) {
    flushNotices(m.seq);
    const who = authorKey(m);
    const continues: boolean = prev !== null && prev.key === who && m.at - prev.at < GROUP_MS;
    const mine = isMine(m);
    items.push({ kind: 'message', key: messageKey(m), message: m, mine, delivery: mine ? deliveryOf(c, m) : null, continues });
    prev = { key: who, at: m.at };
  }
  flushNotices(Number.POSITIVE_INFINITY);
  for (const p of c.pending) {
    const continues: boolean = prev !== null && prev.key === 'me';
    items.push({ kind: 'pending', key: `c:${p.clientId}`, pending: p, continues });
    prev = { key: 'me', at: p.createdAt };
  }
  return items;
};
