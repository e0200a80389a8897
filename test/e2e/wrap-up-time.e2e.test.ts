/**
 * Wrap-up time in a real browser against a real server: the demo admin gives an agent a 5-second
 * wrap-up time over the API, a contact opened over the API is offered to that agent, who accepts
 * and ends it; the wrap-up form counts down, and when the time runs out routing closes the chat
 * without a disposition and the workspace says so. Screens go to test-results/screens/wrapup-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRole, logIn, openBrowser } from '../helpers/browser.js';
import { type RunningKefu, startKefu } from '../helpers/kefu-process.js';

describe('wrap-up time in the agent workspace', () => {
  let kefu: RunningKefu;
  let agent: BrowserRole;

  beforeAll(async () => {
    kefu = await startKefu();
    agent = await openBrowser({ locale: 'en-US' });
  });

  afterAll(async () => {
    await agent?.close();
    await kefu?.stop();
  });

  /** The REST API as the demo tenant's admin. */
  const api = async <T>(token: string | null, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${kefu.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  it('counts the wrap-up down and tells the agent when routing closed the chat', async () => {
    const account = kefu.demo.agents[0];
    if (!account) throw new Error('the demo printed no agent log-in');
    const { token } = await api<{ token: string }>(null, 'POST', '/api/v1/auth/login', {
      organization: kefu.demo.organization,
      email: kefu.demo.admin.email,
      password: kefu.demo.admin.password,
    });
    const users = await api<{ items: { id: string; email: string }[] }>(token, 'GET', '/api/v1/users');
    const userId = users.items.find((u) => u.email === account.email)?.id ?? '';
    const profiles = await api<{ items: { userId: string; skills: object; capacity: object }[] }>(token, 'GET', '/api/v1/routing/agents');
    const profile = profiles.items.find((p) => p.userId === userId);
    expect(profile).toBeDefined();
    await api(token, 'PUT', `/api/v1/routing/agents/${userId}`, { skills: profile?.skills, capacity: profile?.capacity, wrapUpSeconds: 5 });
    const queues = await api<{ items: { id: string }[] }>(token, 'GET', '/api/v1/routing/queues');

    await logIn(agent, `${kefu.url}/workspace`, kefu.demo.organization, account);
    await agent.byTestId('state-switch').click();
    await agent.byTestId('state-option-available').click();
    await agent.byTestId('not-available-notice').waitFor({ state: 'detached' });

    // Nobody else is logged in, so the contact is offered to this agent.
    await api(token, 'POST', '/api/v1/contacts', { channel: 'chat', queueId: queues.items[0]?.id, tier: 'high', subject: 'Late parcel' });
    await agent.byTestId('offer-accept').click();
    await agent.byTestId('chat-close').click();
    await agent.byTestId('wrapup-dialog').waitFor();
    await expect(agent.byTestId('wrapup-time-left').textContent()).resolves.toMatch(/^0:0[0-5] of wrap-up time left\./);
    await agent.shot('wrapup-01-countdown');

    // The agent never sends the form: routing closes the chat when the five seconds are up.
    await agent.byTestId('wrapup-timeout-notice').waitFor({ timeout: 15_000 });
    await agent.byTestId('wrapup-dialog').waitFor({ state: 'detached' });
    await expect(agent.byTestId('wrapup-timeout-notice').textContent()).resolves.toContain(
      'ran out: the conversation closed without a disposition.',
    );
    await expect(agent.page.getByTestId('conversation').count()).resolves.toBe(0);
    await agent.shot('wrapup-02-timed-out');
    await agent.byTestId('wrapup-timeout-dismiss').click();
    await agent.byTestId('wrapup-timeout-notice').waitFor({ state: 'detached' });
  });
});
