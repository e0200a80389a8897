/**
 * Reliable delivery over real WebSockets: acks after commit, one stored message per client id,
 * resume from the last seq with every missed message once and in order, visibility, and text
 * that comes back exactly as sent.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStorage } from '../helpers/storage.js';
import { type ChatTenant, chatTenant, type Frame, type RealtimeKefu, staff, startRealtimeKefu, visitor } from './harness.js';

const seqs = (frames: readonly Frame[]): number[] => frames.filter((f) => f.t === 'msg').map((f) => f.seq as number);

describeStorage('real-time delivery', (target) => {
  let k: RealtimeKefu;
  let acme: ChatTenant;

  beforeAll(async () => {
    k = await startRealtimeKefu(target);
    acme = await chatTenant(k, 'acme');
  });
  afterAll(async () => k?.close());

  const subscribed = async (token: string, contactId: string, afterSeq = 0) => {
    const a = await staff(k, token);
    a.send({ t: 'subscribe', topic: 'contact', contactId, afterSeq });
    await a.next((f) => f.t === 'subscribed');
    return a;
  };
  const agentSubscribed = (contactId: string, afterSeq = 0) => subscribed(acme.seeded.tokens.agent, contactId, afterSeq);

  it('should ack after commit and store the same client id once, acking it with the same seq', async () => {
    const { contactId, token } = await acme.open();
    const v = await visitor(k, token);
    await v.next((f) => f.t === 'welcome');
    v.send({ t: 'send', clientId: 'c-1', body: 'hello' });
    const first = await v.next((f) => f.t === 'ack');
    v.send({ t: 'send', clientId: 'c-1', body: 'hello' });
    const again = await v.next((f) => f.t === 'ack');
    expect(again).toMatchObject({ clientId: 'c-1', seq: first.seq });
    const stored = (await k.t.call('GET', `/api/v1/contacts/${contactId}/messages`, acme.seeded.tokens.agent)).json() as {
      items: { clientMessageId: string }[];
    };
    expect(stored.items.filter((m) => m.clientMessageId === 'c-1')).toHaveLength(1);
    v.close();
  });

  it("should answer the sending socket with its ack only, while the other party and the visitor's other tab get the message", async () => {
    const { contactId, token } = await acme.open();
    const agent = await agentSubscribed(contactId);
    const tab1 = await visitor(k, token);
    await tab1.next((f) => f.t === 'welcome');
    const tab2 = await visitor(k, token);
    await tab2.next((f) => f.t === 'welcome');
    tab1.send({ t: 'send', clientId: 'tab-1', body: 'from tab one' });
    const ack = await tab1.next((f) => f.t === 'ack' && f.clientId === 'tab-1');
    expect(await agent.next((f) => f.t === 'msg' && f.body === 'from tab one')).toMatchObject({ seq: ack.seq });
    expect(await tab2.next((f) => f.t === 'msg' && f.body === 'from tab one')).toMatchObject({ seq: ack.seq });
    agent.send({ t: 'send', contactId, clientId: 'ag-1', body: 'from the agent' });
    const agentAck = await agent.next((f) => f.t === 'ack' && f.clientId === 'ag-1');
    // The next message reaches tab one; its own message never came back to it as a message.
    expect(await tab1.next((f) => f.t === 'msg' && f.body === 'from the agent')).toMatchObject({ seq: agentAck.seq });
    expect(tab1.ofType('msg').map((f) => f.body)).toEqual(['from the agent']);
    expect(agent.ofType('msg').map((f) => f.body)).toEqual(['from tab one']);
    agent.close();
    tab1.close();
    tab2.close();
  });

  it('should deliver every missed message exactly once and in order when a visitor resumes', async () => {
    const { contactId, token } = await acme.open();
    const agent = await agentSubscribed(contactId);
    const v1 = await visitor(k, token);
    await v1.next((f) => f.t === 'welcome');
    for (let i = 1; i <= 3; i++) agent.send({ t: 'send', contactId, clientId: `a-${i}`, body: `before ${i}` });
    await v1.next((f) => f.t === 'msg' && f.body === 'before 3');
    const lastSeen = Math.max(...seqs(v1.frames));
    v1.close();
    await v1.closed;
    // While the visitor is away: more public messages and an internal note.
    for (let i = 4; i <= 8; i++) agent.send({ t: 'send', contactId, clientId: `a-${i}`, body: `away ${i}` });
    agent.send({ t: 'send', contactId, clientId: 'note-1', body: 'internal', visibility: 'internal' });
    await agent.next((f) => f.t === 'ack' && f.clientId === 'note-1');
    const v2 = await visitor(k, token, lastSeen);
    await v2.next((f) => f.t === 'welcome');
    // Messages sent while the replay runs must come after it, once.
    for (let i = 9; i <= 12; i++) agent.send({ t: 'send', contactId, clientId: `a-${i}`, body: `live ${i}` });
    await v2.next((f) => f.t === 'msg' && f.body === 'live 12');
    const got = seqs(v2.frames);
    expect(got).toEqual([...got].sort((a, b) => a - b));
    expect(new Set(got).size).toBe(got.length);
    expect(v2.ofType('msg').map((f) => f.body)).toEqual(
      [4, 5, 6, 7, 8].map((i) => `away ${i}`).concat([9, 10, 11, 12].map((i) => `live ${i}`)),
    );
    agent.close();
    v2.close();
  });

  it('should never give a visitor internal notes or whispers, live or replayed, while staff see them', async () => {
    const { contactId, token } = await acme.open();
    const v = await visitor(k, token);
    await v.next((f) => f.t === 'welcome');
    const agent = await agentSubscribed(contactId);
    const sup = await subscribed(acme.seeded.tokens.supervisor, contactId);
    agent.send({ t: 'send', contactId, clientId: 'n', body: 'note', visibility: 'internal' });
    sup.send({ t: 'whisper', contactId, clientId: 'w', body: 'whisper' });
    expect(await sup.next((f) => f.t === 'ack' && f.clientId === 'w')).toMatchObject({ clientId: 'w' });
    agent.send({ t: 'send', contactId, clientId: 'p', body: 'public' });
    await v.next((f) => f.t === 'msg' && f.body === 'public');
    expect(await agent.next((f) => f.t === 'msg' && f.body === 'whisper')).toMatchObject({ visibility: 'whisper' });
    expect(v.ofType('msg').map((f) => f.body)).toEqual(['public']);
    const replay = await visitor(k, token, 0);
    await replay.next((f) => f.t === 'msg' && f.body === 'public');
    replay.send({ t: 'ping' });
    await replay.next((f) => f.t === 'pong');
    expect(replay.ofType('msg').map((f) => f.body)).toEqual(['public']);
    for (const c of [v, agent, sup, replay]) c.close();
  });

  it('should carry markup as plain text, unchanged, both ways', async () => {
    const { contactId, token } = await acme.open();
    const v = await visitor(k, token);
    await v.next((f) => f.t === 'welcome');
    const agent = await agentSubscribed(contactId);
    const xss = `<img src=x onerror="alert(1)"><script>alert('x')</script>&lt;b&gt; "quotes" 你好`;
    v.send({ t: 'send', clientId: 'x-1', body: xss });
    expect(await agent.next((f) => f.t === 'msg')).toMatchObject({ body: xss, author: { kind: 'customer' } });
    agent.send({ t: 'send', contactId, clientId: 'x-2', body: xss });
    expect(await v.next((f) => f.t === 'msg' && f.clientId === 'x-2')).toMatchObject({ body: xss });
    v.close();
    agent.close();
  });

  it('should pass typing and read receipts between visitor and agent', async () => {
    const { contactId, token } = await acme.open();
    const v = await visitor(k, token);
    await v.next((f) => f.t === 'welcome');
    const agent = await agentSubscribed(contactId);
    v.send({ t: 'typing', on: true });
    expect(await agent.next((f) => f.t === 'typing')).toMatchObject({ contactId, on: true, by: 'customer' });
    agent.send({ t: 'typing', contactId, on: true });
    expect(await v.next((f) => f.t === 'typing')).toMatchObject({ on: true });
    v.send({ t: 'send', clientId: 'r-1', body: 'read me' });
    const ack = await v.next((f) => f.t === 'ack');
    agent.send({ t: 'read', contactId, seq: ack.seq });
    expect(await v.next((f) => f.t === 'read')).toMatchObject({ seq: ack.seq });
    // A read mark beyond the last message is clamped, and the peer is told the stored mark.
    v.send({ t: 'read', seq: 1_000_000_000 });
    expect(await agent.next((f) => f.t === 'read' && f.by === 'customer')).toMatchObject({ contactId, seq: ack.seq });
    v.close();
    agent.close();
  });

  it('should neither move nor announce the read mark when a monitoring supervisor reads', async () => {
    const { contactId, token } = await acme.open();
    const v = await visitor(k, token);
    await v.next((f) => f.t === 'welcome');
    const agent = await agentSubscribed(contactId);
    const sup = await subscribed(acme.seeded.tokens.supervisor, contactId);
    v.send({ t: 'send', clientId: 'm-1', body: 'first' });
    await v.next((f) => f.t === 'ack');
    v.send({ t: 'send', clientId: 'm-2', body: 'second' });
    const second = await v.next((f) => f.t === 'ack');
    sup.send({ t: 'read', contactId, seq: second.seq });
    // Frames of one connection are handled in order: its pong comes after the read was handled.
    sup.send({ t: 'ping' });
    await sup.next((f) => f.t === 'pong');
    expect(sup.ofType('error')).toEqual([]);
    // The agent's own read is the next receipt anyone sees, with the agent's mark.
    agent.send({ t: 'read', contactId, seq: (second.seq as number) - 1 });
    expect(await v.next((f) => f.t === 'read')).toMatchObject({ seq: (second.seq as number) - 1 });
    expect(v.ofType('read')).toHaveLength(1);
    expect(agent.ofType('read')).toEqual([]);
    expect(await sup.next((f) => f.t === 'read')).toMatchObject({ contactId, seq: (second.seq as number) - 1, by: 'agent' });
    const again = await visitor(k, token);
    expect(await again.next((f) => f.t === 'welcome')).toMatchObject({ readSeq: (second.seq as number) - 1 });
    for (const c of [v, again, agent, sup]) c.close();
  });

  it('should refuse a message to a closed conversation and keep the connection', async () => {
    const { contactId, token } = await acme.open();
    const v = await visitor(k, token);
    await v.next((f) => f.t === 'welcome');
    await k.t.call('POST', `/api/v1/contacts/${contactId}/wrap-up`, acme.seeded.tokens.agent, {
      disposition: { contactClass: 'query', reason: 'done', resolved: true },
    });
    expect(await v.next((f) => f.t === 'state' && f.state === 'closed')).toMatchObject({ state: 'closed' });
    v.send({ t: 'send', clientId: 'late', body: 'anyone?' });
    expect(await v.next((f) => f.t === 'error')).toMatchObject({ code: 'ILLEGAL_TRANSITION', ref: 'late' });
    v.send({ t: 'ping' });
    await v.next((f) => f.t === 'pong');
    v.close();
  });
});
