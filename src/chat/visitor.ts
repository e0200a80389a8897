/** Who a visitor is once their token checks out, and the context their actions run under. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { TenantContext } from '../kernel/index.js';

export interface VisitorSession {
  readonly tenantId: string;
  readonly contactId: string;
  /** The visitor's display name in this conversation. */
  readonly name: string;
  readonly widgetId: string;
  /** Origins the widget may be embedded on (kefu's own origin is allowed besides these). */
  readonly allowedOrigins: readonly string[];
}

export const hashToken = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Compares in constant time; an absent stored hash still costs one comparison, so timing tells nothing. */
export const tokenMatches = (secret: string, storedHash: string | null): boolean => {
  const a = Buffer.from(hashToken(secret), 'hex');
  const b = Buffer.from(storedHash ?? '0'.repeat(64), 'hex');
  return a.length === b.length && timingSafeEqual(a, b) && storedHash !== null;
};

/** Visitors act as a system actor without permissions: services check their conversation, not roles. */
export const visitorContext = (tenantId: string, who: string, requestId = `visitor-${who}`, ip: string | null = null): TenantContext => ({
  tenantId,
  actor: { kind: 'system', id: `visitor:${who}`, name: 'visitor', role: null, permissions: new Set() },
  requestId,
  ip,
});
