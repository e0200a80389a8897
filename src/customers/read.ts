/** Loading whole customer records (row, tags, identities) and a tenant's tiers, inside a transaction. */
import type { Transaction } from 'kysely';
import { AppError, notFound } from '../kernel/index.js';
import type { CustomersTable, DB } from '../platform/db/index.js';
import { effectiveTiers, type Tier } from './core/tiers.js';
import { customerStore, identityStore, tagStore, tierStore } from './store.js';
import { type CustomerView, customerView } from './views.js';

type Trx = Transaction<DB>;

export const viewsOf = async (trx: Trx, tenantId: string, rows: readonly CustomersTable[]): Promise<CustomerView[]> => {
  const ids = rows.map((r) => r.id);
  const tags = await tagStore.ofCustomers(trx, tenantId, ids);
  const identities = await identityStore.ofCustomers(trx, tenantId, ids);
  return rows.map((r) =>
    customerView(
      r,
      tags.get(r.id) ?? [],
      identities.filter((i) => i.customer_id === r.id),
    ),
  );
};

export const viewOf = async (trx: Trx, tenantId: string, row: CustomersTable): Promise<CustomerView> => {
  const [view] = await viewsOf(trx, tenantId, [row]);
  if (!view) throw new Error('a loaded row always has a view');
  return view;
};

/** The customer row, or NOT_FOUND. */
export const requireCustomer = async (trx: Trx, tenantId: string, id: string): Promise<CustomersTable> => {
  const row = await customerStore.byId(trx, tenantId, id);
  if (!row) throw notFound('customer');
  return row;
};

/** An active customer row: NOT_FOUND if none, CUSTOMER_MERGED if it was merged away. */
export const requireActive = async (trx: Trx, tenantId: string, id: string, field?: string): Promise<CustomersTable> => {
  const row = await requireCustomer(trx, tenantId, id);
  if (row.status === 'merged') {
    throw new AppError(
      'CUSTOMER_MERGED',
      `This customer was merged into ${row.merged_into ?? 'another'}; use that customer.`,
      field ? [{ field, issue: 'names a customer that was merged into another' }] : [],
    );
  }
  return row;
};

/** The customer a (possibly merged) id stands for now; merge chains are kept one step long. */
export const currentCustomer = async (trx: Trx, tenantId: string, id: string): Promise<CustomersTable> => {
  const row = await requireCustomer(trx, tenantId, id);
  if (row.status !== 'merged' || !row.merged_into) return row;
  return requireCustomer(trx, tenantId, row.merged_into);
};

export const tiersOf = async (trx: Trx, tenantId: string): Promise<Tier[]> =>
  effectiveTiers((await tierStore.list(trx, tenantId)).map((t) => ({ id: t.id, name: t.name, rank: Number(t.rank) })));
