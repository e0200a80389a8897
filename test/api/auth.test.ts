import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD, type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';

describeStorage('log-in and sessions', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
  });
  afterAll(async () => t?.close());

  it('should return the caller when logged in with a session token', async () => {
    const res = await t.call('GET', '/api/v1/auth/me', acme.tokens.agent);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: 'agent@acme.test', role: 'agent', tenantSlug: 'acme' });
  });

  it('should refuse a wrong password with INVALID_CREDENTIALS and the same for an unknown account', async () => {
    const wrong = await t.call('POST', '/api/v1/auth/login', null, {
      organization: 'acme',
      email: 'agent@acme.test',
      password: 'nope-nope-nope',
    });
    const unknown = await t.call('POST', '/api/v1/auth/login', null, {
      organization: 'acme',
      email: 'ghost@acme.test',
      password: 'nope-nope-nope',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('should revoke every session when the password changes', async () => {
    const other = await t.login('acme', 'sup@acme.test', PASSWORD);
    const res = await t.call('POST', '/api/v1/auth/password', acme.tokens.supervisor, {
      currentPassword: PASSWORD,
      newPassword: 'a-brand-new-passphrase',
    });
    expect(res.statusCode).toBe(200);
    const fresh = res.json().token as string;
    expect((await t.call('GET', '/api/v1/auth/me', other)).json().error.code).toBe('SESSION_EXPIRED');
    expect((await t.call('GET', '/api/v1/auth/me', acme.tokens.supervisor)).statusCode).toBe(401);
    expect((await t.call('GET', '/api/v1/auth/me', fresh)).statusCode).toBe(200);
  });
});
