import { describe, expect, it } from 'vitest';
import { formatSize, formatWait, initials } from './format.js';

describe('formatting', () => {
  it('should round waits up to whole minutes and call short waits less than a minute', () => {
    expect(formatWait(0, 'en')).toBe('less than a minute');
    expect(formatWait(59_999, 'zh-CN')).toBe('不到 1 分钟');
    expect(formatWait(60_001, 'en')).toBe('about 2 min');
    expect(formatWait(180_000, 'zh-CN')).toBe('约 3 分钟');
  });

  it.each([
    [512, '512 B'],
    [2048, '2 KB'],
    [5 * 1024 * 1024, '5 MB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
    [12.4 * 1024 * 1024, '12 MB'],
  ])('should show %d bytes as %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  it('should make initials from Latin and Chinese names', () => {
    expect(initials('alice smith')).toBe('AS');
    expect(initials('王小明')).toBe('王');
    expect(initials('李伟 Li Wei')).toBe('李');
    expect(initials(null)).toBe('');
  });
});
