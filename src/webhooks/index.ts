/** Webhooks: tenants' integrations receive their events as signed HTTP POSTs. */
export { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_S, type SignatureVerdict } from './core/index.js';
export { deliveryLog } from './delivery-log.js';
export { WEBHOOKS_SUBSCRIBER } from './fanout.js';
export { webhookRoutes } from './http.js';
export { buildWebhooks, type Webhooks, type WebhooksDeps } from './module.js';
export { hmacSha256Hex, verifyKefuSignature } from './signing.js';
export type { DeliveryView, WebhookView } from './views.js';
export { type NewWebhook, type WebhookPatch, WebhooksService } from './webhooks.service.js';
export { DeliveryWorker } from './worker.js';
