/**
 * Debian's chromium driven by playwright-core, as the developers' guide prescribes: the system
 * binary, headless flags, and a fresh profile directory per browser (Playwright owns
 * --user-data-dir, so a persistent context on a new directory is how to pass one). Each role in a
 * test gets its own browser, hence its own cookies and storage.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

export const SCREENS = join(import.meta.dirname, '..', '..', 'test-results', 'screens');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserRole {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Saves a full-page screenshot as test-results/screens/<name>.png. */
  shot(name: string): Promise<void>;
  byTestId(id: string): Locator;
  close(): Promise<void>;
}

export const openBrowser = async (opts: { locale: string; width?: number; height?: number }): Promise<BrowserRole> => {
  mkdirSync(SCREENS, { recursive: true });
  const profileDir = mkdtempSync(join(tmpdir(), 'kefu-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    args: FLAGS,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    locale: opts.locale,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    shot: async (name) => {
      await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
    },
    byTestId: (id) => page.locator(`[data-testid="${id}"]`),
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
};

/** Opens `url` (a page that asks for a log-in) and logs in there with a tenant account. */
export const logIn = async (b: BrowserRole, url: string, organization: string, account: { email: string; password: string }) => {
  await b.page.goto(url);
  await b.byTestId('login-organization').fill(organization);
  await b.byTestId('login-email').fill(account.email);
  await b.byTestId('login-password').fill(account.password);
  await b.byTestId('login-submit').click();
};
