/**
 * Wires the contact-handling capabilities: contacts, and routing (which implements the contacts'
 * router port). Kept apart from app.ts so each capability's wiring stays small.
 */
import type { FastifyInstance } from 'fastify';
import type { AuditService } from '../audit/index.js';
import { ContactsService, type CustomerLookup, contactRoutes } from '../contacts/index.js';
import type { Clock, IdSource, TenantContext } from '../kernel/index.js';
import type { Database } from '../platform/db/index.js';
import type { Outbox } from '../platform/events/index.js';
import type { Logger } from '../platform/logging/index.js';
import { ContactFlows, type RankedTier, RoutingAdminService, RoutingLiveService, RoutingRuntime, routingRoutes } from '../routing/index.js';

export interface ContactCenterDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly outbox: Outbox;
  readonly audit: AuditService;
  readonly log: Logger;
  readonly tiersOf: (tenantId: string) => Promise<readonly RankedTier[]>;
  readonly isRoutableUser: (ctx: TenantContext, userId: string) => Promise<boolean>;
}

export interface ContactCenter {
  readonly contacts: ContactsService;
  readonly runtime: RoutingRuntime;
  readonly routingAdmin: RoutingAdminService;
  readonly routingLive: RoutingLiveService;
  readonly flows: ContactFlows;
}

export const buildContactCenter = (d: ContactCenterDeps): ContactCenter => {
  const runtime = new RoutingRuntime(d);
  return {
    contacts: new ContactsService(d),
    runtime,
    routingAdmin: new RoutingAdminService({ ...d, runtime }),
    routingLive: new RoutingLiveService(d.db, runtime, d.outbox),
    flows: new ContactFlows({ ...d, runtime }),
  };
};

export const registerContactCenter = async (server: FastifyInstance, cc: ContactCenter, customers: CustomerLookup): Promise<void> => {
  await server.register(contactRoutes(cc.contacts, cc.flows, customers));
  await server.register(routingRoutes(cc.routingAdmin, cc.routingLive, cc.flows));
};
