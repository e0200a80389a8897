/**
 * Hostile and broken input: every case gets a 4xx with the one error envelope and a stable code,
 * never a 500, never a stack trace or a server path, and a refused write changes nothing.
 * Credentials that are forged, revoked, disabled or suspended are refused, and log-in is throttled
 * per account and per address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/app/index.js';
import { PASSWORD, type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { expectError, type RawRequest, send, snapshotAll } from './support.js';

const BODY_LIMIT = 2048;
const GOOD_PASSWORD = 'a-perfectly-fine-passphrase';
const JSON_TYPE = { 'content-type': 'application/json' };

interface Ctx {
  readonly acme: SeededTenant;
  readonly op: string;
  readonly key: string;
}

interface BadCase {
  readonly name: string;
  readonly req: (c: Ctx) => RawRequest;
  readonly status: number;
  readonly code: string;
  /** A details[].field the answer must name. */
  readonly field?: string;
}

const user = (over: Record<string, unknown> = {}) => ({
  email: 'new@acme.test',
  displayName: 'New person',
  role: 'agent',
  password: GOOD_PASSWORD,
  ...over,
});
const asAdmin = (method: string, url: string, payload?: unknown, headers?: Record<string, string>) => (c: Ctx) => ({
  method,
  url,
  token: c.acme.tokens.tenant_admin,
  ...(payload === undefined ? {} : { payload }),
  ...(headers ? { headers } : {}),
});
const raw = (payload: string, headers: Record<string, string> = JSON_TYPE) => asAdmin('POST', '/api/v1/users', payload, headers);
const MISSING_USER = 'usr_0000000000000000000z';

/** Swaps the secret part of a token for another of the same shape. */
const withOtherSecret = (token: string): string => `${token.slice(0, token.lastIndexOf('.'))}.${'Q'.repeat(43)}`;

const invalid = (cases: readonly Omit<BadCase, 'status' | 'code'>[]): BadCase[] =>
  cases.map((c) => ({ ...c, status: 400, code: 'VALIDATION_FAILED' }));

const BODY_CASES: BadCase[] = [
  { name: 'the body is truncated JSON', req: raw('{"email":'), status: 400, code: 'MALFORMED_JSON' },
  { name: 'the JSON has trailing garbage', req: raw('{"email":"a@b.c"} trailing'), status: 400, code: 'MALFORMED_JSON' },
  { name: 'the JSON sets __proto__', req: raw('{"__proto__":{"role":"operator_admin"}}'), status: 400, code: 'MALFORMED_JSON' },
  { name: 'the JSON sets constructor.prototype', req: raw('{"constructor":{"prototype":{"x":1}}}'), status: 400, code: 'MALFORMED_JSON' },
  { name: 'the JSON body is empty', req: raw(''), status: 400, code: 'MALFORMED_JSON' },
  { name: 'a POST has no body at all', req: asAdmin('POST', '/api/v1/users'), status: 400, code: 'VALIDATION_FAILED', field: 'body' },
  {
    name: 'the body is text/plain',
    req: raw(JSON.stringify(user()), { 'content-type': 'text/plain' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'the body is a form',
    req: raw('email=a%40b.c', { 'content-type': 'application/x-www-form-urlencoded' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'the body is multipart',
    req: raw('--x\r\n\r\n--x--', { 'content-type': 'multipart/form-data; boundary=x' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  { name: 'the body is XML', req: raw('<user/>', { 'content-type': 'application/xml' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  {
    name: 'the body is larger than bodyLimitBytes',
    req: raw(JSON.stringify(user({ displayName: 'x'.repeat(BODY_LIMIT * 2) }))),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a log-in body is larger than bodyLimitBytes',
    req: () => ({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: JSON.stringify({ organization: 'acme', email: 'a@b.c', password: 'p'.repeat(BODY_LIMIT * 2) }),
      headers: JSON_TYPE,
    }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
];

const TYPE_CASES: BadCase[] = invalid([
  { name: 'a number is sent for a string', req: asAdmin('POST', '/api/v1/users', user({ displayName: 42 })), field: 'body.displayName' },
  { name: 'a boolean is sent for an email', req: asAdmin('POST', '/api/v1/users', user({ email: true })), field: 'body.email' },
  { name: 'an array is sent for a role', req: asAdmin('POST', '/api/v1/users', user({ role: ['agent'] })), field: 'body.role' },
  { name: 'null is sent for a password', req: asAdmin('POST', '/api/v1/users', user({ password: null })), field: 'body.password' },
  {
    name: 'an object is sent for a password',
    req: asAdmin('POST', '/api/v1/users', user({ password: { $ne: '' } })),
    field: 'body.password',
  },
  { name: 'the body is a JSON array', req: asAdmin('POST', '/api/v1/users', [user()]), field: 'body' },
  { name: 'the body is a JSON string', req: raw('"hello"'), field: 'body' },
  { name: 'the body is JSON null', req: raw('null'), field: 'body' },
  { name: 'a required field is missing', req: asAdmin('POST', '/api/v1/users', { email: 'x@acme.test' }), field: 'body' },
  { name: 'a patch is empty', req: asAdmin('PATCH', '/api/v1/users/:agent', {}), field: 'body' },
  {
    name: 'an array is sent where the tenant admin object goes',
    req: (c) => ({
      method: 'POST',
      url: '/api/v1/operator/tenants',
      token: c.op,
      payload: { slug: 'zeta', name: 'Zeta', admin: [] },
    }),
    field: 'body.admin',
  },
  {
    name: 'a string is sent for permissions',
    req: asAdmin('POST', '/api/v1/api-keys', { name: 'k', permissions: 'users.read' }),
    field: 'body.permissions',
  },
]);

const TEXT_CASES: BadCase[] = invalid([
  {
    name: 'a display name is over 120 characters',
    req: asAdmin('POST', '/api/v1/users', user({ displayName: 'é'.repeat(121) })),
    field: 'body.displayName',
  },
  {
    name: 'a password is over 256 characters',
    req: asAdmin('POST', '/api/v1/users', user({ password: 'p'.repeat(257) })),
    field: 'body.password',
  },
  {
    name: 'an email is over 254 characters',
    req: asAdmin('POST', '/api/v1/users', user({ email: `${'a'.repeat(250)}@acme.test` })),
    field: 'body.email',
  },
  {
    name: 'an organisation is over 40 characters at log-in',
    req: () => ({ method: 'POST', url: '/api/v1/auth/login', payload: { organization: 'o'.repeat(41), email: 'a@b.c', password: 'x' } }),
    field: 'body.organization',
  },
  {
    name: 'a tenant slug is not a slug',
    req: (c) => ({
      method: 'POST',
      url: '/api/v1/operator/tenants',
      token: c.op,
      payload: { slug: 'Bad Slug!', name: 'Bad', admin: { email: 'a@bad.test', displayName: 'A', password: GOOD_PASSWORD } },
    }),
    field: 'body.slug',
  },
  {
    name: 'an API key name is over 120 characters',
    req: asAdmin('POST', '/api/v1/api-keys', { name: 'k'.repeat(121), permissions: ['users.read'] }),
    field: 'body.name',
  },
  { name: 'a display name is only spaces', req: asAdmin('POST', '/api/v1/users', user({ displayName: '   ' })), field: 'body.displayName' },
  { name: 'an email is an emoji', req: asAdmin('POST', '/api/v1/users', user({ email: '😀@acme.test' })), field: 'body.email' },
  {
    name: 'a display name holds NUL',
    req: asAdmin('POST', '/api/v1/users', user({ displayName: 'nul\u0000byte' })),
    field: 'body.displayName',
  },
  {
    name: 'a display name holds an unpaired surrogate',
    req: asAdmin('POST', '/api/v1/users', user({ displayName: 'half \ud83d' })),
    field: 'body.displayName',
  },
  {
    name: 'a patched display name holds NUL',
    req: asAdmin('PATCH', '/api/v1/users/:agent', { displayName: '\u0000' }),
    field: 'body.displayName',
  },
  {
    name: 'a log-in email holds NUL',
    req: () => ({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { organization: 'acme', email: 'agent\u0000@acme.test', password: 'x' },
    }),
    field: 'body.email',
  },
  {
    name: 'a log-in organisation holds NUL',
    req: () => ({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { organization: 'ac\u0000me', email: 'agent@acme.test', password: 'x' },
    }),
    field: 'body.organization',
  },
  { name: 'a path id holds NUL', req: asAdmin('GET', '/api/v1/users/usr%00x'), field: 'params.id' },
  { name: 'a query holds NUL', req: asAdmin('GET', '/api/v1/audit?before=aud%00x'), field: 'querystring.before' },
  { name: 'a path id is over 64 characters', req: asAdmin('GET', `/api/v1/users/usr_${'a'.repeat(61)}`), field: 'params.id' },
  { name: 'the audit limit is 0', req: asAdmin('GET', '/api/v1/audit?limit=0'), field: 'querystring.limit' },
  { name: 'the audit limit is not a number', req: asAdmin('GET', '/api/v1/audit?limit=ten'), field: 'querystring.limit' },
  { name: 'the audit limit is over 200', req: asAdmin('GET', '/api/v1/audit?limit=100000'), field: 'querystring.limit' },
  { name: 'the audit query has an unknown parameter', req: asAdmin('GET', '/api/v1/audit?sql=1'), field: 'querystring.sql' },
  {
    name: 'the operator audit query lacks tenantId',
    req: (c) => ({ method: 'GET', url: '/api/v1/operator/audit', token: c.op }),
    field: 'querystring',
  },
]);

const ID_CASES: BadCase[] = [
  { name: 'a user id has the wrong shape', req: asAdmin('GET', '/api/v1/users/not-an-id'), status: 404, code: 'NOT_FOUND' },
  { name: 'a user id names no user', req: asAdmin('GET', `/api/v1/users/${MISSING_USER}`), status: 404, code: 'NOT_FOUND' },
  {
    name: 'a patched user does not exist',
    req: asAdmin('PATCH', `/api/v1/users/${MISSING_USER}`, { displayName: 'X' }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'a password is set for a user that does not exist',
    req: asAdmin('PUT', `/api/v1/users/${MISSING_USER}/password`, { password: GOOD_PASSWORD }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'a revoked key does not exist',
    req: asAdmin('DELETE', '/api/v1/api-keys/key_0000000000000000000z'),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'a revoked key id has the wrong shape',
    req: asAdmin('DELETE', '/api/v1/api-keys/..%2F..%2Fetc'),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'the operator reads a tenant that does not exist',
    req: (c) => ({ method: 'GET', url: '/api/v1/operator/tenants/tn_0000000000000000000z', token: c.op }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'the operator reads the platform tenant',
    req: (c) => ({ method: 'GET', url: '/api/v1/operator/tenants/tn_platform', token: c.op }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'the operator suspends the platform tenant',
    req: (c) => ({ method: 'PATCH', url: '/api/v1/operator/tenants/tn_platform', token: c.op, payload: { status: 'suspended' } }),
    status: 404,
    code: 'NOT_FOUND',
  },
  { name: 'the URL is not valid percent-encoding', req: asAdmin('GET', '/api/v1/users/%E0%A4%A'), status: 400, code: 'VALIDATION_FAILED' },
  {
    name: 'a path id is longer than any route parameter',
    req: asAdmin('GET', `/api/v1/users/${'a'.repeat(500)}`),
    status: 404,
    code: 'ROUTE_NOT_FOUND',
  },
  { name: 'the route does not exist', req: asAdmin('GET', '/api/v1/nope'), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'the API version does not exist', req: asAdmin('GET', '/api/v2/users'), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'the method is wrong for a collection', req: asAdmin('DELETE', '/api/v1/users'), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'the method is wrong for a record', req: asAdmin('PUT', '/api/v1/tenant', { name: 'x' }), status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'health is posted to', req: () => ({ method: 'POST', url: '/health', payload: {} }), status: 404, code: 'ROUTE_NOT_FOUND' },
];

const AUTH_CASES: BadCase[] = [
  { name: 'no credential is sent', req: () => ({ method: 'GET', url: '/api/v1/users' }), status: 401, code: 'UNAUTHENTICATED' },
  {
    name: 'the bearer token is garbage',
    req: () => ({ method: 'GET', url: '/api/v1/users', token: 'garbage' }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'the bearer is empty',
    req: () => ({ method: 'GET', url: '/api/v1/users', headers: { authorization: 'Bearer ' } }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'basic auth is sent',
    req: () => ({ method: 'GET', url: '/api/v1/users', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a well-formed session token was never issued',
    req: (c) => ({ method: 'GET', url: '/api/v1/users', token: `kfs.${c.acme.tenant.id}.ses_0000000000000000000z.${'A'.repeat(43)}` }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: "a real session's secret is altered",
    req: (c) => ({ method: 'GET', url: '/api/v1/users', token: withOtherSecret(c.acme.tokens.tenant_admin) }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: "a real API key's secret is altered",
    req: (c) => ({ method: 'GET', url: '/api/v1/users', token: withOtherSecret(c.key) }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a session token is relabelled as an API key',
    req: (c) => ({ method: 'GET', url: '/api/v1/users', token: c.acme.tokens.tenant_admin.replace(/^kfs\./, 'kfk.') }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a session token is relabelled as the platform tenant',
    req: (c) => ({
      method: 'GET',
      url: '/api/v1/operator/tenants',
      token: c.acme.tokens.tenant_admin.replace(c.acme.tenant.id, 'tn_platform'),
    }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'the session cookie is garbage',
    req: () => ({ method: 'GET', url: '/api/v1/users', cookies: { kefu_session: 'garbage' } }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'the session cookie carries an altered secret',
    req: (c) => ({ method: 'GET', url: '/api/v1/users', cookies: { kefu_session: withOtherSecret(c.acme.tokens.tenant_admin) } }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a write carries a forged token',
    req: () => ({
      method: 'POST',
      url: '/api/v1/users',
      token: `kfs.tn_platform.ses_0000000000000000000z.${'A'.repeat(43)}`,
      payload: user(),
    }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
];

describeStorage('bad input', (target) => {
  let t: TestKefu;
  let ctx: Ctx;
  let gamma: SeededTenant;
  const ids = () => [ctx.acme.tenant.id, gamma.tenant.id];
  const resolve = (r: RawRequest): RawRequest => ({ ...r, url: r.url.replace(':agent', ctx.acme.users.agent.id) });
  const login = (organization: string, email: string, password: string, remoteAddress = '127.0.0.1') =>
    send(t, { method: 'POST', url: '/api/v1/auth/login', payload: { organization, email, password }, remoteAddress });

  beforeAll(async () => {
    t = await startTestKefu(target, { bodyLimitBytes: BODY_LIMIT });
    const acme = await t.seedTenant('acme');
    gamma = await t.seedTenant('gamma');
    const res = await t.call('POST', '/api/v1/api-keys', acme.tokens.tenant_admin, {
      name: 'Key',
      permissions: ['users.read', 'users.manage'],
    });
    expect(res.statusCode).toBe(201);
    ctx = { acme, op: await t.operatorToken(), key: res.json().secret as string };
  });
  afterAll(async () => t?.close());

  describe.each([
    ['body format', BODY_CASES],
    ['wrong types', TYPE_CASES],
    ['text limits and unicode', TEXT_CASES],
    ['ids and routes', ID_CASES],
    ['credentials', AUTH_CASES],
  ] as const)('%s', (_group, cases) => {
    const titled = cases.map((c) => [`should answer ${c.status} ${c.code} and change nothing when ${c.name}`, c] as const);
    it.each(titled)('%s', async (_title, c) => {
      const before = await snapshotAll(t.kefu, ids());
      const res = await send(t, resolve(c.req(ctx)));
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      const err = expectError(res, c.status, c.code);
      if (c.field) expect(err.details?.map((d) => d.field)).toContain(c.field);
      expect(await snapshotAll(t.kefu, ids())).toEqual(before);
    });
  });

  describe('text that is fine', () => {
    it('should store and return emoji, accents and right-to-left text unchanged when they are valid', async () => {
      const name = 'Zoë 😀 李 مرحبا e\u0301';
      const created = await t.call(
        'POST',
        '/api/v1/users',
        ctx.acme.tokens.tenant_admin,
        user({ email: 'emoji@acme.test', displayName: name }),
      );
      expect(created.statusCode).toBe(201);
      const read = await t.call('GET', `/api/v1/users/${created.json().id}`, ctx.acme.tokens.tenant_admin);
      expect(read.json().displayName).toBe(name);
      const stored = await t.kefu.services.users.get(systemContext('test', ctx.acme.tenant.id), created.json().id);
      expect(stored.displayName).toBe(name);
    });
  });

  describe('sessions that ended', () => {
    it('should answer 401 SESSION_EXPIRED when a token or its cookie is reused after log-out', async () => {
      const res = await login('acme', ctx.acme.users.supervisor.email, PASSWORD);
      expect(res.statusCode).toBe(200);
      const token = res.json().token as string;
      const cookie = res.cookies.find((c) => c.name === 'kefu_session')?.value ?? '';
      const withCookie = (value: string) => send(t, { method: 'GET', url: '/api/v1/auth/me', cookies: { kefu_session: value } });
      expect((await withCookie(cookie)).statusCode).toBe(200);
      // A cookie altered by one character is no credential, signed or not.
      const flipped = `${cookie.slice(0, -1)}${cookie.endsWith('A') ? 'B' : 'A'}`;
      expectError(await withCookie(flipped), 401, 'UNAUTHENTICATED');
      expect((await t.call('POST', '/api/v1/auth/logout', token)).statusCode).toBe(204);
      expectError(await t.call('GET', '/api/v1/auth/me', token), 401, 'SESSION_EXPIRED');
      expectError(await t.call('POST', '/api/v1/auth/logout', token), 401, 'SESSION_EXPIRED');
      expectError(await withCookie(cookie), 401, 'SESSION_EXPIRED');
    });

    it('should answer 401 when a disabled user uses a token and 403 USER_DISABLED when they log in', async () => {
      const temp = await t.call('POST', '/api/v1/users', ctx.acme.tokens.tenant_admin, user({ email: 'leaver@acme.test' }));
      expect(temp.statusCode).toBe(201);
      const token = await t.login('acme', 'leaver@acme.test', GOOD_PASSWORD);
      expect(
        (await t.call('PATCH', `/api/v1/users/${temp.json().id}`, ctx.acme.tokens.tenant_admin, { status: 'disabled' })).statusCode,
      ).toBe(200);
      expectError(await t.call('GET', '/api/v1/auth/me', token), 401, 'SESSION_EXPIRED');
      expectError(await login('acme', 'leaver@acme.test', GOOD_PASSWORD, '10.0.1.1'), 403, 'USER_DISABLED');
      // A wrong password says nothing about the account's state.
      expectError(await login('acme', 'leaver@acme.test', 'not-the-password', '10.0.1.1'), 401, 'INVALID_CREDENTIALS');
    });

    it('should refuse every credential of a suspended tenant and change nothing when it writes', async () => {
      const key = await t.call('POST', '/api/v1/api-keys', gamma.tokens.tenant_admin, { name: 'Gamma key', permissions: ['users.manage'] });
      expect(key.statusCode).toBe(201);
      const secret = key.json().secret as string;
      const suspend = await t.call('PATCH', `/api/v1/operator/tenants/${gamma.tenant.id}`, ctx.op, { status: 'suspended' });
      expect(suspend.statusCode).toBe(200);
      const before = await snapshotAll(t.kefu, ids());
      expectError(await t.call('GET', '/api/v1/tenant', gamma.tokens.agent), 401, 'SESSION_EXPIRED');
      expectError(
        await t.call('POST', '/api/v1/users', gamma.tokens.tenant_admin, user({ email: 'x@gamma.test' })),
        401,
        'SESSION_EXPIRED',
      );
      expectError(await t.call('POST', '/api/v1/users', secret, user({ email: 'y@gamma.test' })), 403, 'TENANT_SUSPENDED');
      expectError(await login('gamma', gamma.users.tenant_admin.email, PASSWORD, '10.0.1.2'), 403, 'TENANT_SUSPENDED');
      expectError(await login('gamma', gamma.users.tenant_admin.email, 'wrong-password-here', '10.0.1.2'), 401, 'INVALID_CREDENTIALS');
      expect(await snapshotAll(t.kefu, ids())).toEqual(before);
      // Lifting the suspension restores log-in: the refusals above came from the suspension.
      expect((await t.call('PATCH', `/api/v1/operator/tenants/${gamma.tenant.id}`, ctx.op, { status: 'active' })).statusCode).toBe(200);
      expect((await login('gamma', gamma.users.tenant_admin.email, PASSWORD, '10.0.1.2')).statusCode).toBe(200);
      expect((await t.call('GET', '/api/v1/users', secret)).statusCode).toBe(403);
    });
  });

  describe('log-in throttling', () => {
    it('should answer 429 LOGIN_THROTTLED after 5 wrong passwords for one account even with the right one', async () => {
      const sys = systemContext('test', ctx.acme.tenant.id);
      await t.kefu.services.users.create(sys, { email: 'target@acme.test', displayName: 'Target', role: 'agent', password: GOOD_PASSWORD });
      for (let i = 0; i < 5; i++) {
        expectError(await login('acme', 'target@acme.test', `wrong-password-${i}`, '10.0.2.1'), 401, 'INVALID_CREDENTIALS');
      }
      expectError(await login('acme', 'target@acme.test', 'wrong-password-6', '10.0.2.1'), 429, 'LOGIN_THROTTLED');
      expectError(await login('acme', 'target@acme.test', GOOD_PASSWORD, '10.0.2.1'), 429, 'LOGIN_THROTTLED');
      // The lock is on the account, wherever the next attempt comes from; the e-mail's case does not matter.
      expectError(await login('acme', 'TARGET@acme.test', GOOD_PASSWORD, '10.0.2.2'), 429, 'LOGIN_THROTTLED');
      // Other accounts from the same address are not affected.
      expect((await login('acme', ctx.acme.users.agent.email, PASSWORD, '10.0.2.1')).statusCode).toBe(200);
    });

    it('should answer 429 LOGIN_THROTTLED for every account when one address sprays many accounts', async () => {
      const spray = '10.0.3.1';
      for (let i = 0; i < 30; i++) {
        expectError(await login('acme', `nobody-${i}@acme.test`, 'wrong-password-x', spray), 401, 'INVALID_CREDENTIALS');
      }
      expectError(await login('acme', ctx.acme.users.agent.email, PASSWORD, spray), 429, 'LOGIN_THROTTLED');
      // A forwarded-for header does not buy a fresh address when the proxy is not trusted.
      const forwarded = await send(t, {
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { organization: 'acme', email: ctx.acme.users.agent.email, password: PASSWORD },
        remoteAddress: spray,
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expectError(forwarded, 429, 'LOGIN_THROTTLED');
      // The same account from another address still logs in: the lock is on the address.
      expect((await login('acme', ctx.acme.users.agent.email, PASSWORD, '10.0.3.2')).statusCode).toBe(200);
    });
  });
});
