/**
 * A started kefu with the real-time layer on a real port (its default adapter over the chat
 * capability), WebSocket clients for it, and a tenant set up as the demo is: a skill, a queue, an
 * agent profile and a widget, with conversations opened through the widget's HTTP API.
 */
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { chatRealtimePorts } from '../../src/app/realtime-ports.js';
import type { RealtimePorts } from '../../src/realtime/index.js';
import type { SeededTenant, TestKefu } from '../helpers/app.js';
import { startTestKefu } from '../helpers/app.js';
import type { StorageTarget } from '../helpers/storage.js';

export const WIDGET_ORIGIN = 'https://shop.example';

export interface RealtimeKefu {
  readonly t: TestKefu;
  readonly base: string;
  close(): Promise<void>;
}

export interface RealtimeKefuOptions {
  readonly heartbeatMs?: number;
  /** Changes the default adapter's ports (a test that makes one call fail, hang or count). */
  readonly ports?: (ports: RealtimePorts) => RealtimePorts;
}

export const startRealtimeKefu = async (target: StorageTarget, opts: RealtimeKefuOptions = {}): Promise<RealtimeKefu> => {
  const { ports } = opts;
  const t = await startTestKefu(
    target,
    {},
    {
      realtimeOptions: { heartbeatMs: opts.heartbeatMs ?? 10_000, helloTimeoutMs: 2_000, coalesceMs: 100 },
      ...(ports ? { realtime: (services, server) => ports(chatRealtimePorts(services, server)) } : {}),
    },
  );
  await t.kefu.server.listen({ host: '127.0.0.1', port: 0 });
  t.kefu.start();
  const { port } = t.kefu.server.server.address() as AddressInfo;
  return { t, base: `ws://127.0.0.1:${port}`, close: () => t.close() };
};

export type Frame = { readonly t: string } & Record<string, unknown>;

/** A WebSocket client that records frames and lets a test wait for the next one it cares about. */
export class Client {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  private cursor = 0;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as Frame;
      this.frames.push(f);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(f)) return true;
        w.resolve(f);
        return false;
      });
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next frame (after those already taken) that matches; fails after `ms`. */
  next(pred: (f: Frame) => boolean = () => true, ms = 5_000): Promise<Frame> {
    for (let i = this.cursor; i < this.frames.length; i++) {
      const f = this.frames[i] as Frame;
      if (pred(f)) {
        this.cursor = i + 1;
        return Promise.resolve(f);
      }
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${ms} ms; got ${JSON.stringify(this.frames)}`)), ms);
      this.waiters.push({
        pred,
        resolve: (f) => {
          clearTimeout(timer);
          this.cursor = this.frames.length;
          resolve(f);
        },
      });
    });
  }

  ofType(t: string): Frame[] {
    return this.frames.filter((f) => f.t === t);
  }

  close(): void {
    this.ws.close();
  }
}

export const connect = (url: string, headers: Record<string, string> = {}, origin?: string): Promise<Client> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, ...(origin ? { origin } : {}) });
    const client = new Client(ws);
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });

/** The HTTP status a refused upgrade got (or 101 when it was accepted). */
export const upgradeStatus = async (url: string, headers: Record<string, string> = {}, origin?: string): Promise<number> => {
  try {
    const c = await connect(url, headers, origin);
    c.close();
    return 101;
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === undefined) throw e;
    return status;
  }
};

export const visitor = async (k: RealtimeKefu, token: string, afterSeq = 0): Promise<Client> => {
  const c = await connect(`${k.base}/ws/visitor`, {}, WIDGET_ORIGIN);
  c.send({ t: 'hello', token, afterSeq });
  return c;
};

export const staff = (k: RealtimeKefu, token: string): Promise<Client> =>
  connect(`${k.base}/ws/staff`, { authorization: `Bearer ${token}` });

export interface Conversation {
  readonly contactId: string;
  /** The visitor token the widget API answered with. */
  readonly token: string;
}

export interface ChatTenant {
  readonly seeded: SeededTenant;
  readonly queueId: string;
  readonly widget: { readonly id: string; readonly publicKey: string };
  /** Opens a conversation through the widget API; when `assign`, the agent accepts its offer. */
  open(assign?: boolean): Promise<Conversation>;
  /** Lets the conversation's visitor token expire (its chat_sessions row). */
  expire(contactId: string): Promise<void>;
}

const expectStatus = async (res: { statusCode: number; body: string }, status: number, what: string): Promise<void> => {
  if (res.statusCode !== status) throw new Error(`${what} failed ${res.statusCode} ${res.body}`);
};

export const chatTenant = async (k: RealtimeKefu, slug: string): Promise<ChatTenant> => {
  const seeded = await k.t.seedTenant(slug);
  const admin = seeded.tokens.tenant_admin;
  const skill = await k.t.call('POST', '/api/v1/routing/skills', admin, { name: 'chat' });
  await expectStatus(skill, 201, 'skill');
  const skillId = (skill.json() as { id: string }).id;
  const q = await k.t.call('POST', '/api/v1/routing/queues', admin, {
    name: 'Chat',
    config: { requiredSkills: [{ skill: skillId, minProficiency: 1 }], offerTimeoutMs: 600_000 },
  });
  await expectStatus(q, 201, 'queue');
  const queueId = (q.json() as { id: string }).id;
  const profile = await k.t.call('PUT', `/api/v1/routing/agents/${seeded.users.agent.id}`, admin, {
    skills: { [skillId]: 3 },
    capacity: { chat: 50 },
  });
  await expectStatus(profile, 200, 'agent profile');
  const w = await k.t.call('POST', '/api/v1/chat/widgets', admin, {
    name: `Site of ${slug}`,
    allowedOrigins: [WIDGET_ORIGIN],
    prechat: {
      fields: { name: 'optional', email: 'optional', phone: 'hidden' },
      topics: [{ id: 'help', label: { 'zh-CN': '帮助', en: 'Help' }, queueId, product: null }],
    },
  });
  await expectStatus(w, 201, 'widget');
  const widget = (w.json() as { widget: { id: string; publicKey: string } }).widget;
  await expectStatus(await k.t.call('POST', '/api/v1/routing/me/state', seeded.tokens.agent, { state: 'available' }), 204, 'presence');
  const open = async (assign = true): Promise<Conversation> => {
    const res = await k.t.kefu.server.inject({
      method: 'POST',
      url: `/api/v1/widget/${widget.publicKey}/conversations`,
      headers: { origin: WIDGET_ORIGIN },
      payload: { name: 'Ada', topicId: 'help' },
    });
    await expectStatus(res, 201, 'open');
    const { contactId, token } = res.json() as Conversation;
    if (assign) await expectStatus(await k.t.call('POST', `/api/v1/contacts/${contactId}/accept`, seeded.tokens.agent), 200, 'accept');
    return { contactId, token };
  };
  const expire = async (contactId: string): Promise<void> => {
    const tenantId = seeded.tenant.id;
    await k.t.kefu.db.tx(tenantId, (trx) =>
      trx
        .updateTable('chat_sessions')
        .set({ expires_at: Date.now() - 1 })
        .where('tenant_id', '=', tenantId)
        .where('contact_id', '=', contactId)
        .execute(),
    );
  };
  return { seeded, queueId, widget, open, expire };
};
