/** Contacts: conversations on every channel, their state machine, messages and dispositions. */
export { type Disposition, type DispositionBody, dispositionOf, validateDisposition } from './core/disposition.js';
export { type ContactState, TERMINAL_STATES } from './core/state-machine.js';
export { type ContactIdentity, type CustomerLookup, contactRoutes, dispositionRoute } from './http.js';
export { applyTransition, ContactLedger, newContactRow, type TransitionInput } from './ledger.js';
export type { ContactRouter, QueueRequest } from './ports.js';
export { CHANNELS, contactSchema, dispositionRequestBody } from './schemas.js';
export {
  type AuthorKind,
  actorLabel,
  type ContactOutcome,
  type ContactsDeps,
  ContactsService,
  type MessageVisibility,
  type NewMessage,
  type WithMessage,
} from './service.js';
export { type ContactListQuery, contactStore } from './store.js';
export { type ContactView, contactView, type MessageView } from './views.js';
