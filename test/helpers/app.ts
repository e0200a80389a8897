/** An in-process kefu for tests: a fresh store, the real services and server, `inject()` for HTTP. */
import type { LightMyRequestResponse } from 'fastify';
import { createKefu, type Kefu, type KefuOptions, systemContext } from '../../src/app/index.js';
import type { TenantView, UserView } from '../../src/tenancy/index.js';
import type { StorageTarget } from './storage.js';

export interface TestKefu {
  readonly kefu: Kefu;
  close(): Promise<void>;
  /** Logs in and returns the bearer token. */
  login(organization: string, email: string, password: string): Promise<string>;
  call(method: string, url: string, token: string | null, body?: unknown): Promise<LightMyRequestResponse>;
  /** Creates a tenant with an admin and one user per other role; returns their tokens and ids. */
  seedTenant(slug: string): Promise<SeededTenant>;
  operatorToken(): Promise<string>;
}

export interface SeededTenant {
  readonly tenant: TenantView;
  readonly users: Record<'tenant_admin' | 'supervisor' | 'agent', UserView>;
  readonly tokens: Record<'tenant_admin' | 'supervisor' | 'agent', string>;
}

export const PASSWORD = 'correct-horse-battery';

export const startTestKefu = async (
  target: StorageTarget,
  overrides: Record<string, unknown> = {},
  opts: KefuOptions = {},
): Promise<TestKefu> => {
  const store = await target.fresh(overrides);
  const kefu = await createKefu(store.config, { rateLimitPerMinute: 100_000, ...opts });
  const call = (method: string, url: string, token: string | null, body?: unknown) =>
    kefu.server.inject({
      method: method as 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });
  const login = async (organization: string, email: string, password: string): Promise<string> => {
    const res = await call('POST', '/api/v1/auth/login', null, { organization, email, password });
    if (res.statusCode !== 200) throw new Error(`login failed ${res.statusCode} ${res.body}`);
    return (res.json() as { token: string }).token;
  };
  let opToken: string | null = null;
  return {
    kefu,
    call,
    login,
    close: async () => {
      await kefu.close();
      await store.drop();
    },
    async operatorToken() {
      if (opToken) return opToken;
      const sys = systemContext('test');
      const existing = await kefu.services.users.list(sys);
      if (!existing.some((u) => u.email === 'op@kefu.test')) {
        await kefu.services.users.createOperatorAdmin(sys, { email: 'op@kefu.test', displayName: 'Op', password: PASSWORD });
      }
      opToken = await login('', 'op@kefu.test', PASSWORD);
      return opToken;
    },
    async seedTenant(slug) {
      const sys = systemContext('test');
      const { tenant, admin } = await kefu.services.tenants.create(sys, {
        slug,
        name: `Tenant ${slug}`,
        admin: { email: `admin@${slug}.test`, displayName: `Admin ${slug}`, password: PASSWORD },
      });
      const inTenant = systemContext('test', tenant.id);
      const supervisor = await kefu.services.users.create(inTenant, {
        email: `sup@${slug}.test`,
        displayName: 'Sup',
        role: 'supervisor',
        password: PASSWORD,
      });
      const agent = await kefu.services.users.create(inTenant, {
        email: `agent@${slug}.test`,
        displayName: 'Agent',
        role: 'agent',
        password: PASSWORD,
      });
      const tokens = {
        tenant_admin: await login(slug, admin.email, PASSWORD),
        supervisor: await login(slug, supervisor.email, PASSWORD),
        agent: await login(slug, agent.email, PASSWORD),
      };
      return { tenant, users: { tenant_admin: admin, supervisor, agent }, tokens };
    },
  };
};
