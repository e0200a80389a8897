/**
 * The contact state machine. A contact is one conversation on one channel; every change of state
 * is one of these transitions, timestamped, so every KPI (wait, answer, handle, abandon) can be
 * computed from the transition log alone.
 *
 *   new -> bot -> queued -> offered -> assigned -> wrap_up -> closed
 *          |        |  ^       |          |
 *          |        |  +-------+ reject/timeout
 *          |        +-> abandoned | timed_out        assigned -> transferred -> queued | offered
 */
import { AppError } from '../../kernel/index.js';

export const CONTACT_STATES = [
  'new',
  'bot',
  'queued',
  'offered',
  'assigned',
  'wrap_up',
  'closed',
  'abandoned',
  'transferred',
  'timed_out',
] as const;
export type ContactState = (typeof CONTACT_STATES)[number];

export const TERMINAL_STATES: ReadonlySet<ContactState> = new Set(['closed', 'abandoned', 'timed_out']);

/** Allowed next states, per state. Anything not listed is an illegal transition. */
export const TRANSITIONS: Readonly<Record<ContactState, readonly ContactState[]>> = {
  new: ['bot', 'queued', 'closed', 'abandoned'],
  bot: ['queued', 'closed', 'abandoned'],
  queued: ['offered', 'abandoned', 'timed_out', 'closed'],
  offered: ['assigned', 'queued', 'abandoned'],
  assigned: ['wrap_up', 'transferred'],
  transferred: ['queued', 'offered', 'abandoned'],
  wrap_up: ['closed'],
  closed: [],
  abandoned: [],
  timed_out: [],
};

export const canTransition = (from: ContactState, to: ContactState): boolean => TRANSITIONS[from].includes(to);

export const assertTransition = (from: ContactState, to: ContactState): void => {
  if (!canTransition(from, to)) {
    const allowed = TRANSITIONS[from];
    const hint = allowed.length ? `; from ${from} it may go to ${allowed.join(', ')}` : `; ${from} is final`;
    throw new AppError('ILLEGAL_TRANSITION', `A contact cannot go from ${from} to ${to}${hint}.`);
  }
};

export const isContactState = (s: string): s is ContactState => (CONTACT_STATES as readonly string[]).includes(s);
