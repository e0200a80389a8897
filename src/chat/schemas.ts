/** JSON schemas of the chat API: closed inputs, explicit outputs. */
import { FIELD_RULES } from './core/index.js';
import { PUBLIC_KEY_PATTERN } from './widgets.service.js';

const text = (max: number, min = 1) => ({ type: 'string', minLength: min, maxLength: max }) as const;
const nullableString = { type: ['string', 'null'] } as const;
const nullableNumber = { type: ['number', 'null'] } as const;
const rule = { type: 'string', enum: [...FIELD_RULES] } as const;

export const publicKeyParam = {
  type: 'object',
  additionalProperties: false,
  required: ['publicKey'],
  properties: { publicKey: { type: 'string', pattern: PUBLIC_KEY_PATTERN } },
} as const;

export const attachmentParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'attachmentId'],
  properties: { id: { type: 'string', maxLength: 64 }, attachmentId: { type: 'string', maxLength: 64 } },
} as const;

const topicSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'label', 'queueId'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9_-]{1,32}$' },
    label: {
      type: 'object',
      additionalProperties: false,
      required: ['zh-CN', 'en'],
      properties: { 'zh-CN': text(80), en: text(80) },
    },
    queueId: text(64),
    product: { type: ['string', 'null'], maxLength: 80 },
  },
} as const;

export const prechatSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['fields', 'topics'],
  properties: {
    fields: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'email', 'phone'],
      properties: { name: rule, email: rule, phone: rule },
    },
    topics: { type: 'array', minItems: 1, maxItems: 20, items: topicSchema },
  },
} as const;

const originsSchema = { type: 'array', maxItems: 20, items: text(300) } as const;

export const createWidgetBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'allowedOrigins', 'prechat'],
  properties: { name: text(80), allowedOrigins: originsSchema, prechat: prechatSchema, identityRequired: { type: 'boolean' } },
} as const;

export const patchWidgetBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name: text(80), allowedOrigins: originsSchema, prechat: prechatSchema, identityRequired: { type: 'boolean' } },
} as const;

const prechatOut = { type: 'object', additionalProperties: true } as const;

export const widgetSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    publicKey: { type: 'string' },
    name: { type: 'string' },
    allowedOrigins: { type: 'array', items: { type: 'string' } },
    prechat: prechatOut,
    identityRequired: { type: 'boolean' },
    createdAt: { type: 'number' },
    updatedAt: { type: 'number' },
  },
} as const;

export const widgetWithSecretSchema = {
  type: 'object',
  properties: { widget: widgetSchema, identitySecret: { type: 'string' } },
} as const;

export const widgetConfigSchema = {
  type: 'object',
  properties: { widgetId: { type: 'string' }, name: { type: 'string' }, prechat: prechatOut, identityRequired: { type: 'boolean' } },
} as const;

export const openConversationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['topicId'],
  properties: {
    name: { type: 'string', maxLength: 80 },
    email: { type: 'string', maxLength: 254 },
    phone: { type: 'string', maxLength: 30 },
    topicId: text(32),
    locale: { type: 'string', enum: ['zh-CN', 'en'] },
    identity: {
      type: 'object',
      additionalProperties: false,
      required: ['userId', 'timestamp', 'signature'],
      properties: {
        userId: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[^\\s.]+$' },
        timestamp: { type: 'integer', minimum: 0, maximum: 99_999_999_999_999 },
        signature: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' },
      },
    },
  },
} as const;

export const openedSchema = {
  type: 'object',
  properties: {
    token: { type: 'string' },
    contactId: { type: 'string' },
    state: { type: 'string' },
    position: nullableNumber,
    estimatedWaitMs: nullableNumber,
  },
} as const;

export const attachmentSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, fileName: { type: 'string' }, contentType: { type: 'string' }, size: { type: 'number' } },
} as const;

const nullableAttachment = { ...attachmentSchema, type: ['object', 'null'] } as const;

export const visitorMessageSchema = {
  type: 'object',
  properties: {
    seq: { type: 'number' },
    clientMessageId: { type: 'string' },
    author: { type: 'object', properties: { kind: { type: 'string' }, name: nullableString } },
    body: { type: 'string' },
    attachment: nullableAttachment,
    createdAt: { type: 'number' },
  },
} as const;

export const afterQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    after: { type: 'integer', minimum: 0, default: 0 },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
} as const;

export const csatBody = {
  type: 'object',
  additionalProperties: false,
  required: ['rating'],
  properties: { rating: { type: 'integer', minimum: 1, maximum: 5 }, comment: { type: 'string', maxLength: 2000 } },
} as const;

export const csatSchema = {
  type: 'object',
  properties: { contactId: { type: 'string' }, rating: { type: 'number' }, comment: nullableString, createdAt: { type: 'number' } },
} as const;

export const cannedBody = {
  type: 'object',
  additionalProperties: false,
  required: ['shortcut', 'title', 'body'],
  properties: { shortcut: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,32}$' }, title: text(80), body: text(5000) },
} as const;

export const patchCannedBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: cannedBody.properties,
} as const;

export const cannedSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    shortcut: { type: 'string' },
    title: { type: 'string' },
    body: { type: 'string' },
    rendered: nullableString,
    createdAt: { type: 'number' },
    updatedAt: { type: 'number' },
  },
} as const;

export const cannedQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { contactId: { type: 'string', maxLength: 64 } },
} as const;

/** Read models whose nested shapes (contacts, customers, messages) are documented by their own routes. */
export const openObject = { type: 'object', additionalProperties: true } as const;
