/**
 * Web chat end to end in real browsers against a real server (`kefu serve --demo`), one browser
 * per person: a customer on the demo page, an agent in the workspace, a supervisor on the live
 * view. The customer waits and sees a position; the agent goes available and accepts; they talk
 * both ways; the customer's connection drops and comes back with nothing lost or doubled; the
 * agent wraps up; the customer rates; the supervisor's figures follow. Every screen is saved to
 * test-results/screens/chat-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRole, logIn as logInAt, openBrowser } from '../helpers/browser.js';
import { type RunningKefu, startKefu } from '../helpers/kefu-process.js';

interface WidgetMessage {
  readonly seq: number | null;
  readonly body: string;
  readonly author: string;
}

const numberIn = async (b: BrowserRole, testId: string): Promise<number> =>
  Number((await b.byTestId(testId).textContent())?.replace(/[^\d.]/g, '') ?? 'NaN');

describe('web chat: customer, agent and supervisor', () => {
  let kefu: RunningKefu;
  let customer: BrowserRole;
  let agent: BrowserRole;
  let supervisor: BrowserRole;

  beforeAll(async () => {
    kefu = await startKefu();
    [customer, agent, supervisor] = await Promise.all([
      openBrowser({ locale: 'zh-CN', width: 1100, height: 800 }),
      openBrowser({ locale: 'en-US' }),
      openBrowser({ locale: 'en-US' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([customer?.close(), agent?.close(), supervisor?.close()]);
    await kefu?.stop();
  });

  const logIn = (b: BrowserRole, account: { email: string; password: string }, path: string) =>
    logInAt(b, `${kefu.url}${path}`, kefu.demo.organization, account);

  const widgetState = (): Promise<{ wait: { position: number } | null }> =>
    customer.page.evaluate(() =>
      (window as unknown as { kefuWidget: { state(): { wait: { position: number } | null } } }).kefuWidget.state(),
    );

  const widgetMessages = (): Promise<WidgetMessage[]> =>
    customer.page.evaluate(() => {
      const w = (
        window as unknown as { kefuWidget: { state(): { messages: { seq: number | null; body: string; author: { kind: string } }[] } } }
      ).kefuWidget;
      return w.state().messages.map((m) => ({ seq: m.seq, body: m.body, author: m.author.kind }));
    });

  const sendAsAgent = async (text: string) => {
    await agent.byTestId('composer-input').fill(text);
    await agent.byTestId('composer-send').click();
    await agent.byTestId('message-list').getByText(text).waitFor();
  };

  it('carries one conversation from the demo page to a rating, live on every screen', async () => {
    const agentAccount = kefu.demo.agents[0];
    if (!agentAccount) throw new Error('the demo printed no agent log-in');

    // The supervisor watches from the start.
    await logIn(supervisor, kefu.demo.supervisor, '/supervisor');
    await supervisor.byTestId('kpi-answered-value').waitFor();
    const answeredBefore = await numberIn(supervisor, 'kpi-answered-value');
    await supervisor.shot('chat-01-supervisor-before');

    // The customer opens the demo page and starts a chat; no agent is available, so they wait.
    await customer.page.goto(`${kefu.url}/demo`);
    await customer.byTestId('kefu-launcher').click();
    await customer.byTestId('kefu-prechat').waitFor();
    await customer.shot('chat-02-customer-prechat');
    await customer.byTestId('kefu-prechat-name').fill('<img src=x onerror="window.__xss=1">Ann 安');
    await customer.byTestId('kefu-prechat-email').fill('ann@example.com');
    await customer.byTestId('kefu-prechat-topic').selectOption('support');
    await customer.byTestId('kefu-prechat-submit').click();
    await customer.byTestId('kefu-position').waitFor();
    await customer.shot('chat-03-customer-waiting');
    // Position 1 reads "下一位就是您" (you are next); the number is in the widget's state.
    await expect(customer.byTestId('kefu-position').textContent()).resolves.toContain('下一位');
    await expect(widgetState().then((s) => s.wait?.position)).resolves.toBe(1);
    await customer.shot('chat-03-customer-waiting');

    await expect.poll(() => numberIn(supervisor, 'kpi-waiting-value'), { timeout: 5_000 }).toBe(1);
    await supervisor.shot('chat-04-supervisor-waiting');

    // The agent logs in, goes available and accepts the offer.
    await logIn(agent, agentAccount, '/workspace');
    await agent.byTestId('state-switch').waitFor();
    await agent.byTestId('state-switch').click();
    await agent.byTestId('state-option-available').click();
    await agent.byTestId('offer-card').waitFor();
    await agent.byTestId('offer-countdown').waitFor();
    await agent.shot('chat-05-agent-offer');
    await agent.byTestId('offer-accept').click();
    await agent.byTestId('composer-input').waitFor();
    await customer.byTestId('kefu-status').and(customer.page.locator('[data-state="assigned"]')).waitFor();

    // Both ways.
    await sendAsAgent('您好，我是李伟，有什么可以帮您？');
    await customer.byTestId('kefu-messages').getByText('您好，我是李伟').waitFor();
    await customer.byTestId('kefu-input').fill('<script>window.__xss=2</script> 我的订单没到');
    await customer.byTestId('kefu-send').click();
    await agent.byTestId('message-list').getByText('<script>window.__xss=2</script> 我的订单没到').waitFor();
    await customer.shot('chat-06-customer-talking');
    await agent.shot('chat-07-agent-talking');

    // The supervisor monitors the chat and whispers to the agent; the customer never sees it.
    const contactId = await customer.page.evaluate(
      () => (window as unknown as { kefuWidget: { state(): { contactId: string } } }).kefuWidget.state().contactId,
    );
    await supervisor.byTestId(`contact-monitor-${contactId}`).click();
    await supervisor.byTestId('monitor-messages').getByText('我的订单没到').waitFor();
    await supervisor.byTestId('whisper-input').fill('可以提供一张优惠券 (coupon)');
    await supervisor.byTestId('whisper-send').click();
    await agent.page.locator('[data-testid="message"][data-kind="whisper"]').getByText('可以提供一张优惠券').waitFor();
    await supervisor.shot('chat-07a-supervisor-monitor');
    await agent.shot('chat-07b-agent-whisper');
    await supervisor.byTestId('monitor-close').click();

    // The customer's connection drops; the agent writes meanwhile and the customer sends too.
    await customer.page.evaluate(() => (window as unknown as { kefuWidget: { dropConnection(): void } }).kefuWidget.dropConnection());
    await sendAsAgent('我查一下物流。');
    await sendAsAgent('包裹明天送达。');
    await customer.byTestId('kefu-input').fill('谢谢！');
    await customer.byTestId('kefu-send').click();
    await customer.byTestId('kefu-messages').getByText('包裹明天送达。').waitFor({ timeout: 15_000 });
    await agent.byTestId('message-list').getByText('谢谢！').waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await widgetMessages()).every((m) => m.seq !== null), { timeout: 10_000 }).toBe(true);
    const seen = await widgetMessages();
    const seqs = seen.map((m) => m.seq ?? -1);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(seen.map((m) => m.body)).toEqual([
      '您好，我是李伟，有什么可以帮您？',
      '<script>window.__xss=2</script> 我的订单没到',
      '我查一下物流。',
      '包裹明天送达。',
      '谢谢！',
    ]);
    await customer.shot('chat-08-customer-after-reconnect');

    // No customer text ever ran as HTML, on either side.
    for (const b of [customer, agent])
      await expect(b.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).resolves.toBeUndefined();

    // The agent ends the chat and wraps up with a disposition.
    await agent.byTestId('chat-close').click();
    await agent.byTestId('wrapup-dialog').waitFor();
    await agent.byTestId('wrapup-class-query').click();
    await agent.byTestId('wrapup-reason').fill('delivery_status');
    await agent.byTestId('wrapup-product').fill('parcel');
    // The demo agents have two minutes of wrap-up time; the form and the header count it down.
    await expect(agent.byTestId('wrapup-time-left').textContent()).resolves.toMatch(/^(2:00|1:[0-5]\d) of wrap-up time left\./);
    await expect(agent.byTestId('conv-wrapup-left').textContent()).resolves.toMatch(/^Wrap-up ends in (2:00|1:[0-5]\d)$/);
    await agent.shot('chat-09-agent-wrapup');
    await agent.byTestId('wrapup-submit').click();
    await agent.byTestId('wrapup-dialog').waitFor({ state: 'detached' });
    await agent.shot('chat-10-agent-after-wrapup');

    // The customer rates and can download the transcript.
    await customer.byTestId('kefu-csat').waitFor({ timeout: 10_000 });
    await customer.byTestId('kefu-csat-star-5').click();
    await customer.byTestId('kefu-csat-comment').fill('很快，谢谢');
    await customer.byTestId('kefu-csat-submit').click();
    await customer.byTestId('kefu-csat-thanks').waitFor();
    await customer.byTestId('kefu-transcript').waitFor();
    await customer.shot('chat-11-customer-rated');

    // The supervisor's figures followed: one more answered, nobody waiting.
    await expect.poll(() => numberIn(supervisor, 'kpi-answered-value'), { timeout: 5_000 }).toBe(answeredBefore + 1);
    await expect.poll(() => numberIn(supervisor, 'kpi-waiting-value'), { timeout: 5_000 }).toBe(0);
    await supervisor.shot('chat-12-supervisor-after');
  });
});
