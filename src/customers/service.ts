/**
 * The customers capability's use cases behind one object, so the composition root wires one thing
 * and other capabilities depend on one type. Each method is one use case in its own file.
 */
import type { Transaction } from 'kysely';
import { isAppError, type TenantContext } from '../kernel/index.js';
import type { DB } from '../platform/db/index.js';
import type { IdentityInput } from './core/identity.js';
import type { Tier, TierInput } from './core/tiers.js';
import type { CustomersDeps } from './deps.js';
import { addIdentity, type IdentityAdded, removeIdentity } from './identities.service.js';
import { mergeCustomers } from './merge.service.js';
import {
  type CustomerPatch,
  type CustomerQuery,
  createCustomer,
  getCustomer,
  listCustomers,
  type NewCustomer,
  updateCustomer,
} from './profile.service.js';
import { type ResolveOutcome, resolveCustomer, resolveWithin } from './resolve.service.js';
import { listTiers, replaceTiers, tierOf } from './tiers.service.js';
import type { CustomerPage, CustomerView, TierView } from './views.js';

export interface ResolveOptions {
  /** The name for a customer this call creates; by default the first phone or email. */
  readonly displayName?: string;
}

export class CustomersService {
  constructor(private readonly d: CustomersDeps) {}

  list(ctx: TenantContext, q: CustomerQuery): Promise<CustomerPage> {
    return listCustomers(this.d, ctx, q);
  }

  /** One customer with its identities; a merged one too (status 'merged', see mergedInto). */
  get(ctx: TenantContext, id: string): Promise<CustomerView> {
    return getCustomer(this.d, ctx, id);
  }

  create(ctx: TenantContext, input: NewCustomer): Promise<CustomerView> {
    return createCustomer(this.d, ctx, input);
  }

  update(ctx: TenantContext, id: string, patch: CustomerPatch): Promise<CustomerView> {
    return updateCustomer(this.d, ctx, id, patch);
  }

  addIdentity(ctx: TenantContext, id: string, identity: IdentityInput): Promise<IdentityAdded> {
    return addIdentity(this.d, ctx, id, identity);
  }

  removeIdentity(ctx: TenantContext, id: string, kind: string, value: string): Promise<void> {
    return removeIdentity(this.d, ctx, id, kind, value);
  }

  /** Finds the customer owning any of `identities` or creates one, and attaches the missing ones. */
  resolve(ctx: TenantContext, identities: readonly IdentityInput[], opts: ResolveOptions = {}): Promise<ResolveOutcome> {
    return resolveCustomer(this.d, ctx, { identities, ...opts });
  }

  /** `resolve` inside the caller's transaction (same database), atomic with the caller's own writes. */
  resolveWithin(
    trx: Transaction<DB>,
    ctx: TenantContext,
    identities: readonly IdentityInput[],
    opts: ResolveOptions = {},
  ): Promise<ResolveOutcome> {
    return resolveWithin(this.d, trx, ctx, { identities, ...opts });
  }

  /** Merges `fromId` into `intoId`; returns the surviving customer. */
  merge(ctx: TenantContext, fromId: string, intoId: string): Promise<CustomerView> {
    return mergeCustomers(this.d, ctx, fromId, intoId);
  }

  tiers(ctx: TenantContext): Promise<TierView[]> {
    return listTiers(this.d, ctx);
  }

  replaceTiers(ctx: TenantContext, tiers: readonly TierInput[]): Promise<TierView[]> {
    return replaceTiers(this.d, ctx, tiers);
  }

  /** The tier a customer holds now, following a merge; NOT_FOUND when there is no such customer. */
  tierOf(ctx: TenantContext, customerId: string): Promise<Tier> {
    return tierOf(this.d, ctx, customerId);
  }

  /** The id of the tier a customer holds now (following a merge), or null when there is no such customer. */
  async tierIdOf(ctx: TenantContext, customerId: string): Promise<string | null> {
    try {
      return (await tierOf(this.d, ctx, customerId)).id;
    } catch (e) {
      if (isAppError(e) && e.code === 'NOT_FOUND') return null;
      throw e;
    }
  }
}
