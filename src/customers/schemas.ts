/** JSON schemas of the customers HTTP contract: closed inputs, explicit outputs. */
import { IDENTITY_KINDS, IDENTITY_VALUE_MAX, MAX_IDENTITIES_PER_REQUEST } from './core/identity.js';
import {
  ATTRIBUTE_KEY_PATTERN,
  ATTRIBUTE_STRING_MAX,
  CONSENT_CHANNELS,
  DISPLAY_NAME_MAX,
  MAX_ATTRIBUTES,
  MAX_TAGS,
  TAG_MAX,
} from './core/profile.js';
import { MAX_TIERS, TIER_ID_PATTERN, TIER_NAME_MAX } from './core/tiers.js';

const customerId = { type: 'string', minLength: 1, maxLength: 64 } as const;
const displayName = { type: 'string', minLength: 1, maxLength: DISPLAY_NAME_MAX, pattern: '\\S' } as const;
// Any text here: a tier that does not exist is UNKNOWN_TIER (422), not a malformed request.
const tierRef = { type: 'string', minLength: 1, maxLength: 32 } as const;
const tags = { type: 'array', maxItems: MAX_TAGS, items: { type: 'string', minLength: 1, maxLength: TAG_MAX } } as const;
const kind = { type: 'string', enum: [...IDENTITY_KINDS] } as const;
const identityValue = { type: 'string', minLength: 1, maxLength: IDENTITY_VALUE_MAX } as const;

const attributeObject = (valueTypes: readonly string[]) =>
  ({
    type: 'object',
    additionalProperties: false,
    maxProperties: MAX_ATTRIBUTES,
    patternProperties: { [ATTRIBUTE_KEY_PATTERN]: { type: [...valueTypes], maxLength: ATTRIBUTE_STRING_MAX } },
  }) as const;

const consentPatch = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, { type: 'boolean' }])),
} as const;

const identityInput = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'value'],
  properties: { kind, value: identityValue },
} as const;

const identities = (minItems: number) => ({ type: 'array', minItems, maxItems: MAX_IDENTITIES_PER_REQUEST, items: identityInput }) as const;

export const idParam = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: customerId },
} as const;

export const identityParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'value'],
  properties: { id: customerId, kind, value: identityValue },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    query: { type: 'string', maxLength: 120 },
    tier: tierRef,
    tag: { type: 'string', minLength: 1, maxLength: TAG_MAX },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    before: { type: 'string', maxLength: 64 },
  },
} as const;

export const createCustomerBody = {
  type: 'object',
  additionalProperties: false,
  required: ['displayName'],
  properties: {
    displayName,
    tier: tierRef,
    tags,
    attributes: attributeObject(['string', 'number', 'boolean']),
    consent: consentPatch,
    identities: identities(0),
  },
} as const;

export const patchCustomerBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    displayName,
    tier: tierRef,
    tags,
    // A null value removes that attribute; absent keys are left as they are.
    attributes: attributeObject(['string', 'number', 'boolean', 'null']),
    consent: consentPatch,
  },
} as const;

export const identityBody = identityInput;

export const resolveBody = {
  type: 'object',
  additionalProperties: false,
  required: ['identities'],
  properties: { identities: identities(1), displayName },
} as const;

export const mergeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['intoId'],
  properties: { intoId: customerId },
} as const;

export const putTiersBody = {
  type: 'object',
  additionalProperties: false,
  required: ['tiers'],
  properties: {
    tiers: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_TIERS,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name'],
        properties: {
          id: { type: 'string', pattern: TIER_ID_PATTERN },
          name: { type: 'string', minLength: 1, maxLength: TIER_NAME_MAX, pattern: '\\S' },
        },
      },
    },
  },
} as const;

const identitySchema = {
  type: 'object',
  properties: { kind: { type: 'string' }, value: { type: 'string' }, createdAt: { type: 'number' } },
} as const;

const consentSchema = {
  type: 'object',
  properties: {
    ...Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, { type: 'boolean' }])),
    updatedAt: { type: ['number', 'null'] },
  },
} as const;

export const customerSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    displayName: { type: 'string' },
    tier: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    attributes: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    consent: consentSchema,
    status: { type: 'string', enum: ['active', 'merged'] },
    mergedInto: { type: ['string', 'null'] },
    identities: { type: 'array', items: identitySchema },
    createdAt: { type: 'number' },
    updatedAt: { type: 'number' },
  },
} as const;

export const customerPageSchema = {
  type: 'object',
  properties: { items: { type: 'array', items: customerSchema }, nextBefore: { type: ['string', 'null'] } },
} as const;

export const resolveSchema = {
  type: 'object',
  properties: {
    customer: customerSchema,
    created: { type: 'boolean' },
    attached: {
      type: 'array',
      items: { type: 'object', properties: { kind: { type: 'string' }, value: { type: 'string' } } },
    },
    conflicts: {
      type: 'array',
      items: {
        type: 'object',
        properties: { kind: { type: 'string' }, value: { type: 'string' }, customerId: { type: 'string' } },
      },
    },
  },
} as const;

export const tiersSchema = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, name: { type: 'string' }, rank: { type: 'integer' }, isDefault: { type: 'boolean' } },
      },
    },
  },
} as const;
