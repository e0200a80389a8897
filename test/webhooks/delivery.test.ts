/**
 * Webhook delivery end to end, against a real HTTP receiver on 127.0.0.1: outbox event ->
 * subscriber -> pending delivery -> worker -> signed POST, with retries, ordering, idempotent
 * redelivery and tenant isolation. Time is a ManualClock, so back-off is stepped, not waited for.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/kernel/index.js';
import { PLATFORM_SCOPE } from '../../src/platform/db/index.js';
import { MAX_ATTEMPTS, retryDelayMs } from '../../src/webhooks/core/index.js';
import { type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';
import { type Receiver, startReceiver, verifyAsReceiver } from './receiver.js';

interface Delivery {
  id: string;
  eventType: string;
  status: string;
  attempts: number;
  nextAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  payload: { aggregate: { id: string } };
}

describeStorage('webhook delivery', (target) => {
  const clock = new ManualClock(Date.now());
  let t: TestKefu;
  let acme: SeededTenant;
  let beta: SeededTenant;
  let receiver: Receiver;
  let betaReceiver: Receiver;
  let hook: { id: string; secret: string };
  let queueId: string;
  let betaQueueId: string;

  const deliver = async () => {
    await t.kefu.dispatcher.drain();
    await t.kefu.services.webhooks.worker.runDue();
  };
  const register = async (tenant: SeededTenant, url: string, events: string[]) => {
    const res = await t.call('POST', '/api/v1/webhooks', tenant.tokens.tenant_admin, { url, events, description: 'CRM bridge' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { webhook: { id: string }; secret: string };
    return { id: body.webhook.id, secret: body.secret };
  };
  const queue = async (tenant: SeededTenant, name: string): Promise<string> => {
    const res = await t.call('POST', '/api/v1/routing/queues', tenant.tokens.tenant_admin, { name });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const openContact = async (tenant: SeededTenant, qid: string): Promise<string> => {
    const res = await t.call('POST', '/api/v1/contacts', tenant.tokens.tenant_admin, { channel: 'chat', queueId: qid, tier: 'high' });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const deliveries = async (webhookId: string = hook.id): Promise<Delivery[]> => {
    const res = await t.call('GET', `/api/v1/webhooks/${webhookId}/deliveries?limit=200`, acme.tokens.tenant_admin);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Delivery[] }).items;
  };
  const forContact = (contactId: string) => receiver.received.filter((r) => r.body.aggregate.id === contactId);

  beforeAll(async () => {
    receiver = await startReceiver();
    betaReceiver = await startReceiver('/beta');
    t = await startTestKefu(target, { webhookAllowPrivate: true }, { clock });
    acme = await t.seedTenant('acme');
    beta = await t.seedTenant('beta');
    queueId = await queue(acme, 'Billing');
    betaQueueId = await queue(beta, 'Beta billing');
    hook = await register(acme, receiver.url, ['contact.*']);
    await register(beta, betaReceiver.url, ['contact.*']);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    await betaReceiver?.close();
  });

  it('should POST contact.queued signed with the secret when a contact is queued', async () => {
    const contactId = await openContact(acme, queueId);
    await deliver();
    const got = forContact(contactId);
    expect(got.map((r) => r.body.type)).toEqual(['contact.queued']);
    const [req] = got;
    if (!req) throw new Error('no request');
    expect(verifyAsReceiver(req.headers['kefu-signature'], req.rawBody, hook.secret, clock.now())).toBe(true);
    expect(verifyAsReceiver(req.headers['kefu-signature'], req.rawBody, 'whsec_wrong', clock.now())).toBe(false);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['kefu-event']).toBe('contact.queued');
    expect(req.body).toMatchObject({
      type: 'contact.queued',
      tenantId: acme.tenant.id,
      aggregate: { type: 'contact', id: contactId },
      data: { to: 'queued', queueId, channel: 'chat' },
    });
    expect(Object.keys(req.body).sort()).toEqual(['aggregate', 'data', 'id', 'occurredAt', 'tenantId', 'type']);
    expect(req.headers['kefu-delivery']).toBe(req.body.id);
    const [d] = await deliveries();
    expect(d).toMatchObject({ id: req.body.id, eventType: 'contact.queued', status: 'delivered', attempts: 1, lastStatusCode: 200 });
  });

  it('should retry with back-off and deliver on the third attempt, holding later events back, when the receiver fails twice', async () => {
    receiver.failNext(2, 503);
    const first = await openContact(acme, queueId);
    await deliver();
    expect(forContact(first).map((r) => r.answered)).toEqual([503]);
    let head = (await deliveries()).find((d) => d.payload.aggregate.id === first);
    expect(head).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503, nextAttemptAt: clock.now() + 10_000 });

    // A later event waits behind the failing one: nothing is sent out of order.
    const second = await openContact(acme, queueId);
    await deliver();
    expect(forContact(second)).toEqual([]);
    expect((await deliveries()).find((d) => d.payload.aggregate.id === second)).toMatchObject({ status: 'pending', nextAttemptAt: null });

    clock.advance(9_999);
    await deliver();
    expect(forContact(first)).toHaveLength(1);
    clock.advance(1);
    await deliver();
    expect(forContact(first).map((r) => r.answered)).toEqual([503, 503]);
    head = (await deliveries()).find((d) => d.payload.aggregate.id === first);
    expect(head).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: clock.now() + 20_000 });

    clock.advance(20_000);
    await deliver();
    const attempts = forContact(first);
    expect(attempts.map((r) => r.answered)).toEqual([503, 503, 200]);
    // Every retry is the same delivery, freshly signed.
    expect(new Set(attempts.map((r) => r.body.id)).size).toBe(1);
    for (const r of attempts) expect(verifyAsReceiver(r.headers['kefu-signature'], r.rawBody, hook.secret, clock.now())).toBe(true);
    expect((await deliveries()).find((d) => d.payload.aggregate.id === first)).toMatchObject({ status: 'delivered', attempts: 3 });
    // The line moved on: the held-back event follows at once, after the one before it.
    expect(forContact(second).map((r) => r.body.type)).toEqual(['contact.queued']);
    const order = receiver.received.map((r) => r.body.aggregate.id).filter((id) => id === first || id === second);
    expect(order).toEqual([first, first, first, second]);
  });

  it('should queue no second delivery when the dispatcher delivers the same outbox events again', async () => {
    const before = await deliveries();
    const sent = receiver.received.length;
    // As after a crash between handling an event and saving the cursor: rewind and redeliver all.
    await t.kefu.db.tx(PLATFORM_SCOPE, (trx) =>
      sql`update outbox_cursors set last_id = 0 where subscriber = 'webhooks'`.execute(trx).then(() => undefined),
    );
    await deliver();
    expect(await deliveries()).toEqual(before);
    expect(receiver.received).toHaveLength(sent);
  });

  it("should never send another tenant's events to this tenant's webhook", async () => {
    const betaContact = await openContact(beta, betaQueueId);
    await deliver();
    for (const r of receiver.received) {
      expect(r.body.tenantId).toBe(acme.tenant.id);
      expect(r.rawBody).not.toContain(beta.tenant.id);
      expect(r.rawBody).not.toContain(betaContact);
    }
    expect(betaReceiver.received.map((r) => [r.body.tenantId, r.body.aggregate.id])).toEqual([[beta.tenant.id, betaContact]]);
    // Beta's admin cannot see or touch acme's webhook.
    for (const [method, url] of [
      ['GET', `/api/v1/webhooks/${hook.id}`],
      ['GET', `/api/v1/webhooks/${hook.id}/deliveries`],
      ['POST', `/api/v1/webhooks/${hook.id}/ping`],
      ['POST', `/api/v1/webhooks/${hook.id}/rotate-secret`],
      ['DELETE', `/api/v1/webhooks/${hook.id}`],
    ] as const) {
      const res = await t.call(method, url, beta.tokens.tenant_admin);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const listed = (await t.call('GET', '/api/v1/webhooks', beta.tokens.tenant_admin)).json() as { items: { id: string }[] };
    expect(listed.items.map((w) => w.id)).not.toContain(hook.id);
  });

  it('should send a ping at once even while events wait behind a failing delivery', async () => {
    receiver.failNext(1, 500);
    const stuck = await openContact(acme, queueId);
    await deliver();
    expect(forContact(stuck).map((r) => r.answered)).toEqual([500]);
    const ping = await t.call('POST', `/api/v1/webhooks/${hook.id}/ping`, acme.tokens.tenant_admin);
    expect(ping.statusCode, ping.body).toBe(202);
    await deliver();
    const pings = receiver.received.filter((r) => r.body.type === 'webhook.ping');
    expect(pings.map((r) => r.body.aggregate)).toEqual([{ type: 'webhook', id: hook.id }]);
    expect(verifyAsReceiver(pings[0]?.headers['kefu-signature'], pings[0]?.rawBody ?? '', hook.secret, clock.now())).toBe(true);
    clock.advance(10_000);
    await deliver();
    expect(forContact(stuck).map((r) => r.answered)).toEqual([500, 200]);
  });

  it('should sign with the new secret only when the secret is rotated', async () => {
    const rotated = await t.call('POST', `/api/v1/webhooks/${hook.id}/rotate-secret`, acme.tokens.tenant_admin);
    expect(rotated.statusCode).toBe(200);
    const secret = (rotated.json() as { secret: string }).secret;
    expect(secret).not.toBe(hook.secret);
    const contactId = await openContact(acme, queueId);
    await deliver();
    const [req] = forContact(contactId);
    expect(verifyAsReceiver(req?.headers['kefu-signature'], req?.rawBody ?? '', secret, clock.now())).toBe(true);
    expect(verifyAsReceiver(req?.headers['kefu-signature'], req?.rawBody ?? '', hook.secret, clock.now())).toBe(false);
    hook = { ...hook, secret };
  });

  it('should mark a delivery failed after the last attempt and move the line on when the receiver keeps failing', async () => {
    receiver.failNext(MAX_ATTEMPTS, 500);
    const doomed = await openContact(acme, queueId);
    const next = await openContact(acme, queueId);
    await deliver();
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      clock.advance(retryDelayMs(attempt));
      await deliver();
    }
    expect(forContact(doomed)).toHaveLength(MAX_ATTEMPTS);
    const d = (await deliveries()).find((x) => x.payload.aggregate.id === doomed);
    expect(d).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null, lastStatusCode: 500, lastError: 'HTTP 500' });
    expect(forContact(next).map((r) => r.answered)).toEqual([200]);
    const failed = await t.call('GET', `/api/v1/webhooks/${hook.id}/deliveries?status=failed`, acme.tokens.tenant_admin);
    expect((failed.json() as { items: Delivery[] }).items.map((x) => x.id)).toEqual([d?.id]);
  });

  it('should deliver to a webhook created, narrowed, widened or reactivated after the tenant had events with no interested webhook', async () => {
    // The fan-out caches each tenant's active webhooks; every change must reach that cache.
    const gamma = await t.seedTenant('gamma');
    const gammaQueue = await queue(gamma, 'Gamma billing');
    const gammaReceiver = await startReceiver('/gamma');
    try {
      const before = await openContact(gamma, gammaQueue);
      await deliver();
      const gammaHook = await register(gamma, gammaReceiver.url, ['contact.*']);
      const afterCreate = await openContact(gamma, gammaQueue);
      await deliver();
      const seen = () => gammaReceiver.received.map((r) => r.body.aggregate.id);
      expect(seen()).toEqual([afterCreate]);
      expect(seen()).not.toContain(before);

      const patch = async (body: object) => {
        const res = await t.call('PATCH', `/api/v1/webhooks/${gammaHook.id}`, gamma.tokens.tenant_admin, body);
        expect(res.statusCode, res.body).toBe(200);
      };
      await patch({ events: ['message.*'] });
      const whileNarrowed = await openContact(gamma, gammaQueue);
      await deliver();
      await patch({ events: ['contact.*'] });
      const afterWiden = await openContact(gamma, gammaQueue);
      await deliver();
      await patch({ active: false });
      await openContact(gamma, gammaQueue);
      await deliver();
      await patch({ active: true });
      const afterReactivate = await openContact(gamma, gammaQueue);
      await deliver();
      expect(seen()).toEqual([afterCreate, afterWiden, afterReactivate]);
      expect(seen()).not.toContain(whileNarrowed);
    } finally {
      await gammaReceiver.close();
    }
  });

  it('should deliver without being driven by hand when the app is started', async () => {
    t.kefu.start();
    const contactId = await openContact(acme, queueId);
    const deadline = Date.now() + 10_000;
    while (forContact(contactId).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(forContact(contactId).map((r) => r.body.type)).toEqual(['contact.queued']);
  });
});
