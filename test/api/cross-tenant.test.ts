/**
 * The cross-tenant matrix: every route the server has, called by every principal of tenant A
 * (each role and an API key) with tenant B's ids. Nothing of B may be read or changed, nothing of A
 * may change by accident, and operators and tenants stay on their own side. The route table below
 * must name every route: a new route fails the coverage test until it is added here.
 */
import { existsSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/app/index.js';
import { API_KEY_PERMISSIONS, type Permission, ROLE_PERMISSIONS } from '../../src/kernel/index.js';
import { PASSWORD, type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { expectError, send, serverRoutes, snapshotAll, snapshotTenant } from './support.js';

type Principal = 'tenant_admin' | 'supervisor' | 'agent' | 'api_key';
const PRINCIPALS: readonly Principal[] = ['tenant_admin', 'supervisor', 'agent', 'api_key'];

interface World {
  readonly a: SeededTenant;
  readonly b: SeededTenant;
  readonly keyA: { id: string; secret: string };
  readonly keyB: { id: string; secret: string };
  readonly custA: { id: string };
  /** B's customers; custB holds an email and a phone, custB2 is the merge partner. */
  readonly custB: { id: string; email: string; phone: string };
  readonly custB2: { id: string };
  /** A's routing: a contact assigned to A's agent (who is offline now) and one with the bot. */
  readonly routeA: Routing & { readonly assigned: string; readonly bot: string };
  /** B's routing: one contact in each state an action could apply to. */
  readonly routeB: Routing & { readonly bot: string; readonly queued: string; readonly offered: string; readonly assigned: string };
}

interface Routing {
  readonly skill: string;
  readonly queue: string;
  readonly webhook: string;
  /** Web chat: a widget and a canned response. */
  readonly widget: string;
  readonly canned: string;
}

const DISPOSITION = { contactClass: 'complaint', reason: 'taken_over', resolved: false } as const;
const B_SKILL = 'Skill of beta';
const B_QUEUE = 'Queue of beta';
const B_HOOK = 'https://hooks.beta.example/kefu';

// Each tenant has its own tier list; the names mark whose list a response shows.
const TIERS_A = [
  { id: 'gold', name: 'Gold of alpha' },
  { id: 'high', name: 'High' },
  { id: 'middle', name: 'Middle' },
  { id: 'low', name: 'Low' },
];
const TIERS_B = [
  { id: 'platinum', name: 'Platinum of beta' },
  { id: 'low', name: 'Low' },
];

type Build<T> = (w: World) => T;

/** How each route is probed. `perm` is the permission the route declares ('authenticated': any principal). */
type RouteCase =
  /** Anyone may call it; it holds no tenant data. */
  | { kind: 'public'; url?: Build<string>; body?: Build<unknown>; status?: number; optional?: boolean }
  /** Acts on the caller only; `permitted` is the status when the caller holds `perm`. */
  | { kind: 'self'; perm: Permission | 'authenticated'; body?: Build<unknown>; permitted: number }
  /** The caller tenant's collection. */
  | { kind: 'list'; perm: Permission; url?: Build<string> }
  /** Creates in the caller's tenant; the body names tenant B's things. */
  | { kind: 'create'; perm: Permission; body: (w: World, who: Principal) => unknown }
  /**
   * One record of tenant B, addressed by its id. A caller holding `perm` gets `missing` (404
   * NOT_FOUND unless said otherwise), the same answer as for an id that exists nowhere.
   */
  | { kind: 'target'; perm: Permission; url: Build<string>; body?: Build<unknown>; missing?: readonly [number, string] }
  /** The operator's own routes, aimed at tenant B. */
  | { kind: 'operator'; perm: Permission; url?: Build<string>; body?: Build<unknown> };

const DOCS = { kind: 'public' } as const;
const NO_WIDGET_KEY = 'kfw_000000000000000000000000';
const GHOST_FILE = 'att_00000000000000000000';
const chatPrechat = (queueId: string) => ({
  fields: { name: 'optional', email: 'optional', phone: 'hidden' },
  topics: [{ id: 'general', label: { 'zh-CN': '咨询', en: 'Questions' }, queueId, product: null }],
});
/** Visitor routes answer a staff credential with 401: only a visitor token of that conversation opens them. */
const visitorRoute = (suffix: string, body?: Build<unknown>): RouteCase => ({
  kind: 'public',
  url: (w) => `/api/v1/widget/conversations/${w.routeB.assigned}${suffix}`,
  status: 401,
  ...(body ? { body } : {}),
});
const preflight = (url: Build<string>): RouteCase => ({ kind: 'public', url, status: 204 });
// The widget script and demo page exist once the widget is built (web/dist-widget).
const WIDGET_BUILT = existsSync(new URL('../../web/dist-widget/widget.js', import.meta.url));
const NEW_PASSWORD = 'hijacked-passphrase-42';

const ROUTES: Record<string, RouteCase> = {
  'GET /health': { kind: 'public' },
  'GET /ready': { kind: 'public' },
  'GET /metrics': { kind: 'public' },
  'GET /openapi.json': { kind: 'public' },
  'GET /docs': DOCS,
  'GET /docs/': DOCS,
  'GET /docs/json': DOCS,
  'GET /docs/yaml': DOCS,
  'GET /docs/static/index.html': { kind: 'public', status: 302 },
  'GET /docs/static/swagger-initializer.js': DOCS,
  'GET /docs/*': { kind: 'public', url: () => '/docs/static/swagger-ui.css' },
  // The built web app, present only when web/dist exists.
  'GET /': { kind: 'public', optional: true },
  'GET /*': { kind: 'public', url: () => '/index.html', optional: true },
  'POST /api/v1/auth/login': {
    kind: 'public',
    // A's credentials offered to B's organisation open nothing there.
    body: (w) => ({ organization: w.b.tenant.slug, email: w.a.users.agent.email, password: PASSWORD }),
    status: 401,
  },
  'POST /api/v1/auth/logout': { kind: 'self', perm: 'authenticated', permitted: 204 },
  'GET /api/v1/auth/me': { kind: 'self', perm: 'profile.self', permitted: 200 },
  'POST /api/v1/auth/password': {
    kind: 'self',
    perm: 'profile.self',
    body: () => ({ currentPassword: 'not-the-current-one', newPassword: NEW_PASSWORD }),
    permitted: 422,
  },
  'GET /api/v1/users': { kind: 'list', perm: 'users.read' },
  'POST /api/v1/users': {
    kind: 'create',
    perm: 'users.manage',
    body: (w, who) => ({
      email: who === 'api_key' ? w.b.users.supervisor.email : w.b.users.tenant_admin.email,
      displayName: 'Namesake of B',
      role: 'agent',
      password: NEW_PASSWORD,
    }),
  },
  'GET /api/v1/users/:id': { kind: 'target', perm: 'users.read', url: (w) => `/api/v1/users/${w.b.users.agent.id}` },
  'PATCH /api/v1/users/:id': {
    kind: 'target',
    perm: 'users.manage',
    url: (w) => `/api/v1/users/${w.b.users.tenant_admin.id}`,
    body: () => ({ displayName: 'Taken over', role: 'agent', status: 'disabled' }),
  },
  'PUT /api/v1/users/:id/password': {
    kind: 'target',
    perm: 'users.manage',
    url: (w) => `/api/v1/users/${w.b.users.tenant_admin.id}/password`,
    body: () => ({ password: NEW_PASSWORD }),
  },
  'GET /api/v1/api-keys': { kind: 'list', perm: 'apikeys.read' },
  'POST /api/v1/api-keys': {
    kind: 'create',
    perm: 'apikeys.manage',
    body: () => ({ name: 'Key named for B', permissions: ['users.read'] }),
  },
  'DELETE /api/v1/api-keys/:id': { kind: 'target', perm: 'apikeys.manage', url: (w) => `/api/v1/api-keys/${w.keyB.id}` },
  'GET /api/v1/tenant': { kind: 'list', perm: 'tenant.read' },
  'GET /api/v1/audit': { kind: 'list', perm: 'audit.read', url: () => '/api/v1/audit?limit=200' },
  'GET /api/v1/operator/tenants': { kind: 'operator', perm: 'operator.tenants.read' },
  'POST /api/v1/operator/tenants': {
    kind: 'operator',
    perm: 'operator.tenants.manage',
    body: () => ({
      slug: 'gamma',
      name: 'Gamma',
      admin: { email: 'admin@gamma.test', displayName: 'Gamma admin', password: NEW_PASSWORD },
    }),
  },
  'GET /api/v1/operator/tenants/:id': {
    kind: 'operator',
    perm: 'operator.tenants.read',
    url: (w) => `/api/v1/operator/tenants/${w.b.tenant.id}`,
  },
  'PATCH /api/v1/operator/tenants/:id': {
    kind: 'operator',
    perm: 'operator.tenants.manage',
    url: (w) => `/api/v1/operator/tenants/${w.b.tenant.id}`,
    body: () => ({ name: 'Renamed by A', status: 'suspended' }),
  },
  'GET /api/v1/customers': { kind: 'list', perm: 'customers.read', url: () => '/api/v1/customers?limit=200' },
  'POST /api/v1/customers': {
    kind: 'create',
    perm: 'customers.manage',
    body: (w, who) => ({ displayName: 'Namesake of B', identities: [{ kind: 'email', value: `${who}.${w.custB.email}` }] }),
  },
  'POST /api/v1/customers/resolve': {
    kind: 'create',
    perm: 'customers.manage',
    // B's own identities, resolved by A, make A a customer of its own and never reach B's.
    body: (w, who) => ({
      identities:
        who === 'tenant_admin'
          ? [
              { kind: 'phone', value: w.custB.phone },
              { kind: 'email', value: w.custB.email },
            ]
          : [{ kind: 'email', value: `resolve.${who}.${w.custB.email}` }],
    }),
  },
  'GET /api/v1/customers/:id': { kind: 'target', perm: 'customers.read', url: (w) => `/api/v1/customers/${w.custB.id}` },
  'PATCH /api/v1/customers/:id': {
    kind: 'target',
    perm: 'customers.manage',
    url: (w) => `/api/v1/customers/${w.custB.id}`,
    body: () => ({ displayName: 'Taken over', tier: 'low', tags: ['pwned'], consent: { marketing: true } }),
  },
  'POST /api/v1/customers/:id/identities': {
    kind: 'target',
    perm: 'customers.manage',
    url: (w) => `/api/v1/customers/${w.custB.id}/identities`,
    body: () => ({ kind: 'phone', value: '+8613700000099' }),
  },
  'DELETE /api/v1/customers/:id/identities/:kind/:value': {
    kind: 'target',
    perm: 'customers.manage',
    url: (w) => `/api/v1/customers/${w.custB.id}/identities/email/${encodeURIComponent(w.custB.email)}`,
  },
  'POST /api/v1/customers/:id/merge': {
    kind: 'target',
    perm: 'customers.manage',
    url: (w) => `/api/v1/customers/${w.custB.id}/merge`,
    body: (w) => ({ intoId: w.custB2.id }),
  },
  'GET /api/v1/customer-tiers': { kind: 'list', perm: 'customers.read' },
  // The tenant's own list, put again unchanged: it acts on the caller's tenant only and is a no-op.
  'PUT /api/v1/customer-tiers': { kind: 'self', perm: 'customers.admin', body: () => ({ tiers: TIERS_A }), permitted: 200 },
  'GET /api/v1/contacts': { kind: 'list', perm: 'contacts.read', url: () => '/api/v1/contacts?limit=200' },
  'POST /api/v1/contacts': {
    kind: 'create',
    perm: 'contacts.write',
    body: (w, who) => ({ channel: 'chat', bot: true, subject: `About ${w.custB.email} (${who})` }),
  },
  'GET /api/v1/contacts/:id': { kind: 'target', perm: 'contacts.read', url: (w) => `/api/v1/contacts/${w.routeB.assigned}` },
  'GET /api/v1/contacts/:id/transitions': {
    kind: 'target',
    perm: 'contacts.read',
    url: (w) => `/api/v1/contacts/${w.routeB.assigned}/transitions`,
  },
  'POST /api/v1/contacts/:id/queue': {
    kind: 'target',
    perm: 'contacts.write',
    url: (w) => `/api/v1/contacts/${w.routeB.bot}/queue`,
    body: (w) => ({ queueId: w.routeB.queue }),
  },
  'POST /api/v1/contacts/:id/close': {
    kind: 'target',
    perm: 'contacts.write',
    url: (w) => `/api/v1/contacts/${w.routeB.bot}/close`,
    body: () => ({ disposition: DISPOSITION }),
  },
  'GET /api/v1/contacts/:id/messages': {
    kind: 'target',
    perm: 'contacts.read',
    url: (w) => `/api/v1/contacts/${w.routeB.assigned}/messages`,
  },
  'POST /api/v1/contacts/:id/messages': {
    kind: 'target',
    perm: 'contacts.write',
    url: (w) => `/api/v1/contacts/${w.routeB.assigned}/messages`,
    body: () => ({ clientMessageId: 'b-1', body: 'Slipped in by A', author: 'customer' }),
  },
  'POST /api/v1/contacts/:id/attachments': {
    kind: 'target',
    perm: 'contacts.write',
    url: (w) => `/api/v1/contacts/${w.routeB.assigned}/attachments`,
  },
  'GET /api/v1/contacts/:id/wait': { kind: 'target', perm: 'contacts.read', url: (w) => `/api/v1/contacts/${w.routeB.queued}/wait` },
  'POST /api/v1/contacts/:id/accept': { kind: 'target', perm: 'routing.agent', url: (w) => `/api/v1/contacts/${w.routeB.offered}/accept` },
  'POST /api/v1/contacts/:id/reject': { kind: 'target', perm: 'routing.agent', url: (w) => `/api/v1/contacts/${w.routeB.offered}/reject` },
  'POST /api/v1/contacts/:id/end': { kind: 'target', perm: 'contacts.write', url: (w) => `/api/v1/contacts/${w.routeB.assigned}/end` },
  'POST /api/v1/contacts/:id/abandon': {
    kind: 'target',
    perm: 'contacts.write',
    url: (w) => `/api/v1/contacts/${w.routeB.queued}/abandon`,
  },
  'POST /api/v1/contacts/:id/wrap-up': {
    kind: 'target',
    perm: 'contacts.write',
    url: (w) => `/api/v1/contacts/${w.routeB.assigned}/wrap-up`,
    body: () => ({ disposition: DISPOSITION }),
  },
  'POST /api/v1/contacts/:id/transfer': {
    kind: 'target',
    perm: 'contacts.write',
    url: (w) => `/api/v1/contacts/${w.routeB.assigned}/transfer`,
    body: (w) => ({ queueId: w.routeB.queue, note: 'moved by A' }),
  },
  'GET /api/v1/routing/skills': { kind: 'list', perm: 'contacts.read' },
  'POST /api/v1/routing/skills': {
    kind: 'create',
    perm: 'routing.admin',
    // Names are unique per tenant only: A may take B's skill's name.
    body: (_w, who) => ({ name: who === 'tenant_admin' ? B_SKILL : `${B_SKILL} (${who})` }),
  },
  'GET /api/v1/routing/queues': { kind: 'list', perm: 'contacts.read' },
  'POST /api/v1/routing/queues': {
    kind: 'create',
    perm: 'routing.admin',
    body: (_w, who) => ({ name: who === 'tenant_admin' ? B_QUEUE : `${B_QUEUE} (${who})`, config: { policy: 'round_robin' } }),
  },
  'GET /api/v1/routing/queues/:id': { kind: 'target', perm: 'contacts.read', url: (w) => `/api/v1/routing/queues/${w.routeB.queue}` },
  'PATCH /api/v1/routing/queues/:id': {
    kind: 'target',
    perm: 'routing.admin',
    url: (w) => `/api/v1/routing/queues/${w.routeB.queue}`,
    body: () => ({ name: 'Taken over', config: { policy: 'round_robin', maxWaitMs: 1000, maxWaitAction: 'abandon' } }),
  },
  'GET /api/v1/routing/agents': { kind: 'list', perm: 'routing.supervise' },
  // A user of another tenant is no agent here: the same 422 as for an id that exists nowhere.
  'PUT /api/v1/routing/agents/:id': {
    kind: 'target',
    perm: 'routing.admin',
    url: (w) => `/api/v1/routing/agents/${w.b.users.agent.id}`,
    body: (w) => ({ skills: { [w.routeB.skill]: 1 }, capacity: { chat: 0 } }),
    missing: [422, 'UNKNOWN_AGENT'],
  },
  'POST /api/v1/routing/agents/:id/state': {
    kind: 'target',
    perm: 'routing.supervise',
    url: (w) => `/api/v1/routing/agents/${w.b.users.agent.id}/state`,
    body: () => ({ state: 'break', reason: 'pulled_by_a' }),
    missing: [422, 'UNKNOWN_AGENT'],
  },
  // A's agent and supervisor are offline already: the call acts on the caller and changes nothing.
  'POST /api/v1/routing/me/state': { kind: 'self', perm: 'routing.agent', body: () => ({ state: 'offline' }), permitted: 204 },
  'GET /api/v1/routing/snapshot': { kind: 'list', perm: 'routing.supervise' },
  'GET /api/v1/routing/decisions': { kind: 'list', perm: 'routing.supervise', url: () => '/api/v1/routing/decisions?limit=200' },
  'GET /api/v1/webhooks': { kind: 'list', perm: 'webhooks.manage' },
  'POST /api/v1/webhooks': {
    kind: 'create',
    perm: 'webhooks.manage',
    body: () => ({ url: B_HOOK, events: ['contact.*'], description: 'Namesake of B' }),
  },
  'GET /api/v1/webhooks/:id': { kind: 'target', perm: 'webhooks.manage', url: (w) => `/api/v1/webhooks/${w.routeB.webhook}` },
  'PATCH /api/v1/webhooks/:id': {
    kind: 'target',
    perm: 'webhooks.manage',
    url: (w) => `/api/v1/webhooks/${w.routeB.webhook}`,
    body: () => ({ url: 'https://hooks.alpha.example/stolen', events: ['message.created'], active: false }),
  },
  'DELETE /api/v1/webhooks/:id': { kind: 'target', perm: 'webhooks.manage', url: (w) => `/api/v1/webhooks/${w.routeB.webhook}` },
  'POST /api/v1/webhooks/:id/rotate-secret': {
    kind: 'target',
    perm: 'webhooks.manage',
    url: (w) => `/api/v1/webhooks/${w.routeB.webhook}/rotate-secret`,
  },
  'POST /api/v1/webhooks/:id/ping': { kind: 'target', perm: 'webhooks.manage', url: (w) => `/api/v1/webhooks/${w.routeB.webhook}/ping` },
  'GET /api/v1/webhooks/:id/deliveries': {
    kind: 'target',
    perm: 'webhooks.manage',
    url: (w) => `/api/v1/webhooks/${w.routeB.webhook}/deliveries`,
  },
  'GET /api/v1/operator/audit': {
    kind: 'operator',
    perm: 'operator.audit.read',
    url: (w) => `/api/v1/operator/audit?tenantId=${w.b.tenant.id}`,
  },
  'GET /widget.js': { kind: 'public', status: WIDGET_BUILT ? 200 : 404 },
  // No tenant here has the demo slug, so there is no demo widget to show.
  'GET /demo': { kind: 'public', status: 404 },
  'GET /api/v1/widget/:publicKey/config': { kind: 'public', url: () => `/api/v1/widget/${NO_WIDGET_KEY}/config`, status: 404 },
  'POST /api/v1/widget/:publicKey/conversations': {
    kind: 'public',
    url: () => `/api/v1/widget/${NO_WIDGET_KEY}/conversations`,
    body: () => ({ topicId: 'general', name: 'Visitor' }),
    status: 404,
  },
  'GET /api/v1/widget/conversations/:id/messages': visitorRoute('/messages'),
  'POST /api/v1/widget/conversations/:id/attachments': visitorRoute('/attachments'),
  'GET /api/v1/widget/conversations/:id/attachments/:attachmentId': visitorRoute(`/attachments/${GHOST_FILE}`),
  'POST /api/v1/widget/conversations/:id/csat': visitorRoute('/csat', () => ({ rating: 1, comment: 'from A' })),
  'GET /api/v1/widget/conversations/:id/transcript': visitorRoute('/transcript'),
  'OPTIONS /api/v1/widget/:publicKey/config': preflight(() => `/api/v1/widget/${NO_WIDGET_KEY}/config`),
  'OPTIONS /api/v1/widget/:publicKey/conversations': preflight(() => `/api/v1/widget/${NO_WIDGET_KEY}/conversations`),
  'OPTIONS /api/v1/widget/conversations/:id/messages': preflight((w) => `/api/v1/widget/conversations/${w.routeB.assigned}/messages`),
  'OPTIONS /api/v1/widget/conversations/:id/attachments': preflight((w) => `/api/v1/widget/conversations/${w.routeB.assigned}/attachments`),
  'OPTIONS /api/v1/widget/conversations/:id/attachments/:attachmentId': preflight(
    (w) => `/api/v1/widget/conversations/${w.routeB.assigned}/attachments/${GHOST_FILE}`,
  ),
  'OPTIONS /api/v1/widget/conversations/:id/csat': preflight((w) => `/api/v1/widget/conversations/${w.routeB.assigned}/csat`),
  'OPTIONS /api/v1/widget/conversations/:id/transcript': preflight((w) => `/api/v1/widget/conversations/${w.routeB.assigned}/transcript`),
  'GET /api/v1/chat/widgets': { kind: 'list', perm: 'chat.admin' },
  'POST /api/v1/chat/widgets': {
    kind: 'create',
    perm: 'chat.admin',
    body: (w, who) => ({
      name: `Namesake of B (${who})`,
      allowedOrigins: ['https://shop.beta.example'],
      prechat: chatPrechat(w.routeA.queue),
    }),
  },
  'PATCH /api/v1/chat/widgets/:id': {
    kind: 'target',
    perm: 'chat.admin',
    url: (w) => `/api/v1/chat/widgets/${w.routeB.widget}`,
    body: () => ({ allowedOrigins: ['https://evil.alpha.example'], identityRequired: false }),
  },
  'POST /api/v1/chat/widgets/:id/rotate-secret': {
    kind: 'target',
    perm: 'chat.admin',
    url: (w) => `/api/v1/chat/widgets/${w.routeB.widget}/rotate-secret`,
  },
  'GET /api/v1/canned-responses': { kind: 'list', perm: 'contacts.read' },
  'POST /api/v1/canned-responses': {
    kind: 'create',
    perm: 'chat.canned.manage',
    body: (_w, who) => ({ shortcut: `b-${who}`, title: 'Namesake of B', body: 'Hello {{customer.name}}' }),
  },
  'PATCH /api/v1/canned-responses/:id': {
    kind: 'target',
    perm: 'chat.canned.manage',
    url: (w) => `/api/v1/canned-responses/${w.routeB.canned}`,
    body: () => ({ body: 'Rewritten by A' }),
  },
  'DELETE /api/v1/canned-responses/:id': {
    kind: 'target',
    perm: 'chat.canned.manage',
    url: (w) => `/api/v1/canned-responses/${w.routeB.canned}`,
  },
  // The caller's own workspace: A's agent and supervisor hold nothing of B.
  'GET /api/v1/workspace': { kind: 'self', perm: 'routing.agent', permitted: 200 },
  'GET /api/v1/live/stats': { kind: 'list', perm: 'routing.supervise' },
  'GET /api/v1/chat/agents': { kind: 'list', perm: 'contacts.write' },
  'GET /api/v1/contacts/:id/attachments/:attachmentId': {
    kind: 'target',
    perm: 'contacts.read',
    url: (w) => `/api/v1/contacts/${w.routeB.assigned}/attachments/${GHOST_FILE}`,
  },
  'GET /api/v1/contacts/:id/transcript': {
    kind: 'target',
    perm: 'contacts.read',
    url: (w) => `/api/v1/contacts/${w.routeB.assigned}/transcript`,
  },
  'GET /api/v1/contacts/:id/csat': { kind: 'target', perm: 'contacts.read', url: (w) => `/api/v1/contacts/${w.routeB.assigned}/csat` },
};

const pathOf = (key: string): string => key.slice(key.indexOf(' ') + 1);
const methodOf = (key: string): string => key.slice(0, key.indexOf(' '));
const urlOf = (key: string, c: RouteCase, w: World): string => ('url' in c && c.url ? c.url(w) : pathOf(key));
const entries = <K extends RouteCase['kind']>(kind: K) =>
  Object.entries(ROUTES).filter((e): e is [string, Extract<RouteCase, { kind: K }>] => e[1].kind === kind);

const permsOf = (who: Principal): ReadonlySet<string> =>
  new Set(who === 'api_key' ? API_KEY_PERMISSIONS : ROLE_PERMISSIONS[who as Exclude<Principal, 'api_key'>]);
const holds = (who: Principal, perm: Permission | 'authenticated'): boolean => perm === 'authenticated' || permsOf(who).has(perm);

type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats)) as AddFormats;

describeStorage('cross-tenant isolation', (target) => {
  let t: TestKefu;
  let w: World;
  let opToken: string;
  const tokenOf = (who: Principal): string => (who === 'api_key' ? w.keyA.secret : w.a.tokens[who]);
  /** Everything that identifies tenant B and must never show in a response to tenant A. */
  const markersOfB = (): string[] => [
    w.b.tenant.id,
    w.b.tenant.name,
    w.b.users.tenant_admin.displayName,
    w.keyB.id,
    w.custB.id,
    w.custB2.id,
    w.custB.email,
    'Customer Bea of beta',
    'Customer Bo of beta',
    'Platinum of beta',
    ...Object.values(w.b.users).flatMap((u) => [u.id, u.email]),
    ...Object.values(w.routeB),
  ];
  const markersOfA = (): string[] => [
    w.a.tenant.id,
    w.keyA.id,
    w.custA.id,
    'Gold of alpha',
    ...Object.values(w.a.users).map((u) => u.id),
    ...Object.values(w.routeA),
  ];
  /** `sent`: what the request itself carried; an error may echo the caller's own input, nothing more. */
  const expectNothingOfB = (res: LightMyRequestResponse, sent = ''): void => {
    for (const m of markersOfB().filter((x) => !sent.includes(x))) expect(res.body, `response leaks ${m}`).not.toContain(m);
  };
  const sentBy = (key: string, c: RouteCase, who: Principal): string =>
    `${urlOf(key, c, w)} ${'body' in c && c.body ? JSON.stringify(c.body(w, who)) : ''}`;
  const ids = () => [w.a.tenant.id, w.b.tenant.id];
  const call = (who: Principal, key: string, c: RouteCase, token: string = tokenOf(who)) =>
    send(t, {
      method: methodOf(key),
      url: urlOf(key, c, w),
      token,
      ...('body' in c && c.body ? { payload: c.body(w, who) } : {}),
    });
  const expectTokensOfBWork = async (): Promise<void> => {
    for (const token of [...Object.values(w.b.tokens), w.keyB.secret]) {
      expect((await t.call('GET', '/api/v1/tenant', token)).statusCode).toBe(200);
    }
  };

  const mintKey = async (tenant: SeededTenant) => {
    const res = await t.call('POST', '/api/v1/api-keys', tenant.tokens.tenant_admin, {
      name: `All of ${tenant.tenant.slug}`,
      permissions: [...API_KEY_PERMISSIONS],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { apiKey: { id: string }; secret: string };
    return { id: body.apiKey.id, secret: body.secret };
  };

  const json = async <T>(method: string, url: string, token: string, body?: unknown, status = method === 'GET' ? 200 : 201) => {
    const res = await t.call(method, url, token, body);
    expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(status);
    return (res.body ? res.json() : null) as T;
  };

  /**
   * A skill, a queue that needs it, routing profiles for the agent and the supervisor, a webhook,
   * and contacts: one the agent accepted (with a message) and one with the bot. Offers last ten
   * minutes, so nothing moves while the matrix runs.
   */
  const setUpRouting = async (tenant: SeededTenant, names: { skill: string; queue: string; hook: string }) => {
    const admin = tenant.tokens.tenant_admin;
    const skill = (await json<{ id: string }>('POST', '/api/v1/routing/skills', admin, { name: names.skill })).id;
    const config = { requiredSkills: [{ skill, minProficiency: 1 }], offerTimeoutMs: 600_000 };
    const queue = (await json<{ id: string }>('POST', '/api/v1/routing/queues', admin, { name: names.queue, config })).id;
    for (const who of ['agent', 'supervisor'] as const) {
      const profile = { skills: { [skill]: 3 }, capacity: { chat: 2 } };
      await json('PUT', `/api/v1/routing/agents/${tenant.users[who].id}`, admin, profile, 200);
    }
    const hook = await json<{ webhook: { id: string } }>('POST', '/api/v1/webhooks', admin, { url: names.hook, events: ['contact.*'] });
    const open = (body: object) => json<{ id: string; state: string }>('POST', '/api/v1/contacts', admin, { channel: 'chat', ...body });
    await json('POST', '/api/v1/routing/me/state', tenant.tokens.agent, { state: 'available' }, 204);
    // Both tenants' tier lists (TIERS_A, TIERS_B) hold 'low'; routing knows only a tenant's own tiers.
    const assigned = await open({ queueId: queue, tier: 'low' });
    await json('POST', `/api/v1/contacts/${assigned.id}/accept`, tenant.tokens.agent, undefined, 200);
    await json('POST', `/api/v1/contacts/${assigned.id}/messages`, tenant.tokens.agent, {
      clientMessageId: 'hi',
      body: `Hi from ${names.queue}`,
    });
    const bot = await open({ bot: true });
    const widget = await json<{ widget: { id: string } }>('POST', '/api/v1/chat/widgets', admin, {
      name: `Widget of ${names.queue}`,
      allowedOrigins: [],
      prechat: chatPrechat(queue),
    });
    const canned = await json<{ id: string }>('POST', '/api/v1/canned-responses', admin, {
      shortcut: 'hello',
      title: `Hello from ${names.queue}`,
      body: 'Hello {{customer.name}}',
    });
    return {
      skill,
      queue,
      webhook: hook.webhook.id,
      widget: widget.widget.id,
      canned: canned.id,
      assigned: assigned.id,
      bot: bot.id,
      open,
    };
  };

  beforeAll(async () => {
    t = await startTestKefu(target);
    const a = await t.seedTenant('alpha');
    const b = await t.seedTenant('beta');
    const customer = async (tenant: SeededTenant, body: unknown): Promise<{ id: string }> => {
      const res = await t.call('POST', '/api/v1/customers', tenant.tokens.tenant_admin, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string };
    };
    for (const [tenant, tiers] of [
      [a, TIERS_A],
      [b, TIERS_B],
    ] as const) {
      expect((await t.call('PUT', '/api/v1/customer-tiers', tenant.tokens.tenant_admin, { tiers })).statusCode).toBe(200);
    }
    const custB = { email: 'bea@beta-customers.test', phone: '+8613800000001' };
    const { open: _openA, ...routeA } = await setUpRouting(a, {
      skill: 'Skill of alpha',
      queue: 'Queue of alpha',
      hook: 'https://hooks.alpha.example/kefu',
    });
    // A's agent and supervisor end offline, so the own-state route has nothing to change.
    await json('POST', '/api/v1/routing/me/state', a.tokens.agent, { state: 'offline' }, 204);
    const { open: openB, ...routedB } = await setUpRouting(b, { skill: B_SKILL, queue: B_QUEUE, hook: B_HOOK });
    // B's agent has room for two chats: the second contact is offered, the third waits.
    const offered = await openB({ queueId: routedB.queue, tier: 'platinum' });
    const queued = await openB({ queueId: routedB.queue, tier: 'low' });
    expect([offered.state, queued.state]).toEqual(['offered', 'queued']);
    w = {
      a,
      b,
      keyA: await mintKey(a),
      keyB: await mintKey(b),
      custA: await customer(a, {
        displayName: 'Customer Ada of alpha',
        tier: 'gold',
        identities: [{ kind: 'phone', value: '+8613700000001' }],
      }),
      custB: {
        ...custB,
        ...(await customer(b, {
          displayName: 'Customer Bea of beta',
          tier: 'platinum',
          identities: [
            { kind: 'phone', value: custB.phone },
            { kind: 'email', value: custB.email },
          ],
        })),
      },
      custB2: await customer(b, { displayName: 'Customer Bo of beta', identities: [{ kind: 'app_user', value: 'beta-app-user' }] }),
      routeA,
      routeB: { ...routedB, offered: offered.id, queued: queued.id },
    };
    opToken = await t.operatorToken();
  });
  afterAll(async () => t?.close());

  describe('route table', () => {
    it('should cover every route the server has when a route is added', () => {
      const missing = serverRoutes(t.kefu).filter((r) => !(r in ROUTES));
      expect(missing, 'routes with no row in the cross-tenant table: add them').toEqual([]);
    });

    it('should name only routes that exist when a route is removed or renamed', () => {
      const routes = new Set(serverRoutes(t.kefu));
      const stale = Object.entries(ROUTES).filter(([key, c]) => !routes.has(key) && !(c.kind === 'public' && c.optional));
      expect(stale.map(([key]) => key)).toEqual([]);
    });

    it('should cover every operation of the OpenAPI document when the document lists it', async () => {
      const doc = (await t.call('GET', '/openapi.json', null)).json() as { paths: Record<string, Record<string, unknown>> };
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      );
      expect(documented.length).toBeGreaterThan(10);
      expect(documented.filter((r) => !(r in ROUTES))).toEqual([]);
    });

    it('should give each route a body its schema accepts when the route takes one', async () => {
      // So a refusal in the matrix comes from the tenant or permission check, never from validation.
      const doc = (await t.call('GET', '/openapi.json', null)).json() as {
        paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: object }> } }>>;
      };
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      let checked = 0;
      for (const [key, c] of Object.entries(ROUTES)) {
        if (!('body' in c) || !c.body) continue;
        const schema =
          doc.paths[pathOf(key).replace(/:(\w+)/g, '{$1}')]?.[methodOf(key).toLowerCase()]?.requestBody?.content['application/json']
            ?.schema;
        expect(schema, `${key} documents no request body`).toBeDefined();
        for (const who of PRINCIPALS) {
          const validate = ajv.compile(schema as object);
          expect(validate(c.body(w, who)), `${key}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        }
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(7);
    });
  });

  describe("tenant A's principals against tenant B", () => {
    it("should refuse with 403 or 404 and change nothing when any principal of A addresses B's records", async () => {
      const before = await snapshotAll(t.kefu, ids());
      const targets = entries('target');
      expect(targets.length).toBeGreaterThanOrEqual(4);
      for (const [key, c] of targets) {
        for (const who of PRINCIPALS) {
          const res = await call(who, key, c);
          const [status, code] = holds(who, c.perm) ? (c.missing ?? [404, 'NOT_FOUND']) : [403, 'FORBIDDEN'];
          expect(res.statusCode, `${who} ${key}`).toBeLessThan(500);
          expectError(res, status, code);
          expectNothingOfB(res, sentBy(key, c, who));
        }
      }
      expect(await snapshotAll(t.kefu, ids())).toEqual(before);
      const statesOfB = await Promise.all(
        (['bot', 'queued', 'offered', 'assigned'] as const).map(
          async (k) => (await t.call('GET', `/api/v1/contacts/${w.routeB[k]}`, w.b.tokens.tenant_admin)).json().state,
        ),
      );
      expect(statesOfB).toEqual(['bot', 'queued', 'offered', 'assigned']);
      await expectTokensOfBWork();
    });

    it("should answer B's ids exactly as ids that exist nowhere when A's principals address them", async () => {
      // Same status and code either way, so a refusal does not tell A that B's record exists.
      const idsOfB = markersOfB().filter((m) => /^[a-z]{3}_[0-9a-z]{20}$/.test(m));
      const nowhere = (url: string) => idsOfB.reduce((u, id) => u.replaceAll(id, `${id.slice(0, 4)}${'0'.repeat(19)}z`), url);
      for (const [key, c] of entries('target')) {
        for (const who of PRINCIPALS) {
          const ofB = await call(who, key, c);
          const ghost = await send(t, {
            method: methodOf(key),
            url: nowhere(urlOf(key, c, w)),
            token: tokenOf(who),
            ...(c.body ? { payload: c.body(w) } : {}),
          });
          expect(nowhere(urlOf(key, c, w)), key).not.toBe(urlOf(key, c, w));
          expect([ghost.statusCode, ghost.json().error?.code], `${who} ${key}`).toEqual([ofB.statusCode, ofB.json().error?.code]);
        }
      }
    });

    it("should refuse with a 4xx and change nothing when A's principals name B's queue, skill, customer or contact in a request", async () => {
      const before = await snapshotAll(t.kefu, ids());
      const cases: [Permission, string, string, unknown, number, string][] = [
        ['contacts.write', 'POST', '/api/v1/contacts', { channel: 'chat', queueId: w.routeB.queue }, 422, 'UNKNOWN_QUEUE'],
        ['contacts.write', 'POST', '/api/v1/contacts', { channel: 'chat', customerId: w.custB.id, tier: 'high' }, 404, 'NOT_FOUND'],
        ['contacts.write', 'POST', '/api/v1/contacts', { channel: 'chat', customerId: w.custB.id, bot: true }, 404, 'NOT_FOUND'],
        ['contacts.write', 'POST', `/api/v1/contacts/${w.routeA.bot}/queue`, { queueId: w.routeB.queue }, 422, 'UNKNOWN_QUEUE'],
        ['contacts.write', 'POST', `/api/v1/contacts/${w.routeA.assigned}/transfer`, { queueId: w.routeB.queue }, 422, 'UNKNOWN_QUEUE'],
        [
          'routing.admin',
          'POST',
          '/api/v1/routing/queues',
          { name: 'Needs B', config: { requiredSkills: [{ skill: w.routeB.skill, minProficiency: 1 }] } },
          422,
          'UNKNOWN_SKILL',
        ],
        [
          'routing.admin',
          'POST',
          '/api/v1/routing/queues',
          { name: 'Spills to B', config: { overflowQueueId: w.routeB.queue } },
          422,
          'UNKNOWN_QUEUE',
        ],
        [
          'routing.admin',
          'PATCH',
          `/api/v1/routing/queues/${w.routeA.queue}`,
          { config: { overflowQueueId: w.routeB.queue, overflowAfterMs: 1000 } },
          422,
          'UNKNOWN_QUEUE',
        ],
        [
          'routing.admin',
          'PUT',
          `/api/v1/routing/agents/${w.a.users.agent.id}`,
          { skills: { [w.routeB.skill]: 5 }, capacity: { chat: 1 } },
          422,
          'UNKNOWN_SKILL',
        ],
      ];
      for (const [perm, method, url, body, status, code] of cases) {
        for (const who of PRINCIPALS) {
          const res = await send(t, { method, url, token: tokenOf(who), payload: body });
          if (holds(who, perm)) expectError(res, status, code);
          else expectError(res, 403, 'FORBIDDEN');
          expectNothingOfB(res, `${url} ${JSON.stringify(body)}`);
        }
      }
      const filters: [Permission, string][] = [
        ['contacts.read', `/api/v1/contacts?queueId=${w.routeB.queue}`],
        ['contacts.read', `/api/v1/contacts?customerId=${w.custB.id}`],
        ['routing.supervise', `/api/v1/routing/decisions?contactId=${w.routeB.offered}`],
      ];
      for (const [perm, url] of filters) {
        for (const who of PRINCIPALS) {
          const res = await send(t, { method: 'GET', url, token: tokenOf(who) });
          if (!holds(who, perm)) {
            expectError(res, 403, 'FORBIDDEN');
            continue;
          }
          expect(res.statusCode, `${who} ${url}`).toBe(200);
          expect(res.json().items).toEqual([]);
        }
      }
      expect(await snapshotAll(t.kefu, ids())).toEqual(before);
    });

    it('should list only tenant A when any principal of A reads a collection', async () => {
      const before = await snapshotAll(t.kefu, ids());
      for (const [key, c] of entries('list')) {
        for (const who of PRINCIPALS) {
          const res = await call(who, key, c);
          if (!holds(who, c.perm)) {
            expectError(res, 403, 'FORBIDDEN');
            continue;
          }
          expect(res.statusCode, `${who} ${key}`).toBe(200);
          expectNothingOfB(res);
          expect(
            markersOfA().some((m) => res.body.includes(m)),
            `${who} ${key} shows nothing of A`,
          ).toBe(true);
        }
      }
      expect(await snapshotAll(t.kefu, ids())).toEqual(before);
    });

    it("should refuse with 403 and change nothing when A's principals call the operator's routes", async () => {
      const before = await snapshotAll(t.kefu, ids());
      const ops = entries('operator');
      expect(ops.length).toBeGreaterThanOrEqual(5);
      for (const [key, c] of ops) {
        for (const who of PRINCIPALS) {
          const res = await call(who, key, c);
          expectError(res, 403, 'FORBIDDEN');
          expectNothingOfB(res);
        }
      }
      expect(await snapshotAll(t.kefu, ids())).toEqual(before);
    });

    it("should act on the caller only when A's principals call their own-account routes", async () => {
      const before = await snapshotAll(t.kefu, ids());
      for (const [key, c] of entries('self')) {
        for (const who of PRINCIPALS) {
          // Log-out ends the session it is given, so it gets a session of its own.
          const token =
            key.endsWith('/logout') && who !== 'api_key' ? await t.login('alpha', w.a.users[who].email, PASSWORD) : tokenOf(who);
          const res = await call(who, key, c, token);
          expectNothingOfB(res);
          if (!holds(who, c.perm)) {
            expectError(res, 403, 'FORBIDDEN');
            continue;
          }
          expect(res.statusCode, `${who} ${key} ${res.body}`).toBe(c.permitted);
          if (key === 'GET /api/v1/auth/me')
            expect(res.json()).toMatchObject({ id: w.a.users[who as 'agent'].id, tenantId: w.a.tenant.id });
        }
      }
      expect(await snapshotAll(t.kefu, ids())).toEqual(before);
      for (const who of PRINCIPALS) expect((await t.call('GET', '/api/v1/tenant', tokenOf(who))).statusCode).toBe(200);
    });

    it("should reveal nothing of B when A's principals call the public routes", async () => {
      const before = await snapshotAll(t.kefu, ids());
      const present = new Set(serverRoutes(t.kefu));
      for (const [key, c] of entries('public')) {
        if (!present.has(key)) continue;
        for (const who of PRINCIPALS) {
          const res = await call(who, key, c);
          expect(res.statusCode, `${who} ${key}`).toBe(c.status ?? 200);
          expectNothingOfB(res);
        }
      }
      expect(await snapshotAll(t.kefu, ids())).toEqual(before);
    });
  });

  describe('smuggled tenant hints and forged credentials', () => {
    const hintsNaming = (b: SeededTenant) => ({
      'x-tenant-id': b.tenant.id,
      'x-tenant': b.tenant.slug,
      'x-organization': b.tenant.slug,
      'x-forwarded-host': `${b.tenant.slug}.example.test`,
    });

    it('should keep answering for A when a token of A comes with a header or query naming B', async () => {
      const before = await snapshotAll(t.kefu, ids());
      const urls: [string, Permission][] = [
        ['/api/v1/users', 'users.read'],
        ['/api/v1/customers', 'customers.read'],
        ['/api/v1/customer-tiers', 'customers.read'],
        ['/api/v1/contacts', 'contacts.read'],
        ['/api/v1/routing/queues', 'contacts.read'],
        ['/api/v1/routing/snapshot', 'routing.supervise'],
        ['/api/v1/webhooks', 'webhooks.manage'],
        ['/api/v1/api-keys', 'apikeys.read'],
        ['/api/v1/tenant', 'tenant.read'],
        ['/api/v1/audit', 'audit.read'],
        ['/api/v1/auth/me', 'profile.self'],
        [`/api/v1/users/${w.a.users.agent.id}`, 'users.read'],
      ];
      for (const who of ['tenant_admin', 'api_key'] as const) {
        for (const [url, perm] of urls) {
          for (const query of [`?tenantId=${w.b.tenant.id}`, `?tenant_id=${w.b.tenant.id}`, `?organization=${w.b.tenant.slug}`]) {
            const res = await send(t, { method: 'GET', url: `${url}${query}`, token: tokenOf(who), headers: hintsNaming(w.b) });
            expectNothingOfB(res);
            if (res.statusCode === 400) {
              // A route with a strict query refuses the unknown parameter outright.
              expectError(res, 400, 'VALIDATION_FAILED');
              continue;
            }
            if (res.statusCode === 403) {
              expect(holds(who, perm), `${who} ${url}`).toBe(false);
              continue;
            }
            expect(res.statusCode, `${who} ${url}${query}`).toBe(200);
            expect(markersOfA().some((m) => res.body.includes(m))).toBe(true);
          }
        }
      }
      const patched = await send(t, {
        method: 'PATCH',
        url: `/api/v1/users/${w.b.users.agent.id}?tenantId=${w.b.tenant.id}`,
        token: tokenOf('tenant_admin'),
        headers: hintsNaming(w.b),
        payload: { displayName: 'Via a hint' },
      });
      expectError(patched, 404, 'NOT_FOUND');
      expect(await snapshotAll(t.kefu, ids())).toEqual(before);
    });

    it("should refuse with 401 when A's session token or API key is rewritten to name tenant B", async () => {
      for (const token of [w.a.tokens.tenant_admin, w.a.tokens.agent, w.keyA.secret]) {
        const forged = token.replace(w.a.tenant.id, w.b.tenant.id);
        expect(forged).not.toBe(token);
        expectError(await t.call('GET', '/api/v1/tenant', forged), 401, 'UNAUTHENTICATED');
      }
    });
  });

  describe('operator and tenant separation', () => {
    it("should refuse with 403 when the operator calls any tenant's own routes", async () => {
      const before = await snapshotAll(t.kefu, ids());
      const tenantRoutes = [...entries('list'), ...entries('target'), ...entries('create')];
      expect(tenantRoutes.length).toBeGreaterThanOrEqual(10);
      for (const [key, c] of tenantRoutes) {
        for (const suffix of ['', `?tenantId=${w.b.tenant.id}`]) {
          const res = await send(t, {
            method: methodOf(key),
            url: `${urlOf(key, c, w)}${suffix}`,
            token: opToken,
            headers: { 'x-tenant-id': w.b.tenant.id },
            ...('body' in c && c.body ? { payload: c.body(w, 'tenant_admin') } : {}),
          });
          expectError(res, 403, 'FORBIDDEN');
          expectNothingOfB(res);
        }
      }
      expect(await snapshotAll(t.kefu, ids())).toEqual(before);
    });

    it("should let the operator read tenant B through the operator's routes when B is named", async () => {
      // The positive control of the two tests above: the same urls work for the role that may use them.
      const res = await t.call('GET', `/api/v1/operator/tenants/${w.b.tenant.id}`, opToken);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: w.b.tenant.id, slug: 'beta' });
      const audit = await t.call('GET', `/api/v1/operator/audit?tenantId=${w.b.tenant.id}`, opToken);
      expect(audit.statusCode).toBe(200);
      expect(audit.body).toContain(w.b.users.agent.id);
      expect(audit.body).not.toContain(w.a.users.agent.id);
    });
  });

  // Last on purpose: it adds records to A that share B's emails, which the marker checks above rely on not existing.
  describe('creation', () => {
    it("should create only inside A and leave B untouched when A's principals create records named after B's", async () => {
      const beforeB = await snapshotTenant(t.kefu, w.b.tenant.id);
      const usersBefore = (await t.kefu.services.users.list(systemContext('test', w.a.tenant.id))).length;
      const keysBefore = (await t.kefu.services.apiKeys.list(systemContext('test', w.a.tenant.id))).length;
      const customersOfA = async () => (await t.kefu.services.customers.list(systemContext('test', w.a.tenant.id), { limit: 200 })).items;
      const customersBefore = (await customersOfA()).length;
      const ctxA = systemContext('test', w.a.tenant.id);
      const cc = t.kefu.services.contactCenter;
      const countsOfA = async () => ({
        contacts: (await cc.contacts.list(ctxA, { limit: 200 })).items.length,
        skills: (await cc.routingAdmin.listSkills(ctxA)).length,
        queues: (await cc.routingAdmin.listQueues(ctxA)).length,
        webhooks: (await t.kefu.services.webhooks.service.list(ctxA)).length,
      });
      const countsBefore = await countsOfA();
      let created = 0;
      for (const [key, c] of entries('create')) {
        for (const who of PRINCIPALS) {
          const res = await call(who, key, c);
          if (!holds(who, c.perm)) {
            expectError(res, 403, 'FORBIDDEN');
            continue;
          }
          expect(res.statusCode, `${who} ${key} ${res.body}`).toBe(201);
          // The new record echoes the namesake email by design; no id of B may appear.
          for (const m of markersOfB().filter((x) => !x.includes('@'))) expect(res.body).not.toContain(m);
          created++;
        }
      }
      // users.manage: admin and key (2); apikeys.manage: admin (1); customers.manage, create and resolve: 4 principals each (8);
      // contacts.write: 4; routing.admin, skills and queues: admin and key (4); webhooks.manage: admin and key (2);
      // chat.admin, widgets: admin and key (2); chat.canned.manage: admin and supervisor (2).
      expect(created).toBe(25);
      expect((await customersOfA()).length).toBe(customersBefore + 8);
      expect(await countsOfA()).toEqual({
        contacts: countsBefore.contacts + 4,
        skills: countsBefore.skills + 2,
        queues: countsBefore.queues + 2,
        webhooks: countsBefore.webhooks + 2,
      });
      const namesOfA = [...(await cc.routingAdmin.listSkills(ctxA)), ...(await cc.routingAdmin.listQueues(ctxA))].map((x) => x.name);
      expect(namesOfA).toEqual(expect.arrayContaining([B_SKILL, B_QUEUE]));
      const usersA = await t.kefu.services.users.list(systemContext('test', w.a.tenant.id));
      expect(usersA.length).toBe(usersBefore + 2);
      expect(usersA.map((u) => u.email)).toEqual(expect.arrayContaining([w.b.users.tenant_admin.email, w.b.users.supervisor.email]));
      expect((await t.kefu.services.apiKeys.list(systemContext('test', w.a.tenant.id))).length).toBe(keysBefore + 1);
      expect(await snapshotTenant(t.kefu, w.b.tenant.id)).toEqual(beforeB);
      await expectTokensOfBWork();
    });
  });
});
