/**
 * Checks of webhook input that apply whoever calls the service (the HTTP schemas check the same
 * shapes first; the URL's address rules and the server's private-address setting live only here).
 */
import { AppError } from '../kernel/index.js';
import { checkWebhookUrl, invalidFilters, MAX_EVENT_FILTERS, normaliseFilters } from './core/index.js';

export const checkedUrl = (raw: string, allowPrivate: boolean): string => {
  const v = checkWebhookUrl(raw.trim(), allowPrivate);
  if (v.ok) return v.url;
  throw new AppError(v.code, undefined, [{ field: 'url', issue: v.issue }]);
};

export const checkedEvents = (events: readonly string[]): string[] => {
  const bad = invalidFilters(events);
  if (bad.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      'Event filters are exact event types such as contact.queued, or a family such as contact.*.',
      bad.map((b) => ({ field: `events.${b.index}`, issue: `"${b.value}" is not an event type or family` })),
    );
  const out = normaliseFilters(events);
  if (out.length === 0 || out.length > MAX_EVENT_FILTERS)
    throw new AppError('VALIDATION_FAILED', undefined, [{ field: 'events', issue: `must list 1 to ${MAX_EVENT_FILTERS} event filters` }]);
  return out;
};

export const checkedDescription = (d: string | null | undefined): string | null => {
  const t = d?.trim() ?? '';
  return t === '' ? null : t;
};
