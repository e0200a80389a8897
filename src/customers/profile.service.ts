/** Use cases on one customer profile: search, read, create, change. */
import type { Transaction } from 'kysely';
import { AppError, type TenantContext, unwrap } from '../kernel/index.js';
import type { CustomersTable, DB } from '../platform/db/index.js';
import { type Identity, type IdentityInput, identitySearchPrefixes, normaliseIdentities } from './core/identity.js';
import {
  type AttributesPatch,
  type AttributeValue,
  applyAttributesPatch,
  applyConsent,
  type ConsentPatch,
  NO_CONSENT,
  normaliseDisplayName,
  normaliseTags,
  sameAttributes,
  sameTags,
  searchNameOf,
} from './core/profile.js';
import { defaultTier, requireTier } from './core/tiers.js';
import type { CustomersDeps } from './deps.js';
import { CUSTOMER_EVENTS, customerEvent, recordChange } from './events.js';
import { requireActive, requireCustomer, tiersOf, viewOf, viewsOf } from './read.js';
import { customerStore, identityStore, tagStore } from './store.js';
import { type CustomerPage, type CustomerView, customerAudit } from './views.js';

export interface NewCustomer {
  readonly displayName: string;
  readonly tier?: string;
  readonly tags?: readonly string[];
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  readonly consent?: ConsentPatch;
  readonly identities?: readonly IdentityInput[];
}

export interface CustomerPatch {
  readonly displayName?: string;
  readonly tier?: string;
  readonly tags?: readonly string[];
  readonly attributes?: AttributesPatch;
  readonly consent?: ConsentPatch;
}

export interface CustomerQuery {
  readonly query?: string;
  readonly tier?: string;
  readonly tag?: string;
  readonly limit: number;
  readonly before?: string;
}

type Trx = Transaction<DB>;

export const listCustomers = (d: CustomersDeps, ctx: TenantContext, q: CustomerQuery): Promise<CustomerPage> => {
  const text = q.query?.trim() ?? '';
  return d.db.tx(ctx.tenantId, async (trx) => {
    const rows = await customerStore.search(trx, d.db.dialect, ctx.tenantId, {
      namePrefix: text === '' ? null : searchNameOf(text),
      identityPrefixes: identitySearchPrefixes(text),
      tier: q.tier ?? null,
      tag: q.tag ? q.tag.trim().toLowerCase() : null,
      limit: q.limit + 1,
      before: q.before ?? null,
    });
    const items = await viewsOf(trx, ctx.tenantId, rows.slice(0, q.limit));
    const last = items[items.length - 1];
    return { items, nextBefore: rows.length > q.limit && last ? last.id : null };
  });
};

export const getCustomer = (d: CustomersDeps, ctx: TenantContext, id: string): Promise<CustomerView> =>
  d.db.tx(ctx.tenantId, async (trx) => viewOf(trx, ctx.tenantId, await requireCustomer(trx, ctx.tenantId, id)));

/** A new profile row in the caller's transaction; identities are attached by the caller. */
export const insertProfile = async (
  d: CustomersDeps,
  trx: Trx,
  ctx: TenantContext,
  fields: { displayName: string; tier: string | null; attributes: string; consent: string; tierField: string },
  now: number,
): Promise<CustomersTable> => {
  const tiers = await tiersOf(trx, ctx.tenantId);
  const tier = fields.tier === null ? defaultTier(tiers) : unwrap(requireTier(tiers, fields.tier, fields.tierField));
  const row: CustomersTable = {
    tenant_id: ctx.tenantId,
    id: d.ids.next('cus'),
    display_name: fields.displayName,
    search_name: searchNameOf(fields.displayName),
    tier: tier.id,
    attributes: fields.attributes,
    consent: fields.consent,
    status: 'active',
    merged_into: null,
    created_at: now,
    updated_at: now,
  };
  await customerStore.insert(trx, row);
  return row;
};

/** The customer.created event of a profile and the identities it starts with. */
export const createdEvent = (row: CustomersTable, identities: readonly Identity[]) =>
  customerEvent(CUSTOMER_EVENTS.created, row.id, {
    tier: row.tier,
    identities: identities.map((i) => ({ kind: i.kind, value: i.value })),
  });

export const createCustomer = async (d: CustomersDeps, ctx: TenantContext, input: NewCustomer): Promise<CustomerView> => {
  const displayName = unwrap(normaliseDisplayName(input.displayName, 'body.displayName'));
  const tags = unwrap(normaliseTags(input.tags ?? [], 'body.tags'));
  const attributes = unwrap(applyAttributesPatch({}, input.attributes ?? {}, 'body.attributes'));
  const identities = unwrap(normaliseIdentities(input.identities ?? [], 'body.identities'));
  const now = d.clock.now();
  const consent = applyConsent(NO_CONSENT, input.consent ?? {}, now);
  return d.db.tx(ctx.tenantId, async (trx) => {
    const row = await insertProfile(
      d,
      trx,
      ctx,
      {
        displayName,
        tier: input.tier ?? null,
        attributes: JSON.stringify(attributes),
        consent: JSON.stringify(consent),
        tierField: 'body.tier',
      },
      now,
    );
    await tagStore.replace(trx, ctx.tenantId, row.id, tags);
    for (const [i, identity] of identities.entries()) {
      const free = await identityStore.insertIfFree(trx, { tenant_id: ctx.tenantId, ...identity, customer_id: row.id, created_at: now });
      // Throwing rolls the whole creation back: no half-made customer is left behind.
      if (!free)
        throw new AppError('IDENTITY_TAKEN', undefined, [{ field: `body.identities.${i}.value`, issue: 'belongs to another customer' }]);
    }
    const view = await viewOf(trx, ctx.tenantId, row);
    await recordChange(
      d,
      trx,
      ctx,
      now,
      { action: 'customer.create', targetType: 'customer', targetId: row.id, before: null, after: { ...customerAudit(view), identities } },
      [createdEvent(row, identities)],
    );
    return view;
  });
};

export const updateCustomer = async (d: CustomersDeps, ctx: TenantContext, id: string, patch: CustomerPatch): Promise<CustomerView> => {
  const displayName = patch.displayName === undefined ? undefined : unwrap(normaliseDisplayName(patch.displayName, 'body.displayName'));
  const tags = patch.tags === undefined ? undefined : unwrap(normaliseTags(patch.tags, 'body.tags'));
  const now = d.clock.now();
  return d.db.tx(ctx.tenantId, async (trx) => {
    const row = await requireActive(trx, ctx.tenantId, id);
    const before = await viewOf(trx, ctx.tenantId, row);
    const tier = patch.tier === undefined ? row.tier : unwrap(requireTier(await tiersOf(trx, ctx.tenantId), patch.tier, 'body.tier')).id;
    const attributes = unwrap(applyAttributesPatch(before.attributes, patch.attributes ?? {}, 'body.attributes'));
    const consent = applyConsent(before.consent, patch.consent ?? {}, now);
    const changed = [
      ...(displayName !== undefined && displayName !== row.display_name ? ['displayName'] : []),
      ...(tier !== row.tier ? ['tier'] : []),
      ...(tags !== undefined && !sameTags(tags, before.tags) ? ['tags'] : []),
      ...(!sameAttributes(attributes, before.attributes) ? ['attributes'] : []),
      ...(consent !== before.consent ? ['consent'] : []),
    ];
    // A patch that changes nothing writes nothing: no audit entry, no event.
    if (changed.length === 0) return before;
    const name = displayName ?? row.display_name;
    const next: CustomersTable = {
      ...row,
      display_name: name,
      search_name: searchNameOf(name),
      tier,
      attributes: JSON.stringify(attributes),
      consent: JSON.stringify(consent),
      updated_at: now,
    };
    const { tenant_id: _t, id: _i, created_at: _c, ...fields } = next;
    await customerStore.update(trx, ctx.tenantId, id, fields);
    if (tags !== undefined && changed.includes('tags')) await tagStore.replace(trx, ctx.tenantId, id, tags);
    const after = await viewOf(trx, ctx.tenantId, next);
    await recordChange(
      d,
      trx,
      ctx,
      now,
      { action: 'customer.update', targetType: 'customer', targetId: id, before: customerAudit(before), after: customerAudit(after) },
      [customerEvent(CUSTOMER_EVENTS.updated, id, { changed, tier })],
    );
    return after;
  });
};
