/**
 * Opening hours of a queue: a weekly schedule in the queue's own time zone. Pure: the instant is
 * passed in; Intl gives the local weekday and time for that instant deterministically.
 */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Each day: a list of [from, to) intervals as "HH:MM" (24:00 allowed as an end). */
export interface OpeningHours {
  readonly timezone: string;
  readonly days: Partial<Record<Weekday, readonly (readonly [string, string])[]>>;
}

const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

const localParts = (instant: number, timezone: string): { day: Weekday; minute: number } => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = get('weekday').toLowerCase().slice(0, 3) as Weekday;
  return { day, minute: Number(get('hour')) * 60 + Number(get('minute')) };
};

/** Null hours mean always open (24x7). */
export const isOpen = (hours: OpeningHours | null, instant: number): boolean => {
  if (hours === null) return true;
  const { day, minute } = localParts(instant, hours.timezone);
  return (hours.days[day] ?? []).some(([from, to]) => minute >= minutes(from) && minute < minutes(to));
};

export const isValidTimezone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
