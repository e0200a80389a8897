/**
 * Shared checks for the API suites: the error envelope, requests with extra headers or a chosen
 * client address (test/helpers/app.ts `call` sends only a bearer), the route list the server really
 * has, and snapshots of a tenant's data taken through the services, so "nothing changed" is checked
 * against the store rather than against what the API chose to say.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type Kefu, systemContext } from '../../src/app/index.js';
import type { TestKefu } from '../helpers/app.js';

export interface RawRequest {
  readonly method: string;
  readonly url: string;
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
  readonly cookies?: Record<string, string>;
  /** A string is sent as is (with the headers given); anything else is sent as JSON. */
  readonly payload?: unknown;
  readonly remoteAddress?: string;
}

export const send = (t: TestKefu, r: RawRequest): Promise<LightMyRequestResponse> =>
  t.kefu.server.inject({
    method: r.method as 'GET',
    url: r.url,
    headers: { ...(r.token ? { authorization: `Bearer ${r.token}` } : {}), ...(r.headers ?? {}) },
    ...(r.cookies ? { cookies: r.cookies } : {}),
    ...(r.payload === undefined ? {} : { payload: r.payload as string }),
    ...(r.remoteAddress ? { remoteAddress: r.remoteAddress } : {}),
  });

// What a leaked stack trace or server path would look like in a response body.
const LEAKS = [/\n\s+at\s/, /\.(?:ts|js|mjs|cjs):\d+/, /node_modules/, /file:\/\//, /\/work\//, /\/tmp\//];

export const expectNoLeak = (res: LightMyRequestResponse): void => {
  for (const pattern of LEAKS) expect(res.body, `body leaks ${pattern}`).not.toMatch(pattern);
};

export interface ErrorJson {
  readonly code: string;
  readonly message: string;
  readonly requestId: string;
  readonly details?: readonly { readonly field?: string; readonly issue: string }[];
}

/** Asserts the one error shape: status, stable code, message, request id (echoed in the header), no leak. */
export const expectError = (res: LightMyRequestResponse, status: number, code: string): ErrorJson => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json() as { error: ErrorJson };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.requestId).toBe(res.headers['x-request-id']);
  expectNoLeak(res);
  return body.error;
};

/** A 400 VALIDATION_FAILED whose details name `field` (e.g. `body.tenant_id`). */
export const expectInvalidField = (res: LightMyRequestResponse, field: string): void => {
  const err = expectError(res, 400, 'VALIDATION_FAILED');
  expect(err.details?.map((d) => d.field)).toContain(field);
};

/**
 * Every method + path the server routes, read from Fastify's own route tree (the OpenAPI document
 * omits hidden routes). HEAD is left out: Fastify adds it for each GET with the same options.
 */
export const serverRoutes = (kefu: Kefu): string[] => {
  const out = new Set<string>();
  const stack: string[] = [];
  for (const line of kefu.server.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    const segment = m[2] ?? '';
    // Children extend their parent's path; a top-level node may print without its leading slash.
    const path = depth === 0 && !segment.startsWith('/') ? `/${segment}` : `${stack[depth - 1] ?? ''}${segment}`;
    stack.push(path);
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (method && method !== 'HEAD') out.add(`${method} ${path}`);
    }
  }
  return [...out].sort();
};

export interface TenantSnapshot {
  readonly tenant: unknown;
  readonly users: unknown;
  readonly apiKeys: unknown;
  readonly auditIds: readonly string[];
  readonly customers: unknown;
  readonly customerTiers: unknown;
  /** Every contact with its transition log and messages. */
  readonly contacts: unknown;
  readonly skills: unknown;
  readonly queues: unknown;
  readonly agentProfiles: unknown;
  /** The live engine's view: what is queued, offered and assigned, and each agent's presence. */
  readonly routing: unknown;
  /** Webhooks with their deliveries (a ping or an event adds one). */
  readonly webhooks: unknown;
}

const contactsOf = async (kefu: Kefu, ctx: ReturnType<typeof systemContext>): Promise<unknown[]> => {
  const svc = kefu.services.contactCenter.contacts;
  const out: unknown[] = [];
  let before: string | undefined;
  do {
    const page = await svc.list(ctx, { limit: 200, ...(before ? { before } : {}) });
    for (const c of page.items)
      out.push({ ...c, transitions: await svc.transitions(ctx, c.id), messages: await svc.messages(ctx, c.id, 0, 500) });
    before = page.nextBefore ?? undefined;
  } while (before);
  return out;
};

const routingOf = async (kefu: Kefu, ctx: ReturnType<typeof systemContext>): Promise<unknown> => {
  const snap = await kefu.services.contactCenter.routingLive.snapshot(ctx);
  // A queue's longest wait grows by itself as time passes; nothing else in the view may change.
  return { totals: snap.totals, agents: snap.agents, queues: snap.queues.map(({ longestWaitMs: _grows, ...q }) => q) };
};

const webhooksOf = async (kefu: Kefu, ctx: ReturnType<typeof systemContext>): Promise<unknown> => {
  const svc = kefu.services.webhooks.service;
  return Promise.all(
    (await svc.list(ctx)).map(async (w) => ({ ...w, deliveries: (await svc.deliveries(ctx, w.id, { limit: 200 })).items })),
  );
};

/** A tenant's data as the store holds it. A key's lastUsedAt is left out: using a key touches it. */
export const snapshotTenant = async (kefu: Kefu, tenantId: string): Promise<TenantSnapshot> => {
  const ctx = systemContext('test', tenantId);
  const keys = await kefu.services.apiKeys.list(ctx);
  const auditIds: string[] = [];
  let before: string | null = null;
  do {
    const page = await kefu.services.audit.list(ctx, { limit: 200, before, action: null });
    auditIds.push(...page.items.map((e) => e.id));
    before = page.nextBefore;
  } while (before);
  const customers: unknown[] = [];
  let customersBefore: string | undefined;
  do {
    const page = await kefu.services.customers.list(ctx, { limit: 200, ...(customersBefore ? { before: customersBefore } : {}) });
    customers.push(...page.items);
    customersBefore = page.nextBefore ?? undefined;
  } while (customersBefore);
  return {
    tenant: await kefu.services.tenants.getOwn(ctx),
    users: await kefu.services.users.list(ctx),
    apiKeys: keys.map(({ lastUsedAt: _used, ...rest }) => rest),
    auditIds,
    customers,
    customerTiers: await kefu.services.customers.tiers(ctx),
    contacts: await contactsOf(kefu, ctx),
    skills: await kefu.services.contactCenter.routingAdmin.listSkills(ctx),
    queues: await kefu.services.contactCenter.routingAdmin.listQueues(ctx),
    agentProfiles: await kefu.services.contactCenter.routingAdmin.listAgents(ctx),
    routing: await routingOf(kefu, ctx),
    webhooks: await webhooksOf(kefu, ctx),
  };
};

/** Every tenant's data plus the tenant list, for "this request changed nothing anywhere". */
export const snapshotAll = async (kefu: Kefu, tenantIds: readonly string[]): Promise<unknown> => ({
  tenants: await kefu.services.tenants.list(systemContext('test')),
  each: await Promise.all(tenantIds.map((id) => snapshotTenant(kefu, id))),
});
