/**
 * The composition root: configuration -> database -> services -> HTTP server. The only module
 * that knows every capability; everything else receives what it needs.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AuditService, auditRoutes } from '../audit/index.js';
import { type ChatService, UnsentUploadSweeper } from '../chat/index.js';
import type { CustomerLookup } from '../contacts/index.js';
import { CUSTOMER_EVENTS, CustomersService, customersRoutes } from '../customers/index.js';
import { type Clock, type IdSource, makeIdSource, systemClock, type TenantContext } from '../kernel/index.js';
import type { KefuConfig } from '../platform/config/index.js';
import { loadOrCreateSecrets } from '../platform/config/index.js';
import { type Database, type DatabaseOptions, LogRetention, migrateToLatest, openDatabase } from '../platform/db/index.js';
import { makeOutbox, type OnCommitted, OutboxDispatcher, OutboxPruner } from '../platform/events/index.js';
import { buildHttpServer } from '../platform/http/index.js';
import { type Logger, makeLogger } from '../platform/logging/index.js';
import type { Realtime, RealtimeOptions, RealtimePorts } from '../realtime/index.js';
import { decisionLog } from '../routing/index.js';
import {
  ApiKeyCache,
  ApiKeysService,
  AuthService,
  apiKeyRoutes,
  argon2idHasher,
  authRoutes,
  type PasswordHasher,
  randomSecret,
  SESSION_COOKIE,
  TenantsService,
  tenantRoutes,
  UsersService,
  userRoutes,
} from '../tenancy/index.js';
import { buildWebhooks, deliveryLog, WEBHOOKS_SUBSCRIBER, type Webhooks, webhookRoutes } from '../webhooks/index.js';
import { buildChat, registerChat } from './chat.js';
import { buildContactCenter, type ContactCenter, registerContactCenter } from './contact-center.js';
import { pooledRandomBytes } from './random.js';
import { attachRealtime } from './realtime.js';
import { chatRealtimePorts } from './realtime-ports.js';
import { systemContext } from './system-context.js';

export interface KefuServices {
  readonly contactCenter: ContactCenter;
  readonly auth: AuthService;
  readonly users: UsersService;
  readonly tenants: TenantsService;
  readonly apiKeys: ApiKeysService;
  readonly audit: AuditService;
  readonly customers: CustomersService;
  readonly webhooks: Webhooks;
  readonly chat: ChatService;
}

export interface Kefu {
  readonly config: KefuConfig;
  readonly db: Database;
  readonly log: Logger;
  readonly services: KefuServices;
  readonly dispatcher: OutboxDispatcher;
  /** Deletes delivered outbox events past `outboxRetentionHours` (runs every 10 minutes once started). */
  readonly pruner: OutboxPruner;
  /** Deletes uploads no message took within `unsentUploadHours` (runs hourly once started). */
  readonly uploadSweeper: UnsentUploadSweeper;
  /** Deletes routing decision records and finished webhook deliveries past their retention (hourly). */
  readonly logRetention: LogRetention;
  readonly server: FastifyInstance;
  readonly realtime: Realtime;
  /** Starts background work (event dispatch, webhook delivery). Tests that drive them by hand skip it. */
  start(): void;
  close(): Promise<void>;
}

export interface KefuOptions {
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  readonly hasher?: PasswordHasher;
  readonly rateLimitPerMinute?: number;
  /** The real-time layer's ports (src/realtime); by default the chat adapter (realtime-ports.ts). */
  readonly realtime?: (services: KefuServices, server: FastifyInstance) => RealtimePorts;
  /** Heartbeat, hello deadline and coalescing of the real-time layer (tests shorten them). */
  readonly realtimeOptions?: Omit<RealtimeOptions, 'log'>;
}

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
const DAY_MS = 86_400_000;

export const kefuVersion = (): string => {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
};

/** Opens the database and applies migrations; on PostgreSQL migrations run as the owner login. */
export const openMigratedDatabase = async (
  config: KefuConfig,
  opts: Pick<DatabaseOptions, 'onAfterCommitError'> = {},
): Promise<Database> => {
  if (config.databaseUrl) {
    const owner = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, appRole: null, poolSize: 1 });
    try {
      await migrateToLatest(owner, config.pgAppRole);
    } finally {
      await owner.close();
    }
    return openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, appRole: config.pgAppRole, ...opts });
  }
  const db = openDatabase({ url: null, dataDir: config.dataDir, appRole: null, ...opts });
  await migrateToLatest(db, null);
  return db;
};

/**
 * Contacts find their customer and tier through the customers capability: the customer's tier,
 * else the default; identities resolve to their owner or a new customer.
 */
const customerLookup = (customers: CustomersService): CustomerLookup => ({
  of: (ctx, id) => customers.tierIdOf(ctx, id),
  fallback: async (ctx) => (await customers.tiers(ctx)).find((t) => t.isDefault)?.id ?? 'low',
  resolve: async (ctx, identities, name) =>
    (await customers.resolve(ctx, identities, name === null ? {} : { displayName: name })).customer.id,
});

export const buildServices = (config: KefuConfig, db: Database, log: Logger, opts: KefuOptions, onCommitted: OnCommitted): KefuServices => {
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? makeIdSource(() => clock.now(), pooledRandomBytes());
  const audit = new AuditService(db, ids);
  const deps = {
    db,
    clock,
    ids,
    outbox: makeOutbox(db.dialect, onCommitted),
    audit,
    hasher: opts.hasher ?? argon2idHasher,
    log,
    randomSecret,
    sessionTtlMs: config.sessionTtlMinutes * 60_000,
    sessionIdleMs: config.sessionIdleMinutes * 60_000,
    keyCache: new ApiKeyCache(),
  };
  const users = new UsersService(deps);
  const customers = new CustomersService(deps);
  const contactCenter = buildContactCenter({
    ...deps,
    tiersOf: (tenantId) => customers.tiers(systemContext('routing', tenantId)),
    isRoutableUser: async (ctx, userId) => {
      const user = await users.get(ctx, userId).catch(() => null);
      return user !== null && user.status === 'active' && (user.role === 'agent' || user.role === 'supervisor');
    },
  });
  const chat = buildChat({ ...deps, dataDir: config.dataDir, contactCenter, customers, users });
  return {
    contactCenter,
    chat,
    auth: new AuthService(deps),
    users,
    tenants: new TenantsService(deps),
    apiKeys: new ApiKeysService(deps),
    audit,
    customers,
    webhooks: buildWebhooks({ ...deps, allowPrivate: config.webhookAllowPrivate }),
  };
};

const bearerOf = (req: FastifyRequest): string | null => {
  const header = req.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s+/i.test(header)) return header.replace(/^Bearer\s+/i, '').trim();
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (typeof cookie !== 'string' || cookie === '') return null;
  // The cookie is signed with the server secret: a tampered or foreign cookie is no credential.
  const unsigned = req.unsignCookie(cookie);
  return unsigned.valid ? unsigned.value : '';
};

export const createKefu = async (config: KefuConfig, opts: KefuOptions = {}): Promise<Kefu> => {
  const log = opts.logger ?? makeLogger(config.logLevel);
  const secrets = loadOrCreateSecrets(config.dataDir, config.secret);
  const db = await openMigratedDatabase(config, {
    onAfterCommitError: (err) => log.error({ err }, 'an after-commit callback failed (the transaction committed)'),
  });
  // Refuse to serve if PostgreSQL queries would not run under row-level security.
  await db.ping();
  let dispatcher: OutboxDispatcher | null = null;
  const services = buildServices(config, db, log, opts, (events) => dispatcher?.committed(events));
  dispatcher = new OutboxDispatcher(db, opts.clock ?? systemClock, log);
  dispatcher.subscribe(WEBHOOKS_SUBSCRIBER, services.webhooks.handleEvent);
  // Routing gives each customer tier a head start; when a tenant's tiers change its engine is
  // rebuilt with the new list. Dropping an engine twice is harmless, so redelivery is too.
  dispatcher.subscribe('routing-tiers', async (e) => {
    if (e.type === CUSTOMER_EVENTS.tiersUpdated) await services.contactCenter.runtime.invalidate(e.tenantId);
  });
  await services.tenants.ensurePlatformTenant();
  const authenticate = async (req: FastifyRequest): Promise<TenantContext | null> => {
    const raw = bearerOf(req);
    return raw ? services.auth.authenticate(raw, { ip: req.ip, requestId: req.id }) : null;
  };
  const server = await buildHttpServer({
    logger: log,
    authenticate,
    isReady: async () => {
      await db.ping();
      return true;
    },
    bodyLimitBytes: config.bodyLimitBytes,
    headersTimeoutMs: config.headersTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
    maxHeaderBytes: config.maxHeaderBytes,
    trustProxy: config.trustProxy,
    webRoot: join(ROOT, 'web', 'dist'),
    version: kefuVersion(),
    cookieSecret: secrets.cookieSecret,
    rateLimitPerMinute: opts.rateLimitPerMinute,
  });
  await server.register(authRoutes(services.auth));
  await server.register(userRoutes(services.users));
  await server.register(apiKeyRoutes(services.apiKeys));
  await server.register(tenantRoutes(services.tenants));
  await server.register(auditRoutes(services.audit));
  await server.register(customersRoutes(services.customers));
  await registerContactCenter(server, services.contactCenter, customerLookup(services.customers));
  await server.register(webhookRoutes(services.webhooks.service));
  await registerChat(server, services.chat, services.tenants, join(ROOT, 'web', 'dist-widget'));
  const ports = (opts.realtime ?? chatRealtimePorts)(services, server);
  const realtime = attachRealtime(server, dispatcher, ports, { log, ...opts.realtimeOptions });
  await server.ready();
  const d = dispatcher;
  const pruner = new OutboxPruner(db, opts.clock ?? systemClock, log, () => d.passedByAll(), {
    retentionMs: config.outboxRetentionHours * 3_600_000,
  });
  const uploadSweeper = new UnsentUploadSweeper(db, opts.clock ?? systemClock, log, config.dataDir, {
    graceMs: config.unsentUploadHours * 3_600_000,
  });
  const logRetention = new LogRetention(db, opts.clock ?? systemClock, log, [
    decisionLog(config.decisionRetentionDays * DAY_MS),
    deliveryLog(config.webhookDeliveryRetentionDays * DAY_MS),
  ]);
  return {
    config,
    db,
    log,
    services,
    dispatcher: d,
    pruner,
    uploadSweeper,
    logRetention,
    server,
    realtime,
    start: () => {
      d.start();
      services.webhooks.worker.start();
      pruner.start();
      uploadSweeper.start();
      logRetention.start();
    },
    close: async () => {
      await server.close();
      await services.contactCenter.runtime.close();
      await pruner.stop();
      await uploadSweeper.stop();
      await logRetention.stop();
      await d.stop();
      await services.webhooks.worker.stop();
      await db.close();
    },
  };
};
