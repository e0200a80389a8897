import { describe, expect, it } from 'vitest';
import { classifyAddress, parseIPv6 } from './addresses.js';
import { checkWebhookUrl } from './url.js';

describe('classifyAddress', () => {
  it.each([
    ['93.184.216.34', 'public'],
    ['8.8.8.8', 'public'],
    ['127.0.0.1', 'private'],
    ['127.255.255.254', 'private'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'private'],
    ['100.64.0.1', 'private'],
    ['100.128.0.1', 'public'],
    ['0.0.0.0', 'private'],
    ['224.0.0.1', 'private'],
    ['255.255.255.255', 'private'],
    ['198.18.0.1', 'private'],
    ['::1', 'private'],
    ['[::1]', 'private'],
    ['::', 'private'],
    ['::ffff:127.0.0.1', 'private'],
    ['::ffff:7f00:1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['fe80::1', 'private'],
    ['fe80::1%eth0', 'private'],
    ['fd12:3456::1', 'private'],
    ['ff02::1', 'private'],
    ['2001:db8::1', 'private'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b::808:808', 'public'],
    ['2002:7f00:1::', 'private'],
    ['2606:4700:4700::1111', 'public'],
    ['example.com', 'not_an_ip'],
    ['256.1.1.1', 'not_an_ip'],
  ])('should classify %s as %s', (addr, kind) => {
    expect(classifyAddress(addr)).toBe(kind);
  });

  it.each([
    ['1:2:3:4:5:6:7:8', [1, 2, 3, 4, 5, 6, 7, 8]],
    ['1::8', [1, 0, 0, 0, 0, 0, 0, 8]],
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['1:2:3:4:5:6:7:8:9', null],
    ['1::2::3', null],
    ['1:2:3:4:5:6:7', null],
    ['g::1', null],
  ])('should parse IPv6 %s', (s, groups) => {
    expect(parseIPv6(s)).toEqual(groups);
  });
});

describe('checkWebhookUrl', () => {
  it.each([
    ['https://hooks.example.com/kefu', 'https://hooks.example.com/kefu'],
    ['http://hooks.example.com:8080/a?b=c', 'http://hooks.example.com:8080/a?b=c'],
    ['https://93.184.216.34/x', 'https://93.184.216.34/x'],
    ['HTTPS://Hooks.Example.COM', 'https://hooks.example.com/'],
  ])('should accept %s as %s', (raw, normalised) => {
    expect(checkWebhookUrl(raw, false)).toEqual({ ok: true, url: normalised });
  });

  it.each([
    ['ftp://example.com/x', 'http or https'],
    ['javascript:alert(1)', 'http or https'],
    ['/relative', 'absolute URL'],
    ['https://user:pw@example.com/', 'user name or password'],
    ['https://user@example.com/', 'user name or password'],
    ['https://example.com/#frag', 'fragment'],
    [`https://example.com/${'a'.repeat(2050)}`, 'at most 2048'],
  ])('should refuse %s as invalid (%s)', (raw, issue) => {
    const v = checkWebhookUrl(raw, false);
    expect(v).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    if (!v.ok) expect(v.issue).toContain(issue);
  });

  it.each([
    'http://127.0.0.1:9000/hook',
    'http://localhost/hook',
    'http://LOCALHOST./hook',
    'http://api.localhost/hook',
    'http://[::1]/hook',
    'http://[::ffff:10.0.0.1]/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.5/hook',
    'http://2130706433/hook',
    'http://0x7f.1/hook',
    'http://metadata.google.internal/x',
    'http://printer.local/x',
    'http://intranet/x',
  ])('should refuse %s as not allowed when private targets are off', (raw) => {
    expect(checkWebhookUrl(raw, false)).toMatchObject({ ok: false, code: 'WEBHOOK_URL_NOT_ALLOWED' });
  });

  it('should accept loopback and internal names when the server allows private targets', () => {
    expect(checkWebhookUrl('http://127.0.0.1:9000/hook', true)).toEqual({ ok: true, url: 'http://127.0.0.1:9000/hook' });
    expect(checkWebhookUrl('http://intranet/x', true)).toMatchObject({ ok: true });
  });

  it('should still refuse credentials and other schemes when private targets are allowed', () => {
    expect(checkWebhookUrl('http://a:b@127.0.0.1/', true)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(checkWebhookUrl('file:///etc/passwd', true)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });
});
