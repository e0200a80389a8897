/**
 * What operators and tools rely on: liveness and readiness, Prometheus metrics, a valid OpenAPI 3
 * document covering every /api/v1 route with request and response schemas, the browsable docs,
 * a request id on every response and helmet's security headers on every response, errors included.
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kefuVersion } from '../../src/app/index.js';
import { PASSWORD, type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { expectError, type RawRequest, send, serverRoutes } from './support.js';

type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats)) as AddFormats;

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: object }[];
  requestBody?: { content?: Record<string, { schema?: object }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: object }> }>;
  security?: unknown[];
}

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Record<string, unknown> };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
// Actions whose whole meaning is in the path: accept or decline an offer, end, the customer left.
const NO_BODY = new Set([
  'POST /api/v1/auth/logout',
  'POST /api/v1/webhooks/{id}/ping',
  'POST /api/v1/webhooks/{id}/rotate-secret',
  'POST /api/v1/contacts/{id}/accept',
  'POST /api/v1/contacts/{id}/attachments',
  'POST /api/v1/contacts/{id}/reject',
  'POST /api/v1/contacts/{id}/end',
  'POST /api/v1/contacts/{id}/abandon',
  'POST /api/v1/chat/widgets/{id}/rotate-secret',
  // Raw file bytes (image, PDF, text), not JSON.
  'POST /api/v1/widget/conversations/{id}/attachments',
]);

/** Every sample counter value of `name` whose labels include all of `labels`. */
const counter = (metrics: string, name: string, labels: Record<string, string>): number => {
  let sum = 0;
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
};

describeStorage('operations surface', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  let doc: OpenApiDoc;
  const metrics = async (): Promise<string> => {
    const res = await t.call('GET', '/metrics', null);
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
    doc = (await t.call('GET', '/openapi.json', null)).json() as OpenApiDoc;
  });
  afterAll(async () => t?.close());

  describe('health', () => {
    it('should answer 200 ok on /health and 200 ready on /ready when the store is up, without credentials', async () => {
      const health = await t.call('GET', '/health', null);
      expect(health.statusCode).toBe(200);
      expect(health.json()).toEqual({ status: 'ok' });
      const ready = await t.call('GET', '/ready', null);
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready' });
    });
  });

  describe('metrics', () => {
    it('should serve Prometheus text with kefu_http_requests_total when scraped', async () => {
      const res = await t.call('GET', '/metrics', null);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(res.body).toContain('# TYPE kefu_http_requests_total counter');
      expect(res.body).toContain('# TYPE kefu_http_request_duration_seconds histogram');
      expect(res.body).toMatch(/^kefu_process_cpu_user_seconds_total \d/m);
      // Every sample line is `name{labels} value` or `name value`.
      for (const line of res.body.split('\n').filter((l) => l && !l.startsWith('#'))) {
        expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/);
      }
    });

    it('should count each request under its method, route pattern and status when requests are served', async () => {
      const before = counter(await metrics(), 'kefu_http_requests_total', { method: 'GET', route: '/health', status: '200' });
      for (let i = 0; i < 3; i++) await t.call('GET', '/health', null);
      const after = counter(await metrics(), 'kefu_http_requests_total', { method: 'GET', route: '/health', status: '200' });
      expect(after - before).toBe(3);
      await t.call('GET', `/api/v1/users/${acme.users.agent.id}`, acme.tokens.tenant_admin);
      await t.call('GET', '/api/v1/users', null);
      const body = await metrics();
      expect(counter(body, 'kefu_http_requests_total', { route: '/api/v1/users/:id', status: '200' })).toBeGreaterThanOrEqual(1);
      expect(counter(body, 'kefu_http_requests_total', { route: '/api/v1/users', status: '401' })).toBeGreaterThanOrEqual(1);
    });

    it('should keep raw ids and unknown paths out of the labels when such urls are requested', async () => {
      await t.call('GET', '/api/v1/no-such-route-7f3a9', null);
      await t.call('GET', `/api/v1/users/${acme.users.supervisor.id}`, acme.tokens.tenant_admin);
      const body = await metrics();
      expect(body).not.toContain('no-such-route-7f3a9');
      expect(body).not.toContain(acme.users.supervisor.id);
    });
  });

  describe('OpenAPI document', () => {
    it('should be an OpenAPI 3 document naming kefu and its version when fetched', () => {
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(doc.info).toMatchObject({ title: 'kefu API', version: kefuVersion() });
      expect(Object.keys(doc.components?.securitySchemes ?? {})).toEqual(expect.arrayContaining(['bearer', 'cookie']));
      for (const [path, ops] of Object.entries(doc.paths)) {
        expect(path).toMatch(/^\//);
        for (const method of Object.keys(ops)) expect(METHODS).toContain(method);
      }
    });

    it('should list every /api/v1 route the server has and hide /metrics and /openapi.json when compared with the router', () => {
      const documented = new Set(
        Object.entries(doc.paths).flatMap(([path, ops]) =>
          Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
        ),
      );
      const apiRoutes = serverRoutes(t.kefu).filter((r) => r.includes(' /api/v1/'));
      expect(apiRoutes.length).toBeGreaterThanOrEqual(16);
      expect(apiRoutes.filter((r) => !documented.has(r))).toEqual([]);
      expect([...documented].filter((r) => r.includes(' /api/') && !apiRoutes.includes(r))).toEqual([]);
      expect(doc.paths['/metrics']).toBeUndefined();
      expect(doc.paths['/openapi.json']).toBeUndefined();
      expect(doc.paths['/health']?.get).toBeDefined();
      expect(doc.paths['/ready']?.get).toBeDefined();
    });

    it('should give every operation a success response with a schema, a JSON request schema where it takes a body, and its path parameters', () => {
      const ajv = new Ajv({ strict: false });
      addFormats(ajv);
      let bodies = 0;
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const key = `${method.toUpperCase()} ${path}`;
          const success = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
          expect(success.length, `${key} documents no 2xx`).toBeGreaterThan(0);
          for (const [code, response] of success) {
            expect(typeof response.description).toBe('string');
            if (code === '204') continue;
            const schema = response.content?.['application/json']?.schema;
            expect(schema, `${key} ${code} has no response schema`).toBeDefined();
            expect(() => ajv.compile(schema as object), key).not.toThrow();
          }
          if (['post', 'put', 'patch'].includes(method) && !NO_BODY.has(key)) {
            const schema = op.requestBody?.content?.['application/json']?.schema as { type?: string; additionalProperties?: unknown };
            expect(schema, `${key} has no request schema`).toBeDefined();
            expect(schema.type).toBe('object');
            expect(schema.additionalProperties).toBe(false);
            expect(() => ajv.compile(schema), key).not.toThrow();
            bodies++;
          }
          const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
          const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
          expect(declared.sort(), key).toEqual(inPath.sort());
        }
      }
      expect(bodies).toBeGreaterThanOrEqual(8);
    });

    it('should mark log-in as needing no credential when the document is read', () => {
      expect(doc.paths['/api/v1/auth/login']?.post?.security).toEqual([]);
    });
  });

  describe('browsable docs', () => {
    it('should serve the API docs as HTML with its assets when /docs is opened', async () => {
      const page = await t.call('GET', '/docs', null);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toMatch(/swagger/i);
      const init = await t.call('GET', '/docs/static/swagger-initializer.js', null);
      expect(init.statusCode).toBe(200);
      const spec = await t.call('GET', '/docs/json', null);
      expect(spec.statusCode).toBe(200);
      expect(spec.json()).toMatchObject({ openapi: doc.openapi, info: { title: 'kefu API' } });
    });
  });

  describe('headers on every response', () => {
    // `hooks: false`: answered before routing (Fastify's frameworkErrors), where no onRequest hook
    // runs, so helmet cannot add its headers; the request id is still set there by hand.
    const SAMPLES: { name: string; req: (a: SeededTenant) => RawRequest; status: number; hooks?: false }[] = [
      { name: 'health', req: () => ({ method: 'GET', url: '/health' }), status: 200 },
      { name: 'readiness', req: () => ({ method: 'GET', url: '/ready' }), status: 200 },
      { name: 'metrics', req: () => ({ method: 'GET', url: '/metrics' }), status: 200 },
      { name: 'the OpenAPI document', req: () => ({ method: 'GET', url: '/openapi.json' }), status: 200 },
      { name: 'the docs page', req: () => ({ method: 'GET', url: '/docs' }), status: 200 },
      { name: 'an API read', req: (a) => ({ method: 'GET', url: '/api/v1/users', token: a.tokens.tenant_admin }), status: 200 },
      {
        name: 'a log-in',
        req: (a) => ({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { organization: 'acme', email: a.users.agent.email, password: PASSWORD },
        }),
        status: 200,
      },
      { name: 'a refused credential', req: () => ({ method: 'GET', url: '/api/v1/users' }), status: 401 },
      { name: 'a forbidden call', req: (a) => ({ method: 'GET', url: '/api/v1/users', token: a.tokens.agent }), status: 403 },
      { name: 'an unknown route', req: () => ({ method: 'GET', url: '/api/v1/nope' }), status: 404 },
      {
        name: 'malformed JSON',
        req: (a) => ({
          method: 'POST',
          url: '/api/v1/users',
          token: a.tokens.tenant_admin,
          payload: '{',
          headers: { 'content-type': 'application/json' },
        }),
        status: 400,
      },
      { name: 'an undecodable URL', req: () => ({ method: 'GET', url: '/api/v1/users/%E0%A4%A' }), status: 400, hooks: false },
    ];

    const expectHelmet = (res: LightMyRequestResponse): void => {
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
    };

    it.each(SAMPLES)('should send a generated x-request-id and the security headers when answering $name', async ({
      req,
      status,
      hooks,
    }) => {
      const res = await send(t, req(acme));
      expect(res.statusCode).toBe(status);
      expect(res.headers['x-request-id']).toMatch(UUID);
      if (status >= 400) expect(res.json().error.requestId).toBe(res.headers['x-request-id']);
      if (hooks !== false) expectHelmet(res);
    });

    it.each(SAMPLES)('should echo a usable x-request-id when answering $name', async ({ req, status }) => {
      const r = req(acme);
      const res = await send(t, { ...r, headers: { ...(r.headers ?? {}), 'x-request-id': 'trace-1234.abc:def_9' } });
      expect(res.statusCode).toBe(status);
      expect(res.headers['x-request-id']).toBe('trace-1234.abc:def_9');
    });

    it('should replace an x-request-id that is too long or has unsafe characters with a generated one', async () => {
      for (const given of ['x'.repeat(65), 'new\\nline', '<script>', 'a b']) {
        const res = await send(t, { method: 'GET', url: '/api/v1/nope', headers: { 'x-request-id': given } });
        expect(res.headers['x-request-id']).toMatch(UUID);
        expect(expectError(res, 404, 'ROUTE_NOT_FOUND').requestId).toBe(res.headers['x-request-id']);
      }
    });
  });
});
