/** The password policy: long enough to resist guessing, short enough to bound hashing cost. */
import { AppError, type ErrorDetail } from '../../kernel/index.js';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

const COMMON = new Set(['password12', 'password123', '1234567890', 'qwertyuiop', '12345678910', 'abcdefghij', 'iloveyou12']);

export const passwordProblems = (password: string, email?: string): ErrorDetail[] => {
  const problems: ErrorDetail[] = [];
  if (password.length < PASSWORD_MIN) problems.push({ field: 'password', issue: `must be at least ${PASSWORD_MIN} characters` });
  if (password.length > PASSWORD_MAX) problems.push({ field: 'password', issue: `must be at most ${PASSWORD_MAX} characters` });
  if (COMMON.has(password.toLowerCase())) problems.push({ field: 'password', issue: 'is too common' });
  if (/^(.)\1+$/.test(password)) problems.push({ field: 'password', issue: 'must not repeat one character' });
  if (email && password.toLowerCase().includes(email.toLowerCase().split('@')[0] ?? '\u0000') && password.length < 16) {
    problems.push({ field: 'password', issue: 'must not contain your email name' });
  }
  return problems;
};

export const assertPasswordAcceptable = (password: string, email?: string): void => {
  const problems = passwordProblems(password, email);
  if (problems.length > 0) throw new AppError('WEAK_PASSWORD', undefined, problems);
};
