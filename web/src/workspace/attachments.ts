/**
 * What the server accepts as an attachment (docs/chat.md): a few image types, PDF and plain text,
 * at most 5 MiB. Checked before uploading so the agent hears at once; the server checks again
 * (and the bytes too). Pure.
 */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const BY_EXTENSION: Readonly<Record<string, AttachmentType>> = {
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
export const ACCEPT = [...ATTACHMENT_TYPES, ...Object.keys(BY_EXTENSION).map((e) => `.${e}`)].join(',');

const isAttachmentType = (t: string): t is AttachmentType => (ATTACHMENT_TYPES as readonly string[]).includes(t);

/** The type to declare: the browser's, or by extension when the browser leaves it empty. */
export const contentTypeOf = (name: string, type: string): AttachmentType | null => {
  const declared = type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (isAttachmentType(declared)) return declared;
  if (declared !== '') return null;
  return BY_EXTENSION[name.toLowerCase().split('.').pop() ?? ''] ?? null;
};

/** Why a file cannot be attached (the key of its message), or null when it may be. */
export type FileProblem = 'badType' | 'tooBig' | 'empty';

export const checkFile = (f: { readonly name: string; readonly type: string; readonly size: number }): FileProblem | null => {
  if (contentTypeOf(f.name, f.type) === null) return 'badType';
  if (f.size === 0) return 'empty';
  if (f.size > MAX_ATTACHMENT_BYTES) return 'tooBig';
  return null;
};

export const isImageType = (t: string): boolean => /^image\/(png|jpeg|gif|webp)$/.test(t);

/** 512 → "512 B", 2048 → "2 KB", 1.5 MiB → "1.5 MB". */
export const formatSize = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
};

/** Upload progress as a whole percentage; unknown totals (no length) show as null. */
export const percentOf = (loaded: number, total: number): number | null =>
  total > 0 ? Math.min(100, Math.max(0, Math.round((loaded / total) * 100))) : null;

/**
 * The body of a message that carries a file: what the agent typed, else the file's name (the
 * WebSocket frame needs a body; message lists hide a body that only repeats the name).
 */
export const bodyWithFile = (typed: string, fileName: string): string => typed.trim() || fileName;
