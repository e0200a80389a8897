/**
 * Admin → Chat widgets and Admin → Canned responses in a real browser against a real server: the
 * demo tenant admin creates a widget with a topic, reads its embed tag, rotates its identity
 * secret, then creates a canned response and watches the live preview. Screens go to
 * test-results/screens/ so a person can look at what the browser showed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRole, openBrowser } from '../helpers/browser.js';
import { type RunningKefu, startKefu } from '../helpers/kefu-process.js';

describe('chat administration', () => {
  let kefu: RunningKefu;
  let browser: BrowserRole;

  beforeAll(async () => {
    kefu = await startKefu();
    browser = await openBrowser({ locale: 'en-US' });
  });

  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  const page = () => browser.page;
  const shot = (name: string) => browser.shot(name);
  const byTestId = (id: string) => browser.byTestId(id);
  /** Waits until the element shows the text: answers arrive after the click returns. */
  const seeText = (id: string, text: string) => byTestId(id).filter({ hasText: text }).waitFor();

  const login = async () => {
    await byTestId('login-organization').fill(kefu.demo.organization);
    await byTestId('login-email').fill(kefu.demo.admin.email);
    await byTestId('login-password').fill(kefu.demo.admin.password);
    await byTestId('login-submit').click();
    await byTestId('logout').waitFor();
  };

  it('creates a widget with a topic, shows its embed tag and rotates its identity secret', async () => {
    await page().goto(`${kefu.url}/admin/chat-widgets`);
    await login();
    await byTestId('screen-chat-widgets').waitFor();
    await expect(byTestId('nav-admin-widgets').textContent()).resolves.toBe('Chat widgets');
    // The demo tenant's seeded widget is there, with a link to the demo page that embeds it.
    await byTestId('widget-list').locator('article').first().waitFor();
    await expect(byTestId('widget-demo-link').getAttribute('href')).resolves.toBe('/demo');
    await shot('chat-admin-01-widgets');

    await byTestId('widget-create-open').click();
    await byTestId('widget-name').fill('Online shop');
    await byTestId('widget-origins').fill('https://shop.example\nhttps://shop.example/checkout');
    await byTestId('widget-field-phone').selectOption('required');
    await byTestId('widget-topic-0-label-zh').fill('退款');
    await byTestId('widget-topic-0-label-en').fill('Refunds');
    await byTestId('widget-topic-0-product').fill('Pro plan');
    const queue = await byTestId('widget-topic-0-queue').inputValue();
    expect(queue).not.toBe('');
    // An origin with a path is refused before anything is sent.
    await byTestId('widget-submit').click();
    await seeText('widget-form', '“https://shop.example/checkout” is not an origin');
    await shot('chat-admin-02-widget-form-error');

    await byTestId('widget-origins').fill('https://shop.example\nhttp://localhost:5173');
    await byTestId('widget-submit').click();
    // The identity secret is shown once, right after creation.
    await byTestId('widget-secret-box').waitFor();
    const secret = await byTestId('widget-secret').inputValue();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await shot('chat-admin-03-widget-created');
    await byTestId('widget-secret-done').click();

    const card = byTestId('widget-card-Online shop');
    await expect(card.textContent()).resolves.toContain('Refunds');
    await seeText('widget-topics-Online shop', 'Pro plan');
    const key = (await byTestId('widget-key-Online shop').textContent()) ?? '';
    expect(key).toMatch(/^kfw_/);
    await expect(byTestId('widget-snippet-Online shop').inputValue()).resolves.toBe(
      `<script src="${kefu.url}/widget.js" data-kefu-key="${key}" data-locale="zh-CN" async></script>`,
    );
    await byTestId('widget-identity-help-Online shop').locator('summary').click();
    await seeText('widget-identity-help-Online shop', 'HMAC-SHA256');

    // The server stored what the form said.
    const stored = await page().evaluate(async () => (await fetch('/api/v1/chat/widgets')).json());
    const widget = (stored as { items: { name: string; allowedOrigins: string[]; prechat: unknown }[] }).items.find(
      (w) => w.name === 'Online shop',
    );
    expect(widget?.allowedOrigins).toEqual(['https://shop.example', 'http://localhost:5173']);
    expect(widget?.prechat).toEqual({
      fields: { name: 'optional', email: 'optional', phone: 'required' },
      topics: [{ id: 'refunds', label: { 'zh-CN': '退款', en: 'Refunds' }, queueId: queue, product: 'Pro plan' }],
    });

    // Editing keeps the topic's id and saves only what changed.
    await byTestId('widget-edit-Online shop').click();
    await byTestId('widget-name').fill('Online shop 2');
    await byTestId('widget-identity-required').check();
    await byTestId('widget-submit').click();
    await byTestId('widget-card-Online shop 2').waitFor();
    await seeText('notice', 'Widget “Online shop 2” was saved.');
    await seeText('widget-card-Online shop 2', 'Verified only');

    await byTestId('widget-rotate-Online shop 2').click();
    await byTestId('widget-rotate-Online shop 2-confirm').click();
    await byTestId('widget-secret-box').waitFor();
    const rotated = await byTestId('widget-secret').inputValue();
    expect(rotated).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated).not.toBe(secret);
    await shot('chat-admin-04-secret-rotated');
    await byTestId('widget-secret-done').click();
    await byTestId('widget-secret-box').waitFor({ state: 'detached' });
  });

  it('creates a canned response with a live plain-text preview', async () => {
    await byTestId('nav-admin-canned').click();
    await byTestId('screen-canned').waitFor();
    await byTestId('canned-row-hello').waitFor();
    await byTestId('canned-create-open').click();

    await byTestId('canned-shortcut').fill('refund');
    await byTestId('canned-title').fill('Refund policy');
    await byTestId('canned-body').fill('Hi <b>{{customer.name}}</b>, I am ');
    await byTestId('canned-var-agent.name').click();
    await expect(byTestId('canned-body').inputValue()).resolves.toBe('Hi <b>{{customer.name}}</b>, I am {{agent.name}}');
    // Sample values fill the variables; markup stays text.
    await expect(byTestId('canned-preview').textContent()).resolves.toBe('Hi <b>Li Wei</b>, I am Demo Admin 管理员');
    await expect(byTestId('canned-preview').locator('b').count()).resolves.toBe(0);
    await shot('chat-admin-05-canned-preview');

    // An unknown variable is named before saving.
    await byTestId('canned-body').fill('Your order {{order.no}}');
    await byTestId('canned-submit').click();
    await seeText('canned-form', 'Unknown variables: {{order.no}}.');

    await byTestId('canned-body').fill('Refunds take 5 days, {{customer.name}}. Case {{contact.id}}.');
    await byTestId('canned-submit').click();
    const row = byTestId('canned-row-refund');
    await row.waitFor();
    await row.filter({ hasText: 'Refund policy' }).waitFor();

    // A taken shortcut is refused with its own message.
    await byTestId('canned-edit-refund').click();
    await byTestId('canned-shortcut').fill('hello');
    await byTestId('canned-submit').click();
    await seeText('canned-form-error', 'Another canned response already uses this shortcut.');
    await byTestId('canned-shortcut').fill('refund');
    await byTestId('canned-title').fill('Refunds');
    await byTestId('canned-submit').click();
    await seeText('notice', 'Canned response /refund was saved.');
    await row.filter({ hasText: 'Refunds' }).waitFor();

    await byTestId('lang-switch').selectOption('zh-CN');
    await page().locator('h1', { hasText: '快捷回复' }).waitFor();
    await shot('chat-admin-06-canned-zh');

    await byTestId('canned-delete-refund').click();
    await byTestId('canned-delete-refund-confirm').click();
    await seeText('notice', '已删除快捷回复 /refund。');
    await row.waitFor({ state: 'detached' });
  });
});
