import { describe, expect, it } from 'vitest';
import { type Actor, type Permission, permissionsOf } from '../../kernel/index.js';
import { assertKeyPermissions, assertNoSelfLockout, assertRoleAssignable } from './access-rules.js';

const actor = (kind: Actor['kind'], permissions: Permission[] = []): Actor => ({
  kind,
  id: 'x',
  name: 'x',
  role: null,
  permissions: new Set(permissions),
});

describe('access rules', () => {
  it('should refuse operator_admin or an unknown role inside a tenant', () => {
    expect(() => assertRoleAssignable(actor('user'), 'operator_admin')).toThrow(/cannot be held/);
    expect(() => assertRoleAssignable(actor('user'), 'god')).toThrow(/cannot be held/);
    expect(assertRoleAssignable(actor('user'), 'agent')).toBe('agent');
  });

  it('should refuse an API key minting a tenant admin', () => {
    expect(() => assertRoleAssignable(actor('api_key'), 'tenant_admin')).toThrow(/API key/);
    expect(assertRoleAssignable(actor('api_key'), 'supervisor')).toBe('supervisor');
  });

  it('should refuse key permissions the creator lacks or keys may not hold', () => {
    const held = permissionsOf('supervisor');
    expect(() => assertKeyPermissions(['users.manage'], held)).toThrow(/do not hold/);
    expect(() => assertKeyPermissions(['apikeys.manage'], permissionsOf('tenant_admin'))).toThrow(/cannot hold/);
    expect(assertKeyPermissions(['users.read', 'users.read'], held)).toEqual(['users.read']);
  });

  it('should refuse self-disable and self-demotion but allow changing others', () => {
    expect(() => assertNoSelfLockout({ actorUserId: 'u', targetUserId: 'u', newStatus: 'disabled' })).toThrow();
    expect(() => assertNoSelfLockout({ actorUserId: 'u', targetUserId: 'u', newRole: 'agent' })).toThrow();
    expect(() => assertNoSelfLockout({ actorUserId: 'u', targetUserId: 'v', newStatus: 'disabled' })).not.toThrow();
  });
});
