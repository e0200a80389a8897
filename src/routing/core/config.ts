/**
 * Defaults and validation of the engine's configuration: tiers, channels, queues and agents.
 * Invalid queue or agent input is an expected failure (a value); invalid engine options are a bug
 * in the composition root and throw.
 */
import { ok } from '../../kernel/index.js';
import { fail, type RoutingResult } from './errors.js';
import type { AgentInput, EngineOptions, QueueConfig, QueueInput, ServiceLevelTarget, TierConfig } from './types.js';

/**
 * A contact of a higher tier ranks as if it had arrived earlier by the offset difference: a high
 * contact jumps low contacts that arrived up to 5 minutes before it, never more, so a low contact
 * waits at most 5 minutes longer than it would have in FIFO and never starves. The difference is
 * the one knob: larger favours the high tier more strongly under load (see bench/README.md).
 */
export const DEFAULT_TIERS: readonly TierConfig[] = [
  { id: 'high', offsetMs: 300_000 },
  { id: 'middle', offsetMs: 120_000 },
  { id: 'low', offsetMs: 0 },
];
export const DEFAULT_CHANNELS: readonly string[] = ['voice', 'chat', 'email', 'sms', 'form', 'messaging'];
export const DEFAULT_EXCLUSIVE_CHANNELS: readonly string[] = ['voice'];
export const DEFAULT_SERVICE_LEVELS: Readonly<Record<string, ServiceLevelTarget>> = {
  high: { thresholdMs: 15_000, targetPct: 90 },
  middle: { thresholdMs: 20_000, targetPct: 80 },
  low: { thresholdMs: 60_000, targetPct: 70 },
};
/** For tenant-defined tiers without a target of their own. */
export const FALLBACK_SERVICE_LEVEL: ServiceLevelTarget = { thresholdMs: 20_000, targetPct: 80 };
export const DEFAULT_OFFER_TIMEOUT_MS = 30_000;
export const DEFAULT_LAST_AGENT_WINDOW_MS = 24 * 3600_000;
export const DEFAULT_HANDLE_MS = 300_000;
export const DEFAULT_AHT_ALPHA = 0.1;
const MAX_CAPACITY = 1000;

export interface ResolvedOptions {
  readonly tiers: readonly TierConfig[];
  readonly channels: readonly string[];
  readonly exclusiveChannels: readonly string[];
  readonly ahtAlpha: number;
}

const distinct = (xs: readonly string[]): boolean => new Set(xs).size === xs.length;

export const resolveOptions = (o: EngineOptions = {}): ResolvedOptions => {
  const tiers = o.tiers ?? DEFAULT_TIERS;
  const channels = o.channels ?? DEFAULT_CHANNELS;
  const exclusiveChannels = o.exclusiveChannels ?? DEFAULT_EXCLUSIVE_CHANNELS.filter((c) => channels.includes(c));
  const ahtAlpha = o.ahtAlpha ?? DEFAULT_AHT_ALPHA;
  if (tiers.length === 0 || !distinct(tiers.map((t) => t.id)) || tiers.some((t) => !Number.isFinite(t.offsetMs))) {
    throw new Error('routing engine: tiers must be non-empty, distinct, with finite offsets');
  }
  if (channels.length === 0 || !distinct(channels)) throw new Error('routing engine: channels must be non-empty and distinct');
  if (exclusiveChannels.some((c) => !channels.includes(c))) throw new Error('routing engine: exclusive channel not in channels');
  if (!(ahtAlpha > 0 && ahtAlpha <= 1)) throw new Error('routing engine: ahtAlpha must be in (0, 1]');
  return { tiers, channels, exclusiveChannels, ahtAlpha };
};

const isDuration = (v: number | null | undefined): boolean => v === undefined || v === null || (Number.isFinite(v) && v >= 0);
const isProficiency = (v: number): boolean => Number.isInteger(v) && v >= 1 && v <= 5;

const serviceLevelsFor = (tiers: readonly TierConfig[], given: QueueInput['serviceLevels']): Record<string, ServiceLevelTarget> => {
  const out: Record<string, ServiceLevelTarget> = {};
  for (const t of tiers) out[t.id] = given?.[t.id] ?? DEFAULT_SERVICE_LEVELS[t.id] ?? FALLBACK_SERVICE_LEVEL;
  return out;
};

const queueProblem = (q: QueueInput, tiers: readonly TierConfig[], known: (id: string) => boolean): [string, string] | null => {
  if (q.id.length === 0) return ['id', 'must not be empty'];
  for (const r of q.requiredSkills ?? []) {
    if (r.skill.length === 0 || !isProficiency(r.minProficiency)) return ['requiredSkills', 'needs a skill and a proficiency 1-5'];
  }
  for (const f of ['widenAfterMs', 'overflowAfterMs', 'maxWaitMs', 'lastAgentWindowMs', 'defaultHandleMs'] as const) {
    if (!isDuration(q[f])) return [f, 'must be a duration in ms >= 0'];
  }
  if (q.offerTimeoutMs !== undefined && !(Number.isFinite(q.offerTimeoutMs) && q.offerTimeoutMs > 0)) {
    return ['offerTimeoutMs', 'must be > 0'];
  }
  const over = q.overflowQueueId ?? null;
  if (over !== null && (over === q.id || !known(over))) return ['overflowQueueId', 'must name another existing queue'];
  // A time without a queue is harmless and ignored; a queue without a time would never overflow.
  if (over !== null && (q.overflowAfterMs ?? null) === null) return ['overflowAfterMs', 'is needed with overflowQueueId'];
  for (const [tier, sl] of Object.entries(q.serviceLevels ?? {})) {
    if (!tiers.some((t) => t.id === tier)) return ['serviceLevels', `unknown tier ${tier}`];
    if (!isDuration(sl.thresholdMs) || !(sl.targetPct >= 0 && sl.targetPct <= 100)) return ['serviceLevels', 'bad target'];
  }
  return null;
};

export const normaliseQueue = (q: QueueInput, tiers: readonly TierConfig[], known: (id: string) => boolean): RoutingResult<QueueConfig> => {
  const problem = queueProblem(q, tiers, known);
  if (problem !== null) return fail('INVALID_CONFIG', `Queue ${q.id}: ${problem[0]} ${problem[1]}.`, problem[0]);
  return ok({
    id: q.id,
    requiredSkills: q.requiredSkills ?? [],
    policy: q.policy ?? 'longest_idle',
    widenAfterMs: q.widenAfterMs ?? null,
    overflowAfterMs: q.overflowQueueId == null ? null : (q.overflowAfterMs ?? null),
    overflowQueueId: q.overflowQueueId ?? null,
    maxWaitMs: q.maxWaitMs ?? null,
    maxWaitAction: q.maxWaitAction ?? 'callback',
    offerTimeoutMs: q.offerTimeoutMs ?? DEFAULT_OFFER_TIMEOUT_MS,
    lastAgentWindowMs: q.lastAgentWindowMs ?? DEFAULT_LAST_AGENT_WINDOW_MS,
    serviceLevels: serviceLevelsFor(tiers, q.serviceLevels),
    defaultHandleMs: q.defaultHandleMs ?? DEFAULT_HANDLE_MS,
  });
};

export interface NormalisedAgent {
  readonly skills: ReadonlyMap<string, number>;
  readonly cap: Int32Array;
  /** 0 when wrap-up is untimed. */
  readonly wrapUpMs: number;
}

/** A wrap-up time beyond a day is a mistake, not a policy. */
export const MAX_WRAP_UP_MS = 86_400_000;

export const normaliseAgent = (a: AgentInput, channelIdx: ReadonlyMap<string, number>): RoutingResult<NormalisedAgent> => {
  if (a.id.length === 0) return fail('INVALID_CONFIG', 'Agent id must not be empty.', 'id');
  const skills = new Map(a.skills instanceof Map ? a.skills : Object.entries(a.skills));
  for (const [skill, p] of skills) {
    if (!isProficiency(p)) return fail('INVALID_CONFIG', `Agent ${a.id}: skill ${skill} needs a proficiency 1-5.`, 'skills');
  }
  const cap = new Int32Array(channelIdx.size);
  for (const [channel, n] of Object.entries(a.capacity)) {
    const ch = channelIdx.get(channel);
    if (ch === undefined) return fail('UNKNOWN_CHANNEL', `Agent ${a.id}: no channel ${channel}.`, 'capacity');
    if (!Number.isInteger(n) || n < 0 || n > MAX_CAPACITY) {
      return fail('INVALID_CONFIG', `Agent ${a.id}: capacity for ${channel} must be an integer 0-${MAX_CAPACITY}.`, 'capacity');
    }
    cap[ch] = n;
  }
  const wrap = a.wrapUpMs ?? 0;
  if (!Number.isInteger(wrap) || wrap < 0 || wrap > MAX_WRAP_UP_MS) {
    return fail('INVALID_CONFIG', `Agent ${a.id}: wrap-up time must be an integer 0-${MAX_WRAP_UP_MS} ms, or none.`, 'wrapUpMs');
  }
  return ok({ skills, cap, wrapUpMs: wrap });
};
