/**
 * Turning a caller's contact into an engine record, with the checks that keep bad input out, and
 * giving the record back when the contact leaves routing. Records are recycled (see model.ts), so
 * nothing may keep a record after freeContact: lists, agents and head arrays let go of it first.
 */
import { ok } from '../../kernel/index.js';
import { fail, type RoutingResult } from './errors.js';
import { ContactRec } from './model.js';
import type { EngineState } from './state.js';
import type { ContactInput } from './types.js';

export const newContact = (s: EngineState, input: ContactInput, now: number): RoutingResult<ContactRec> => {
  if (input.id.length === 0) return fail('INVALID_CONFIG', 'A contact needs an id.', 'id');
  if (s.contacts.has(input.id)) return fail('DUPLICATE_CONTACT', `Contact ${input.id} is already routed.`, 'id');
  const q = s.queues.get(input.queueId);
  if (q === undefined) return fail('UNKNOWN_QUEUE', `No queue ${input.queueId}.`, 'queueId');
  const ch = s.channelIdx.get(input.channel);
  if (ch === undefined) return fail('UNKNOWN_CHANNEL', `No channel ${input.channel}.`, 'channel');
  const tier = s.tierIdx.get(input.tier);
  if (tier === undefined) return fail('UNKNOWN_TIER', `No tier ${input.tier}.`, 'tier');
  // A contact cannot have arrived in the future; a caller's clock running ahead counts as now.
  const enqueuedAt = Math.min(input.enqueuedAt ?? now, now);
  if (!Number.isFinite(enqueuedAt)) return fail('INVALID_CONFIG', 'enqueuedAt must be a time in ms.', 'enqueuedAt');
  const lastAgentId = input.lastAgentId ?? null;
  // A last agent given without a time is taken as current: the caller asked for the preference.
  const lastContactAt = input.lastContactAt ?? enqueuedAt;
  const effectiveTime = enqueuedAt - (s.tierOffset[tier] ?? 0);
  const customerId = input.customerId ?? null;
  const c = s.pool.pop();
  if (c === undefined) return ok(new ContactRec(input.id, q, ch, tier, customerId, lastAgentId, lastContactAt, enqueuedAt, effectiveTime));
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
  c.lastAgentId = null;
  c.customerId = null;
  s.pool.push(c);
};
