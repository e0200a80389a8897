import { describe, expect, it } from 'vitest';
import { invalidFilters, isEventFilter, matchesAny, matchesFilter, normaliseFilters, wantsEvent } from './events.js';

describe('isEventFilter', () => {
  it.each([
    ['contact.offered', true],
    ['contact.*', true],
    ['customer.identity_added', true],
    ['a.b.c', true],
    ['a.b.*', true],
    ['*', false],
    ['contact', false],
    ['contact.', false],
    ['.offered', false],
    ['Contact.offered', false],
    ['contact.*.x', false],
    ['contact.of fered', false],
    ['contact..offered', false],
    ['contact.**', false],
    ['1contact.offered', false],
    ['contact.x*', false],
  ])('should judge %j valid: %s', (filter, valid) => {
    expect(isEventFilter(filter)).toBe(valid);
  });

  it('should list the bad entries with their positions', () => {
    expect(invalidFilters(['contact.*', 'nope', 'contact.queued', '*'])).toEqual([
      { index: 1, value: 'nope' },
      { index: 3, value: '*' },
    ]);
  });
});

describe('matchesFilter', () => {
  it.each([
    ['contact.*', 'contact.queued', true],
    ['contact.*', 'contact.wrap_up', true],
    ['contact.*', 'contacts.queued', false],
    ['contact.*', 'contact', false],
    ['contact.*', 'message.created', false],
    ['contact.queued', 'contact.queued', true],
    ['contact.queued', 'contact.queued_late', false],
    ['customer.*', 'customer.identity_added', true],
    ['a.b.*', 'a.b.c', true],
    ['a.b.*', 'a.c.d', false],
  ])('should match %j against %j: %s', (filter, type, expected) => {
    expect(matchesFilter(filter, type)).toBe(expected);
  });

  it('should match when any filter of the list matches', () => {
    expect(matchesAny(['message.created', 'contact.*'], 'contact.closed')).toBe(true);
    expect(matchesAny(['message.created', 'contact.*'], 'user.created')).toBe(false);
    expect(matchesAny([], 'contact.closed')).toBe(false);
  });
});

describe('wantsEvent', () => {
  const hook = { active: true, events: ['contact.*'], createdAt: 1000 };
  it.each([
    ['it is active, matches and the event is newer', hook, 'contact.queued', 2000, true],
    ['the event happened the same millisecond it was created', hook, 'contact.queued', 1000, true],
    ['the event happened before the webhook existed', hook, 'contact.queued', 999, false],
    ['the webhook is inactive', { ...hook, active: false }, 'contact.queued', 2000, false],
    ['the type does not match', hook, 'user.created', 2000, false],
  ])('should decide when %s', (_what, w, type, at, expected) => {
    expect(wantsEvent(w, type, at)).toBe(expected);
  });
});

describe('normaliseFilters', () => {
  it('should sort and drop duplicates', () => {
    expect(normaliseFilters(['contact.queued', 'a.*', 'contact.queued'])).toEqual(['a.*', 'contact.queued']);
  });
});
