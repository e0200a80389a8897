/**
 * The demo tenant: created once so a new user can log in straight away. Passwords are random and
 * shown only when created; `kefu user set-password` resets one.
 */
import { randomBytes } from 'node:crypto';
import type { TenantContext } from '../kernel/index.js';
import { DEFAULT_SERVICE_LEVELS } from '../routing/core/index.js';
import type { KefuServices } from './app.js';
import { DEMO_SLUG } from './demo-slug.js';
import { systemContext } from './system-context.js';

export interface DemoLogin {
  readonly organization: string;
  readonly role: string;
  readonly email: string;
  readonly password: string;
}

export { DEMO_SLUG } from './demo-slug.js';

export interface DemoOptions {
  /** kefu's own origin (http://host:port), allowed to embed the demo widget. */
  readonly origin?: string;
}

const password = (): string => `kefu-${randomBytes(9).toString('base64url')}`;

const DEMO_STAFF = [
  { role: 'supervisor', email: 'supervisor@demo.kefu.local', displayName: 'Wang Fang 王芳' },
  { role: 'agent', email: 'agent1@demo.kefu.local', displayName: 'Li Wei 李伟' },
  { role: 'agent', email: 'agent2@demo.kefu.local', displayName: 'Zhang Min 张敏' },
  { role: 'agent', email: 'agent3@demo.kefu.local', displayName: 'Chen Jing 陈静' },
] as const;

const CANNED = [
  {
    shortcut: 'hello',
    title: 'Greeting 问候',
    body: '您好 {{customer.name}}，我是{{agent.name}}，很高兴为您服务。Hello {{customer.name}}, this is {{agent.name}}. How can I help?',
  },
  {
    shortcut: 'wait',
    title: 'Please wait 请稍候',
    body: '请稍候，我正在为您查询。One moment please, I am looking into it.',
  },
  {
    shortcut: 'bye',
    title: 'Goodbye 结束语',
    body: '感谢您的咨询，祝您愉快！会话编号 {{contact.id}}。Thank you for contacting us! Your reference is {{contact.id}}.',
  },
] as const;

/** Skills, two queues, routing profiles for the staff, a widget with topics, and canned responses. */
const seedContactCenter = async (services: KefuServices, ctx: TenantContext, origin: string | undefined): Promise<void> => {
  const admin = services.contactCenter.routingAdmin;
  const sales = await admin.createSkill(ctx, 'Sales 销售', 'Product and pricing questions');
  const support = await admin.createSkill(ctx, 'Support 技术支持', 'After-sales help');
  const queue = (name: string, skill: string) =>
    admin.createQueue(ctx, name, { requiredSkills: [{ skill, minProficiency: 1 }], serviceLevels: DEFAULT_SERVICE_LEVELS });
  const salesQueue = await queue('Sales 售前', sales.id);
  const supportQueue = await queue('Support 售后', support.id);
  const staff = (await services.users.list(ctx)).filter((u) => u.role === 'agent' || u.role === 'supervisor');
  for (const [i, u] of staff.entries()) {
    const skills = { [sales.id]: i % 2 === 0 ? 4 : 2, [support.id]: i % 2 === 0 ? 2 : 4 };
    // Two minutes of wrap-up, then the chat closes and the line is free (the workspace counts down).
    await admin.putAgent(ctx, u.id, { skills, capacity: { chat: 3 }, wrapUpSeconds: 120 });
  }
  await services.chat.widgets.create(ctx, {
    name: 'Demo website 演示网站',
    allowedOrigins: origin ? [origin] : [],
    prechat: {
      fields: { name: 'required', email: 'optional', phone: 'optional' },
      topics: [
        { id: 'sales', label: { 'zh-CN': '购买咨询', en: 'Buying' }, queueId: salesQueue.id, product: null },
        { id: 'support', label: { 'zh-CN': '售后服务', en: 'After-sales support' }, queueId: supportQueue.id, product: null },
      ],
    },
  });
  for (const c of CANNED) await services.chat.canned.create(ctx, c);
};

/** Creates the demo tenant and an operator admin if absent; returns the log-ins created now (empty if none). */
export const ensureDemo = async (services: KefuServices, opts: DemoOptions = {}): Promise<DemoLogin[]> => {
  const created: DemoLogin[] = [];
  const sys = systemContext('demo');
  const operatorEmail = 'operator@kefu.local';
  const platformUsers = await services.users.list(sys);
  if (platformUsers.length === 0) {
    const pw = password();
    await services.users.createOperatorAdmin(sys, { email: operatorEmail, displayName: 'Platform Operator', password: pw });
    created.push({ organization: '', role: 'operator_admin', email: operatorEmail, password: pw });
  }
  const existing = await services.tenants.bySlug(DEMO_SLUG);
  if (existing) {
    // A demo made before web chat existed gets its contact center now.
    const ctx = systemContext('demo', existing.id);
    if ((await services.chat.widgets.list(ctx)).length === 0) await seedContactCenter(services, ctx, opts.origin);
    return created;
  }
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
  await seedContactCenter(services, inTenant, opts.origin);
  return created;
};
