import { describe, expect, it } from 'vitest';
import { isOpen, isValidTimezone, type OpeningHours } from './opening-hours.js';

const WEEKDAYS_9_TO_6: OpeningHours = {
  timezone: 'Asia/Shanghai',
  days: {
    mon: [['09:00', '18:00']],
    tue: [['09:00', '18:00']],
    wed: [['09:00', '18:00']],
    thu: [['09:00', '18:00']],
    fri: [['09:00', '18:00']],
  },
};

describe('opening hours', () => {
  it.each([
    ['Monday 10:00 Shanghai (02:00 UTC)', Date.UTC(2026, 10, 23, 2, 0), true],
    ['Monday 08:59 Shanghai', Date.UTC(2026, 10, 23, 0, 59), false],
    ['Monday 18:00 Shanghai (closing time is exclusive)', Date.UTC(2026, 10, 23, 10, 0), false],
    ['Saturday noon Shanghai', Date.UTC(2026, 10, 28, 4, 0), false],
  ])('should judge %s', (_n, instant, open) => {
    expect(isOpen(WEEKDAYS_9_TO_6, instant)).toBe(open);
  });

  it('should be open around the clock when there are no hours', () => {
    expect(isOpen(null, 0)).toBe(true);
  });

  it('should tell real time zones from made-up ones', () => {
    expect(isValidTimezone('Asia/Shanghai')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
  });
});
