/**
 * Attachment rules: which types are accepted, how large, whether the bytes are what the sender
 * says they are (magic numbers; plain text must be UTF-8 without NUL), and how a file name is
 * made safe to store and to put in a Content-Disposition header.
 */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const FILE_NAME_MAX = 200;
/** `uploaded_by` of the visitor's files; staff files hold the uploader's actor id. */
export const VISITOR_UPLOADER = 'customer';

/**
 * Per conversation, so one visitor token cannot fill the disk: at most this many files and bytes
 * in all (every file ever uploaded counts, linked to a message or not).
 */
export const ATTACHMENT_QUOTA = { files: 20, bytes: 25 * 1024 * 1024 } as const;

export interface AttachmentUsage {
  readonly files: number;
  readonly bytes: number;
}

/** Whether a conversation that already holds `used` may take one more file of `size` bytes. */
export const quotaAllows = (used: AttachmentUsage, size: number): boolean =>
  used.files + 1 <= ATTACHMENT_QUOTA.files && used.bytes + size <= ATTACHMENT_QUOTA.bytes;

export const isAttachmentType = (s: string): s is AttachmentType => (ATTACHMENT_TYPES as readonly string[]).includes(s);
export const isImage = (t: string): boolean => t.startsWith('image/');

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const isUtf8Text = (b: Uint8Array): boolean => {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};

/** Whether `bytes` really are of `type`. */
export const bytesMatchType = (type: AttachmentType, bytes: Uint8Array): boolean => {
  switch (type) {
    case 'image/png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case 'image/gif':
      return startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'));
    case 'image/webp':
      return startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8);
    case 'application/pdf':
      return startsWith(bytes, ascii('%PDF-'));
    case 'text/plain':
      return isUtf8Text(bytes);
  }
};

/** The declared media type without parameters (`text/plain; charset=utf-8` -> `text/plain`). */
export const mediaTypeOf = (header: string | undefined): string => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * A stored file name: the last path segment, without control characters, trimmed to a bound.
 * Null when nothing usable remains (the caller then names it after the type).
 */
export const safeFileName = (raw: string): string | null => {
  const last = raw.split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = last.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return null;
  return [...cleaned].slice(0, FILE_NAME_MAX).join('');
};

const EXTENSION: Record<AttachmentType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};
export const defaultFileName = (type: AttachmentType): string => `attachment.${EXTENSION[type]}`;

/** RFC 5987 encoding for filename*: everything outside the attr-char set is percent-encoded. */
const encodeRfc5987 = (s: string): string =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The Content-Disposition of a download. The quoted `filename` keeps only characters that cannot
 * end the quote or the header (letters, digits, space, . _ -); the full name goes in `filename*`,
 * percent-encoded, so no file name can inject a header, a parameter or markup.
 */
export const contentDisposition = (fileName: string, inline: boolean): string => {
  const fallback = fileName.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, FILE_NAME_MAX) || 'download';
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
};
