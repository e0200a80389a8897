/**
 * A live push that fails (its message look-up throws) must not leave a silent gap. Every
 * subscription following the conversation is caught up from the store, so the missed message
 * arrives once and in order without a reconnect; when the store cannot be read either, the sockets
 * are closed as "try again later" (1013) and the clients' resume replays it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStorage } from '../helpers/storage.js';
import { type ChatTenant, chatTenant, type Frame, type RealtimeKefu, staff, startRealtimeKefu, visitor } from './harness.js';

/** Messages with this body cannot be looked up for a live push. */
const POISON = 'this push fails';

describeStorage('real-time catch-up after a failed live push', (target) => {
  let k: RealtimeKefu;
  let acme: ChatTenant;
  /** While set, reading stored messages fails too. */
  let storeDown = false;

  beforeAll(async () => {
    k = await startRealtimeKefu(target, {
      // The real adapter, with two failures that tests switch on.
      ports: (ports) => ({
        ...ports,
        chat: {
          ...ports.chat,
          messageOf: async (e) => {
            if (e.payload.body === POISON) throw new Error('look-up failed');
            return ports.chat.messageOf(e);
          },
          listMessages: async (...args) => {
            if (storeDown) throw new Error('store down');
            return ports.chat.listMessages(...args);
          },
        },
      }),
    });
    acme = await chatTenant(k, 'acme');
  });
  afterAll(async () => k?.close());

  const bodies = (frames: readonly Frame[]) => frames.filter((f) => f.t === 'msg').map((f) => f.body);
  const lastSeq = (frames: readonly Frame[]) => Math.max(0, ...frames.filter((f) => f.t === 'msg').map((f) => f.seq as number));

  const conversation = async () => {
    const { contactId, token } = await acme.open();
    const agent = await staff(k, acme.seeded.tokens.agent);
    agent.send({ t: 'subscribe', topic: 'contact', contactId, afterSeq: 0 });
    await agent.next((f) => f.t === 'subscribed');
    const v = await visitor(k, token);
    await v.next((f) => f.t === 'welcome');
    v.send({ t: 'send', clientId: 'v-1', body: 'first' });
    await agent.next((f) => f.t === 'msg' && f.body === 'first');
    return { contactId, token, agent, v };
  };

  it('should catch every follower up from the store, once and in order, without closing a socket', async () => {
    const { agent, v } = await conversation();
    v.send({ t: 'send', clientId: 'v-2', body: POISON });
    await agent.next((f) => f.t === 'msg' && f.body === POISON);
    v.send({ t: 'send', clientId: 'v-3', body: 'third' });
    await agent.next((f) => f.t === 'msg' && f.body === 'third');
    await v.next((f) => f.t === 'ack' && f.clientId === 'v-3');
    expect(bodies(agent.frames)).toEqual(['first', POISON, 'third']);
    // The visitor's own sends come back as acks, not echoes; the catch-up replays what its gate
    // had not passed, its own missed message included, once (and a send that arrived while the
    // catch-up held live frames may come back as well, after it, once).
    const seen = bodies(v.frames);
    expect(seen[0]).toBe(POISON);
    expect([POISON, `${POISON}|third`]).toContain(seen.join('|'));
    expect(agent.ws.readyState).toBe(agent.ws.OPEN);
    expect(v.ws.readyState).toBe(v.ws.OPEN);
    agent.close();
    v.close();
  });

  it('should close the followers with 1013 when the store cannot be read either, and replay the message when they resume', async () => {
    const { contactId, token, agent, v } = await conversation();
    storeDown = true;
    try {
      v.send({ t: 'send', clientId: 'v-2', body: POISON });
      // The message is stored and acknowledged; only its push failed.
      await v.next((f) => f.t === 'ack' && f.clientId === 'v-2');
      expect((await agent.closed).code).toBe(1013);
      expect((await v.closed).code).toBe(1013);
    } finally {
      storeDown = false;
    }
    expect(bodies(agent.frames)).toEqual(['first']);
    const agent2 = await staff(k, acme.seeded.tokens.agent);
    agent2.send({ t: 'subscribe', topic: 'contact', contactId, afterSeq: lastSeq(agent.frames) });
    await agent2.next((f) => f.t === 'subscribed');
    const v2 = await visitor(k, token, lastSeq(v.frames));
    await v2.next((f) => f.t === 'welcome');
    v2.send({ t: 'send', clientId: 'v-3', body: 'third' });
    await agent2.next((f) => f.t === 'msg' && f.body === 'third');
    expect(bodies(agent2.frames)).toEqual([POISON, 'third']);
    await v2.next((f) => f.t === 'ack' && f.clientId === 'v-3');
    // Resumed from its last seq (0: it had received no message): the replay, then acks for its own.
    expect(bodies(v2.frames)).toEqual(['first', POISON]);
    agent2.close();
    v2.close();
  });
});
