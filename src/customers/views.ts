/** Public shapes of customer records (what the API returns) and the snapshots the audit log keeps. */
import type { CustomerIdentitiesTable, CustomersTable } from '../platform/db/index.js';
import type { IdentityKind } from './core/identity.js';
import { type Attributes, type Consent, NO_CONSENT } from './core/profile.js';
import type { Tier } from './core/tiers.js';

export interface IdentityView {
  readonly kind: IdentityKind;
  readonly value: string;
  readonly createdAt: number;
}

export interface CustomerView {
  readonly id: string;
  readonly displayName: string;
  readonly tier: string;
  readonly tags: readonly string[];
  readonly attributes: Attributes;
  readonly consent: Consent;
  /** 'merged': this profile was merged into `mergedInto` and takes no more changes. */
  readonly status: 'active' | 'merged';
  readonly mergedInto: string | null;
  readonly identities: readonly IdentityView[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface TierView extends Tier {
  /** The tier new customers get when none is named (the lowest). */
  readonly isDefault: boolean;
}

export interface CustomerPage {
  readonly items: CustomerView[];
  readonly nextBefore: string | null;
}

export const parseAttributes = (text: string): Attributes => JSON.parse(text) as Attributes;
export const parseConsent = (text: string): Consent => ({ ...NO_CONSENT, ...(JSON.parse(text) as Partial<Consent>) });

export const identityView = (r: CustomerIdentitiesTable): IdentityView => ({
  kind: r.kind as IdentityKind,
  value: r.value,
  createdAt: Number(r.created_at),
});

export const customerView = (
  row: CustomersTable,
  tags: readonly string[],
  identities: readonly CustomerIdentitiesTable[],
): CustomerView => ({
  id: row.id,
  displayName: row.display_name,
  tier: row.tier,
  tags,
  attributes: parseAttributes(row.attributes),
  consent: parseConsent(row.consent),
  status: row.status,
  mergedInto: row.merged_into,
  identities: identities.map(identityView),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

/** The audit snapshot of a profile: its own fields, not its identities (those have their own entries). */
export const customerAudit = (v: CustomerView): Record<string, unknown> => ({
  displayName: v.displayName,
  tier: v.tier,
  tags: v.tags,
  attributes: v.attributes,
  consent: v.consent,
  status: v.status,
});

export const identitiesAudit = (v: CustomerView): Record<string, unknown> => ({
  identities: v.identities.map((i) => ({ kind: i.kind, value: i.value })),
});
