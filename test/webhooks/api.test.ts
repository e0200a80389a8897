/**
 * The webhooks API on a server with the default configuration (private targets refused):
 * registration, the secret shown once, permissions, audit, paging, and bad input answered with
 * stable 4xx codes that change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectInvalidField } from '../api/support.js';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';

const URL_OK = 'https://hooks.example.com/kefu';

interface Hook {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  description: string | null;
}

describeStorage('webhooks API', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;
  const admin = () => acme.tokens.tenant_admin;
  const list = async (): Promise<Hook[]> => ((await t.call('GET', '/api/v1/webhooks', admin())).json() as { items: Hook[] }).items;
  const auditActions = async (): Promise<string[]> =>
    ((await t.call('GET', '/api/v1/audit?limit=200', admin())).json() as { items: { action: string }[] }).items.map((e) => e.action);
  /** Runs `fn` and checks the webhooks and the audit log are as before. */
  const unchanged = async (fn: () => Promise<void>): Promise<void> => {
    const before = { hooks: await list(), audit: await auditActions() };
    await fn();
    expect({ hooks: await list(), audit: await auditActions() }).toEqual(before);
  };

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
  });
  afterAll(async () => t?.close());

  describe('registration', () => {
    let created: { webhook: Hook; secret: string };

    it('should register a webhook and show its secret once when created', async () => {
      const res = await t.call('POST', '/api/v1/webhooks', admin(), {
        url: URL_OK,
        events: ['contact.queued', 'contact.*', 'contact.queued'.replace('queued', 'closed')],
        description: '  CRM bridge ',
      });
      expect(res.statusCode, res.body).toBe(201);
      created = res.json() as typeof created;
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(created.webhook).toMatchObject({
        url: URL_OK,
        events: ['contact.*', 'contact.closed', 'contact.queued'],
        active: true,
        description: 'CRM bridge',
      });
      const got = await t.call('GET', `/api/v1/webhooks/${created.webhook.id}`, admin());
      expect(got.json()).toEqual(created.webhook);
      for (const res2 of [got, await t.call('GET', '/api/v1/webhooks', admin())]) expect(res2.body).not.toContain(created.secret);
      const audit = await t.call('GET', '/api/v1/audit?action=webhook.create', admin());
      expect(audit.body).toContain(created.webhook.id);
      expect(audit.body).not.toContain(created.secret);
    });

    it('should change, pause and describe a webhook when patched, and audit before and after', async () => {
      const res = await t.call('PATCH', `/api/v1/webhooks/${created.webhook.id}`, admin(), {
        url: 'https://other.example.com/in',
        events: ['message.created'],
        active: false,
        description: null,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        url: 'https://other.example.com/in',
        events: ['message.created'],
        active: false,
        description: null,
      });
      const audit = (await t.call('GET', '/api/v1/audit?action=webhook.update', admin())).json() as {
        items: { before: { url: string }; after: { active: boolean } }[];
      };
      expect(audit.items[0]).toMatchObject({ before: { url: URL_OK }, after: { active: false } });
    });

    it('should refuse a ping with WEBHOOK_INACTIVE when the webhook is paused', async () => {
      expectError(await t.call('POST', `/api/v1/webhooks/${created.webhook.id}/ping`, admin()), 409, 'WEBHOOK_INACTIVE');
    });

    it('should queue a ping and list it, newest first with a cursor, when active', async () => {
      await t.call('PATCH', `/api/v1/webhooks/${created.webhook.id}`, admin(), { active: true });
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const ping = await t.call('POST', `/api/v1/webhooks/${created.webhook.id}/ping`, admin());
        expect(ping.statusCode, ping.body).toBe(202);
        expect(ping.json()).toMatchObject({ eventType: 'webhook.ping', status: 'pending', attempts: 0 });
        ids.push((ping.json() as { id: string }).id);
      }
      const page1 = (await t.call('GET', `/api/v1/webhooks/${created.webhook.id}/deliveries?limit=2`, admin())).json() as {
        items: { id: string }[];
        nextBefore: string;
      };
      expect(page1.items.map((d) => d.id)).toEqual([ids[2], ids[1]]);
      const page2 = (
        await t.call('GET', `/api/v1/webhooks/${created.webhook.id}/deliveries?limit=2&before=${page1.nextBefore}`, admin())
      ).json() as { items: { id: string }[]; nextBefore: string | null };
      expect(page2).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextBefore: null });
      const delivered = (await t.call('GET', `/api/v1/webhooks/${created.webhook.id}/deliveries?status=delivered`, admin())).json();
      expect(delivered).toEqual({ items: [], nextBefore: null });
    });

    it('should delete a webhook with its deliveries and audit it when deleted', async () => {
      const del = await t.call('DELETE', `/api/v1/webhooks/${created.webhook.id}`, admin());
      expect(del.statusCode).toBe(204);
      expectError(await t.call('GET', `/api/v1/webhooks/${created.webhook.id}`, admin()), 404, 'NOT_FOUND');
      expectError(await t.call('GET', `/api/v1/webhooks/${created.webhook.id}/deliveries`, admin()), 404, 'NOT_FOUND');
      expect(await auditActions()).toContain('webhook.delete');
    });
  });

  describe('access', () => {
    it('should refuse supervisors and agents with FORBIDDEN on every webhook route', async () => {
      for (const who of ['supervisor', 'agent'] as const) {
        expectError(await t.call('GET', '/api/v1/webhooks', acme.tokens[who]), 403, 'FORBIDDEN');
        expectError(await t.call('POST', '/api/v1/webhooks', acme.tokens[who], { url: URL_OK, events: ['contact.*'] }), 403, 'FORBIDDEN');
      }
    });

    it('should let an API key manage webhooks only when granted webhooks.manage', async () => {
      const mint = async (permissions: string[]) =>
        ((await t.call('POST', '/api/v1/api-keys', admin(), { name: `k ${permissions[0]}`, permissions })).json() as { secret: string })
          .secret;
      const withIt = await mint(['webhooks.manage']);
      const without = await mint(['tenant.read']);
      const made = await t.call('POST', '/api/v1/webhooks', withIt, { url: URL_OK, events: ['contact.*'] });
      expect(made.statusCode, made.body).toBe(201);
      expectError(await t.call('GET', '/api/v1/webhooks', without), 403, 'FORBIDDEN');
      expect(
        (await t.call('DELETE', `/api/v1/webhooks/${(made.json() as { webhook: { id: string } }).webhook.id}`, withIt)).statusCode,
      ).toBe(204);
    });
  });

  describe('bad input', () => {
    const post = (body: unknown) => t.call('POST', '/api/v1/webhooks', admin(), body);

    it.each([
      ['loopback', 'http://127.0.0.1:9000/hook'],
      ['localhost', 'http://localhost/hook'],
      ['IPv6 loopback', 'http://[::1]/hook'],
      ['cloud metadata', 'http://169.254.169.254/latest/meta-data'],
      ['private network', 'https://10.0.0.5/hook'],
      ['an internal name', 'http://metadata.google.internal/'],
    ])('should refuse a %s URL with WEBHOOK_URL_NOT_ALLOWED when private targets are off', async (_what, url) => {
      await unchanged(async () => {
        const err = expectError(await post({ url, events: ['contact.*'] }), 422, 'WEBHOOK_URL_NOT_ALLOWED');
        expect(err.details?.[0]?.field).toBe('url');
      });
    });

    it.each([
      ['another scheme', 'ftp://hooks.example.com/'],
      ['credentials', 'https://user:pw@hooks.example.com/'],
      ['a relative URL', '/hooks'],
    ])('should refuse a URL with %s as VALIDATION_FAILED naming url', async (_what, url) => {
      await unchanged(async () => {
        const err = expectError(await post({ url, events: ['contact.*'] }), 400, 'VALIDATION_FAILED');
        expect(err.details?.map((d) => d.field)).toContain('url');
      });
    });

    it.each([
      ['a bare wildcard', ['*'], 'body.events.0'],
      ['a name without a family', ['contact.queued', 'contact'], 'body.events.1'],
      ['upper case', ['Contact.queued'], 'body.events.0'],
      ['a wildcard in the middle', ['contact.*.x'], 'body.events.0'],
      ['no events', [], 'body.events'],
    ])('should refuse event filters with %s naming the entry', async (_what, events, field) => {
      await unchanged(async () => expectInvalidField(await post({ url: URL_OK, events }), field));
    });

    it('should refuse unknown fields, naming them, when creating or patching', async () => {
      const made = (await post({ url: URL_OK, events: ['contact.*'] })).json() as { webhook: { id: string } };
      await unchanged(async () => {
        expectInvalidField(await post({ url: URL_OK, events: ['contact.*'], secret: 'whsec_mine' }), 'body.secret');
        expectInvalidField(await post({ url: URL_OK, events: ['contact.*'], tenantId: 'tn_other' }), 'body.tenantId');
        const patch = (body: unknown) => t.call('PATCH', `/api/v1/webhooks/${made.webhook.id}`, admin(), body);
        expectInvalidField(await patch({ secret: 'whsec_mine' }), 'body.secret');
        expectError(await patch({}), 400, 'VALIDATION_FAILED');
        expectError(await patch({ url: 'http://127.0.0.1/' }), 422, 'WEBHOOK_URL_NOT_ALLOWED');
        expectInvalidField(await patch({ active: 'yes' }), 'body.active');
        expectError(await t.call('GET', `/api/v1/webhooks/${made.webhook.id}/deliveries?status=lost`, admin()), 400, 'VALIDATION_FAILED');
        expectError(
          await t.call('GET', `/api/v1/webhooks/${made.webhook.id}/deliveries?before=whd_nope`, admin()),
          400,
          'VALIDATION_FAILED',
        );
        expectError(await t.call('PATCH', '/api/v1/webhooks/whk_missing', admin(), { active: false }), 404, 'NOT_FOUND');
      });
    });

    it('should refuse a webhook over the limit with WEBHOOK_LIMIT_REACHED', async () => {
      while ((await list()).length < 20) expect((await post({ url: URL_OK, events: ['contact.*'] })).statusCode).toBe(201);
      await unchanged(async () => {
        expectError(await post({ url: URL_OK, events: ['contact.*'] }), 409, 'WEBHOOK_LIMIT_REACHED');
      });
    });
  });
});
