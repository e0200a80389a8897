/**
 * The demo tenant: created once so a new user can log in straight away. Passwords are random and
 * shown only when created; `kefu user set-password` resets one.
 */
import { randomBytes } from 'node:crypto';
import type { KefuServices } from './app.js';
import { systemContext } from './system-context.js';

export interface DemoLogin {
  readonly organization: string;
  readonly role: string;
  readonly email: string;
  readonly password: string;
}

export const DEMO_SLUG = 'demo';

const password = (): string => `kefu-${randomBytes(9).toString('base64url')}`;

const DEMO_STAFF = [
  { role: 'supervisor', email: 'supervisor@demo.kefu.local', displayName: 'Wang Fang 王芳' },
  { role: 'agent', email: 'agent1@demo.kefu.local', displayName: 'Li Wei 李伟' },
  { role: 'agent', email: 'agent2@demo.kefu.local', displayName: 'Zhang Min 张敏' },
  { role: 'agent', email: 'agent3@demo.kefu.local', displayName: 'Chen Jing 陈静' },
] as const;

/** Creates the demo tenant and an operator admin if absent; returns the log-ins created now (empty if none). */
export const ensureDemo = async (services: KefuServices): Promise<DemoLogin[]> => {
  const created: DemoLogin[] = [];
  const sys = systemContext('demo');
  const operatorEmail = 'operator@kefu.local';
  const platformUsers = await services.users.list(sys);
  if (platformUsers.length === 0) {
    const pw = password();
    await services.users.createOperatorAdmin(sys, { email: operatorEmail, displayName: 'Platform Operator', password: pw });
    created.push({ organization: '', role: 'operator_admin', email: operatorEmail, password: pw });
  }
  if (await services.tenants.bySlug(DEMO_SLUG)) return created;
  const adminPw = password();
  const { tenant } = await services.tenants.create(sys, {
    slug: DEMO_SLUG,
    name: 'Demo Company 演示公司',
    admin: { email: 'admin@demo.kefu.local', displayName: 'Demo Admin 管理员', password: adminPw },
  });
  created.push({ organization: DEMO_SLUG, role: 'tenant_admin', email: 'admin@demo.kefu.local', password: adminPw });
  const inTenant = systemContext('demo', tenant.id);
  for (const s of DEMO_STAFF) {
    const pw = password();
    await services.users.create(inTenant, { email: s.email, displayName: s.displayName, role: s.role, password: pw });
    created.push({ organization: DEMO_SLUG, role: s.role, email: s.email, password: pw });
  }
  return created;
};
