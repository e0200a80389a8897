/**
 * Outgoing messages the server has not acknowledged yet. They survive reloads (persisted) and are
 * re-sent with the same clientId after every (re)connect; the server stores a clientId once, so a
 * message whose ack was lost in a drop is acknowledged again instead of duplicated.
 */
import type { Attachment } from './protocol.js';

export interface PendingMessage {
  readonly clientId: string;
  readonly body: string;
  readonly attachment: Attachment | null;
  readonly createdAt: number;
  /** The error code of a refusal that re-sending cannot fix; null while it is still worth sending. */
  readonly failed: string | null;
}

/** Refusals that say "not now" rather than "never": the message stays queued and is sent again. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set(['RATE_LIMITED', 'INTERNAL', 'SHUTTING_DOWN', 'UNAVAILABLE']);

export const isTransientError = (code: string): boolean => TRANSIENT_CODES.has(code);

export const enqueue = (queue: readonly PendingMessage[], m: PendingMessage): PendingMessage[] =>
  queue.some((p) => p.clientId === m.clientId) ? [...queue] : [...queue, m];

export const removePending = (queue: readonly PendingMessage[], clientId: string): PendingMessage[] =>
  queue.filter((p) => p.clientId !== clientId);

export const markFailed = (queue: readonly PendingMessage[], clientId: string, code: string): PendingMessage[] =>
  queue.map((p) => (p.clientId === clientId ? { ...p, failed: code } : p));

export const clearFailure = (queue: readonly PendingMessage[], clientId: string): PendingMessage[] =>
  queue.map((p) => (p.clientId === clientId ? { ...p, failed: null } : p));

/** What is worth (re)sending, oldest first: everything not refused for good. */
export const toSend = (queue: readonly PendingMessage[]): PendingMessage[] => queue.filter((p) => p.failed === null);

/**
 * At most this many sends wait for their ack at once. The server allows a burst of 10 messages per
 * visitor; a backlog (a long offline spell) drains a few at a time instead of tripping the limit.
 */
export const MAX_IN_FLIGHT = 5;

/** The next messages to put on the wire, given those already sent on this connection. */
export const nextToSend = (
  queue: readonly PendingMessage[],
  inFlight: ReadonlySet<string>,
  max: number = MAX_IN_FLIGHT,
): PendingMessage[] => {
  const room = Math.max(0, max - inFlight.size);
  return toSend(queue)
    .filter((p) => !inFlight.has(p.clientId))
    .slice(0, room);
};
