/**
 * Which events a webhook wants. A filter is a list of exact event types (`contact.offered`) and
 * prefix wildcards (`contact.*`, every type under `contact.`). There is no bare `*`: a receiver
 * names the families it handles, so a new family of events never floods an old integration.
 */

/** One dot-separated segment: lower case, digits and underscores, starting with a letter. */
const SEGMENT = '[a-z][a-z0-9_]{0,39}';

/** The JSON-schema pattern of one filter entry; the HTTP schema and the service share it. */
export const EVENT_FILTER_PATTERN = `^${SEGMENT}(\\.${SEGMENT})*\\.(${SEGMENT}|\\*)$`;

const FILTER = new RegExp(EVENT_FILTER_PATTERN);

export const MAX_EVENT_FILTERS = 50;

export const isEventFilter = (s: string): boolean => s.length <= 120 && FILTER.test(s);

/** The entries of `filters` that are not valid, with their positions (for error details). */
export const invalidFilters = (filters: readonly string[]): { index: number; value: string }[] =>
  filters.flatMap((value, index) => (isEventFilter(value) ? [] : [{ index, value }]));

export const matchesFilter = (filter: string, type: string): boolean =>
  filter.endsWith('.*') ? type.startsWith(filter.slice(0, -1)) : filter === type;

export const matchesAny = (filters: readonly string[], type: string): boolean => filters.some((f) => matchesFilter(f, type));

/** Sorted and without duplicates, so equal filters compare and audit equal. */
export const normaliseFilters = (filters: readonly string[]): string[] => [...new Set(filters)].sort();

export interface WebhookInterest {
  readonly active: boolean;
  readonly events: readonly string[];
  readonly createdAt: number;
}

/**
 * Whether a webhook gets a delivery of an event. Events that happened before the webhook existed
 * are not sent even if the dispatcher reaches them late (after downtime): a new webhook starts
 * with what happens from its creation on.
 */
export const wantsEvent = (w: WebhookInterest, type: string, occurredAt: number): boolean =>
  w.active && occurredAt >= w.createdAt && matchesAny(w.events, type);
