/**
 * Mass assignment and privilege escalation: fields a client must never set are refused by name
 * (400 VALIDATION_FAILED, details[].field), and the rules a schema cannot express (who may grant
 * which role, self lock-out, what a key may hold or touch) hold over HTTP. Nothing changes on refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/app/index.js';
import { API_KEY_PERMISSIONS, type Permission, type TenantContext } from '../../src/kernel/index.js';
import { PASSWORD, type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { expectError, expectInvalidField, snapshotAll } from './support.js';

const GOOD_PASSWORD = 'a-perfectly-fine-passphrase';

const newUser = (email: string) => ({ email, displayName: 'New person', role: 'agent', password: GOOD_PASSWORD });
const newTenant = () => ({
  slug: 'delta',
  name: 'Delta',
  admin: { email: 'admin@delta.test', displayName: 'Delta admin', password: GOOD_PASSWORD },
});

/** Fields no client may set, with values an attacker would pick. */
const SMUGGLED: Record<string, (other: SeededTenant) => unknown> = {
  tenant_id: (o) => o.tenant.id,
  tenantId: (o) => o.tenant.id,
  id: () => 'usr_0000000000000000000a',
  status: () => 'active',
  password_hash: () => '$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB',
  passwordHash: () => '$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB',
  createdAt: () => 1,
  created_at: () => 1,
  updatedAt: () => 1,
  permissions: () => ['operator.tenants.manage'],
  isOperator: () => true,
  ownerId: () => 'usr_0000000000000000000b',
};

describeStorage('mass assignment and escalation', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  let other: SeededTenant;
  let op: string;
  let key: string;
  const ids = () => [acme.tenant.id, other.tenant.id];
  /** Runs `fn` and asserts that no tenant's data (nor the tenant list) changed. */
  const unchanged = async (fn: () => Promise<void>): Promise<void> => {
    const before = await snapshotAll(t.kefu, ids());
    await fn();
    expect(await snapshotAll(t.kefu, ids())).toEqual(before);
  };
  const admin = () => acme.tokens.tenant_admin;

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
    other = await t.seedTenant('other');
    op = await t.operatorToken();
    const res = await t.call('POST', '/api/v1/api-keys', admin(), { name: 'Provisioning', permissions: [...API_KEY_PERMISSIONS] });
    expect(res.statusCode).toBe(201);
    key = res.json().secret as string;
  });
  afterAll(async () => t?.close());

  describe('smuggled fields', () => {
    // `status` is a real field of a user patch and `permissions` of a key, so those pairs are left out there.
    const cases = (except: readonly string[]) => Object.keys(SMUGGLED).filter((f) => !except.includes(f));

    it.each(cases(['status']))('should refuse %s with 400 naming it when creating a user', async (field) => {
      await unchanged(async () => {
        const body = { ...newUser('smuggler@acme.test'), [field]: SMUGGLED[field]?.(other) };
        expectInvalidField(await t.call('POST', '/api/v1/users', admin(), body), `body.${field}`);
      });
    });

    it.each(cases(['status']))('should refuse %s with 400 naming it when patching a user', async (field) => {
      await unchanged(async () => {
        const body = { displayName: 'Renamed', [field]: SMUGGLED[field]?.(other) };
        expectInvalidField(await t.call('PATCH', `/api/v1/users/${acme.users.agent.id}`, admin(), body), `body.${field}`);
      });
    });

    it.each(cases(['permissions']))('should refuse %s with 400 naming it when creating an API key', async (field) => {
      await unchanged(async () => {
        const body = { name: 'Smuggled', permissions: ['users.read'], [field]: SMUGGLED[field]?.(other) };
        expectInvalidField(await t.call('POST', '/api/v1/api-keys', admin(), body), `body.${field}`);
      });
    });

    it.each(cases([]))('should refuse %s with 400 naming it when the operator creates a tenant', async (field) => {
      await unchanged(async () => {
        const body = { ...newTenant(), [field]: SMUGGLED[field]?.(other) };
        expectInvalidField(await t.call('POST', '/api/v1/operator/tenants', op, body), `body.${field}`);
      });
    });

    it.each([
      'role',
      'tenant_id',
      'tenantId',
      'id',
      'status',
      'password_hash',
      'permissions',
    ])('should refuse admin.%s with 400 naming the nested field when the operator creates a tenant', async (field) => {
      await unchanged(async () => {
        const value = field === 'role' ? 'operator_admin' : (SMUGGLED[field]?.(other) ?? 'x');
        const body = { ...newTenant(), admin: { ...newTenant().admin, [field]: value } };
        expectInvalidField(await t.call('POST', '/api/v1/operator/tenants', op, body), `body.admin.${field}`);
      });
    });

    it.each([
      'slug',
      'id',
      'tenant_id',
      'createdAt',
    ])('should refuse %s with 400 naming it when the operator patches a tenant', async (field) => {
      await unchanged(async () => {
        const res = await t.call('PATCH', `/api/v1/operator/tenants/${other.tenant.id}`, op, { name: 'Renamed', [field]: 'platform' });
        expectInvalidField(res, `body.${field}`);
      });
    });

    it('should refuse role operator_admin with 400 naming role when creating or patching a user', async () => {
      await unchanged(async () => {
        expectInvalidField(
          await t.call('POST', '/api/v1/users', admin(), { ...newUser('op@acme.test'), role: 'operator_admin' }),
          'body.role',
        );
        expectInvalidField(await t.call('PATCH', `/api/v1/users/${acme.users.agent.id}`, admin(), { role: 'operator_admin' }), 'body.role');
        expectInvalidField(await t.call('PATCH', `/api/v1/users/${acme.users.agent.id}`, key, { role: 'operator_admin' }), 'body.role');
      });
    });

    it('should refuse a user status outside the enum with 400 naming status when patching a user', async () => {
      await unchanged(async () => {
        const res = await t.call('PATCH', `/api/v1/users/${acme.users.agent.id}`, admin(), { status: 'superuser' });
        expectInvalidField(res, 'body.status');
      });
    });

    it.each([
      'operator.tenants.manage',
      'operator.audit.read',
      'apikeys.manage',
      'apikeys.read',
      'profile.self',
      'everything',
    ])('should refuse permission %s with 400 naming permissions when creating an API key', async (permission) => {
      await unchanged(async () => {
        const res = await t.call('POST', '/api/v1/api-keys', admin(), { name: 'Greedy', permissions: ['users.read', permission] });
        expectInvalidField(res, 'body.permissions.1');
      });
    });

    it('should refuse extra fields with 400 naming them when logging in or changing a password', async () => {
      await unchanged(async () => {
        const login = await t.call('POST', '/api/v1/auth/login', null, {
          organization: 'acme',
          email: acme.users.agent.email,
          password: PASSWORD,
          tenantId: other.tenant.id,
        });
        expectInvalidField(login, 'body.tenantId');
        const change = await t.call('POST', '/api/v1/auth/password', acme.tokens.agent, {
          currentPassword: PASSWORD,
          newPassword: GOOD_PASSWORD,
          userId: acme.users.tenant_admin.id,
        });
        expectInvalidField(change, 'body.userId');
      });
    });
  });

  describe('roles a caller may not grant or change', () => {
    it.each(['agent', 'supervisor'] as const)('should refuse with 403 when a %s patches their own role', async (role) => {
      await unchanged(async () => {
        const self = acme.users[role].id;
        expectError(await t.call('PATCH', `/api/v1/users/${self}`, acme.tokens[role], { role: 'tenant_admin' }), 403, 'FORBIDDEN');
        expectError(await t.call('PATCH', `/api/v1/users/${self}`, acme.tokens[role], { status: 'active' }), 403, 'FORBIDDEN');
        expectError(
          await t.call('PUT', `/api/v1/users/${self}/password`, acme.tokens[role], { password: GOOD_PASSWORD }),
          403,
          'FORBIDDEN',
        );
      });
      expect((await t.call('GET', '/api/v1/auth/me', acme.tokens[role])).json()).toMatchObject({ role });
    });

    it('should refuse with 403 ROLE_NOT_ASSIGNABLE when an API key with users.manage creates or promotes a tenant_admin', async () => {
      await unchanged(async () => {
        const created = await t.call('POST', '/api/v1/users', key, { ...newUser('boss@acme.test'), role: 'tenant_admin' });
        expectError(created, 403, 'ROLE_NOT_ASSIGNABLE');
        const promoted = await t.call('PATCH', `/api/v1/users/${acme.users.agent.id}`, key, { role: 'tenant_admin' });
        expectError(promoted, 403, 'ROLE_NOT_ASSIGNABLE');
      });
    });

    it("should refuse with 403 when an API key sets a tenant_admin's password, demotes or disables them", async () => {
      // Resetting the admin's password would let the key's holder log in as the admin.
      await unchanged(async () => {
        const adminId = acme.users.tenant_admin.id;
        expectError(await t.call('PUT', `/api/v1/users/${adminId}/password`, key, { password: GOOD_PASSWORD }), 403, 'FORBIDDEN');
        expectError(await t.call('PATCH', `/api/v1/users/${adminId}`, key, { role: 'agent' }), 403, 'FORBIDDEN');
        expectError(await t.call('PATCH', `/api/v1/users/${adminId}`, key, { status: 'disabled' }), 403, 'FORBIDDEN');
      });
      expect((await t.call('GET', '/api/v1/auth/me', admin())).statusCode).toBe(200);
      await expect(t.login('acme', acme.users.tenant_admin.email, GOOD_PASSWORD)).rejects.toThrow(/401/);
    });

    it('should let an API key with users.manage manage an agent when the role stays below tenant_admin', async () => {
      // The positive control of the refusals above: the key is not simply powerless.
      const created = await t.call('POST', '/api/v1/users', key, newUser('temp@acme.test'));
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      const patched = await t.call('PATCH', `/api/v1/users/${id}`, key, { role: 'supervisor', displayName: 'Temp' });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ role: 'supervisor', displayName: 'Temp' });
      expect((await t.call('PUT', `/api/v1/users/${id}/password`, key, { password: GOOD_PASSWORD })).statusCode).toBe(204);
      expect((await t.call('PATCH', `/api/v1/users/${id}`, key, { status: 'disabled' })).statusCode).toBe(200);
    });

    it('should refuse with 422 SELF_LOCKOUT when an admin disables or demotes themself', async () => {
      const self = acme.users.tenant_admin.id;
      await unchanged(async () => {
        for (const body of [{ status: 'disabled' }, { role: 'agent' }, { role: 'supervisor' }, { role: 'agent', status: 'disabled' }]) {
          expectError(await t.call('PATCH', `/api/v1/users/${self}`, admin(), body), 422, 'SELF_LOCKOUT');
        }
      });
      expect((await t.call('GET', '/api/v1/auth/me', admin())).json()).toMatchObject({ role: 'tenant_admin' });
    });
  });

  describe('API key permissions', () => {
    it('should refuse with 400 when a key is created with no, duplicate or non-array permissions', async () => {
      await unchanged(async () => {
        expectInvalidField(await t.call('POST', '/api/v1/api-keys', admin(), { name: 'Empty', permissions: [] }), 'body.permissions');
        expectInvalidField(
          await t.call('POST', '/api/v1/api-keys', admin(), { name: 'Twice', permissions: ['users.read', 'users.read'] }),
          'body.permissions',
        );
        expectInvalidField(
          await t.call('POST', '/api/v1/api-keys', admin(), { name: 'Flat', permissions: 'users.read' }),
          'body.permissions',
        );
      });
    });

    it('should refuse with 403 when anyone but a tenant admin creates a key', async () => {
      await unchanged(async () => {
        for (const token of [acme.tokens.supervisor, acme.tokens.agent, key, op]) {
          expectError(await t.call('POST', '/api/v1/api-keys', token, { name: 'Mine', permissions: ['tenant.read'] }), 403, 'FORBIDDEN');
        }
      });
    });

    it('should refuse with PERMISSION_NOT_GRANTABLE when the creator lacks a permission or it is not an API-key permission', async () => {
      // No HTTP principal today holds apikeys.manage without every key permission, so the service
      // rule is driven with a context that does: the edge must not be the only line of defence.
      const narrow: TenantContext = {
        ...systemContext('test', acme.tenant.id),
        actor: {
          kind: 'user',
          id: acme.users.tenant_admin.id,
          name: 'Narrow',
          role: null,
          permissions: new Set<Permission>(['apikeys.manage', 'tenant.read']),
        },
      };
      await unchanged(async () => {
        await expect(t.kefu.services.apiKeys.create(narrow, 'Lacking', ['users.manage'])).rejects.toMatchObject({
          code: 'PERMISSION_NOT_GRANTABLE',
        });
        await expect(t.kefu.services.apiKeys.create(narrow, 'Not for keys', ['apikeys.manage'])).rejects.toMatchObject({
          code: 'PERMISSION_NOT_GRANTABLE',
        });
        const full = systemContext('test', acme.tenant.id);
        await expect(t.kefu.services.apiKeys.create(full, 'Operator power', ['operator.tenants.manage'])).rejects.toMatchObject({
          code: 'PERMISSION_NOT_GRANTABLE',
        });
      });
      const granted = await t.kefu.services.apiKeys.create(narrow, 'Allowed', ['tenant.read']);
      expect(granted.apiKey.permissions).toEqual(['tenant.read']);
    });

    it('should refuse with 403 when a key created by an admin is used for what it was not granted', async () => {
      const res = await t.call('POST', '/api/v1/api-keys', admin(), { name: 'Read only', permissions: ['users.read'] });
      expect(res.statusCode).toBe(201);
      const readOnly = res.json().secret as string;
      expect((await t.call('GET', '/api/v1/users', readOnly)).statusCode).toBe(200);
      await unchanged(async () => {
        expectError(await t.call('POST', '/api/v1/users', readOnly, newUser('nope@acme.test')), 403, 'FORBIDDEN');
        expectError(await t.call('GET', '/api/v1/audit', readOnly), 403, 'FORBIDDEN');
        expectError(await t.call('GET', '/api/v1/api-keys', readOnly), 403, 'FORBIDDEN');
      });
    });
  });
});
