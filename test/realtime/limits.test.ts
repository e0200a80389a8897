/**
 * Bad input over real WebSockets: oversized frames, floods, dead clients. Each is refused or
 * neutralised and the server keeps serving everyone else.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PASSWORD } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { type ChatTenant, Client, chatTenant, type RealtimeKefu, staff, startRealtimeKefu, visitor, WIDGET_ORIGIN } from './harness.js';

describeStorage('real-time limits', (target) => {
  let k: RealtimeKefu;
  let acme: ChatTenant;

  beforeAll(async () => {
    k = await startRealtimeKefu(target, { heartbeatMs: 100 });
    acme = await chatTenant(k, 'acme');
  });
  afterAll(async () => k?.close());

  const greeted = async (token: string) => {
    const v = await visitor(k, token);
    await v.next((f) => f.t === 'welcome');
    return v;
  };

  it('should close a connection that sends a frame over 16 KiB with 1009 and keep serving', async () => {
    const { token } = await acme.open();
    const v = await greeted(token);
    v.send({ t: 'send', clientId: 'big', body: 'x'.repeat(17 * 1024) });
    expect((await v.closed).code).toBe(1009);
    const again = await greeted(token);
    again.send({ t: 'send', clientId: 'small', body: 'still here' });
    expect(await again.next((f) => f.t === 'ack')).toMatchObject({ clientId: 'small' });
    again.close();
  });

  it('should refuse a flood with RATE_LIMITED, close it with 1008 after 100 refusals, and lose nothing acked', async () => {
    const { contactId, token } = await acme.open();
    const agent = await staff(k, acme.seeded.tokens.agent);
    for (let i = 0; i < 130; i++) agent.send({ t: 'ping' });
    expect((await agent.closed).code).toBe(1008);
    expect(agent.ofType('error').every((f) => f.code === 'RATE_LIMITED')).toBe(true);
    expect(agent.ofType('error')).toHaveLength(100);
    const v = await greeted(token);
    for (let i = 0; i < 15; i++) v.send({ t: 'send', clientId: `m-${i}`, body: `flood ${i}` });
    await v.next((f) => f.t === 'error' && f.code === 'RATE_LIMITED');
    v.send({ t: 'ping' });
    await v.next((f) => f.t === 'pong');
    // Every message is answered; every one that was acknowledged is stored; every one refused is not.
    while (v.ofType('ack').length + v.ofType('error').length < 15) await v.next((f) => f.t === 'ack' || f.t === 'error');
    const acked = v.ofType('ack').map((f) => f.clientId);
    const refused = v.ofType('error').map((f) => f.ref);
    expect(acked.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    const stored = (await k.t.call('GET', `/api/v1/contacts/${contactId}/messages`, acme.seeded.tokens.agent)).json() as {
      items: { clientMessageId: string }[];
    };
    expect(stored.items.map((m) => m.clientMessageId).sort()).toEqual([...acked].sort());
    v.close();
  });

  it('should share the message limit across a visitor connections', async () => {
    const { token } = await acme.open();
    const a = await greeted(token);
    const b = await greeted(token);
    for (let i = 0; i < 8; i++) a.send({ t: 'send', clientId: `a-${i}`, body: 'a' });
    for (let i = 0; i < 8; i++) b.send({ t: 'send', clientId: `b-${i}`, body: 'b' });
    const refusedSomewhere = await Promise.race([
      a.next((f) => f.t === 'error' && f.code === 'RATE_LIMITED'),
      b.next((f) => f.t === 'error' && f.code === 'RATE_LIMITED'),
    ]);
    expect(refusedSomewhere).toMatchObject({ code: 'RATE_LIMITED' });
    a.close();
    b.close();
  });

  it('should terminate a client that stops answering pings and keep the others', async () => {
    const { token } = await acme.open();
    const dead = new WebSocket(`${k.base}/ws/visitor`, { origin: WIDGET_ORIGIN, autoPong: false });
    const client = new Client(dead);
    await new Promise((r) => dead.once('open', r));
    client.send({ t: 'hello', token, afterSeq: 0 });
    await client.next((f) => f.t === 'welcome');
    const alive = await greeted(token);
    expect((await client.closed).code).toBe(1006);
    alive.send({ t: 'ping' });
    await alive.next((f) => f.t === 'pong');
    alive.close();
  });

  it('should refuse malformed frames with VALIDATION_FAILED and keep the connection', async () => {
    const v = await greeted((await acme.open()).token);
    for (const bad of ['not json', '[]', '{"t":"nope"}', '{"t":"send","clientId":"c","body":"","extra":1}', '{"t":"typing","on":"yes"}']) {
      v.send(bad);
      expect(await v.next((f) => f.t === 'error')).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    v.send({ t: 'send', clientId: 'nul', body: 'a\u0000b' });
    expect(await v.next((f) => f.t === 'error')).toMatchObject({ code: 'VALIDATION_FAILED', ref: 'nul' });
    v.send({ t: 'ping' });
    await v.next((f) => f.t === 'pong');
    v.close();
  });

  it('should close a staff socket on the next heartbeat once its session has ended', async () => {
    const token = await k.t.login('acme', 'agent@acme.test', PASSWORD);
    const agent = await staff(k, token);
    agent.send({ t: 'ping' });
    await agent.next((f) => f.t === 'pong');
    expect((await k.t.call('POST', '/api/v1/auth/logout', token)).statusCode).toBe(204);
    expect(await agent.next((f) => f.t === 'error')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await agent.closed).code).toBe(1008);
  });
});
