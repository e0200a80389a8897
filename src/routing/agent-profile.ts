/** A stored routing profile as the engine takes it (the runtime's rebuild and the admin's change). */
import type { AgentProfilesTable } from '../platform/db/index.js';
import type { AgentInput } from './core/index.js';

/** The engine's view of a stored routing profile. */
export const engineAgent = (a: Pick<AgentProfilesTable, 'user_id' | 'skills' | 'capacity' | 'wrap_up_seconds'>): AgentInput => ({
  id: a.user_id,
  skills: JSON.parse(a.skills) as Record<string, number>,
  capacity: JSON.parse(a.capacity) as Record<string, number>,
  wrapUpMs: a.wrap_up_seconds === null ? null : Number(a.wrap_up_seconds) * 1000,
});
