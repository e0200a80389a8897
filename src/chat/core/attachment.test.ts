import { describe, expect, it } from 'vitest';
import { ATTACHMENT_QUOTA, type AttachmentType, bytesMatchType, contentDisposition, quotaAllows, safeFileName } from './attachment.js';

const b = (...xs: (number | string)[]) =>
  new Uint8Array(xs.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));

describe('bytesMatchType', () => {
  const cases: [AttachmentType, Uint8Array, boolean][] = [
    ['image/png', b(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0), true],
    ['image/png', b('GIF89a'), false],
    ['image/jpeg', b(0xff, 0xd8, 0xff, 0xe0), true],
    ['image/jpeg', b(0xff, 0xd8), false],
    ['image/gif', b('GIF87a'), true],
    ['image/webp', b('RIFF', 0, 0, 0, 0, 'WEBP'), true],
    ['image/webp', b('RIFF', 0, 0, 0, 0, 'WAVE'), false],
    ['application/pdf', b('%PDF-1.4'), true],
    ['application/pdf', b('<html>'), false],
    ['text/plain', b('hello'), true],
    ['text/plain', new TextEncoder().encode('你好'), true],
    ['text/plain', b('a', 0, 'b'), false],
    ['text/plain', b(0xff, 0xfe), false],
  ];
  for (const [type, bytes, expected] of cases) {
    it(`should say ${expected} when ${type} gets ${Buffer.from(bytes).toString('hex').slice(0, 16)}`, () => {
      expect(bytesMatchType(type, bytes)).toBe(expected);
    });
  }
});

describe('file names', () => {
  it('should keep the last path segment without control characters when a name is stored', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\x\\a\r\nb.txt')).toBe('ab.txt');
    expect(safeFileName('..')).toBeNull();
    expect(safeFileName('报告.pdf')).toBe('报告.pdf');
  });

  it('should quote only safe characters and percent-encode the full name when building Content-Disposition', () => {
    const cd = contentDisposition('"><img src=x onerror=alert(1)>;.png', true);
    expect(cd).toBe(
      `inline; filename="___img src_x onerror_alert_1___.png"; filename*=UTF-8''%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%3B.png`,
    );
    expect(contentDisposition('报告.pdf', false)).toBe(`attachment; filename="__.pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf`);
  });
});

describe('quotaAllows', () => {
  const MiB = 1024 * 1024;
  const cases: [string, { files: number; bytes: number }, number, boolean][] = [
    ['an empty conversation takes a file', { files: 0, bytes: 0 }, 5 * MiB, true],
    ['the 20th file fits', { files: 19, bytes: 0 }, 1, true],
    ['a 21st file does not', { files: 20, bytes: 0 }, 1, false],
    ['a file reaching exactly 25 MiB fits', { files: 5, bytes: 20 * MiB }, 5 * MiB, true],
    ['a file passing 25 MiB by one byte does not', { files: 5, bytes: 20 * MiB + 1 }, 5 * MiB, false],
  ];
  for (const [name, used, size, expected] of cases) {
    it(`should say ${expected} when ${name}`, () => {
      expect(quotaAllows(used, size)).toBe(expected);
    });
  }

  it('should be 20 files and 25 MiB', () => {
    expect(ATTACHMENT_QUOTA).toEqual({ files: 20, bytes: 25 * MiB });
  });
});
