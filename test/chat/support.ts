/** Shared set-up of the chat suites: a tenant with a queue, a routable agent and a widget. */
import { createHmac } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { SeededTenant, TestKefu } from '../helpers/app.js';

export interface ChatWorld {
  readonly tenant: SeededTenant;
  readonly admin: string;
  readonly queueId: string;
  readonly widget: { id: string; publicKey: string };
  readonly secret: string;
}

export interface Opened {
  token: string;
  contactId: string;
  state: string;
  position: number | null;
  estimatedWaitMs: number | null;
}

export const PRECHAT = (queueId: string) => ({
  fields: { name: 'required', email: 'optional', phone: 'hidden' },
  topics: [{ id: 'billing', label: { 'zh-CN': '账单', en: 'Billing' }, queueId, product: null }],
});

export const json = async <T>(t: TestKefu, method: string, url: string, token: string | null, body?: unknown, status?: number) => {
  const res = await t.call(method, url, token, body);
  expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(status ?? (method === 'GET' ? 200 : 201));
  return (res.body ? res.json() : null) as T;
};

/** A queue the tenant's agent serves (capacity `capacity` chats), and a widget for it. */
export const setUpChat = async (t: TestKefu, slug: string, capacity = 2): Promise<ChatWorld> => {
  const tenant = await t.seedTenant(slug);
  const admin = tenant.tokens.tenant_admin;
  const skill = await json<{ id: string }>(t, 'POST', '/api/v1/routing/skills', admin, { name: 'billing' });
  const queue = await json<{ id: string }>(t, 'POST', '/api/v1/routing/queues', admin, {
    name: 'Billing',
    config: { requiredSkills: [{ skill: skill.id, minProficiency: 1 }], offerTimeoutMs: 600_000 },
  });
  await json(
    t,
    'PUT',
    `/api/v1/routing/agents/${tenant.users.agent.id}`,
    admin,
    { skills: { [skill.id]: 3 }, capacity: { chat: capacity } },
    200,
  );
  const created = await json<{ widget: { id: string; publicKey: string }; identitySecret: string }>(
    t,
    'POST',
    '/api/v1/chat/widgets',
    admin,
    {
      name: `Site of ${slug}`,
      allowedOrigins: [`https://shop.${slug}.example`],
      prechat: PRECHAT(queue.id),
    },
  );
  return { tenant, admin, queueId: queue.id, widget: created.widget, secret: created.identitySecret };
};

export const openConversation = async (t: TestKefu, w: ChatWorld, body: object = {}): Promise<Opened> =>
  json<Opened>(t, 'POST', `/api/v1/widget/${w.widget.publicKey}/conversations`, null, { name: 'Ada 顾客', topicId: 'billing', ...body });

export const sign = (secret: string, userId: string, timestamp: number): string =>
  createHmac('sha256', secret).update(`${userId}.${timestamp}`).digest('hex');

export const visitor = (
  t: TestKefu,
  method: string,
  url: string,
  token: string | null,
  extra: { payload?: unknown; headers?: Record<string, string> } = {},
) =>
  t.kefu.server.inject({
    method: method as 'GET',
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(extra.headers ?? {}) },
    ...(extra.payload === undefined ? {} : { payload: extra.payload as string }),
  }) as Promise<LightMyRequestResponse>;
