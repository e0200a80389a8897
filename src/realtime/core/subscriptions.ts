/**
 * Who may subscribe to what, and the hub's topic keys. Keys start with the tenant, so no frame
 * of one tenant can reach a subscriber of another even if two ids collided.
 */
import type { Permission } from '../../kernel/index.js';

/** How a staff member relates to a contact: its handling agent, a supervisor monitoring, or neither. */
export type ContactAccess = 'handler' | 'monitor' | null;

export const topicKey = {
  contact: (tenantId: string, contactId: string): string => `${tenantId}|contact|${contactId}`,
  agent: (tenantId: string, userId: string): string => `${tenantId}|agent|${userId}`,
  supervisor: (tenantId: string): string => `${tenantId}|supervisor`,
  visitor: (tenantId: string, contactId: string): string => `${tenantId}|visitor|${contactId}`,
  queue: (tenantId: string, queueId: string): string => `${tenantId}|queue|${queueId}`,
};

/** The permission a staff topic needs; contact topics are decided per contact (contactAccess). */
export const TOPIC_PERMISSION: Readonly<Record<'agent' | 'supervisor', Permission>> = {
  agent: 'routing.agent',
  supervisor: 'routing.supervise',
};

/**
 * Who may post what to a contact: the handling agent sends public messages and internal notes; a
 * supervisor (monitoring or handling) may whisper to the agent. Everyone else is refused.
 */
export const maySend = (access: ContactAccess, kind: 'public' | 'internal' | 'whisper', canSupervise: boolean): boolean => {
  if (kind === 'whisper') return canSupervise && access !== null;
  return access === 'handler';
};

/** Which message visibilities a subscriber may see: visitors only public ones. */
export const visibleTo = (audience: 'visitor' | 'staff', visibility: string): boolean => audience === 'staff' || visibility === 'public';
