/**
 * What the server accepts as an attachment (docs/chat.md): a few image types, PDF and plain text,
 * at most 5 MiB. Checked before uploading so the visitor hears at once; the server checks again.
 */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export const ALLOWED_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];

const BY_EXTENSION: Readonly<Record<string, AllowedType>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
};

/** The file picker's `accept` attribute. */
export const ACCEPT = [...ALLOWED_TYPES, ...Object.keys(BY_EXTENSION).map((e) => `.${e}`)].join(',');

export const isAllowedType = (t: string): t is AllowedType => (ALLOWED_TYPES as readonly string[]).includes(t);

/** Browsers leave `type` empty for some files; the extension then decides. */
export const contentTypeOf = (name: string, type: string): AllowedType | null => {
  const declared = type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (isAllowedType(declared)) return declared;
  if (declared !== '') return null;
  const ext = name.toLowerCase().split('.').pop() ?? '';
  return BY_EXTENSION[ext] ?? null;
};

export type FileProblem = 'badType' | 'tooBig' | 'empty';

export const checkFile = (f: { readonly name: string; readonly type: string; readonly size: number }): FileProblem | null => {
  if (contentTypeOf(f.name, f.type) === null) return 'badType';
  if (f.size === 0) return 'empty';
  if (f.size > MAX_ATTACHMENT_BYTES) return 'tooBig';
  return null;
};

export const isImage = (contentType: string): boolean => contentType.startsWith('image/');
