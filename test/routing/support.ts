/** Helpers for routing tests over HTTP: one tenant's queues, staffing, contacts and the snapshot. */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { createKefu, type Kefu, type KefuOptions } from '../../src/app/index.js';
import type { Clock } from '../../src/kernel/index.js';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import type { StorageTarget } from '../helpers/storage.js';

export interface Contact {
  readonly id: string;
  readonly state: string;
  readonly agentId: string | null;
  readonly queueId: string | null;
  readonly lastSeq: number;
}
export interface Snapshot {
  readonly totals: Record<string, number>;
  readonly agents: { id: string; presence: string; offered: string[]; assigned: string[] }[];
  readonly queues: { id: string; waiting: number }[];
}
export type Call = (method: string, url: string, token: string | null, body?: unknown) => Promise<LightMyRequestResponse>;

export const DISPOSITION = { contactClass: 'consultation', reason: 'plan_change', resolved: true } as const;

/**
 * A clock the test moves on (`s.skew += ms`). The store and routing read it; the runtime's timers
 * still run on real time, so moving it on makes a deadline pass before its timer can fire.
 */
export const skewed = () => {
  const s = { skew: 0 };
  const clock: Clock = { now: () => Date.now() + s.skew };
  return { s, clock };
};

/** Polls `read` until `done` holds or `ms` pass; returns the last value read. */
export const until = async <T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 5000): Promise<T> => {
  const deadline = Date.now() + ms;
  let v = await read();
  while (!done(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    v = await read();
  }
  return v;
};

/** One tenant with a skill, an agent routed to it, and helpers over a given `call`. */
export const routingOf = (call: () => Call, tenant: () => SeededTenant) => {
  const json = async <T>(method: string, url: string, token: string, body?: unknown, status = method === 'GET' ? 200 : 201) => {
    const res = await call()(method, url, token, body);
    expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(status);
    return res.json() as T;
  };
  const admin = () => tenant().tokens.tenant_admin;
  return {
    json,
    contact: (id: string) => json<Contact>('GET', `/api/v1/contacts/${id}`, admin()),
    snapshot: () => json<Snapshot>('GET', '/api/v1/routing/snapshot', admin()),
    transitions: (id: string) =>
      json<{ items: { from: string; to: string; reason: string | null; agentId: string | null }[] }>(
        'GET',
        `/api/v1/contacts/${id}/transitions`,
        admin(),
      ).then((r) => r.items),
    presenceOf: async (userId: string) =>
      (await json<{ items: { userId: string; presence: string }[] }>('GET', '/api/v1/routing/agents', admin())).items.find(
        (a) => a.userId === userId,
      )?.presence,
    queue: async (name: string, config: object) => {
      const skill = await json<{ id: string }>('POST', '/api/v1/routing/skills', admin(), { name: `${name} skill` });
      const q = await json<{ id: string }>('POST', '/api/v1/routing/queues', admin(), {
        name,
        config: { requiredSkills: [{ skill: skill.id, minProficiency: 1 }], ...config },
      });
      return { queueId: q.id, skillId: skill.id };
    },
    /** Gives the user the skill (and by default room for 5 chats) and makes it available. */
    staff: async (userId: string, token: string, skillId: string, profile: object = {}) => {
      const body = { skills: { [skillId]: 3 }, capacity: { chat: 5 }, ...profile };
      await json('PUT', `/api/v1/routing/agents/${userId}`, admin(), body, 200);
      expect((await call()('POST', '/api/v1/routing/me/state', token, { state: 'available' })).statusCode).toBe(204);
    },
    open: (queueId: string) => json<Contact>('POST', '/api/v1/contacts', admin(), { channel: 'chat', queueId, tier: 'low' }),
  };
};

/** Requests straight to a kefu instance (one started again after a restart), with a bearer token. */
export const callOn =
  (kefu: Kefu): Call =>
  (method, url, token, body) =>
    kefu.server.inject({
      method: method as 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });

/**
 * A kefu with tenant `acme` that a test can stop and start again on the same store (registers the
 * suite's beforeAll and afterAll). `call` and `r` follow whichever instance is running.
 */
export const restartableKefu = (target: StorageTarget, opts: KefuOptions = {}) => {
  let t: TestKefu | undefined;
  let acme: SeededTenant | undefined;
  let again: Kefu | null = null;
  let call: Call | undefined;
  const must = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('restartableKefu: used before beforeAll ran');
    return v;
  };
  beforeAll(async () => {
    t = await startTestKefu(target, {}, opts);
    acme = await t.seedTenant('acme');
    call = t.call;
  });
  afterAll(async () => {
    await again?.close();
    await t?.close();
  });
  return {
    get acme(): SeededTenant {
      return must(acme);
    },
    get call(): Call {
      return must(call);
    },
    r: routingOf(
      () => must(call),
      () => must(acme),
    ),
    /** Stops the running kefu, lets `whileDown` happen, and starts it again on the same store. */
    restart: async (whileDown: () => void = () => undefined): Promise<void> => {
      const first = must(t);
      await (again ?? first.kefu).close();
      whileDown();
      again = await createKefu(first.kefu.config, { rateLimitPerMinute: 100_000, ...opts });
      call = callOn(again);
    },
  };
};
