/**
 * An open visitor socket lives only as long as its token: each heartbeat checks the token again
 * (as hello did), so a suspended tenant or an expired token ends the socket with 1008.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStorage } from '../helpers/storage.js';
import { type ChatTenant, chatTenant, type RealtimeKefu, startRealtimeKefu, visitor } from './harness.js';

describeStorage('visitor token re-check on heartbeat', (target) => {
  let k: RealtimeKefu;
  let acme: ChatTenant;
  let globex: ChatTenant;

  beforeAll(async () => {
    k = await startRealtimeKefu(target, { heartbeatMs: 100 });
    acme = await chatTenant(k, 'acme');
    globex = await chatTenant(k, 'globex');
  });
  afterAll(async () => k?.close());

  const greeted = async (token: string) => {
    const v = await visitor(k, token);
    await v.next((f) => f.t === 'welcome');
    return v;
  };

  const setStatus = async (tenantId: string, status: 'active' | 'suspended') => {
    const op = await k.t.operatorToken();
    expect((await k.t.call('PATCH', `/api/v1/operator/tenants/${tenantId}`, op, { status })).statusCode).toBe(200);
  };

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('should keep a visitor socket open over many heartbeats while its token verifies', async () => {
    const v = await greeted((await acme.open()).token);
    await pause(600);
    v.send({ t: 'ping' });
    await v.next((f) => f.t === 'pong');
    expect(v.ofType('error')).toEqual([]);
    v.close();
  });

  it('should close an open visitor socket with 1008 once its token has expired', async () => {
    const { contactId, token } = await acme.open();
    const v = await greeted(token);
    await acme.expire(contactId);
    expect(await v.next((f) => f.t === 'error')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await v.closed).code).toBe(1008);
  });

  it('should close the open visitor sockets of a suspended tenant with 1008 and leave other tenants alone', async () => {
    const own = await greeted((await globex.open()).token);
    const other = await greeted((await acme.open()).token);
    await setStatus(globex.seeded.tenant.id, 'suspended');
    try {
      expect(await own.next((f) => f.t === 'error')).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect((await own.closed).code).toBe(1008);
      await pause(300);
      other.send({ t: 'ping' });
      await other.next((f) => f.t === 'pong');
      expect(other.ofType('error')).toEqual([]);
    } finally {
      await setStatus(globex.seeded.tenant.id, 'active');
    }
    other.close();
  });
});
