/** JSON schemas of the webhooks API: closed inputs, explicit outputs (the secret only where shown once). */
import { EVENT_FILTER_PATTERN, MAX_EVENT_FILTERS, MAX_URL_LENGTH } from './core/index.js';

const url = { type: 'string', minLength: 1, maxLength: MAX_URL_LENGTH } as const;
const events = {
  type: 'array',
  minItems: 1,
  maxItems: MAX_EVENT_FILTERS,
  uniqueItems: true,
  items: { type: 'string', maxLength: 120, pattern: EVENT_FILTER_PATTERN },
} as const;
const description = { type: ['string', 'null'], maxLength: 500 } as const;

export const createWebhookBody = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'events'],
  properties: { url, events, description, active: { type: 'boolean' } },
} as const;

export const patchWebhookBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { url, events, description, active: { type: 'boolean' } },
} as const;

export const deliveriesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
    before: { type: 'string', maxLength: 64 },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
} as const;

export const webhookSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    url: { type: 'string' },
    events: { type: 'array', items: { type: 'string' } },
    active: { type: 'boolean' },
    description: { type: ['string', 'null'] },
    createdAt: { type: 'number' },
    updatedAt: { type: 'number' },
  },
} as const;

/** Create and rotate answer with the secret: the only times it is ever shown. */
export const withSecretSchema = {
  type: 'object',
  properties: { webhook: webhookSchema, secret: { type: 'string' } },
} as const;

export const deliverySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    webhookId: { type: 'string' },
    eventType: { type: 'string' },
    status: { type: 'string' },
    attempts: { type: 'number' },
    nextAttemptAt: { type: ['number', 'null'] },
    lastStatusCode: { type: ['number', 'null'] },
    lastError: { type: ['string', 'null'] },
    createdAt: { type: 'number' },
    deliveredAt: { type: ['number', 'null'] },
    payload: { type: 'object', additionalProperties: true },
  },
} as const;

export { idParam, listOf } from '../platform/http/index.js';
