/**
 * Resolving the identities a contact arrives with to one customer: find the owner, or create a
 * profile, and attach what is missing. Idempotent: resolving the same identities again finds the
 * same customer and writes nothing. Identities owned by another customer are reported, not moved.
 */
import type { Transaction } from 'kysely';
import { type TenantContext, unwrap } from '../kernel/index.js';
import type { CustomersTable, DB } from '../platform/db/index.js';
import { type Identity, type IdentityInput, identityKey, normaliseIdentities } from './core/identity.js';
import { defaultDisplayName, NO_CONSENT, normaliseDisplayName } from './core/profile.js';
import { planResolve, type ResolveConflict } from './core/resolve.js';
import type { CustomersDeps } from './deps.js';
import { CUSTOMER_EVENTS, customerEvent, recordChange } from './events.js';
import { createdEvent, insertProfile } from './profile.service.js';
import { currentCustomer, viewOf } from './read.js';
import { customerStore, identityStore } from './store.js';
import { type CustomerView, customerAudit, identitiesAudit } from './views.js';

export interface ResolveInput {
  readonly identities: readonly IdentityInput[];
  /** The name for a customer created by this call; ignored when one is found. */
  readonly displayName?: string;
}

export interface ResolveOutcome {
  readonly customer: CustomerView;
  readonly created: boolean;
  /** Identities newly attached to `customer` by this call. */
  readonly attached: readonly Identity[];
  /** Identities given that belong to other customers: candidates for a merge, left as they are. */
  readonly conflicts: readonly ResolveConflict[];
}

type Trx = Transaction<DB>;

interface Attempt {
  readonly row: CustomersTable;
  readonly created: boolean;
  readonly attached: Identity[];
  readonly conflicts: ResolveConflict[];
}

/** One pass; null when a new profile lost every race for its identities and must be planned again. */
const attempt = async (d: CustomersDeps, trx: Trx, ctx: TenantContext, ids: readonly Identity[], name: string, now: number) => {
  const plan = planResolve(ids, await identityStore.ownersOf(trx, ctx.tenantId, ids));
  const created = plan.customerId === null;
  const row =
    plan.customerId === null
      ? await insertProfile(
          d,
          trx,
          ctx,
          { displayName: name, tier: null, attributes: '{}', consent: JSON.stringify(NO_CONSENT), tierField: 'tier' },
          now,
        )
      : await currentCustomer(trx, ctx.tenantId, plan.customerId);
  const attached: Identity[] = [];
  const conflicts = [...plan.conflicts];
  let lostRace = false;
  for (const identity of plan.attach) {
    if (await identityStore.insertIfFree(trx, { tenant_id: ctx.tenantId, ...identity, customer_id: row.id, created_at: now })) {
      attached.push(identity);
      continue;
    }
    // Someone attached it between our look and our insert.
    lostRace = true;
    const owner = (await identityStore.ownersOf(trx, ctx.tenantId, [identity])).get(identityKey(identity));
    if (owner !== undefined && owner !== row.id) conflicts.push({ identity, customerId: owner });
  }
  if (created && lostRace) {
    // The identities may now lead to an existing customer: undo the new profile and plan again.
    await identityStore.removeAllOf(trx, ctx.tenantId, row.id);
    await customerStore.remove(trx, ctx.tenantId, row.id);
    return null;
  }
  return { row, created, attached, conflicts } satisfies Attempt;
};

const record = async (d: CustomersDeps, trx: Trx, ctx: TenantContext, a: Attempt, view: CustomerView, now: number): Promise<void> => {
  if (a.created) {
    const after = { ...customerAudit(view), identities: a.attached };
    await recordChange(d, trx, ctx, now, { action: 'customer.create', targetType: 'customer', targetId: a.row.id, before: null, after }, [
      createdEvent(a.row, a.attached),
    ]);
    return;
  }
  if (a.attached.length === 0) return;
  const before = { identities: view.identities.filter((i) => !a.attached.some((x) => x.kind === i.kind && x.value === i.value)) };
  await recordChange(
    d,
    trx,
    ctx,
    now,
    {
      action: 'customer.identity_add',
      targetType: 'customer',
      targetId: a.row.id,
      before: identitiesAudit({ ...view, ...before }),
      after: identitiesAudit(view),
    },
    a.attached.map((i) => customerEvent(CUSTOMER_EVENTS.identityAdded, a.row.id, { kind: i.kind, value: i.value })),
  );
};

/** Resolves inside the caller's transaction, for a capability that must do it atomically with its own writes. */
export const resolveWithin = async (d: CustomersDeps, trx: Trx, ctx: TenantContext, input: ResolveInput): Promise<ResolveOutcome> => {
  const ids = unwrap(normaliseIdentities(input.identities, 'body.identities', 1));
  const name =
    input.displayName === undefined ? defaultDisplayName(ids) : unwrap(normaliseDisplayName(input.displayName, 'body.displayName'));
  const now = d.clock.now();
  for (let i = 0; i < 3; i++) {
    const a = await attempt(d, trx, ctx, ids, name, now);
    if (!a) continue;
    const view = await viewOf(trx, ctx.tenantId, a.row);
    await record(d, trx, ctx, a, view, now);
    return { customer: view, created: a.created, attached: a.attached, conflicts: a.conflicts };
  }
  throw new Error('resolve kept losing races for the same identities');
};

export const resolveCustomer = (d: CustomersDeps, ctx: TenantContext, input: ResolveInput): Promise<ResolveOutcome> =>
  d.db.tx(ctx.tenantId, (trx) => resolveWithin(d, trx, ctx, input));
