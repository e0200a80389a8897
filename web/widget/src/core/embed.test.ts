import { describe, expect, it } from 'vitest';
import { readEmbed, socketUrl } from './embed.js';

describe('reading the embed tag', () => {
  it('should take the kefu origin from the script src, not from the host page', () => {
    const e = readEmbed('https://kefu.example/widget.js?v=1', 'https://shop.example/p/1', 'kfw_abc123', 'zh-CN', undefined);
    expect(e).toEqual({
      origin: 'https://kefu.example',
      key: 'kfw_abc123',
      locale: 'zh-CN',
      identity: null,
      prefill: { name: '', email: '' },
    });
  });

  it('should resolve a relative src against the page', () => {
    expect(readEmbed('/widget.js', 'http://localhost:8080/demo', 'kfw_abc123', null, null)?.origin).toBe('http://localhost:8080');
  });

  it('should refuse a missing key or the demo placeholder left in place', () => {
    expect(readEmbed('/widget.js', 'http://h/', null, null, null)).toBeNull();
    expect(readEmbed('/widget.js', 'http://h/', '__KEFU_WIDGET_KEY__"><x', null, null)).toBeNull();
  });

  it('should read a signed identity and the name to pre-fill from kefuSettings', () => {
    const settings = { user: { id: 42, timestamp: 1700000000, signature: 'deadbeef', name: 'Ann', email: 'a@b.cn' } };
    const e = readEmbed('/widget.js', 'http://h/', 'kfw_abc123', null, settings);
    expect(e?.identity).toEqual({ userId: '42', timestamp: 1700000000, signature: 'deadbeef' });
    expect(e?.prefill).toEqual({ name: 'Ann', email: 'a@b.cn' });
    expect(readEmbed('/widget.js', 'http://h/', 'kfw_abc123', null, { user: { id: 'x' } })?.identity).toBeNull();
  });

  it('should turn http origins into ws and https into wss', () => {
    expect(socketUrl('http://localhost:8080', '/ws/visitor')).toBe('ws://localhost:8080/ws/visitor');
    expect(socketUrl('https://kefu.example', '/ws/visitor')).toBe('wss://kefu.example/ws/visitor');
  });
});

describe('identity timestamps', () => {
  it('should accept a whole-number timestamp given as text and refuse anything else', () => {
    const id = (timestamp: unknown) =>
      readEmbed('/w.js', 'http://h/', 'kfw_abc123', null, { user: { id: 'u', timestamp, signature: 'ab' } })?.identity ?? null;
    expect(id('1700000000')?.timestamp).toBe(1700000000);
    expect(id(1.5)).toBeNull();
    expect(id('soon')).toBeNull();
  });
});
