/**
 * Log-in throttling under concurrency: every attempt is counted (under a row lock) before its
 * password is checked, so an attacker cannot get extra guesses by sending them in parallel, the
 * lock engages at exactly the limit, and a correct password gives its attempt back.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/app/index.js';
import { isAppError } from '../../src/kernel/index.js';
import { PLATFORM_SCOPE } from '../../src/platform/db/index.js';
import { ACCOUNT_POLICY, ADDRESS_POLICY, accountKey, addressKey } from '../../src/tenancy/core/throttle.js';
import { PASSWORD, type SeededTenant, startTestKefu, type TestKefu } from '../helpers/app.js';
import { describeStorage } from '../helpers/storage.js';

describeStorage('log-in throttle under concurrency', (target) => {
  let t: TestKefu;
  let acme: SeededTenant;

  beforeAll(async () => {
    t = await startTestKefu(target);
    acme = await t.seedTenant('acme');
  });
  afterAll(async () => t?.close());

  const newUser = async (email: string) =>
    t.kefu.services.users.create(systemContext('test', acme.tenant.id), { email, displayName: email, role: 'agent', password: PASSWORD });

  /** The error code a log-in ends with, or 'OK'. */
  const attempt = async (email: string, password: string, ip: string): Promise<string> => {
    try {
      await t.kefu.services.auth.login({ organization: 'acme', email, password, ip, userAgent: null });
      return 'OK';
    } catch (e) {
      if (isAppError(e)) return e.code;
      throw e;
    }
  };

  const stored = async (key: string) => {
    const row = await t.kefu.db.tx(PLATFORM_SCOPE, (trx) =>
      trx.selectFrom('login_throttle').selectAll().where('scope_key', '=', key).executeTakeFirst(),
    );
    return { failures: Number(row?.failures ?? 0), lockedUntil: Number(row?.locked_until ?? 0) };
  };

  it('should count each of four concurrent failures of one account and lock at exactly the fifth', async () => {
    const email = 'four@acme.test';
    await newUser(email);
    const codes = await Promise.all(Array.from({ length: 4 }, (_, i) => attempt(email, `wrong-password-${i}`, `10.1.0.${i + 1}`)));
    expect(codes).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
    expect(await stored(accountKey('acme', email))).toEqual({ failures: 4, lockedUntil: 0 });
    expect(await attempt(email, 'wrong-password-5', '10.1.0.9')).toBe('INVALID_CREDENTIALS');
    expect(await attempt(email, PASSWORD, '10.1.0.10')).toBe('LOGIN_THROTTLED');
  });

  it('should lock an account hit by more concurrent failures than the limit and count every one it answered', async () => {
    const email = 'burst@acme.test';
    await newUser(email);
    const codes = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(email, `wrong-password-${i}`, `10.2.0.${i + 1}`)));
    const invalid = codes.filter((c) => c === 'INVALID_CREDENTIALS').length;
    expect(codes.every((c) => c === 'INVALID_CREDENTIALS' || c === 'LOGIN_THROTTLED')).toBe(true);
    // Each attempt is counted before its password is checked: exactly the limit get a check.
    expect(invalid).toBe(ACCOUNT_POLICY.maxFailures);
    const row = await stored(accountKey('acme', email));
    expect(row.failures).toBe(invalid);
    expect(row.lockedUntil).toBeGreaterThan(Date.now());
    expect(await attempt(email, PASSWORD, '10.2.0.99')).toBe('LOGIN_THROTTLED');
  });

  it('should check no more passwords than the limit when wrong guesses and the right one arrive together', async () => {
    const email = 'victim@acme.test';
    await newUser(email);
    const guesses = [...Array.from({ length: 11 }, (_, i) => `wrong-password-${i}`), PASSWORD];
    const codes = await Promise.all(guesses.map((p, i) => attempt(email, p, `10.4.0.${i + 1}`)));
    const checked = codes.filter((c) => c === 'INVALID_CREDENTIALS' || c === 'OK').length;
    expect(checked).toBe(ACCOUNT_POLICY.maxFailures);
    // Everything past the limit is refused unchecked (which attempts were first is up to the pool).
    expect(codes.filter((c) => c === 'LOGIN_THROTTLED')).toHaveLength(guesses.length - ACCOUNT_POLICY.maxFailures);
  });

  it('should not lock an address with a successful log-in that was its limit-th attempt', async () => {
    const email = 'office@acme.test';
    await newUser(email);
    const ip = '10.7.0.1';
    // An office behind one address: 29 mistyped log-ins in the window, one under the limit.
    for (let i = 0; i < ADDRESS_POLICY.maxFailures - 1; i++)
      expect(await attempt(`typo-${i}@acme.test`, 'nope-nope-nope', ip)).toBe('INVALID_CREDENTIALS');
    expect(await attempt(email, PASSWORD, ip)).toBe('OK');
    expect(await stored(addressKey(ip))).toEqual({ failures: ADDRESS_POLICY.maxFailures - 1, lockedUntil: 0 });
    expect(await attempt(email, PASSWORD, ip)).toBe('OK');
  });

  it('should give a correct log-in its attempt back: the account starts afresh and the address keeps only failures', async () => {
    const email = 'good@acme.test';
    await newUser(email);
    const ip = '10.5.0.1';
    expect(await attempt(email, 'wrong-password-1', ip)).toBe('INVALID_CREDENTIALS');
    expect(await attempt(email, PASSWORD, ip)).toBe('OK');
    expect(await stored(accountKey('acme', email))).toEqual({ failures: 0, lockedUntil: 0 });
    expect((await stored(addressKey(ip))).failures).toBe(1);
  });

  it('should count concurrent failures from one address across many accounts, starting from no row', async () => {
    const ip = '10.3.0.1';
    const codes = await Promise.all(Array.from({ length: 16 }, (_, i) => attempt(`nobody-${i}@acme.test`, 'wrong-password-x', ip)));
    expect(codes).toEqual(Array(16).fill('INVALID_CREDENTIALS'));
    expect(await stored(addressKey(ip))).toEqual({ failures: 16, lockedUntil: 0 });
  });
});
