/**
 * What a simulation run is made of: the same queue and agent inputs the engine takes, plus the
 * traffic (Poisson arrivals per queue, tier and channel), handle times, customer patience, agent
 * shifts and behaviour. Workforce planning builds these for what-if runs.
 */
import type { AgentInput, EngineOptions, QueueInput } from '../core/index.js';

export type Duration =
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'exponential'; readonly meanMs: number }
  | { readonly kind: 'lognormal'; readonly meanMs: number; readonly sdMs: number };

export interface ArrivalStream {
  readonly queueId: string;
  readonly tier: string;
  readonly channel: string;
  /** Mean arrivals per hour of a Poisson process. */
  readonly perHour: number;
}

export interface Shift {
  readonly startMs: number;
  readonly endMs: number;
}

export interface SimAgent extends AgentInput {
  /** When the agent is logged in; always when omitted. */
  readonly shifts?: readonly Shift[];
}

export interface Scenario {
  readonly engine?: EngineOptions;
  readonly queues: readonly QueueInput[];
  readonly agents: readonly SimAgent[];
  readonly arrivals: readonly ArrivalStream[];
  /** Handle time by queue id; `default` for queues not listed. */
  readonly handle: Readonly<Record<string, Duration>> & { readonly default: Duration };
  /** Mean of the exponential patience per tier; a tier not listed never abandons. */
  readonly patienceMs: Readonly<Record<string, number>>;
  /** How long an agent takes to accept an offer. */
  readonly answerDelayMs: number;
  /** After-contact work: the agent is in wrap-up this long after each release. */
  readonly wrapUpMs?: number;
  /** How long an agent stays not ready after missing an offer before becoming available again. */
  readonly notReadyMs?: number;
  /** Arrivals happen in [0, durationMs); the run then drains. */
  readonly durationMs: number;
  /** Contacts arriving before this are served but not counted. */
  readonly warmupMs?: number;
}
