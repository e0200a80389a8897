/** The chat capability's pure rules. */
export * from './attachment.js';
export * from './canned.js';
export * from './identity.js';
export * from './origins.js';
export * from './prechat.js';
export * from './stats.js';
export * from './transcript.js';
export * from './visitor-token.js';
