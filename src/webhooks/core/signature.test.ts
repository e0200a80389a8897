import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, parseSignatureHeader, signatureHeader, verifySignature } from './signature.js';

// The HMAC is an input of the core; tests use Node's, as the server does.
const hmac = (secret: string, message: string): string => createHmac('sha256', secret).update(message, 'utf8').digest('hex');

const SECRET = 'whsec_test';
const BODY = '{"id":"whd_1","type":"contact.queued"}';
const T_MS = 1_700_000_000_000;
// Computed independently: printf '1700000000.{"id":"whd_1","type":"contact.queued"}' | openssl dgst -sha256 -hmac whsec_test
const KNOWN = 'ea46c129889c4ceff99aa818e95fe42f864315f16c780367b9a85f4e0c5d01c5';

describe('signatureHeader', () => {
  it('should sign "<unix seconds>.<body>" with HMAC-SHA256 when given a known vector', () => {
    expect(signatureHeader(SECRET, BODY, T_MS + 999, hmac)).toBe(`t=1700000000,v1=${KNOWN}`);
  });
});

describe('verifySignature', () => {
  const header = `t=1700000000,v1=${KNOWN}`;
  it.each([
    ['the header is exact', header, BODY, T_MS, 'valid'],
    ['the receiver clock is 300 s ahead', header, BODY, T_MS + 300_000, 'valid'],
    ['the receiver clock is 300 s behind', header, BODY, T_MS - 300_000, 'valid'],
    ['the request is 301 s old', header, BODY, T_MS + 301_000, 'stale'],
    ['one byte of the body changed', header, BODY.replace('queued', 'Queued'), T_MS, 'mismatch'],
    ['the timestamp was moved', `t=1700000001,v1=${KNOWN}`, BODY, T_MS, 'mismatch'],
    ['a second, unknown scheme is present', `t=1700000000,v2=abc,v1=${KNOWN}`, BODY, T_MS, 'valid'],
    ['one of two v1 values matches (secret rotation)', `t=1700000000,v1=${'0'.repeat(64)},v1=${KNOWN}`, BODY, T_MS, 'valid'],
    ['the header is missing', undefined, BODY, T_MS, 'malformed'],
    ['there is no v1', 't=1700000000', BODY, T_MS, 'malformed'],
    ['t is not a number', `t=soon,v1=${KNOWN}`, BODY, T_MS, 'malformed'],
    ['v1 is not 64 hex digits', 't=1700000000,v1=abc', BODY, T_MS, 'malformed'],
  ] as const)('should answer %s -> %s', (_what, h, body, now, verdict) => {
    expect(verifySignature(h, body, SECRET, now, hmac)).toBe(verdict);
  });

  it('should answer mismatch when the secret is another one', () => {
    expect(verifySignature(header, BODY, 'whsec_other', T_MS, hmac)).toBe('mismatch');
  });
});

describe('parseSignatureHeader', () => {
  it('should read t and every v1 when spaces surround the parts', () => {
    expect(parseSignatureHeader(` t=5 , v1=${KNOWN}`)).toEqual({ t: 5, v1: [KNOWN] });
  });
  it('should refuse a header with two timestamps', () => {
    expect(parseSignatureHeader(`t=5,t=6,v1=${KNOWN}`)).toBeNull();
  });
});

describe('constantTimeEqual', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'ab', false],
    ['', '', true],
  ])('should compare %j and %j as %s', (a, b, expected) => {
    expect(constantTimeEqual(a, b)).toBe(expected);
  });
});
