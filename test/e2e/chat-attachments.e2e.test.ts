/**
 * Staff attachments end to end in real browsers against a real server (`kefu serve --demo`): the
 * agent attaches a PNG in the workspace composer (progress, then ready), sends it, and the customer
 * sees it in the widget, fetched with the visitor token. A file of the wrong type is refused in the
 * composer, one whose bytes lie is refused by the server with its code, and a file sent in an
 * internal note never reaches the customer. Screens: test-results/screens/chat-attach-*.png.
 */
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRole, logIn, openBrowser } from '../helpers/browser.js';
import { type RunningKefu, startKefu } from '../helpers/kefu-process.js';

/** CRC-32 of PNG chunks (the polynomial PNG uses). */
const crc32 = (b: Buffer): number => {
  let c = 0xffffffff;
  for (const byte of b) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
};

const chunk = (type: string, data: Buffer): Buffer => {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
};

/** A real w×h RGB PNG: a diagonal two-colour split, so a screenshot shows the image did load. */
const png = (w: number, h: number): Buffer => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < h; y++) {
    rows.push(0);
    for (let x = 0; x < w; x++) rows.push(...(x > y ? [47, 111, 228] : [240, 160, 40]));
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
};

interface WidgetMessage {
  readonly body: string;
  readonly attachment: { readonly fileName: string } | null;
}

describe('web chat: an agent sends an attachment', () => {
  let kefu: RunningKefu;
  let customer: BrowserRole;
  let agent: BrowserRole;

  beforeAll(async () => {
    kefu = await startKefu();
    [customer, agent] = await Promise.all([openBrowser({ locale: 'en-US', width: 1100, height: 800 }), openBrowser({ locale: 'zh-CN' })]);
  });

  afterAll(async () => {
    await Promise.all([customer?.close(), agent?.close()]);
    await kefu?.stop();
  });

  const widgetMessages = (): Promise<WidgetMessage[]> =>
    customer.page.evaluate(() =>
      (window as unknown as { kefuWidget: { state(): { messages: WidgetMessage[] } } }).kefuWidget
        .state()
        .messages.map((m) => ({ body: m.body, attachment: m.attachment })),
    );

  const attach = (name: string, mimeType: string, buffer: Buffer) =>
    agent.byTestId('composer-file').setInputFiles({ name, mimeType, buffer });

  it('shows the agent’s PNG to the customer, and keeps refused files and internal notes from them', async () => {
    const agentAccount = kefu.demo.agents[0];
    if (!agentAccount) throw new Error('the demo printed no agent log-in');

    // The customer starts a chat on the demo page; the agent takes it.
    await customer.page.goto(`${kefu.url}/demo`);
    await customer.byTestId('kefu-launcher').click();
    await customer.byTestId('kefu-prechat').waitFor();
    await customer.byTestId('kefu-prechat-name').fill('Ann');
    await customer.byTestId('kefu-prechat-topic').selectOption('support');
    await customer.byTestId('kefu-prechat-submit').click();
    await logIn(agent, `${kefu.url}/workspace`, kefu.demo.organization, agentAccount);
    await agent.byTestId('state-switch').click();
    await agent.byTestId('state-option-available').click();
    await agent.byTestId('offer-accept').click();
    await agent.byTestId('composer-input').waitFor();
    await customer.byTestId('kefu-status').and(customer.page.locator('[data-state="assigned"]')).waitFor();

    // A type the server does not take is refused in the composer, before any upload.
    await attach('page.html', 'text/html', Buffer.from('<script>alert(1)</script>'));
    await agent.byTestId('composer-attachment-error').waitFor();
    await expect(agent.byTestId('composer-attachment-error').textContent()).resolves.toContain('page.html');
    // Bytes that are not what they claim are refused by the server, with its code's message.
    await attach('fake.png', 'image/png', Buffer.from('<html>not a png</html>'));
    const failed = agent.page.locator('[data-testid="composer-attachment"][data-phase="failed"]');
    await failed.waitFor();
    await expect(failed.textContent()).resolves.toContain('The bytes are not image/png.');
    await agent.shot('chat-attach-01-agent-refused');
    await agent.byTestId('composer-attachment-remove').click();

    // A real PNG: it uploads (held back here until the pending state is seen and Send is blocked),
    // is held as ready, and goes with the typed text.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const uploads = '**/api/v1/contacts/*/attachments';
    await agent.page.route(uploads, async (route) => {
      await held;
      await route.continue();
    });
    await attach('receipt.png', 'image/png', png(96, 64));
    await agent.page.locator('[data-testid="composer-attachment"][data-phase="uploading"]').waitFor();
    await agent.byTestId('composer-input').fill('这是您的收据 (your receipt)');
    await expect(agent.byTestId('composer-send').isDisabled()).resolves.toBe(true);
    await agent.shot('chat-attach-02a-agent-uploading');
    release();
    await agent.page.locator('[data-testid="composer-attachment"][data-phase="ready"]').waitFor();
    await agent.page.unroute(uploads);
    await agent.shot('chat-attach-02-agent-ready');
    await agent.byTestId('composer-send').click();
    await agent.byTestId('composer-attachment').waitFor({ state: 'detached' });
    const sent = agent.byTestId('message-attachment').filter({ hasText: 'receipt.png' });
    await sent.waitFor();
    await expect(sent.textContent()).resolves.toMatch(/receipt\.png\s*\(\d+ K?B\)/);

    // The customer sees the text and the image, fetched with the visitor token.
    await customer.byTestId('kefu-messages').getByText('这是您的收据').waitFor();
    const thumb = customer.byTestId('kefu-attachment').locator('img');
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(96);
    await customer.shot('chat-attach-03-customer-sees-png');

    // A PDF with no text: the customer gets a file button with its name and downloads the same bytes.
    const pdf = Buffer.from('%PDF-1.4\n% kefu e2e\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
    await attach('条款 terms.pdf', 'application/pdf', pdf);
    await agent.page.locator('[data-testid="composer-attachment"][data-phase="ready"]').waitFor();
    await agent.byTestId('composer-send').click();
    await agent.byTestId('message-attachment').filter({ hasText: '条款 terms.pdf' }).waitFor();
    const file = customer.byTestId('kefu-attachment').filter({ hasText: '条款 terms.pdf' });
    await file.waitFor();
    const [download] = await Promise.all([customer.page.waitForEvent('download'), file.click()]);
    expect(download.suggestedFilename()).toBe('条款 terms.pdf');
    const path = await download.path();
    expect(readFileSync(path).equals(pdf)).toBe(true);
    await customer.shot('chat-attach-03b-customer-sees-pdf');

    // A file in an internal note stays with the team: the customer gets the next public message only.
    await agent.byTestId('composer-note-toggle').click();
    await attach('team-notes.txt', 'text/plain', Buffer.from('refund approved by 李伟'));
    await agent.page.locator('[data-testid="composer-attachment"][data-phase="ready"]').waitFor();
    await agent.byTestId('composer-send').click();
    await agent.page.locator('[data-testid="message"][data-kind="note"]').getByText('team-notes.txt').waitFor();
    await agent.byTestId('composer-note-toggle').click();
    await agent.byTestId('composer-input').fill('还有其他问题吗？');
    await agent.byTestId('composer-send').click();
    await customer.byTestId('kefu-messages').getByText('还有其他问题吗？').waitFor();
    const seen = await widgetMessages();
    expect(seen.map((m) => m.attachment?.fileName ?? null).filter(Boolean)).toEqual(['receipt.png', '条款 terms.pdf']);
    expect(JSON.stringify(seen)).not.toContain('team-notes');
    await agent.shot('chat-attach-04-agent-after-note');
    await customer.shot('chat-attach-05-customer-no-note');
  });
});
