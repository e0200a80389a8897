/**
 * Customers: one profile per person across channels (identities, tier, tags, attributes, consent).
 * The only surface other code may import. Contacts and routing use `CustomersService.resolve` /
 * `resolveWithin` to attach a contact to a profile and `tierOf` to read the tier it routes by.
 */
import type { FastifyInstance } from 'fastify';
import { customerRoutes } from './customers.http.js';
import type { CustomersService } from './service.js';
import { customerTierRoutes } from './tiers.http.js';

export { IDENTITY_KINDS, type Identity, type IdentityInput, type IdentityKind } from './core/identity.js';
export type { Attributes, AttributeValue, Consent, ConsentChannel } from './core/profile.js';
export type { ResolveConflict } from './core/resolve.js';
export { DEFAULT_TIERS, type Tier, type TierInput } from './core/tiers.js';
export type { CustomersDeps } from './deps.js';
export { CUSTOMER_EVENTS, type CustomerEventType } from './events.js';
export type { IdentityAdded } from './identities.service.js';
export type { CustomerPatch, CustomerQuery, NewCustomer } from './profile.service.js';
export type { ResolveOutcome } from './resolve.service.js';
export { CustomersService, type ResolveOptions } from './service.js';
export type { CustomerPage, CustomerView, IdentityView, TierView } from './views.js';

/** Every customers route: profiles, identities, resolve, merge and the tier list. */
export const customersRoutes = (customers: CustomersService) => async (app: FastifyInstance) => {
  await app.register(customerRoutes(customers));
  await app.register(customerTierRoutes(customers));
};
