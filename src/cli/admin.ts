/** Administrative CLI commands: they run the same services as the API, as the system actor. */
import { randomBytes } from 'node:crypto';
import { buildServices, ensureDemo, type KefuServices, openMigratedDatabase, systemContext } from '../app/index.js';
import { AppError, type TenantContext } from '../kernel/index.js';
import type { KefuConfig } from '../platform/config/index.js';
import { makeLogger } from '../platform/logging/index.js';
import { createApiKeyBody, createTenantBody, createUserBody } from '../tenancy/index.js';
import { type Out, table } from './output.js';
import { formatLogins } from './serve.js';
import { checkInput } from './validate.js';

export const withServices = async <T>(config: KefuConfig, fn: (s: KefuServices) => Promise<T>): Promise<T> => {
  const db = await openMigratedDatabase(config);
  try {
    const services = buildServices(config, db, makeLogger('warn', process.stderr), {}, () => undefined);
    await services.tenants.ensurePlatformTenant();
    return await fn(services);
  } finally {
    await db.close();
  }
};

const tenantCtx = async (s: KefuServices, slug: string): Promise<TenantContext> => {
  const t = await s.tenants.bySlug(slug.trim().toLowerCase());
  if (!t) throw new AppError('NOT_FOUND', `No organisation with slug "${slug}"; see "kefu tenant list".`);
  return systemContext('cli', t.id);
};

/** The scope of a user command: a tenant, or the platform operators; never a guess. */
const scopeCtx = async (s: KefuServices, o: { tenant?: string; operator?: boolean }): Promise<TenantContext> => {
  if (o.operator) return systemContext('cli');
  if (!o.tenant) throw new AppError('VALIDATION_FAILED', 'Give --tenant <slug>, or --operator for platform operator admins.');
  return tenantCtx(s, o.tenant);
};

const userByEmail = async (s: KefuServices, ctx: TenantContext, email: string) => {
  const u = (await s.users.list(ctx)).find((x) => x.email === email.trim().toLowerCase());
  if (!u) throw new AppError('NOT_FOUND', `No user with email "${email}" in this organisation.`);
  return u;
};

const generated = (): string => `kefu-${randomBytes(12).toString('base64url')}`;

export const demo = (config: KefuConfig, out: Out) =>
  withServices(config, async (s) => {
    const logins = await ensureDemo(s);
    out.print(logins.length ? `Demo log-ins (shown once):\n${formatLogins(logins)}` : 'The demo tenant already exists.', {
      created: logins,
    });
  });

export const tenantCreate = (
  config: KefuConfig,
  out: Out,
  o: { slug: string; name: string; adminEmail: string; adminName: string; adminPassword?: string },
) =>
  withServices(config, async (s) => {
    const password = o.adminPassword ?? generated();
    const input = { slug: o.slug, name: o.name, admin: { email: o.adminEmail, displayName: o.adminName, password } };
    checkInput(createTenantBody, input, {
      '/slug': '--slug',
      '/name': '--name',
      '/admin/email': '--admin-email',
      '/admin/displayName': '--admin-name',
      '/admin/password': '--admin-password',
    });
    const r = await s.tenants.create(systemContext('cli'), input);
    const shown = o.adminPassword ? '(as given)' : password;
    out.print(`created organisation ${r.tenant.slug} (${r.tenant.id}); admin ${r.admin.email} password: ${shown}`, {
      ...r,
      adminPassword: o.adminPassword ? undefined : password,
    });
  });

export const tenantList = (config: KefuConfig, out: Out) =>
  withServices(config, async (s) => {
    const items = await s.tenants.list(systemContext('cli'));
    out.print(table(items as unknown as Record<string, unknown>[], ['id', 'slug', 'name', 'status']), { items });
  });

export const userCreate = (
  config: KefuConfig,
  out: Out,
  o: { tenant?: string; operator?: boolean; email: string; name: string; role?: string; password?: string },
) =>
  withServices(config, async (s) => {
    const password = o.password ?? generated();
    const input = { email: o.email, displayName: o.name, password };
    const flags = { '/email': '--email', '/displayName': '--name', '/role': '--role', '/password': '--password' };
    let user: Awaited<ReturnType<KefuServices['users']['create']>>;
    if (o.operator) {
      // Operator admins hold no tenant role: a valid one fills the contract's slot so only the rest is checked.
      checkInput(createUserBody, { ...input, role: 'tenant_admin' }, flags);
      user = await s.users.createOperatorAdmin(systemContext('cli'), input);
    } else {
      if (!o.tenant) throw new AppError('VALIDATION_FAILED', 'Give --tenant <slug>, or --operator for a platform operator admin.');
      if (!o.role) throw new AppError('VALIDATION_FAILED', 'Give --role tenant_admin|supervisor|agent.');
      checkInput(createUserBody, { ...input, role: o.role }, flags);
      user = await s.users.create(await tenantCtx(s, o.tenant), { ...input, role: o.role });
    }
    out.print(`created user ${user.email} (${user.id}) role ${user.role}; password: ${o.password ? '(as given)' : password}`, {
      user,
      password: o.password ? undefined : password,
    });
  });

export const userList = (config: KefuConfig, out: Out, o: { tenant?: string; operator?: boolean }) =>
  withServices(config, async (s) => {
    const ctx = await scopeCtx(s, o);
    const items = await s.users.list(ctx);
    out.print(table(items as unknown as Record<string, unknown>[], ['id', 'email', 'displayName', 'role', 'status']), { items });
  });

export const userSetPassword = (
  config: KefuConfig,
  out: Out,
  o: { tenant?: string; operator?: boolean; email: string; password?: string },
) =>
  withServices(config, async (s) => {
    const ctx = await scopeCtx(s, o);
    const user = await userByEmail(s, ctx, o.email);
    const password = o.password ?? generated();
    await s.users.setPassword(ctx, user.id, password);
    out.print(`password of ${user.email} set${o.password ? '' : `: ${password}`}; their sessions were ended`, {
      userId: user.id,
      password: o.password ? undefined : password,
    });
  });

export const userDisable = (config: KefuConfig, out: Out, o: { tenant: string; email: string }) =>
  withServices(config, async (s) => {
    const ctx = await tenantCtx(s, o.tenant);
    const user = await userByEmail(s, ctx, o.email);
    const updated = await s.users.update(ctx, user.id, { status: 'disabled' });
    out.print(`disabled ${updated.email}; their sessions were ended`, { user: updated });
  });

export const apiKeyCreate = (config: KefuConfig, out: Out, o: { tenant: string; name: string; permissions: string }) =>
  withServices(config, async (s) => {
    const perms = o.permissions
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    checkInput(createApiKeyBody, { name: o.name, permissions: perms }, { '/name': '--name', '/permissions': '--permissions' });
    const r = await s.apiKeys.create(await tenantCtx(s, o.tenant), o.name, perms);
    out.print(`created API key ${r.apiKey.id}; the key is shown once:\n${r.secret}`, r);
  });

export const apiKeyList = (config: KefuConfig, out: Out, o: { tenant: string }) =>
  withServices(config, async (s) => {
    const items = await s.apiKeys.list(await tenantCtx(s, o.tenant));
    out.print(table(items as unknown as Record<string, unknown>[], ['id', 'name', 'permissions', 'revokedAt']), { items });
  });

export const apiKeyRevoke = (config: KefuConfig, out: Out, o: { tenant: string; id: string }) =>
  withServices(config, async (s) => {
    await s.apiKeys.revoke(await tenantCtx(s, o.tenant), o.id);
    out.print(`revoked API key ${o.id}`, { revoked: o.id });
  });
