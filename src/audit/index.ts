/** Audit: the record of every administrative change. */
export { auditRoutes } from './http.js';
export { type AuditChange, type AuditEntry, type AuditPage, AuditService } from './service.js';
