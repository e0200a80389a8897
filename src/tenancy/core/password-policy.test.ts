import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy.js';

describe('password policy', () => {
  it.each([
    ['too short', 'short', 'at least'],
    ['one repeated character', 'aaaaaaaaaaaa', 'repeat'],
    ['a common password', 'password123', 'common'],
    ['too long', 'x'.repeat(257), 'at most'],
    ['the email name', 'alice-12345', 'email'],
  ])('should refuse a password that is %s', (_n, pw, issue) => {
    const problems = passwordProblems(pw, 'alice@x.test');
    expect(problems.some((p) => p.issue.includes(issue))).toBe(true);
  });

  it('should accept a long passphrase', () => {
    expect(passwordProblems('correct-horse-battery-staple', 'alice@x.test')).toEqual([]);
  });
});
