/** API keys: scoped to one tenant and a set of permissions, stored hashed, shown once. */
import { AppError, notFound, type TenantContext } from '../kernel/index.js';
import { onCommit } from '../platform/db/index.js';
import { assertKeyPermissions } from './core/access-rules.js';
import { formatToken } from './core/tokens.js';
import { hashSecret } from './crypto.js';
import type { TenancyDeps } from './deps.js';
import { apiKeyStore } from './store.js';
import { type ApiKeyView, apiKeyView } from './views.js';

export class ApiKeysService {
  constructor(private readonly d: TenancyDeps) {}

  async list(ctx: TenantContext): Promise<ApiKeyView[]> {
    const rows = await this.d.db.tx(ctx.tenantId, (trx) => apiKeyStore.list(trx, ctx.tenantId));
    return rows.map(apiKeyView);
  }

  async create(ctx: TenantContext, name: string, permissions: readonly string[]): Promise<{ apiKey: ApiKeyView; secret: string }> {
    const perms = assertKeyPermissions(permissions, ctx.actor.permissions);
    if (perms.length === 0)
      throw new AppError('VALIDATION_FAILED', 'Give the key at least one permission.', [
        { field: 'permissions', issue: 'must not be empty' },
      ]);
    const now = this.d.clock.now();
    const id = this.d.ids.next('key');
    const secret = this.d.randomSecret();
    const row = {
      tenant_id: ctx.tenantId,
      id,
      name: name.trim(),
      secret_hash: hashSecret(secret),
      permissions: JSON.stringify(perms),
      created_by: ctx.actor.id,
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    };
    await this.d.db.tx(ctx.tenantId, async (trx) => {
      await apiKeyStore.insert(trx, row);
      await this.d.audit.record(
        trx,
        ctx,
        ctx.tenantId,
        { action: 'apikey.create', targetType: 'api_key', targetId: id, before: null, after: { name: row.name, permissions: perms } },
        now,
      );
    });
    return { apiKey: apiKeyView(row), secret: formatToken('api_key', ctx.tenantId, id, secret) };
  }

  async revoke(ctx: TenantContext, id: string): Promise<void> {
    const now = this.d.clock.now();
    await this.d.db.tx(ctx.tenantId, async (trx) => {
      const key = await apiKeyStore.byId(trx, ctx.tenantId, id);
      if (!key) throw notFound('API key');
      if (key.revoked_at !== null) return;
      await apiKeyStore.revoke(trx, ctx.tenantId, id, now);
      onCommit(trx, () => this.d.keyCache.forgetKey(ctx.tenantId, id));
      await this.d.audit.record(
        trx,
        ctx,
        ctx.tenantId,
        { action: 'apikey.revoke', targetType: 'api_key', targetId: id, before: { revoked: false }, after: { revoked: true } },
        now,
      );
    });
  }
}
