/** Use cases on a customer's identities: attach one, detach one. */
import { AppError, notFound, type TenantContext, unwrap } from '../kernel/index.js';
import { type IdentityInput, identityKey, normaliseIdentity, normaliseOneIdentity } from './core/identity.js';
import type { CustomersDeps } from './deps.js';
import { CUSTOMER_EVENTS, customerEvent, recordChange } from './events.js';
import { requireActive, viewOf } from './read.js';
import { identityStore } from './store.js';
import { type CustomerView, identitiesAudit } from './views.js';

/** More identities than this on one profile is a sign of a bad merge or a runaway integration. */
export const MAX_IDENTITIES_PER_CUSTOMER = 50;

export interface IdentityAdded {
  readonly customer: CustomerView;
  /** False when the customer already held the identity (nothing was written). */
  readonly added: boolean;
}

export const addIdentity = async (d: CustomersDeps, ctx: TenantContext, id: string, input: IdentityInput): Promise<IdentityAdded> => {
  const identity = unwrap(normaliseOneIdentity(input, 'body'));
  const now = d.clock.now();
  return d.db.tx(ctx.tenantId, async (trx) => {
    const row = await requireActive(trx, ctx.tenantId, id);
    const before = await viewOf(trx, ctx.tenantId, row);
    if (before.identities.some((i) => i.kind === identity.kind && i.value === identity.value)) return { customer: before, added: false };
    if (before.identities.length >= MAX_IDENTITIES_PER_CUSTOMER)
      throw new AppError('VALIDATION_FAILED', undefined, [
        { field: 'body', issue: `a customer holds at most ${MAX_IDENTITIES_PER_CUSTOMER} identities` },
      ]);
    const free = await identityStore.insertIfFree(trx, { tenant_id: ctx.tenantId, ...identity, customer_id: id, created_at: now });
    if (!free) {
      const owner = (await identityStore.ownersOf(trx, ctx.tenantId, [identity])).get(identityKey(identity));
      // Attached by a concurrent request for this same customer: the outcome the caller wanted.
      if (owner === id) return { customer: await viewOf(trx, ctx.tenantId, row), added: false };
      throw new AppError('IDENTITY_TAKEN', `This identity belongs to customer ${owner ?? 'another'}; merge the two instead.`, [
        { field: 'body.value', issue: 'belongs to another customer' },
      ]);
    }
    const after = await viewOf(trx, ctx.tenantId, row);
    await recordChange(
      d,
      trx,
      ctx,
      now,
      {
        action: 'customer.identity_add',
        targetType: 'customer',
        targetId: id,
        before: identitiesAudit(before),
        after: identitiesAudit(after),
      },
      [customerEvent(CUSTOMER_EVENTS.identityAdded, id, { kind: identity.kind, value: identity.value })],
    );
    return { customer: after, added: true };
  });
};

export const removeIdentity = async (d: CustomersDeps, ctx: TenantContext, id: string, kind: string, value: string): Promise<void> => {
  // A value that does not normalise cannot be stored, so it cannot be attached either.
  const r = normaliseIdentity(kind, value);
  const now = d.clock.now();
  await d.db.tx(ctx.tenantId, async (trx) => {
    const row = await requireActive(trx, ctx.tenantId, id);
    const before = await viewOf(trx, ctx.tenantId, row);
    if (!r.ok || !(await identityStore.remove(trx, ctx.tenantId, id, r.value))) throw notFound('identity of this customer');
    const after = await viewOf(trx, ctx.tenantId, row);
    await recordChange(
      d,
      trx,
      ctx,
      now,
      {
        action: 'customer.identity_remove',
        targetType: 'customer',
        targetId: id,
        before: identitiesAudit(before),
        after: identitiesAudit(after),
      },
      [customerEvent(CUSTOMER_EVENTS.identityRemoved, id, { kind: r.value.kind, value: r.value.value })],
    );
  });
};
