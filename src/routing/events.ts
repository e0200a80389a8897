/** The events routing emits about agents, for the real-time layer and webhooks. */
import type { DomainEvent } from '../kernel/index.js';

export const AGENT_EVENTS = {
  /** aggregate: agent, id = the agent's user id; payload: { agentId, state, since, reason } */
  presenceChanged: 'agent.presence_changed',
} as const;

export interface PresenceChangedPayload extends Record<string, unknown> {
  readonly agentId: string;
  readonly state: string;
  /** When the agent entered this state (epoch ms); staying in a state keeps its start. */
  readonly since: number;
  /** The break or not-ready reason; null for other states. */
  readonly reason: string | null;
}

export const presenceChanged = (
  agentId: string,
  state: string,
  since: number,
  reason: string | null,
): DomainEvent<PresenceChangedPayload> => ({
  type: AGENT_EVENTS.presenceChanged,
  aggregateType: 'agent',
  aggregateId: agentId,
  payload: { agentId, state, since, reason },
});
