/**
 * The staff web app in a real browser against a real server: log in as the demo tenant admin,
 * create an agent under Admin → Users, switch language, log out. Every screen is saved to
 * test-results/screens/ so a person can look at what the browser showed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRole, openBrowser } from '../helpers/browser.js';
import { type RunningKefu, startKefu } from '../helpers/kefu-process.js';

describe('web app shell', () => {
  let kefu: RunningKefu;
  let browser: BrowserRole;

  beforeAll(async () => {
    kefu = await startKefu();
    // English first, so the switch below has a known language to switch away from.
    browser = await openBrowser({ locale: 'en-US' });
  });

  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  const page = () => browser.page;
  const shot = (name: string) => browser.shot(name);
  const byTestId = (id: string) => browser.byTestId(id);

  it('logs in, creates an agent, switches language and logs out', async () => {
    await page().goto(`${kefu.url}/admin/users`);
    // Not signed in: the app keeps the wanted page in ?next= and shows log-in.
    await byTestId('login-submit').waitFor();
    expect(new URL(page().url()).pathname).toBe('/login');
    await expect(page().locator('html').getAttribute('lang')).resolves.toBe('en');
    await shot('01-login-en');

    // A wrong password shows the translated INVALID_CREDENTIALS message.
    await byTestId('login-organization').fill(kefu.demo.organization);
    await byTestId('login-email').fill(kefu.demo.admin.email);
    await byTestId('login-password').fill('not-the-password');
    await byTestId('login-submit').click();
    await expect(byTestId('login-error').textContent()).resolves.toContain('The organisation, email or password is wrong.');
    await shot('02-login-error');

    await byTestId('login-password').fill(kefu.demo.admin.password);
    await byTestId('login-submit').click();
    await byTestId('screen-users').waitFor();
    expect(new URL(page().url()).pathname).toBe('/admin/users');
    await expect(byTestId('current-user').textContent()).resolves.toContain('Administrator');
    await byTestId(`user-row-${kefu.demo.admin.email}`).waitFor();
    await shot('03-users');

    // A weak password is refused with the server's details shown inline.
    const email = `new.agent.${Date.now()}@demo.kefu.local`;
    await byTestId('user-create-open').click();
    await byTestId('user-create-displayname').fill('Zhao Lei 赵磊');
    await byTestId('user-create-email').fill(email);
    await byTestId('user-create-role').selectOption('agent');
    await byTestId('user-create-password').fill('short');
    await byTestId('user-create-submit').click();
    await expect(byTestId('user-create-error').textContent()).resolves.toContain('at least 10 characters');
    await shot('04-user-create-weak-password');

    await byTestId('user-create-password').fill('a-long-enough-passphrase');
    await byTestId('user-create-submit').click();
    const row = byTestId(`user-row-${email}`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Zhao Lei 赵磊');
    await expect(byTestId(`user-role-${email}`).inputValue()).resolves.toBe('agent');
    await shot('05-user-created');

    // Switching language re-renders the UI text and remembers the choice.
    await byTestId('lang-switch').selectOption('zh-CN');
    await page().locator('h1', { hasText: '用户与角色' }).waitFor();
    await expect(byTestId('nav-knowledge').textContent()).resolves.toBe('知识库');
    await expect(byTestId('logout').textContent()).resolves.toBe('退出登录');
    await expect(page().locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(page().evaluate(() => localStorage.getItem('kefu.lang'))).resolves.toBe('zh-CN');
    await shot('06-users-zh');

    await byTestId('nav-admin-apikeys').click();
    await byTestId('screen-apikeys').waitFor();
    await shot('07-apikeys-zh');
    await byTestId('nav-admin-audit').click();
    await byTestId('audit-table').locator('tbody tr').first().waitFor();
    await expect(byTestId('audit-table').textContent()).resolves.toContain('创建用户');
    await shot('08-audit-zh');
    await byTestId('nav-knowledge').click();
    await byTestId('screen-knowledge').waitFor();
    await shot('09-knowledge-zh');

    await byTestId('lang-switch').selectOption('en');
    await page().locator('h1', { hasText: 'Knowledge' }).waitFor();
    await expect(byTestId('screen-knowledge').textContent()).resolves.toContain('Coming in a later release');

    await byTestId('logout').click();
    await byTestId('login-submit').waitFor();
    await expect(byTestId('login-submit').textContent()).resolves.toBe('Sign in');
    // The session cookie is gone: the API no longer knows us.
    const me = await page().evaluate(async () => (await fetch('/api/v1/auth/me', { credentials: 'same-origin' })).status);
    expect(me).toBe(401);
    await shot('10-logged-out');
  });

  const login = async (organization: string, email: string, password: string) => {
    await byTestId('login-organization').fill(organization);
    await byTestId('login-email').fill(email);
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await byTestId('logout').waitFor();
  };

  it('creates and revokes an API key, resets a password and expands the audit log', async () => {
    await page().goto(`${kefu.url}/admin/api-keys`);
    await login(kefu.demo.organization, kefu.demo.admin.email, kefu.demo.admin.password);
    await byTestId('screen-apikeys').waitFor();

    await byTestId('apikey-create-open').click();
    await byTestId('apikey-create-name').fill('CRM sync');
    await byTestId('apikey-perm-users.read').check();
    await byTestId('apikey-perm-audit.read').check();
    await byTestId('apikey-create-submit').click();
    await byTestId('apikey-secret-box').waitFor();
    expect((await byTestId('apikey-secret').inputValue()).length).toBeGreaterThan(16);
    await shot('11-apikey-secret');
    await byTestId('apikey-secret-done').click();
    await expect(byTestId('apikey-secret-box').count()).resolves.toBe(0);

    await byTestId('apikey-revoke-CRM sync').click();
    await byTestId('apikey-revoke-CRM sync-confirm').click();
    await byTestId('notice').filter({ hasText: 'was revoked' }).waitFor();
    await expect(byTestId('apikey-row-CRM sync').textContent()).resolves.not.toContain('Active');
    await shot('12-apikey-revoked');

    // A role change waits for an explicit Save, then shows the new role.
    await byTestId('nav-admin-users').click();
    const promoted = kefu.demo.agents[1]?.email ?? '';
    await byTestId(`user-role-${promoted}`).selectOption('supervisor');
    await byTestId(`user-role-save-${promoted}`).click();
    await byTestId('notice').filter({ hasText: 'is now Supervisor' }).waitFor();
    await expect(byTestId(`user-role-${promoted}`).inputValue()).resolves.toBe('supervisor');

    await byTestId(`user-reset-${kefu.demo.agents[0]?.email}`).click();
    await byTestId('user-reset-dialog').waitFor();
    await byTestId('user-reset-password').fill('another-long-passphrase');
    await shot('13-reset-password-dialog');
    await byTestId('user-reset-submit').click();
    await byTestId('notice').filter({ hasText: 'was reset' }).waitFor();

    await byTestId('nav-admin-audit').click();
    const first = byTestId('audit-table').locator('tbody tr').first();
    await first.waitFor();
    await expect(first.textContent()).resolves.toContain('Password reset');
    await byTestId('audit-table').locator('button[aria-expanded="false"]').first().click();
    await byTestId('audit-table').locator('.detail-row pre').first().waitFor();
    await shot('14-audit-expanded');

    // Narrowest supported width: the shell must still fit without a horizontal scrollbar.
    await page().setViewportSize({ width: 1024, height: 768 });
    await byTestId('nav-admin-users').click();
    await byTestId('user-table').waitFor();
    expect(await page().evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await shot('15-users-1024');
    await page().setViewportSize({ width: 1280, height: 800 });
    await byTestId('logout').click();
    await byTestId('login-submit').waitFor();
  });

  it('lets the platform operator create and suspend a tenant and read its audit log', async () => {
    await login('', kefu.demo.operator.email, kefu.demo.operator.password);
    await byTestId('screen-tenants').waitFor();
    expect(new URL(page().url()).pathname).toBe('/operator/tenants');
    await expect(byTestId('nav-workspace').count()).resolves.toBe(0);

    await byTestId('tenant-create-open').click();
    await byTestId('tenant-create-slug').fill('acme');
    await byTestId('tenant-create-name').fill('Acme Support 艾克米');
    await byTestId('tenant-create-admin-name').fill('Ada Admin');
    await byTestId('tenant-create-admin-email').fill('ada@acme.example');
    await byTestId('tenant-create-admin-password').fill('acme-first-passphrase');
    await byTestId('tenant-create-submit').click();
    await byTestId('tenant-row-acme').waitFor();
    await shot('16-tenants');

    await byTestId('tenant-suspend-acme').click();
    await byTestId('tenant-suspend-acme-confirm').click();
    await byTestId('tenant-reactivate-acme').waitFor();
    await expect(byTestId('tenant-row-acme').textContent()).resolves.toContain('Suspended');

    await byTestId('tenant-row-acme').getByRole('link').click();
    await byTestId('screen-operator-audit').waitFor();
    await byTestId('audit-table').locator('tbody tr').first().waitFor();
    await expect(byTestId('audit-table').textContent()).resolves.toContain('Tenant suspended');
    await shot('17-operator-audit');
    await byTestId('logout').click();
    await byTestId('login-submit').waitFor();
  });
});
