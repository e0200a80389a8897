/**
 * Log-in, log-out, credential checks and one's own password. Sessions and API keys both turn
 * into a TenantContext here; nothing else in kefu reads credentials.
 */
import { AppError, isPermission, isRole, PLATFORM_TENANT_ID, permissionsOf, type TenantContext } from '../kernel/index.js';
import { PLATFORM_SCOPE } from '../platform/db/index.js';
import { normaliseEmail } from './core/access-rules.js';
import { assertPasswordAcceptable } from './core/password-policy.js';
import { judgeSession, shouldTouch } from './core/session-rules.js';
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  accountKey,
  addressKey,
  FRESH,
  isLocked,
  recordFailure,
  type ThrottleState,
} from './core/throttle.js';
import { formatToken, type ParsedToken, parseToken } from './core/tokens.js';
import { DUMMY_HASH, hashSecret, secretMatches, secretMatchesBytes } from './crypto.js';
import type { TenancyDeps } from './deps.js';
import type { VerifiedKey } from './key-cache.js';
import { apiKeyStore, sessionStore, tenantStore, throttleStore, userStore } from './store.js';

export interface LoginInput {
  readonly organization?: string;
  readonly email: string;
  readonly password: string;
  readonly ip: string;
  readonly userAgent: string | null;
}

export interface IssuedSession {
  readonly token: string;
  readonly expiresAt: number;
  readonly tenantId: string;
  readonly userId: string;
}

export interface Me {
  readonly id: string;
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly tenantName: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: string;
  readonly permissions: string[];
}

export interface RequestMeta {
  readonly ip: string | null;
  readonly requestId: string;
}

const rowState = (r: { failures: number; window_start: number; locked_until: number } | undefined): ThrottleState =>
  r ? { failures: r.failures, windowStart: Number(r.window_start), lockedUntil: Number(r.locked_until) } : FRESH;

export class AuthService {
  constructor(private readonly d: TenancyDeps) {}

  async login(input: LoginInput): Promise<IssuedSession> {
    const slug = (input.organization ?? '').trim().toLowerCase();
    const email = normaliseEmail(input.email);
    const keys = [accountKey(slug || 'platform', email), addressKey(input.ip)];
    // The attempt is counted before the password is checked, so a burst of parallel guesses gets
    // exactly as many checks as the policy allows; a correct password gives the count back.
    if (!(await this.reserveAttempt(keys))) throw new AppError('LOGIN_THROTTLED');

    const tenant = await this.d.db.tx(PLATFORM_SCOPE, (trx) =>
      slug ? tenantStore.bySlug(trx, slug) : tenantStore.byId(trx, PLATFORM_TENANT_ID),
    );
    const user = tenant ? await this.d.db.tx(tenant.id, (trx) => userStore.byEmail(trx, tenant.id, email)) : undefined;
    // Always pay for one verification so response time does not reveal whether the account exists.
    const passwordOk = await this.d.hasher.verify(user?.password_hash ?? DUMMY_HASH, input.password);
    if (!tenant || !user || !passwordOk) throw new AppError('INVALID_CREDENTIALS');
    await this.refundAttempt(keys);
    if (tenant.status !== 'active') throw new AppError('TENANT_SUSPENDED');
    if (user.status !== 'active') throw new AppError('USER_DISABLED');
    return this.issueSession(tenant.id, user.id, input.ip, input.userAgent);
  }

  /**
   * Counts one attempt as a failure against every key, unless one of them is locked (then nothing
   * is counted and the answer is false). One transaction holding each key's row lock (PostgreSQL:
   * `for update`; SQLite serialises writers), keys always in the same order (account, then
   * address) so two log-ins cannot deadlock: concurrent attempts all count, and the lock engages
   * at exactly the policy's limit.
   */
  private async reserveAttempt(keys: readonly string[]): Promise<boolean> {
    return this.d.db.tx(PLATFORM_SCOPE, async (trx) => {
      const states: ThrottleState[] = [];
      for (const key of keys) states.push(rowState(await throttleStore.getForUpdate(trx, this.d.db.dialect, key)));
      // Read after the locks are held, so a later writer never records an earlier time.
      const now = this.d.clock.now();
      if (states.some((st) => isLocked(st, now))) return false;
      for (const [i, key] of keys.entries()) {
        const next = recordFailure(states[i] ?? FRESH, now, i === 0 ? ACCOUNT_POLICY : ADDRESS_POLICY);
        await throttleStore.put(trx, key, next.failures, next.windowStart, next.lockedUntil);
      }
      return true;
    });
  }

  /** The password was right: the account starts afresh and the address gets its attempt back. */
  private async refundAttempt(keys: readonly string[]): Promise<void> {
    const [account, ...others] = keys;
    await this.d.db.tx(PLATFORM_SCOPE, async (trx) => {
      if (account !== undefined) await throttleStore.clear(trx, account);
      for (const key of others) {
        const st = rowState(await throttleStore.getForUpdate(trx, this.d.db.dialect, key));
        const failures = Math.max(0, st.failures - 1);
        // A lock that only this attempt's count set goes with it: a success never locks an address.
        const lockedUntil = failures < ADDRESS_POLICY.maxFailures ? 0 : st.lockedUntil;
        await throttleStore.put(trx, key, failures, st.windowStart, lockedUntil);
      }
    });
  }

  private async issueSession(tenantId: string, userId: string, ip: string | null, userAgent: string | null): Promise<IssuedSession> {
    const now = this.d.clock.now();
    const id = this.d.ids.next('ses');
    const secret = this.d.randomSecret();
    const expiresAt = now + this.d.sessionTtlMs;
    await this.d.db.tx(tenantId, (trx) =>
      sessionStore.insert(trx, {
        tenant_id: tenantId,
        id,
        user_id: userId,
        secret_hash: hashSecret(secret),
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        revoked_at: null,
        ip,
        user_agent: userAgent ? userAgent.slice(0, 300) : null,
      }),
    );
    return { token: formatToken('session', tenantId, id, secret), expiresAt, tenantId, userId };
  }

  /** Turns a bearer token into a context; throws for a token that is present but not valid. */
  async authenticate(raw: string, meta: RequestMeta): Promise<TenantContext> {
    const t = parseToken(raw);
    if (!t) throw new AppError('UNAUTHENTICATED', 'The credential is malformed; log in again or check the API key.');
    return t.kind === 'session' ? this.fromSession(t, meta) : this.fromApiKey(t, meta);
  }

  private async fromSession(t: ParsedToken, meta: RequestMeta): Promise<TenantContext> {
    const now = this.d.clock.now();
    return this.d.db.tx(t.tenantId, async (trx) => {
      const s = await sessionStore.byId(trx, t.tenantId, t.recordId);
      if (!s || !secretMatches(t.secret, s.secret_hash)) throw new AppError('UNAUTHENTICATED', 'The session is not known; log in again.');
      const verdict = judgeSession(
        {
          expiresAt: Number(s.expires_at),
          lastSeenAt: Number(s.last_seen_at),
          revokedAt: s.revoked_at === null ? null : Number(s.revoked_at),
        },
        now,
        this.d.sessionIdleMs,
      );
      if (verdict !== 'valid') throw new AppError('SESSION_EXPIRED');
      const [user, tenant] = await Promise.all([userStore.byId(trx, t.tenantId, s.user_id), tenantStore.byId(trx, t.tenantId)]);
      if (user?.status !== 'active' || !tenant || tenant.status !== 'active') throw new AppError('SESSION_EXPIRED');
      const roleOk = isRole(user.role) && (t.tenantId === PLATFORM_TENANT_ID) === (user.role === 'operator_admin');
      if (!roleOk || !isRole(user.role)) throw new AppError('FORBIDDEN');
      if (shouldTouch(Number(s.last_seen_at), now)) await sessionStore.touch(trx, t.tenantId, s.id, now);
      return {
        tenantId: t.tenantId,
        actor: { kind: 'user', id: user.id, name: user.display_name, role: user.role, permissions: permissionsOf(user.role) },
        requestId: meta.requestId,
        ip: meta.ip,
        sessionId: s.id,
      };
    });
  }

  private async fromApiKey(t: ParsedToken, meta: RequestMeta): Promise<TenantContext> {
    const now = this.d.clock.now();
    const cache = this.d.keyCache;
    const key = cache.get(t.tenantId, t.recordId, now) ?? (await this.lookUpApiKey(t, now));
    // Checked on every request, cached or not: the cache holds the hash, never trusts the token.
    if (!secretMatchesBytes(t.secret, key.secretHash)) throw new AppError('UNAUTHENTICATED', 'The API key is not valid or was revoked.');
    return {
      tenantId: t.tenantId,
      actor: { kind: 'api_key', id: key.keyId, name: key.name, role: null, permissions: new Set(key.permissions) },
      requestId: meta.requestId,
      ip: meta.ip,
    };
  }

  /** Reads a key and its tenant, marks the key used (at most once a minute) and caches it briefly. */
  private async lookUpApiKey(t: ParsedToken, now: number): Promise<VerifiedKey> {
    const started = this.d.keyCache.begin();
    const key = await this.d.db.tx(t.tenantId, async (trx) => {
      const k = await apiKeyStore.byId(trx, t.tenantId, t.recordId);
      if (!k || k.revoked_at !== null || !secretMatches(t.secret, k.secret_hash)) {
        throw new AppError('UNAUTHENTICATED', 'The API key is not valid or was revoked.');
      }
      const tenant = await tenantStore.byId(trx, t.tenantId);
      if (tenant?.status !== 'active') throw new AppError('TENANT_SUSPENDED');
      if (k.last_used_at === null || shouldTouch(Number(k.last_used_at), now)) await apiKeyStore.touch(trx, t.tenantId, k.id, now);
      const permissions = new Set((JSON.parse(k.permissions) as string[]).filter(isPermission));
      return { tenantId: t.tenantId, keyId: k.id, secretHash: Buffer.from(k.secret_hash, 'hex'), name: k.name, permissions };
    });
    this.d.keyCache.put(key, now, started);
    return key;
  }

  async logout(ctx: TenantContext): Promise<void> {
    if (!ctx.sessionId) return;
    const now = this.d.clock.now();
    await this.d.db.tx(ctx.tenantId, (trx) => sessionStore.revoke(trx, ctx.tenantId, ctx.sessionId as string, now));
  }

  async me(ctx: TenantContext): Promise<Me> {
    return this.d.db.tx(ctx.tenantId, async (trx) => {
      const [user, tenant] = await Promise.all([userStore.byId(trx, ctx.tenantId, ctx.actor.id), tenantStore.byId(trx, ctx.tenantId)]);
      if (!user || !tenant) throw new AppError('UNAUTHENTICATED');
      return {
        id: user.id,
        tenantId: tenant.id,
        tenantSlug: tenant.slug,
        tenantName: tenant.name,
        email: user.email,
        displayName: user.display_name,
        role: user.role,
        permissions: [...ctx.actor.permissions],
      };
    });
  }

  /** Changing one's password ends every session of the account and opens a fresh one. */
  async changeOwnPassword(ctx: TenantContext, current: string, next: string, userAgent: string | null): Promise<IssuedSession> {
    const user = await this.d.db.tx(ctx.tenantId, (trx) => userStore.byId(trx, ctx.tenantId, ctx.actor.id));
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (!(await this.d.hasher.verify(user.password_hash, current))) throw new AppError('WRONG_PASSWORD');
    assertPasswordAcceptable(next, user.email);
    const hash = await this.d.hasher.hash(next);
    const now = this.d.clock.now();
    await this.d.db.tx(ctx.tenantId, async (trx) => {
      await userStore.update(trx, ctx.tenantId, user.id, { password_hash: hash, password_changed_at: now, updated_at: now });
      await sessionStore.revokeAllOfUser(trx, ctx.tenantId, user.id, now);
      await this.d.audit.record(
        trx,
        ctx,
        ctx.tenantId,
        { action: 'user.change_own_password', targetType: 'user', targetId: user.id, before: null, after: null },
        now,
      );
    });
    return this.issueSession(ctx.tenantId, user.id, ctx.ip, userAgent);
  }
}
