/** The pure rules of webhooks: which events, which URLs, how signed, when retried. */
export * from './addresses.js';
export * from './body.js';
export * from './events.js';
export * from './retry.js';
export * from './signature.js';
export * from './url.js';
