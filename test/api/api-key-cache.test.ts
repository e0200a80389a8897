/**
 * Verified API keys are cached for a few seconds (tenancy/key-cache.ts); revoking a key or
 * suspending its tenant must still take effect on the very next request, and a wrong secret for a
 * cached key must still be refused.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';

describeStorage('API key cache', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
  });
  afterAll(async () => t?.close());

  const mintKey = async (tenant: SeededTenant, name: string) => {
    const res = await t.call('POST', '/api/v1/api-keys', tenant.tokens.tenant_admin, { name, permissions: ['tenant.read'] });
    expect(res.statusCode).toBe(201);
    return res.json() as { apiKey: { id: string }; secret: string };
  };

  it('should refuse a revoked key on the next request even though it was verified a moment before', async () => {
    const { apiKey, secret } = await mintKey(acme, 'revoke me');
    expect((await t.call('GET', '/api/v1/tenant', secret)).statusCode).toBe(200);
    expect((await t.call('GET', '/api/v1/tenant', secret)).statusCode).toBe(200);
    expect((await t.call('DELETE', `/api/v1/api-keys/${apiKey.id}`, acme.tokens.tenant_admin)).statusCode).toBe(204);
    const after = await t.call('GET', '/api/v1/tenant', secret);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('should refuse a cached key with a wrong secret', async () => {
    const { secret } = await mintKey(acme, 'keep me');
    expect((await t.call('GET', '/api/v1/tenant', secret)).statusCode).toBe(200);
    const forged = `${secret.slice(0, secret.lastIndexOf('.') + 1)}${'A'.repeat(43)}`;
    expect((await t.call('GET', '/api/v1/tenant', forged)).statusCode).toBe(401);
    expect((await t.call('GET', '/api/v1/tenant', secret)).statusCode).toBe(200);
  });

  it("should refuse a tenant's cached keys as soon as the tenant is suspended, and take them again on reactivation", async () => {
    const beta = await t.seedTenant('beta');
    const { secret } = await mintKey(beta, 'beta key');
    expect((await t.call('GET', '/api/v1/tenant', secret)).statusCode).toBe(200);
    const op = await t.operatorToken();
    expect((await t.call('PATCH', `/api/v1/operator/tenants/${beta.tenant.id}`, op, { status: 'suspended' })).statusCode).toBe(200);
    const refused = await t.call('GET', '/api/v1/tenant', secret);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'TENANT_SUSPENDED' } });
    expect((await t.call('PATCH', `/api/v1/operator/tenants/${beta.tenant.id}`, op, { status: 'active' })).statusCode).toBe(200);
    expect((await t.call('GET', '/api/v1/tenant', secret)).statusCode).toBe(200);
  });
});
