/** JSON schemas of the contacts API. Inputs closed; outputs explicit. */
import { CONTACT_CLASSES } from './core/disposition.js';
import { CONTACT_STATES } from './core/state-machine.js';

export const CHANNELS = ['chat', 'email', 'sms', 'voice', 'form', 'app', 'wechat', 'social'] as const;
const shortId = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' } as const;
const code = { type: 'string', minLength: 1, maxLength: 80 } as const;

export const dispositionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['contactClass', 'reason', 'resolved'],
  properties: {
    contactClass: { type: 'string', enum: [...CONTACT_CLASSES] },
    reason: code,
    product: { type: ['string', 'null'], maxLength: 80 },
    campaign: { type: ['string', 'null'], maxLength: 80 },
    resolved: { type: 'boolean' },
    note: { type: ['string', 'null'], maxLength: 2000 },
  },
} as const;

/** The body of a request that records a disposition (wrap-up, self-service close). */
export const dispositionRequestBody = {
  type: 'object',
  additionalProperties: false,
  required: ['disposition'],
  properties: { disposition: dispositionSchema },
} as const;

const dispositionOut = {
  type: ['object', 'null'],
  properties: {
    contactClass: { type: 'string' },
    reason: { type: 'string' },
    product: { type: ['string', 'null'] },
    campaign: { type: ['string', 'null'] },
    resolved: { type: 'boolean' },
    note: { type: ['string', 'null'] },
  },
} as const;

const nullableNumber = { type: ['number', 'null'] } as const;
const nullableString = { type: ['string', 'null'] } as const;

export const contactSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    channel: { type: 'string' },
    customerId: nullableString,
    queueId: nullableString,
    tier: { type: 'string' },
    state: { type: 'string', enum: [...CONTACT_STATES] },
    agentId: nullableString,
    subject: nullableString,
    createdAt: { type: 'number' },
    stateChangedAt: { type: 'number' },
    enqueuedAt: nullableNumber,
    offeredAt: nullableNumber,
    offerExpiresAt: nullableNumber,
    answeredAt: nullableNumber,
    wrapUpAt: nullableNumber,
    wrapUpExpiresAt: nullableNumber,
    closedAt: nullableNumber,
    disposition: dispositionOut,
    lastSeq: { type: 'number' },
  },
} as const;

export const openContactBody = {
  type: 'object',
  additionalProperties: false,
  required: ['channel'],
  properties: {
    channel: { type: 'string', enum: [...CHANNELS] },
    customerId: shortId,
    tier: shortId,
    subject: { type: 'string', maxLength: 500 },
    queueId: shortId,
    bot: { type: 'boolean' },
    // Who the contact is from, as the channel knows them (an SMS gateway: the phone number): the
    // customer owning them, or a new one. Kinds and values are checked by the customers capability.
    identities: {
      type: 'array',
      minItems: 1,
      maxItems: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'value'],
        properties: { kind: { type: 'string', minLength: 1, maxLength: 32 }, value: { type: 'string', minLength: 1, maxLength: 320 } },
      },
    },
    customerName: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
  },
} as const;

export const messageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['clientMessageId', 'body'],
  properties: {
    clientMessageId: { type: 'string', minLength: 1, maxLength: 100 },
    body: { type: 'string', minLength: 1, maxLength: 20_000 },
    author: { type: 'string', enum: ['customer', 'agent', 'bot', 'system'] },
  },
} as const;

export const messageSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    seq: { type: 'number' },
    clientMessageId: { type: 'string' },
    author: { type: 'object', properties: { kind: { type: 'string' }, id: nullableString } },
    body: { type: 'string' },
    createdAt: { type: 'number' },
    visibility: { type: 'string', enum: ['public', 'internal', 'whisper'] },
    attachmentId: nullableString,
  },
} as const;

export const transitionSchema = {
  type: 'object',
  properties: {
    seq: { type: 'number' },
    from: { type: 'string' },
    to: { type: 'string' },
    at: { type: 'number' },
    actor: { type: 'string' },
    reason: nullableString,
    queueId: nullableString,
    agentId: nullableString,
  },
} as const;

export { idParam } from '../platform/http/index.js';
