import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES as SERVER_MAX, ATTACHMENT_TYPES as SERVER_TYPES } from '../../../src/chat/core/attachment.js';
import { ATTACHMENT_TYPES, bodyWithFile, checkFile, contentTypeOf, formatSize, MAX_ATTACHMENT_BYTES, percentOf } from './attachments.js';

describe('staff attachments', () => {
  it('should keep the same types and size limit as the server when either changes', () => {
    expect([...ATTACHMENT_TYPES]).toEqual([...SERVER_TYPES]);
    expect(MAX_ATTACHMENT_BYTES).toBe(SERVER_MAX);
  });

  it.each([
    [{ name: 'a.png', type: 'image/png', size: 10 }, null],
    [{ name: 'notes.log', type: '', size: 10 }, null],
    [{ name: 'doc.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES }, null],
    [{ name: 'big.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES + 1 }, 'tooBig'],
    [{ name: 'page.html', type: 'text/html', size: 10 }, 'badType'],
    [{ name: 'logo.svg', type: 'image/svg+xml', size: 10 }, 'badType'],
    [{ name: 'run.exe', type: '', size: 10 }, 'badType'],
    [{ name: 'empty.txt', type: 'text/plain', size: 0 }, 'empty'],
  ])('should judge %o as %s when a file is picked', (file, problem) => {
    expect(checkFile(file)).toBe(problem);
  });

  it('should not let an allowed extension excuse a declared type that is not allowed', () => {
    expect(contentTypeOf('photo.png', 'text/html')).toBeNull();
    expect(contentTypeOf('PHOTO.JPG', '')).toBe('image/jpeg');
    expect(contentTypeOf('x.txt', 'text/plain; charset=utf-8')).toBe('text/plain');
  });

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [2048, '2 KB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
    [5 * 1024 * 1024, '5 MB'],
  ])('should show %d bytes as %s', (bytes, shown) => {
    expect(formatSize(bytes)).toBe(shown);
  });

  it('should give whole percentages and none when the total is unknown', () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(5, 4)).toBe(100);
    expect(percentOf(5, 0)).toBeNull();
  });

  it('should send the typed text with a file, or the file name when nothing was typed', () => {
    expect(bodyWithFile('  see this ', 'a.png')).toBe('see this');
    expect(bodyWithFile('   ', 'a.png')).toBe('a.png');
  });
});
