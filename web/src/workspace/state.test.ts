import { describe, expect, it } from 'vitest';
import { toContact, toWorkspaceSnapshot } from '../api/normalize.js';
import { parseServerFrame, type ServerFrame } from '../api/staff-frames.js';
import type { Contact } from '../api/types.js';
import { lastSeqOf } from './conversation.js';
import { initialWorkspace, neighbourChat, openOffers, unreadOf, type WorkspaceState, workspaceReducer } from './state.js';

const ME = { id: 'us_me', name: 'Ann' };

const contact = (id: string, state: string, extra: Partial<Contact> = {}): Contact => ({
  ...toContact({ id, state, agentId: ME.id, channel: 'chat', tier: 'high', lastSeq: 0, customerId: `cu_${id}` }),
  ...extra,
});

const frame = (raw: unknown): ServerFrame => {
  const f = parseServerFrame(JSON.stringify(raw));
  if (!f) throw new Error(`not a frame: ${JSON.stringify(raw)}`);
  return f;
};

const apply = (s: WorkspaceState, ...frames: unknown[]): WorkspaceState =>
  frames.reduce<WorkspaceState>((acc, raw) => workspaceReducer(acc, { type: 'frame', frame: frame(raw), now: 1000 }), s);

const msg = (contactId: string, seq: number, kind = 'customer', extra: Record<string, unknown> = {}) => ({
  t: 'msg',
  contactId,
  seq,
  clientId: null,
  author: { kind, name: kind },
  body: `m${seq}`,
  attachment: null,
  at: seq,
  visibility: 'public',
  ...extra,
});

const snapshot = workspaceReducer(initialWorkspace(ME), {
  type: 'snapshot',
  snapshot: toWorkspaceSnapshot({
    presence: { state: 'available', since: 5, reason: null },
    offers: [{ ...contact('c9', 'offered'), expiresAt: 30_000 }],
    contacts: [
      {
        ...contact('c1', 'assigned', { lastSeq: 4 }),
        customer: { id: 'cu_c1', displayName: 'Li Wei', tier: 'high', tags: ['vip'] },
        unread: 2,
      },
      { ...contact('c2', 'wrap_up', { lastSeq: 1 }), customer: null, unread: 0, lastMessage: { seq: 1, body: 'bye', at: 3 } },
    ],
  }),
});

describe('workspace state', () => {
  it('should start from the workspace read model after a reload', () => {
    expect(snapshot.ready).toBe(true);
    expect(snapshot.presence).toEqual({ state: 'available', since: 5, reason: null });
    expect(snapshot.offers.map((o) => [o.id, o.expiresAt])).toEqual([['c9', 30_000]]);
    expect(snapshot.chats.map((c) => [c.contact.id, unreadOf(c)])).toEqual([
      ['c1', 2],
      ['c2', 0],
    ]);
    expect(snapshot.customers.cu_c1?.displayName).toBe('Li Wei');
    expect(snapshot.chats[1]?.lastMessage?.body).toBe('bye');
  });

  it('should count replayed old messages as the server did and every later customer message as unread', () => {
    // The replay (afterSeq 0) brings seq 1..4, already counted in the snapshot's unread: 2.
    let s = apply(snapshot, msg('c1', 1), msg('c1', 2, 'agent'), msg('c1', 3), msg('c1', 4));
    expect(unreadOf(s.chats[0] ?? never())).toBe(2);
    s = apply(s, msg('c1', 5), msg('c1', 6, 'agent'), msg('c1', 7, 'agent', { visibility: 'internal' }));
    expect(unreadOf(s.chats[0] ?? never())).toBe(3);
    s = workspaceReducer(s, { type: 'markRead', contactId: 'c1', seq: 7 });
    expect(unreadOf(s.chats[0] ?? never())).toBe(0);
    expect(s.chats[0]?.lastMessage?.seq).toBe(7);
  });

  it('should move an accepted offer into the chats and drop an offer that went back to the queue', () => {
    let s = apply(snapshot, { t: 'offer', contact: contact('c3', 'offered'), expiresAt: 40_000 });
    expect(s.offers.map((o) => o.id)).toEqual(['c9', 'c3']);
    s = workspaceReducer(s, { type: 'contact', contact: contact('c3', 'assigned') });
    expect(s.offers.map((o) => o.id)).toEqual(['c9']);
    expect(s.chats.map((c) => c.contact.id)).toEqual(['c1', 'c2', 'c3']);
    s = apply(s, { t: 'contact', contact: contact('c9', 'queued', { agentId: null }) });
    expect(s.offers).toEqual([]);
  });

  it('should drop a chat once it is closed, transferred or handed to another agent, keeping the others', () => {
    let s = apply(snapshot, { t: 'contact', contact: contact('c2', 'closed') });
    expect(s.chats.map((c) => c.contact.id)).toEqual(['c1']);
    s = apply(s, { t: 'contact', contact: contact('c1', 'assigned', { agentId: 'us_other' }) });
    expect(s.chats).toEqual([]);
  });

  it('should keep held messages across a fresh snapshot, so the subscription resumes after them', () => {
    const s = apply(snapshot, msg('c1', 1), msg('c1', 2));
    const again = workspaceReducer(s, {
      type: 'snapshot',
      snapshot: toWorkspaceSnapshot({
        presence: { state: 'break', since: 9, reason: 'lunch' },
        offers: [],
        contacts: [{ ...contact('c1', 'assigned', { lastSeq: 2 }), unread: 1 }],
      }),
    });
    expect(lastSeqOf(again.chats[0]?.conv ?? never())).toBe(2);
    expect(again.presence?.reason).toBe('lunch');
    expect(unreadOf(again.chats[0] ?? never())).toBe(1);
  });

  it('should follow a send through ack, and mark it failed when the server refuses it by ref', () => {
    let s = workspaceReducer(snapshot, {
      type: 'sending',
      contactId: 'c1',
      pending: { clientId: 'k1', body: 'Hello', visibility: 'public', at: 10, failed: null },
    });
    s = workspaceReducer(s, {
      type: 'sending',
      contactId: 'c1',
      pending: { clientId: 'k2', body: 'x', visibility: 'internal', at: 11, failed: null },
    });
    s = apply(s, { t: 'ack', clientId: 'k1', seq: 5, at: 12 }, { t: 'error', code: 'RATE_LIMITED', message: 'slow down', ref: 'k2' });
    const c = s.chats[0]?.conv ?? never();
    expect(c.messages.map((m) => [m.seq, m.body, m.author.name])).toEqual([[5, 'Hello', 'Ann']]);
    expect(c.pending.map((p) => [p.clientId, p.failed])).toEqual([['k2', 'RATE_LIMITED']]);
    expect(s.chats[0]?.lastMessage?.body).toBe('Hello');
  });

  it('should follow presence, and the customer’s (not other staff’s) typing and read frames', () => {
    const s = apply(
      snapshot,
      { t: 'presence', state: 'break', since: 50, reason: 'lunch' },
      { t: 'typing', contactId: 'c1', on: true, by: 'customer' },
      { t: 'read', contactId: 'c1', seq: 3, by: 'customer' },
      { t: 'read', contactId: 'c1', seq: 9, by: 'agent' },
      { t: 'typing', contactId: 'c2', on: true, by: 'agent' },
    );
    expect(s.presence).toEqual({ state: 'break', since: 50, reason: 'lunch' });
    expect(s.chats[0]?.conv.peerTypingUntil).toBeGreaterThan(1000);
    expect(s.chats[0]?.conv.peerReadSeq).toBe(3);
    expect(s.chats[1]?.conv.peerTypingUntil).toBe(0);
  });

  it('should hide offers whose countdown ran out and step through chats with wrap-around', () => {
    expect(openOffers(snapshot, 29_999)).toHaveLength(1);
    expect(openOffers(snapshot, 30_000)).toHaveLength(0);
    expect(neighbourChat(snapshot.chats, 'c1', 1)).toBe('c2');
    expect(neighbourChat(snapshot.chats, 'c2', 1)).toBe('c1');
    expect(neighbourChat(snapshot.chats, 'c1', -1)).toBe('c2');
    expect(neighbourChat(snapshot.chats, null, -1)).toBe('c2');
    expect(neighbourChat([], null, 1)).toBeNull();
  });
});

function never(): never {
  throw new Error('missing');
}

describe('wrap-up time', () => {
  it('should tell the agent when routing closed a chat because its wrap-up time ran out, until dismissed', () => {
    const timedOut = contact('c2', 'closed', { disposition: null, wrapUpExpiresAt: 9000, closedAt: 9000 });
    let s = apply(snapshot, { t: 'contact', contact: timedOut });
    expect(s.chats.map((c) => c.contact.id)).toEqual(['c1']);
    expect(s.wrapUpTimedOut).toEqual([{ contactId: 'c2', customerId: 'cu_c2' }]);
    // The same close heard twice is one notice.
    s = apply(s, { t: 'contact', contact: timedOut });
    expect(s.wrapUpTimedOut).toHaveLength(1);
    s = workspaceReducer(s, { type: 'dismissTimedOut', contactId: 'c2' });
    expect(s.wrapUpTimedOut).toEqual([]);
  });

  it('should raise it after a reconnect for a chat whose wrap-up time ran out while the socket was away', () => {
    const held = workspaceReducer(snapshot, { type: 'contact', contact: contact('c2', 'wrap_up', { wrapUpExpiresAt: 9000 }) });
    const reconnect = (now: number) =>
      workspaceReducer(held, {
        type: 'snapshot',
        now,
        snapshot: toWorkspaceSnapshot({
          presence: { state: 'available', since: 5, reason: null },
          offers: [],
          contacts: [{ ...contact('c1', 'assigned'), unread: 0 }],
        }),
      });
    expect(reconnect(9500).wrapUpTimedOut).toEqual([{ contactId: 'c2', customerId: 'cu_c2' }]);
    // Gone before its time ran out: closed some other way (another tab, a supervisor), no notice.
    expect(reconnect(8000).wrapUpTimedOut).toEqual([]);
    expect(reconnect(9500).chats.map((c) => c.contact.id)).toEqual(['c1']);
  });

  it('should not raise the notice for a chat closed with a disposition or one that was never mine', () => {
    const disposition = { contactClass: 'query', reason: 'r', product: null, campaign: null, resolved: true, note: null } as const;
    const s = apply(
      snapshot,
      { t: 'contact', contact: contact('c2', 'closed', { disposition, wrapUpExpiresAt: null }) },
      { t: 'contact', contact: contact('c7', 'closed', { disposition: null, wrapUpExpiresAt: 9000 }) },
    );
    expect(s.wrapUpTimedOut).toEqual([]);
  });
});
