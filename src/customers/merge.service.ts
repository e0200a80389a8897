/**
 * Merging two profiles of one person: the source's identities move to the target, the target
 * takes what the merge rules give it (core/merge.ts), and the source stays as a tombstone that
 * points at the target, so ids held elsewhere (contacts, tickets) still lead somewhere.
 */
import { type TenantContext, unwrap } from '../kernel/index.js';
import { checkMergePair, mergeProfiles } from './core/merge.js';
import { sameTags } from './core/profile.js';
import type { CustomersDeps } from './deps.js';
import { CUSTOMER_EVENTS, customerEvent, recordChange } from './events.js';
import { requireActive, tiersOf, viewOf } from './read.js';
import { customerStore, identityStore, tagStore } from './store.js';
import { type CustomerView, customerAudit, identitiesAudit } from './views.js';

export const mergeCustomers = async (d: CustomersDeps, ctx: TenantContext, fromId: string, intoId: string): Promise<CustomerView> => {
  unwrap(checkMergePair(fromId, intoId));
  const now = d.clock.now();
  return d.db.tx(ctx.tenantId, async (trx) => {
    const fromRow = await requireActive(trx, ctx.tenantId, fromId);
    const intoRow = await requireActive(trx, ctx.tenantId, intoId, 'body.intoId');
    const from = await viewOf(trx, ctx.tenantId, fromRow);
    const into = await viewOf(trx, ctx.tenantId, intoRow);
    const merged = mergeProfiles(into, from, await tiersOf(trx, ctx.tenantId));
    await identityStore.moveAll(trx, ctx.tenantId, fromId, intoId);
    const nextInto = {
      ...intoRow,
      tier: merged.tier,
      attributes: JSON.stringify(merged.attributes),
      consent: JSON.stringify(merged.consent),
      updated_at: now,
    };
    const { tier, attributes, consent } = nextInto;
    await customerStore.update(trx, ctx.tenantId, intoId, { tier, attributes, consent, updated_at: now });
    if (!sameTags(merged.tags, into.tags)) await tagStore.replace(trx, ctx.tenantId, intoId, merged.tags);
    await tagStore.replace(trx, ctx.tenantId, fromId, []);
    await customerStore.update(trx, ctx.tenantId, fromId, { status: 'merged', merged_into: intoId, updated_at: now });
    await customerStore.repointMerged(trx, ctx.tenantId, fromId, intoId, now);
    const after = await viewOf(trx, ctx.tenantId, nextInto);
    await recordChange(
      d,
      trx,
      ctx,
      now,
      {
        action: 'customer.merge',
        targetType: 'customer',
        targetId: fromId,
        before: {
          from: { id: fromId, ...customerAudit(from), ...identitiesAudit(from) },
          into: { id: intoId, ...customerAudit(into), ...identitiesAudit(into) },
        },
        after: { mergedInto: intoId, into: { id: intoId, ...customerAudit(after), ...identitiesAudit(after) } },
      },
      [
        customerEvent(CUSTOMER_EVENTS.merged, intoId, {
          fromId,
          intoId,
          tier: merged.tier,
          identitiesMoved: from.identities.length,
        }),
      ],
    );
    return after;
  });
};
