/** Public shapes of routing records. */
import type { AgentProfilesTable, QueuesTable, SkillsTable } from '../platform/db/index.js';
import type { QueueSettings } from './queue-settings.js';

export interface SkillView {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly createdAt: number;
}

export interface QueueView {
  readonly id: string;
  readonly name: string;
  readonly config: QueueSettings;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface AgentProfileView {
  readonly userId: string;
  readonly skills: Record<string, number>;
  readonly capacity: Record<string, number>;
  readonly wrapUpSeconds: number | null;
  readonly presence: string;
  readonly breakReason: string | null;
  readonly presenceSince: number;
}

export const skillView = (s: SkillsTable): SkillView => ({
  id: s.id,
  name: s.name,
  description: s.description,
  createdAt: Number(s.created_at),
});

export const queueView = (q: QueuesTable): QueueView => ({
  id: q.id,
  name: q.name,
  config: JSON.parse(q.config) as QueueSettings,
  createdAt: Number(q.created_at),
  updatedAt: Number(q.updated_at),
});

export const agentProfileView = (a: AgentProfilesTable): AgentProfileView => ({
  userId: a.user_id,
  skills: JSON.parse(a.skills) as Record<string, number>,
  capacity: JSON.parse(a.capacity) as Record<string, number>,
  wrapUpSeconds: a.wrap_up_seconds === null ? null : Number(a.wrap_up_seconds),
  presence: a.presence,
  breakReason: a.break_reason,
  presenceSince: Number(a.presence_since),
});
