import { describe, expect, it } from 'vitest';
import { formatDuration, formatPct, initialsOf, secondsLeft } from './format.js';

describe('format', () => {
  it('should show durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(5_400)).toBe('0:05');
    expect(formatDuration(754_000)).toBe('12:34');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('should count down in whole seconds, rounded up, never below zero', () => {
    expect(secondsLeft(30_000, 0)).toBe(30);
    expect(secondsLeft(30_000, 100)).toBe(30);
    expect(secondsLeft(30_000, 29_001)).toBe(1);
    expect(secondsLeft(30_000, 31_000)).toBe(0);
  });

  it('should show ratios as percentages and a dash for nothing measured', () => {
    expect(formatPct(0.876)).toBe('88%');
    expect(formatPct(null)).toBe('—');
  });

  it('should make initials from Latin and Chinese names', () => {
    expect(initialsOf('li wei')).toBe('LW');
    expect(initialsOf('王小明')).toBe('王');
    expect(initialsOf('  ')).toBe('?');
  });
});
