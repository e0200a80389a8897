/** The demo tenant's contact center and the demo page. */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureDemo, systemContext } from '../../src/app/index.js';
import { renderDemoPage, WIDGET_KEY_PLACEHOLDER } from '../../src/chat/index.js';
import { startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';

const BUILT = existsSync(new URL('../../web/dist-widget/demo.html', import.meta.url));

describeStorage('chat demo', (target) => {
  let t: TestKefu;
  beforeAll(async () => {
    t = await startTestKefu(target);
  });
  afterAll(async () => t?.close());

  it('should say clearly that there is no demo widget before the demo is seeded', async () => {
    const res = await t.call('GET', '/demo', null);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toMatch(BUILT ? /--demo/ : /not built/);
  });

  it('should give the demo tenant queues, routable staff, a widget on its own origin, topics and canned responses', async () => {
    await ensureDemo(t.kefu.services, { origin: 'http://127.0.0.1:8080' });
    const s = t.kefu.services;
    const tenant = await s.tenants.bySlug('demo');
    if (!tenant) throw new Error('no demo tenant');
    const ctx = systemContext('test', tenant.id);
    const queues = await s.contactCenter.routingAdmin.listQueues(ctx);
    expect(queues.map((q) => q.name).sort()).toEqual(['Sales 售前', 'Support 售后']);
    expect(queues[0]?.config.serviceLevels).toMatchObject({ high: { thresholdMs: 15_000 }, low: { thresholdMs: 60_000 } });
    const agents = await s.contactCenter.routingAdmin.listAgents(ctx);
    expect(agents).toHaveLength(4);
    for (const a of agents) expect(a.capacity).toEqual({ chat: 3 });
    const [widget, ...more] = await s.chat.widgets.list(ctx);
    expect(more).toEqual([]);
    expect(widget?.allowedOrigins).toEqual(['http://127.0.0.1:8080']);
    expect(widget?.prechat.topics.map((x) => x.queueId).sort()).toEqual(queues.map((q) => q.id).sort());
    expect((await s.chat.canned.list(ctx)).map((c) => c.shortcut).sort()).toEqual(['bye', 'hello', 'wait']);
    // A second start changes nothing.
    await ensureDemo(s, { origin: 'http://127.0.0.1:8080' });
    expect(await s.chat.widgets.list(ctx)).toHaveLength(1);
    const res = await t.call('GET', '/demo', null);
    if (BUILT) {
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(widget?.publicKey);
    } else expect(res.statusCode).toBe(404);
  });

  it('should escape the key when it is put into the page', () => {
    const page = `<script src="/widget.js" data-key="${WIDGET_KEY_PLACEHOLDER}"></script><p>${WIDGET_KEY_PLACEHOLDER}</p>`;
    expect(renderDemoPage(page, 'kfw_abc')).toBe('<script src="/widget.js" data-key="kfw_abc"></script><p>kfw_abc</p>');
    expect(renderDemoPage(page, '"><script>x</script>')).not.toContain('<script>x');
  });
});
