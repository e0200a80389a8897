/**
 * Turning a caller's contact into an engine record, with the checks that keep bad input out, and
 * giving the record back when the contact leaves routing. Records are recycled (see model.ts), so
 * nothing may keep a record after freeContact: lists, agents and head arrays let go of it first.
 */
import { ok } from '../../kernel/index.js';
import { fail, type RoutingResult } from './errors.js';
import { ContactRec, type QueueRec } from './model.js';
import type { EngineState } from './state.js';
import type { ContactInput, QueueConfig } from './types.js';

/**
 * Until when a targeted contact waits for its target agent alone: the queue's T1 (the bullseye's
 * first step), or one offer timeout without T1, from when it was targeted; never past max wait.
 */
export const targetDeadline = (cfg: QueueConfig, enqueuedAt: number, targetedAt: number): number => {
  const until = targetedAt + (cfg.widenAfterMs ?? cfg.offerTimeoutMs);
  return cfg.maxWaitMs === null ? until : Math.min(until, enqueuedAt + cfg.maxWaitMs);
};

interface Target {
  readonly idx: number;
  readonly at: number;
  readonly until: number;
}

const NO_TARGET: Target = { idx: -1, at: 0, until: 0 };

/** The contact's target agent, checked. */
const targetOf = (
  s: EngineState,
  input: ContactInput,
  agentId: string,
  q: QueueRec,
  enqueuedAt: number,
  now: number,
  lenient: boolean,
): RoutingResult<Target> => {
  const a = s.agents.get(agentId);
  if (a === undefined) return lenient ? ok(NO_TARGET) : fail('UNKNOWN_AGENT', `No agent ${agentId}.`, 'targetAgentId');
  const at = Math.min(input.targetedAt ?? now, now);
  if (!Number.isFinite(at)) return fail('INVALID_CONFIG', 'targetedAt must be a time in ms.', 'targetedAt');
  return ok({ idx: a.idx, at, until: targetDeadline(q.config, enqueuedAt, at) });
};

/** A contact input that passed every check, with what its record needs. */
interface Checked {
  readonly q: QueueRec;
  readonly ch: number;
  readonly tier: number;
  readonly enqueuedAt: number;
  readonly target: Target;
}

/**
 * Every check of a contact input but the duplicate id (the caller's: a transfer checks the contact
 * it is moving). An unknown target agent is an error, or ignored when `lenient` (a restore).
 */
export const checkContact = (s: EngineState, input: ContactInput, now: number, lenient = false): RoutingResult<Checked> => {
  if (input.id.length === 0) return fail('INVALID_CONFIG', 'A contact needs an id.', 'id');
  const q = s.queues.get(input.queueId);
  if (q === undefined) return fail('UNKNOWN_QUEUE', `No queue ${input.queueId}.`, 'queueId');
  const ch = s.channelIdx.get(input.channel);
  if (ch === undefined) return fail('UNKNOWN_CHANNEL', `No channel ${input.channel}.`, 'channel');
  const tier = s.tierIdx.get(input.tier);
  if (tier === undefined) return fail('UNKNOWN_TIER', `No tier ${input.tier}.`, 'tier');
  // A contact cannot have arrived in the future; a caller's clock running ahead counts as now.
  const enqueuedAt = Math.min(input.enqueuedAt ?? now, now);
  if (!Number.isFinite(enqueuedAt)) return fail('INVALID_CONFIG', 'enqueuedAt must be a time in ms.', 'enqueuedAt');
  let target = NO_TARGET;
  if (input.targetAgentId !== undefined) {
    const t = targetOf(s, input, input.targetAgentId, q, enqueuedAt, now, lenient);
    if (!t.ok) return t;
    target = t.value;
  }
  return ok({ q, ch, tier, enqueuedAt, target });
};

export const newContact = (s: EngineState, input: ContactInput, now: number, lenient = false): RoutingResult<ContactRec> => {
  if (s.contacts.has(input.id)) return fail('DUPLICATE_CONTACT', `Contact ${input.id} is already routed.`, 'id');
  const checked = checkContact(s, input, now, lenient);
  if (!checked.ok) return checked;
  const { q, ch, tier, enqueuedAt, target } = checked.value;
  const lastAgentId = input.lastAgentId ?? null;
  // A last agent given without a time is taken as current: the caller asked for the preference.
  const lastContactAt = input.lastContactAt ?? enqueuedAt;
  const effectiveTime = enqueuedAt - (s.tierOffset[tier] ?? 0);
  const customerId = input.customerId ?? null;
  const c = s.pool.pop() ?? new ContactRec(input.id, q, ch, tier, customerId, lastAgentId, lastContactAt, enqueuedAt, effectiveTime);
  c.targetIdx = target.idx;
  c.targetedAt = target.at;
  c.targetUntil = target.until;
  c.id = input.id;
  c.queue = q;
  c.channel = ch;
  c.tier = tier;
  c.customerId = customerId;
  c.lastAgentId = lastAgentId;
  c.lastContactAt = lastContactAt;
  c.enqueuedAt = enqueuedAt;
  c.effectiveTime = effectiveTime;
  c.state = 'queued';
  return ok(c);
};

/** The contact left routing: forget it and keep its record for the next arrival. */
export const freeContact = (s: EngineState, c: ContactRec): void => {
  s.contacts.delete(c.id);
  c.prev = null;
  c.next = null;
  c.list = null;
  c.agentIdx = -1;
  c.targetIdx = -1;
  c.wrapUntil = 0;
  c.wrapping = false;
  c.lastAgentId = null;
  c.customerId = null;
  s.pool.push(c);
};
