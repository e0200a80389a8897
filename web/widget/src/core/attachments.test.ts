import { describe, expect, it } from 'vitest';
import { checkFile, contentTypeOf, MAX_ATTACHMENT_BYTES } from './attachments.js';

describe('attachment limits', () => {
  it.each([
    [{ name: 'a.png', type: 'image/png', size: 10 }, null],
    [{ name: 'notes.txt', type: '', size: 10 }, null],
    [{ name: 'doc.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES }, null],
    [{ name: 'big.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES + 1 }, 'tooBig'],
    [{ name: 'page.html', type: 'text/html', size: 10 }, 'badType'],
    [{ name: 'evil.svg', type: 'image/svg+xml', size: 10 }, 'badType'],
    [{ name: 'run.exe', type: '', size: 10 }, 'badType'],
    [{ name: 'empty.txt', type: 'text/plain', size: 0 }, 'empty'],
  ])('should judge %o as %s', (file, problem) => {
    expect(checkFile(file)).toBe(problem);
  });

  it('should not let an allowed extension excuse a declared type that is not allowed', () => {
    expect(contentTypeOf('photo.png', 'text/html')).toBeNull();
    expect(contentTypeOf('photo.JPG', '')).toBe('image/jpeg');
    expect(contentTypeOf('x.txt', 'text/plain; charset=utf-8')).toBe('text/plain');
  });
});
