/** The context for work the platform does on its own behalf (CLI, first start, demo seed). */
import { randomUUID } from 'node:crypto';
import { PERMISSIONS, PLATFORM_TENANT_ID, systemActor, type TenantContext } from '../kernel/index.js';

export const systemContext = (name: string, tenantId: string = PLATFORM_TENANT_ID): TenantContext => ({
  tenantId,
  actor: systemActor(name, new Set(PERMISSIONS)),
  requestId: `${name}-${randomUUID()}`,
  ip: null,
});
