/** Tenancy: tenants, users, roles, sessions, API keys. The only surface other code may import. */
export { apiKeyRoutes } from './api-keys.http.js';
export { ApiKeysService } from './api-keys.service.js';
export { authRoutes, SESSION_COOKIE } from './auth.http.js';
export { AuthService, type IssuedSession, type Me } from './auth.service.js';
export { argon2idHasher, randomSecret } from './crypto.js';
export type { PasswordHasher, TenancyDeps } from './deps.js';
export { ApiKeyCache } from './key-cache.js';
// The API's input contract, so the CLI (which calls the services directly) refuses what the API refuses.
export { createApiKeyBody, createTenantBody, createUserBody } from './schemas.js';
export { tenantRoutes } from './tenants.http.js';
export { type NewTenant, TenantsService } from './tenants.service.js';
export { userRoutes } from './users.http.js';
export { type NewUser, UsersService } from './users.service.js';
export type { ApiKeyView, TenantView, UserView } from './views.js';
