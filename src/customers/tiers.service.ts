/** A tenant's customer tiers: read them, replace them (tenant admins), and a customer's tier for routing. */
import { type TenantContext, unwrap } from '../kernel/index.js';
import { defaultTier, findTier, planTierList, sameTiers, type Tier, type TierInput } from './core/tiers.js';
import type { CustomersDeps } from './deps.js';
import { CUSTOMER_EVENTS, recordChange } from './events.js';
import { currentCustomer, tiersOf } from './read.js';
import { customerStore, tierStore } from './store.js';
import type { TierView } from './views.js';

const tierViews = (tiers: readonly Tier[]): TierView[] => {
  const fallback = defaultTier(tiers).id;
  return tiers.map((t) => ({ id: t.id, name: t.name, rank: t.rank, isDefault: t.id === fallback }));
};

export const listTiers = (d: CustomersDeps, ctx: TenantContext): Promise<TierView[]> =>
  d.db.tx(ctx.tenantId, async (trx) => tierViews(await tiersOf(trx, ctx.tenantId)));

export const replaceTiers = async (d: CustomersDeps, ctx: TenantContext, input: readonly TierInput[]): Promise<TierView[]> => {
  const now = d.clock.now();
  return d.db.tx(ctx.tenantId, async (trx) => {
    const current = await tiersOf(trx, ctx.tenantId);
    const next = unwrap(planTierList(input, await customerStore.tiersInUse(trx, ctx.tenantId)));
    // Putting the list the tenant already has changes nothing and records nothing.
    if (sameTiers(current, next)) return tierViews(current);
    await tierStore.replace(trx, ctx.tenantId, next);
    const snap = (tiers: readonly Tier[]) => ({ tiers: tiers.map((t) => ({ id: t.id, name: t.name, rank: t.rank })) });
    await recordChange(
      d,
      trx,
      ctx,
      now,
      { action: 'customer_tiers.update', targetType: 'customer_tiers', targetId: ctx.tenantId, before: snap(current), after: snap(next) },
      [
        {
          type: CUSTOMER_EVENTS.tiersUpdated,
          aggregateType: 'customer_tiers',
          aggregateId: ctx.tenantId,
          payload: { tiers: next.map((t) => t.id) },
        },
      ],
    );
    return tierViews(next);
  });
};

/** The tier a customer holds now (following a merge to the surviving profile); NOT_FOUND if no such customer. */
export const tierOf = (d: CustomersDeps, ctx: TenantContext, customerId: string): Promise<Tier> =>
  d.db.tx(ctx.tenantId, async (trx) => {
    const row = await currentCustomer(trx, ctx.tenantId, customerId);
    const tiers = await tiersOf(trx, ctx.tenantId);
    return findTier(tiers, row.tier) ?? defaultTier(tiers);
  });
