/** JSON schemas of tenancy's HTTP contract: strict inputs, explicit outputs. */
import { API_KEY_PERMISSIONS, ID_PATTERN, TENANT_ROLES } from '../kernel/index.js';
import { SLUG_PATTERN } from './core/access-rules.js';
import { PASSWORD_MAX } from './core/password-policy.js';

const email = { type: 'string', format: 'email', maxLength: 254 } as const;
const displayName = { type: 'string', minLength: 1, maxLength: 120, pattern: '\\S' } as const;
const password = { type: 'string', minLength: 1, maxLength: PASSWORD_MAX } as const;

export const userSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string' },
    status: { type: 'string', enum: ['active', 'disabled'] },
    createdAt: { type: 'number' },
    updatedAt: { type: 'number' },
  },
} as const;

export const tenantSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    slug: { type: 'string' },
    name: { type: 'string' },
    status: { type: 'string', enum: ['active', 'suspended'] },
    createdAt: { type: 'number' },
    updatedAt: { type: 'number' },
  },
} as const;

export const apiKeySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    permissions: { type: 'array', items: { type: 'string' } },
    createdBy: { type: 'string' },
    createdAt: { type: 'number' },
    lastUsedAt: { type: ['number', 'null'] },
    revokedAt: { type: ['number', 'null'] },
  },
} as const;

export const meSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    tenantId: { type: 'string' },
    tenantSlug: { type: 'string' },
    tenantName: { type: 'string' },
    email: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string' },
    permissions: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const sessionSchema = {
  type: 'object',
  properties: { token: { type: 'string' }, expiresAt: { type: 'number' }, user: meSchema },
} as const;

export const loginBody = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password'],
  properties: {
    organization: { type: 'string', maxLength: 40 },
    email: { type: 'string', minLength: 3, maxLength: 254 },
    password,
  },
} as const;

export const changePasswordBody = {
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: { currentPassword: password, newPassword: password },
} as const;

export const createUserBody = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'displayName', 'role', 'password'],
  properties: { email, displayName, role: { type: 'string', enum: [...TENANT_ROLES] }, password },
} as const;

export const patchUserBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    displayName,
    role: { type: 'string', enum: [...TENANT_ROLES] },
    status: { type: 'string', enum: ['active', 'disabled'] },
  },
} as const;

export const setPasswordBody = {
  type: 'object',
  additionalProperties: false,
  required: ['password'],
  properties: { password },
} as const;

export const createApiKeyBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'permissions'],
  properties: {
    name: displayName,
    permissions: { type: 'array', minItems: 1, maxItems: 20, uniqueItems: true, items: { type: 'string', enum: [...API_KEY_PERMISSIONS] } },
  },
} as const;

export const createTenantBody = {
  type: 'object',
  additionalProperties: false,
  required: ['slug', 'name', 'admin'],
  properties: {
    slug: { type: 'string', pattern: SLUG_PATTERN, maxLength: 40 },
    name: displayName,
    admin: {
      type: 'object',
      additionalProperties: false,
      required: ['email', 'displayName', 'password'],
      properties: { email, displayName, password },
    },
  },
} as const;

export const patchTenantBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name: displayName, status: { type: 'string', enum: ['active', 'suspended'] } },
} as const;

export const ID_SHAPE = new RegExp(ID_PATTERN);

export { idParam, listOf } from '../platform/http/index.js';
