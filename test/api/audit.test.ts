/**
 * The audit log over HTTP: every administrative change leaves one entry naming who did what, to
 * what, before and after (never a password hash or secret), from which address and under which
 * request id; each tenant reads only its own log, the operator reads any, and paging with
 * before/nextBefore returns every entry exactly once.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_TENANT_ID } from '../../src/kernel/index.js';
import { PASSWORD, type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { expectError, send } from './support.js';

interface Entry {
  id: string;
  at: number;
  actor: { kind: string; id: string; name: string };
  action: string;
  targetType: string;
  targetId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  requestId: string | null;
}

interface Page {
  items: Entry[];
  nextBefore: string | null;
}

const NEW_PASSWORD = 'another-good-passphrase';
const SECRET_SHAPES = [/\$argon2/, /password_?hash/i, /secret_?hash/i, /"password"/, /"secret"/];

describeStorage('audit log', (target) => {
  let t: TestKefu;
  let op: string;
  let opId: string;
  let acme: { id: string; adminId: string; admin: string };
  let beta: SeededTenant;
  const secrets: string[] = [PASSWORD, NEW_PASSWORD];
  let n = 0;

  /** Sends with a fresh request id and client address, and checks the id is echoed. */
  const act = async (method: string, url: string, token: string | null, payload?: unknown) => {
    n++;
    const requestId = `audit-test-${n}`;
    const ip = `10.20.0.${n}`;
    const res = await send(t, { method, url, token, payload, headers: { 'x-request-id': requestId }, remoteAddress: ip });
    expect(res.headers['x-request-id']).toBe(requestId);
    return { res, requestId, ip };
  };

  const logOf = async (tenantId: string): Promise<Entry[]> => {
    const res = await t.call('GET', `/api/v1/operator/audit?tenantId=${tenantId}&limit=200`, op);
    expect(res.statusCode).toBe(200);
    return (res.json() as Page).items;
  };

  /** The one entry a request left, checked for actor, address and request id. */
  const entryOf = async (tenantId: string, done: { requestId: string; ip: string }, action: string, actorId: string): Promise<Entry> => {
    const entries = (await logOf(tenantId)).filter((e) => e.requestId === done.requestId && e.action === action);
    expect(entries, `${action} under ${done.requestId}`).toHaveLength(1);
    const entry = entries[0] as Entry;
    expect(entry.actor.id).toBe(actorId);
    expect(entry.ip).toBe(done.ip);
    expect(entry.at).toBeGreaterThan(Date.now() - 60_000);
    expect(entry.at).toBeLessThanOrEqual(Date.now());
    return entry;
  };

  const expectNoSecrets = (res: LightMyRequestResponse): void => {
    for (const shape of SECRET_SHAPES) expect(res.body).not.toMatch(shape);
    for (const s of secrets) expect(res.body).not.toContain(s);
  };

  beforeAll(async () => {
    t = await startTestKefu(target);
    op = await t.operatorToken();
    opId = (await t.call('GET', '/api/v1/auth/me', op)).json().id as string;
    beta = await t.seedTenant('beta');
  });
  afterAll(async () => t?.close());

  describe('what each change records', () => {
    it('should record tenant.create and the first admin with actor, after, ip and request id when the operator creates a tenant', async () => {
      const done = await act('POST', '/api/v1/operator/tenants', op, {
        slug: 'acme',
        name: 'Acme',
        admin: { email: 'admin@acme.test', displayName: 'Acme admin', password: PASSWORD },
      });
      expect(done.res.statusCode).toBe(201);
      const { tenant, admin } = done.res.json() as { tenant: { id: string }; admin: { id: string } };
      acme = { id: tenant.id, adminId: admin.id, admin: await t.login('acme', 'admin@acme.test', PASSWORD) };
      const created = await entryOf(acme.id, done, 'tenant.create', opId);
      expect(created).toMatchObject({
        actor: { kind: 'user', name: 'Op' },
        targetType: 'tenant',
        targetId: acme.id,
        before: null,
        after: { slug: 'acme', name: 'Acme', status: 'active' },
      });
      const firstAdmin = await entryOf(acme.id, done, 'user.create', opId);
      expect(firstAdmin).toMatchObject({
        targetType: 'user',
        targetId: admin.id,
        before: null,
        after: { email: 'admin@acme.test', role: 'tenant_admin' },
      });
    });

    it('should record user.create, user.update, user.disable and user.set_password with before and after when an admin manages a user', async () => {
      const created = await act('POST', '/api/v1/users', acme.admin, {
        email: 'pat@acme.test',
        displayName: 'Pat',
        role: 'agent',
        password: PASSWORD,
      });
      expect(created.res.statusCode).toBe(201);
      const patId = created.res.json().id as string;
      expect(await entryOf(acme.id, created, 'user.create', acme.adminId)).toMatchObject({
        actor: { kind: 'user', name: 'Acme admin' },
        targetId: patId,
        before: null,
        after: { email: 'pat@acme.test', displayName: 'Pat', role: 'agent', status: 'active' },
      });

      const updated = await act('PATCH', `/api/v1/users/${patId}`, acme.admin, { displayName: 'Patricia', role: 'supervisor' });
      expect(updated.res.statusCode).toBe(200);
      expect(await entryOf(acme.id, updated, 'user.update', acme.adminId)).toMatchObject({
        targetId: patId,
        before: { displayName: 'Pat', role: 'agent' },
        after: { displayName: 'Patricia', role: 'supervisor' },
      });

      const reset = await act('PUT', `/api/v1/users/${patId}/password`, acme.admin, { password: NEW_PASSWORD });
      expect(reset.res.statusCode).toBe(204);
      expect(await entryOf(acme.id, reset, 'user.set_password', acme.adminId)).toMatchObject({
        targetId: patId,
        before: null,
        after: null,
      });

      const disabled = await act('PATCH', `/api/v1/users/${patId}`, acme.admin, { status: 'disabled' });
      expect(disabled.res.statusCode).toBe(200);
      expect(await entryOf(acme.id, disabled, 'user.disable', acme.adminId)).toMatchObject({
        targetId: patId,
        before: { status: 'active' },
        after: { status: 'disabled' },
      });
    });

    it('should record apikey.create without the secret and apikey.revoke, and name the key as actor when it acts', async () => {
      const created = await act('POST', '/api/v1/api-keys', acme.admin, { name: 'CRM sync', permissions: ['users.manage', 'audit.read'] });
      expect(created.res.statusCode).toBe(201);
      const { apiKey, secret } = created.res.json() as { apiKey: { id: string }; secret: string };
      secrets.push(secret, secret.slice(secret.lastIndexOf('.') + 1));
      expect(await entryOf(acme.id, created, 'apikey.create', acme.adminId)).toMatchObject({
        targetType: 'api_key',
        targetId: apiKey.id,
        before: null,
        after: { name: 'CRM sync', permissions: ['users.manage', 'audit.read'] },
      });

      const byKey = await act('POST', '/api/v1/users', secret, {
        email: 'bot@acme.test',
        displayName: 'Bot',
        role: 'agent',
        password: PASSWORD,
      });
      expect(byKey.res.statusCode).toBe(201);
      expect(await entryOf(acme.id, byKey, 'user.create', apiKey.id)).toMatchObject({ actor: { kind: 'api_key', name: 'CRM sync' } });

      const revoked = await act('DELETE', `/api/v1/api-keys/${apiKey.id}`, acme.admin);
      expect(revoked.res.statusCode).toBe(204);
      expect(await entryOf(acme.id, revoked, 'apikey.revoke', acme.adminId)).toMatchObject({
        targetId: apiKey.id,
        before: { revoked: false },
        after: { revoked: true },
      });
    });

    it('should record user.change_own_password for the caller when a user changes their own password', async () => {
      const done = await act('POST', '/api/v1/auth/password', acme.admin, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(done.res.statusCode).toBe(200);
      acme.admin = done.res.json().token as string;
      expect(await entryOf(acme.id, done, 'user.change_own_password', acme.adminId)).toMatchObject({
        targetType: 'user',
        targetId: acme.adminId,
        before: null,
        after: null,
      });
    });

    it("should record the operator's own password change in the platform tenant's log when the operator changes it", async () => {
      const done = await act('POST', '/api/v1/auth/password', op, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(done.res.statusCode).toBe(200);
      op = done.res.json().token as string;
      expect(await entryOf(PLATFORM_TENANT_ID, done, 'user.change_own_password', opId)).toMatchObject({ targetId: opId });
      expect((await logOf(acme.id)).some((e) => e.requestId === done.requestId)).toBe(false);
    });

    it('should record tenant.update and tenant.suspend with before and after when the operator changes a tenant', async () => {
      const renamed = await act('PATCH', `/api/v1/operator/tenants/${beta.tenant.id}`, op, { name: 'Beta Ltd' });
      expect(renamed.res.statusCode).toBe(200);
      expect(await entryOf(beta.tenant.id, renamed, 'tenant.update', opId)).toMatchObject({
        targetType: 'tenant',
        targetId: beta.tenant.id,
        before: { name: 'Tenant beta', status: 'active' },
        after: { name: 'Beta Ltd', status: 'active' },
      });
      const suspended = await act('PATCH', `/api/v1/operator/tenants/${beta.tenant.id}`, op, { status: 'suspended' });
      expect(suspended.res.statusCode).toBe(200);
      expect(await entryOf(beta.tenant.id, suspended, 'tenant.suspend', opId)).toMatchObject({
        before: { status: 'active' },
        after: { status: 'suspended' },
      });
      const lifted = await act('PATCH', `/api/v1/operator/tenants/${beta.tenant.id}`, op, { status: 'active' });
      expect(lifted.res.statusCode).toBe(200);
      expect(await entryOf(beta.tenant.id, lifted, 'tenant.update', opId)).toMatchObject({ after: { status: 'active' } });
    });

    it('should hold no password, hash or secret in any entry when every change above is read back', async () => {
      for (const tenantId of [acme.id, beta.tenant.id, PLATFORM_TENANT_ID]) {
        const res = await t.call('GET', `/api/v1/operator/audit?tenantId=${tenantId}&limit=200`, op);
        expect(res.statusCode).toBe(200);
        expect((res.json() as Page).items.length).toBeGreaterThan(0);
        expectNoSecrets(res);
      }
      const own = await t.call('GET', '/api/v1/audit?limit=200', acme.admin);
      expect((own.json() as Page).items).toHaveLength(10);
      expectNoSecrets(own);
    });

    it('should record and echo a generated request id when the given x-request-id is unusable', async () => {
      for (const given of ['has spaces in it', 'x'.repeat(65), 'semi;colon']) {
        const res = await send(t, {
          method: 'PATCH',
          url: `/api/v1/users/${beta.users.agent.id}`,
          token: beta.tokens.tenant_admin,
          payload: { displayName: `Agent ${given.length}` },
          headers: { 'x-request-id': given },
        });
        expect(res.statusCode).toBe(200);
        const echoed = res.headers['x-request-id'] as string;
        expect(echoed).not.toBe(given);
        expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
        const entries = (await logOf(beta.tenant.id)).filter((e) => e.requestId === echoed);
        expect(entries.map((e) => e.action)).toEqual(['user.update']);
      }
    });
  });

  describe('who may read which log', () => {
    it("should show a tenant admin only their own tenant's entries when they read the log", async () => {
      const res = await t.call('GET', '/api/v1/audit?limit=200', acme.admin);
      expect(res.statusCode).toBe(200);
      const items = (res.json() as Page).items;
      expect(items.some((e) => e.targetId === acme.id)).toBe(true);
      for (const foreign of [beta.tenant.id, ...Object.values(beta.users).map((u) => u.id)]) expect(res.body).not.toContain(foreign);
      const theirs = await t.call('GET', '/api/v1/audit?limit=200', beta.tokens.tenant_admin);
      expect(theirs.statusCode).toBe(200);
      expect(theirs.body).toContain(beta.users.agent.id);
      expect(theirs.body).not.toContain(acme.id);
      expect(theirs.body).not.toContain(acme.adminId);
    });

    it('should let the operator read any tenant when it names the tenant', async () => {
      const b = await t.call('GET', `/api/v1/operator/audit?tenantId=${beta.tenant.id}&limit=200`, op);
      expect(b.statusCode).toBe(200);
      expect(b.body).toContain(beta.users.supervisor.id);
      expect(b.body).not.toContain(acme.adminId);
      const a = await t.call('GET', `/api/v1/operator/audit?tenantId=${acme.id}&limit=200`, op);
      expect(a.body).toContain(acme.adminId);
      expect(a.body).not.toContain(beta.users.supervisor.id);
    });

    it('should refuse with 403 when an agent, a supervisor or the operator reads a tenant log, or a tenant admin the operator log', async () => {
      for (const token of [beta.tokens.agent, beta.tokens.supervisor, op])
        expectError(await t.call('GET', '/api/v1/audit', token), 403, 'FORBIDDEN');
      for (const token of [beta.tokens.tenant_admin, beta.tokens.supervisor, beta.tokens.agent]) {
        expectError(await t.call('GET', `/api/v1/operator/audit?tenantId=${beta.tenant.id}`, token), 403, 'FORBIDDEN');
      }
      expectError(await t.call('GET', '/api/v1/audit', null), 401, 'UNAUTHENTICATED');
    });

    it('should let an API key with audit.read read only its own tenant when it reads the log', async () => {
      const made = await t.call('POST', '/api/v1/api-keys', beta.tokens.tenant_admin, { name: 'SIEM export', permissions: ['audit.read'] });
      expect(made.statusCode).toBe(201);
      const res = await t.call('GET', '/api/v1/audit?limit=200', made.json().secret as string);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(beta.users.agent.id);
      expect(res.body).not.toContain(acme.id);
    });
  });

  describe('paging', () => {
    let paged: SeededTenant;
    let all: Entry[];

    beforeAll(async () => {
      paged = await t.seedTenant('paged');
      // Nine updates on top of tenant.create and three user.create: 13 entries.
      for (let i = 0; i < 9; i++) {
        const res = await t.call('PATCH', `/api/v1/users/${paged.users.agent.id}`, paged.tokens.tenant_admin, {
          displayName: `Agent ${i}`,
        });
        expect(res.statusCode).toBe(200);
      }
      all = (await t.call('GET', '/api/v1/audit?limit=200', paged.tokens.tenant_admin)).json().items as Entry[];
    });

    const walk = async (url: (before: string | null) => string, token: string): Promise<{ ids: string[]; pages: number[] }> => {
      const ids: string[] = [];
      const pages: number[] = [];
      let before: string | null = null;
      for (let guard = 0; guard < 50; guard++) {
        const res = await t.call('GET', url(before), token);
        expect(res.statusCode).toBe(200);
        const page = res.json() as Page;
        ids.push(...page.items.map((e) => e.id));
        pages.push(page.items.length);
        if (page.nextBefore === null) return { ids, pages };
        expect(page.nextBefore).toBe(page.items[page.items.length - 1]?.id);
        before = page.nextBefore;
      }
      throw new Error('paging did not end');
    };

    it('should list newest first with no gaps when the whole log fits one page', () => {
      expect(all).toHaveLength(13);
      expect(new Set(all.map((e) => e.id)).size).toBe(13);
      const ids = all.map((e) => e.id);
      expect([...ids].sort().reverse()).toEqual(ids);
      for (let i = 1; i < all.length; i++) expect((all[i] as Entry).at).toBeLessThanOrEqual((all[i - 1] as Entry).at);
    });

    it.each([
      1, 2, 5, 12, 13, 14,
    ])('should return every entry exactly once when paging %i at a time with before/nextBefore', async (limit) => {
      const q = (before: string | null) => `/api/v1/audit?limit=${limit}${before ? `&before=${before}` : ''}`;
      const { ids, pages } = await walk(q, paged.tokens.tenant_admin);
      expect(ids).toEqual(all.map((e) => e.id));
      expect(pages.length).toBe(Math.max(1, Math.ceil(13 / limit)));
      expect(pages.slice(0, -1).every((size) => size === limit)).toBe(true);
    });

    it('should return every matching entry exactly once when paging a filtered log and through the operator route', async () => {
      const updates = all.filter((e) => e.action === 'user.update').map((e) => e.id);
      expect(updates).toHaveLength(9);
      const filtered = await walk(
        (before) => `/api/v1/audit?limit=2&action=user.update${before ? `&before=${before}` : ''}`,
        paged.tokens.tenant_admin,
      );
      expect(filtered.ids).toEqual(updates);
      const viaOperator = await walk(
        (before) => `/api/v1/operator/audit?tenantId=${paged.tenant.id}&limit=4${before ? `&before=${before}` : ''}`,
        op,
      );
      expect(viaOperator.ids).toEqual(all.map((e) => e.id));
    });
  });
});
