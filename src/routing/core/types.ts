/**
 * The public vocabulary of the routing engine: configuration that goes in, and the actions,
 * decisions and views that come out. Plain data only, so the service can persist and serialise it.
 */

/** How a queue picks among several agents who could take an arriving contact. */
export type Policy = 'longest_idle' | 'least_occupied' | 'round_robin' | 'best_proficiency';
export const POLICIES: readonly Policy[] = ['longest_idle', 'least_occupied', 'round_robin', 'best_proficiency'];

/**
 * The presence an agent (or the system, after a missed offer) sets. "Busy" is not a presence: it is
 * derived for views from an available agent whose capacity is used up (see AgentStatus).
 */
export type PresenceState = 'offline' | 'available' | 'wrap_up' | 'break' | 'not_ready';
export const PRESENCE_STATES: readonly PresenceState[] = ['offline', 'available', 'wrap_up', 'break', 'not_ready'];
export type AgentStatus = PresenceState | 'busy';

export type MaxWaitAction = 'callback' | 'ticket' | 'abandon';
/** How an agent qualifies for a queue: by its skills, after T1 (any proficiency), after T2 (overflow). */
export type EligibilityLevel = 'strict' | 'widened' | 'overflow';
/** The routing view of a contact; the full contact state machine lives in conversations. */
export type RoutingState = 'queued' | 'offered' | 'assigned';
export type RemoveReason = 'abandoned' | 'closed' | 'transferred' | 'cancelled';

export interface TierConfig {
  readonly id: string;
  /** Head start in the queue: a contact of this tier ranks as if it had arrived this much earlier. */
  readonly offsetMs: number;
}

export interface ServiceLevelTarget {
  readonly thresholdMs: number;
  readonly targetPct: number;
}

export interface EngineOptions {
  readonly tiers?: readonly TierConfig[];
  readonly channels?: readonly string[];
  /** Channels (voice) an agent takes only with no other load, and that block all other work. */
  readonly exclusiveChannels?: readonly string[];
  /** Weight of the newest handle time in the per-queue average used for estimated waits. */
  readonly ahtAlpha?: number;
}

export interface SkillRequirement {
  readonly skill: string;
  readonly minProficiency: number;
}

/** Optional fields may be missing or null: both mean "not set". */
export interface QueueInput {
  readonly id: string;
  readonly requiredSkills?: readonly SkillRequirement[];
  readonly policy?: Policy;
  /** T1: after this wait, agents holding the required skills at any proficiency may take the contact. */
  readonly widenAfterMs?: number | null;
  /** T2: after this wait, the overflow queue's agents may take the contact too. */
  readonly overflowAfterMs?: number | null;
  readonly overflowQueueId?: string | null;
  readonly maxWaitMs?: number | null;
  readonly maxWaitAction?: MaxWaitAction;
  readonly offerTimeoutMs?: number;
  readonly lastAgentWindowMs?: number;
  readonly serviceLevels?: Readonly<Record<string, ServiceLevelTarget>>;
  /** The handle time assumed for estimated waits until the queue has measured some. */
  readonly defaultHandleMs?: number;
}

/** A queue with every default filled in. */
export interface QueueConfig {
  readonly id: string;
  readonly requiredSkills: readonly SkillRequirement[];
  readonly policy: Policy;
  readonly widenAfterMs: number | null;
  readonly overflowAfterMs: number | null;
  readonly overflowQueueId: string | null;
  readonly maxWaitMs: number | null;
  readonly maxWaitAction: MaxWaitAction;
  readonly offerTimeoutMs: number;
  readonly lastAgentWindowMs: number;
  readonly serviceLevels: Readonly<Record<string, ServiceLevelTarget>>;
  readonly defaultHandleMs: number;
}

export interface AgentInput {
  readonly id: string;
  /** Skill -> proficiency 1..5. */
  readonly skills: Readonly<Record<string, number>> | ReadonlyMap<string, number>;
  /** Channel -> how many contacts of it the agent holds at once; missing means 0. */
  readonly capacity: Readonly<Record<string, number>>;
  /**
   * Wrap-up time (ms): how long a contact in wrap-up may hold the agent's capacity before it is
   * released without a disposition. Missing or null: wrap-up lasts until the agent finishes it.
   * A change applies to wrap-ups that start after it.
   */
  readonly wrapUpMs?: number | null;
}

export interface ContactInput {
  readonly id: string;
  readonly queueId: string;
  readonly channel: string;
  readonly tier: string;
  readonly customerId?: string;
  /** The agent who last served this customer, and when, for last-agent preference. */
  readonly lastAgentId?: string;
  readonly lastContactAt?: number;
  /** Defaults to `now`; a transfer passes the original time so the contact keeps its place. */
  readonly enqueuedAt?: number;
  /**
   * Targeted routing (a transfer to an agent, a supervisor's reassignment): the contact is offered
   * to this agent alone, at once when it is available with room for the channel, else as soon as
   * it is, for up to the queue's T1 (`widenAfterMs`; without T1, one `offerTimeoutMs`) from
   * `targetedAt`, and never past the queue's max wait. When that time runs out, or the agent
   * rejects or misses the offer, or the agent is removed, the contact routes normally in its
   * queue, keeping its `enqueuedAt` place. The agent need not hold the queue's skills.
   */
  readonly targetAgentId?: string;
  /** When the target was set; defaults to `now`. A restore passes the stored time. */
  readonly targetedAt?: number;
}

export type CandidateReason = 'priority' | Policy | 'last_agent' | 'targeted';

/** One option a decision weighed: a contact (agent freed) or an agent (contact arrived). */
export interface Candidate {
  readonly id: string;
  /** Higher is better. priority: wait + tier offset (ms); longest_idle: idle ms; least_occupied:
   * free capacity %; round_robin: minus the agent's last offer number; best_proficiency: summed
   * proficiency on the required skills; last_agent: ms since the customer's last contact;
   * targeted: ms since the contact was targeted. */
  readonly score: number;
  readonly reason: CandidateReason;
  readonly level: EligibilityLevel;
  readonly tier?: string;
}

export type DecisionTrigger = 'contact_arrived' | 'contact_requeued' | 'agent_freed' | 'threshold_reached';
export type DecisionWhy = 'last_agent' | 'best_score' | 'only_candidate' | 'targeted';

export interface Decision {
  readonly seq: number;
  readonly at: number;
  readonly trigger: DecisionTrigger;
  readonly contactId: string;
  readonly agentId: string;
  readonly queueId: string;
  /** 'priority' when an agent chose among contacts; 'targeted' for an offer to the contact's
   * target agent (a transfer to an agent); else the queue's policy or last_agent. */
  readonly policy: Policy | 'priority' | 'last_agent' | 'targeted';
  readonly level: EligibilityLevel;
  /** How many options were weighed; `candidates` keeps the best five, best first. */
  readonly considered: number;
  readonly candidates: readonly Candidate[];
  readonly why: DecisionWhy;
}

export type RoutingAction =
  | {
      readonly type: 'offer';
      readonly contactId: string;
      readonly agentId: string;
      readonly queueId: string;
      readonly channel: string;
      readonly expiresAt: number;
      readonly decision: Decision;
    }
  | { readonly type: 'offer_expired'; readonly contactId: string; readonly agentId: string }
  | {
      readonly type: 'offer_withdrawn';
      readonly contactId: string;
      readonly agentId: string;
      readonly why: 'agent_unavailable' | 'contact_removed';
    }
  | { readonly type: 'requeued'; readonly contactId: string; readonly queueId: string; readonly why: 'rejected' | 'expired' | 'withdrawn' }
  | { readonly type: 'agent_not_ready'; readonly agentId: string; readonly reason: 'offer_rejected' | 'offer_timeout' }
  /** A targeted contact stopped waiting for its target agent and routes normally in its queue. */
  | {
      readonly type: 'target_lapsed';
      readonly contactId: string;
      readonly agentId: string;
      readonly why: 'offer_rejected' | 'offer_timeout' | 'window_passed' | 'agent_removed';
    }
  | {
      readonly type: 'max_wait';
      readonly contactId: string;
      readonly queueId: string;
      readonly action: MaxWaitAction;
      readonly waitedMs: number;
    }
  /** A timed wrap-up began: the agent's capacity is held until `endsAt` at the latest. */
  | { readonly type: 'wrap_up_started'; readonly contactId: string; readonly agentId: string; readonly endsAt: number }
  /** A timed wrap-up ran out: the contact left routing as if wrapped up, without a disposition. */
  | { readonly type: 'wrap_up_expired'; readonly contactId: string; readonly agentId: string };

export interface QueueView {
  readonly id: string;
  readonly waiting: number;
  readonly waitingByTier: Readonly<Record<string, number>>;
  readonly waitingByChannel: Readonly<Record<string, number>>;
  readonly offered: number;
  readonly assigned: number;
  readonly longestWaitMs: number;
  /** Agents who qualify by skill (strict level), counted by status. */
  readonly agentsByStatus: Readonly<Record<AgentStatus, number>>;
  readonly handleTimeMs: Readonly<Record<string, number>>;
}

export interface AgentView {
  readonly id: string;
  readonly status: AgentStatus;
  readonly presence: PresenceState;
  readonly breakReason: string | null;
  readonly since: number;
  readonly idleSince: number;
  readonly load: Readonly<Record<string, number>>;
  readonly capacity: Readonly<Record<string, number>>;
  readonly offered: readonly string[];
  readonly assigned: readonly string[];
}

export interface EngineSnapshot {
  readonly at: number;
  readonly queues: readonly QueueView[];
  readonly agents: readonly AgentView[];
  readonly totals: Readonly<Record<RoutingState, number>>;
}

export interface RestoreAgent {
  readonly id: string;
  readonly presence: PresenceState;
  readonly breakReason?: string;
  readonly since?: number;
}

export type RestoreContact = ContactInput &
  (
    | { readonly state: 'queued' }
    | { readonly state: 'offered'; readonly agentId: string; readonly offerExpiresAt: number }
    | {
        readonly state: 'assigned';
        readonly agentId: string;
        readonly assignedAt: number;
        /** In wrap-up: the conversation ended (the agent still holds the contact). */
        readonly wrapping?: boolean;
        /** Set for a contact in timed wrap-up: when its wrap-up time runs out. */
        readonly wrapUntil?: number;
      }
  );

export interface RestoreInput {
  readonly agents: readonly RestoreAgent[];
  readonly contacts: readonly RestoreContact[];
}
