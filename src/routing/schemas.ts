/** JSON schemas of the routing API: strict inputs, explicit outputs. */
import { POLICIES, PRESENCE_STATES } from './core/types.js';

const ms = (max: number) => ({ type: 'integer', minimum: 0, maximum: max }) as const;
const ref = { type: 'string', minLength: 1, maxLength: 64 } as const;
const hhmm = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' } as const;
const DAY = { type: 'array', maxItems: 6, items: { type: 'array', minItems: 2, maxItems: 2, items: hhmm } } as const;

export const serviceLevelSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['thresholdMs', 'targetPct'],
  properties: { thresholdMs: ms(3_600_000), targetPct: { type: 'number', minimum: 1, maximum: 100 } },
} as const;

export const queueConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    requiredSkills: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['skill', 'minProficiency'],
        properties: { skill: ref, minProficiency: { type: 'integer', minimum: 1, maximum: 5 } },
      },
    },
    policy: { type: 'string', enum: [...POLICIES] },
    widenAfterMs: { type: ['integer', 'null'], minimum: 0, maximum: 86_400_000 },
    overflowAfterMs: { type: ['integer', 'null'], minimum: 0, maximum: 86_400_000 },
    overflowQueueId: { type: ['string', 'null'], maxLength: 64 },
    maxWaitMs: { type: ['integer', 'null'], minimum: 1000, maximum: 86_400_000 },
    maxWaitAction: { type: 'string', enum: ['callback', 'ticket', 'abandon'] },
    offerTimeoutMs: { type: 'integer', minimum: 1000, maximum: 600_000 },
    lastAgentWindowMs: ms(30 * 86_400_000),
    defaultHandleMs: { type: 'integer', minimum: 1000, maximum: 86_400_000 },
    serviceLevels: {
      type: 'object',
      additionalProperties: false,
      patternProperties: { '^[a-z0-9_-]{1,32}$': serviceLevelSchema },
      properties: {},
    },
    openingHours: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['timezone', 'days'],
      properties: {
        timezone: { type: 'string', maxLength: 64 },
        days: {
          type: 'object',
          additionalProperties: false,
          properties: { sun: DAY, mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY, sat: DAY },
        },
      },
    },
  },
} as const;

export const createQueueBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 80 }, config: queueConfigSchema },
} as const;

export const patchQueueBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name: { type: 'string', minLength: 1, maxLength: 80 }, config: queueConfigSchema },
} as const;

export const queueSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    config: { type: 'object', additionalProperties: true },
    createdAt: { type: 'number' },
    updatedAt: { type: 'number' },
  },
} as const;

export const createSkillBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 80 }, description: { type: 'string', maxLength: 500 } },
} as const;

export const skillSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    description: { type: ['string', 'null'] },
    createdAt: { type: 'number' },
  },
} as const;

export const putAgentBody = {
  type: 'object',
  additionalProperties: false,
  required: ['skills', 'capacity'],
  properties: {
    skills: {
      type: 'object',
      additionalProperties: false,
      maxProperties: 50,
      patternProperties: { '^[A-Za-z0-9_.:-]{1,64}$': { type: 'integer', minimum: 1, maximum: 5 } },
      properties: {},
    },
    capacity: {
      type: 'object',
      additionalProperties: false,
      patternProperties: { '^[a-z]{2,16}$': { type: 'integer', minimum: 0, maximum: 50 } },
      properties: {},
    },
    /** How long wrap-up may hold a contact before it closes without a disposition; omitted or null: no limit. */
    wrapUpSeconds: { type: ['integer', 'null'], minimum: 5, maximum: 86_400 },
  },
} as const;

export const agentSchema = {
  type: 'object',
  properties: {
    userId: { type: 'string' },
    skills: { type: 'object', additionalProperties: { type: 'number' } },
    capacity: { type: 'object', additionalProperties: { type: 'number' } },
    wrapUpSeconds: { type: ['integer', 'null'] },
    presence: { type: 'string' },
    breakReason: { type: ['string', 'null'] },
    presenceSince: { type: 'number' },
    status: { type: 'string' },
    load: { type: 'object', additionalProperties: { type: 'number' } },
  },
} as const;

export const stateBody = {
  type: 'object',
  additionalProperties: false,
  required: ['state'],
  properties: {
    state: { type: 'string', enum: PRESENCE_STATES.filter((s) => s !== 'wrap_up') },
    reason: { type: 'string', minLength: 1, maxLength: 40 },
  },
} as const;

export { idParam, listOf } from '../platform/http/index.js';
