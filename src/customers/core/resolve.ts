/**
 * Resolving a contact's identities to one customer. The first identity (in the order given) that
 * already belongs to a customer picks the customer; identities nobody owns are attached to it; an
 * identity owned by a different customer is never moved silently: it is reported as a conflict for
 * a person to merge or not.
 */
import { type Identity, identityKey } from './identity.js';

export interface ResolveConflict {
  readonly identity: Identity;
  /** The customer that owns this identity, which is not the one resolved to. */
  readonly customerId: string;
}

export interface ResolvePlan {
  /** The customer to use, or null when none owns any of the identities and one must be created. */
  readonly customerId: string | null;
  readonly attach: readonly Identity[];
  readonly conflicts: readonly ResolveConflict[];
}

/** `owners` maps identityKey(identity) to the customer that owns it, for the owned ones. */
export const planResolve = (identities: readonly Identity[], owners: ReadonlyMap<string, string>): ResolvePlan => {
  const customerId = identities.map((i) => owners.get(identityKey(i))).find((id) => id !== undefined) ?? null;
  const attach: Identity[] = [];
  const conflicts: ResolveConflict[] = [];
  for (const identity of identities) {
    const owner = owners.get(identityKey(identity));
    if (owner === undefined) attach.push(identity);
    else if (owner !== customerId) conflicts.push({ identity, customerId: owner });
  }
  return { customerId, attach, conflicts };
};
