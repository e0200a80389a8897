/**
 * Attachments in the workspace. What the server accepts (docs/chat.md) is the widget's own rule
 * set, checked before uploading so the agent hears at once (the server checks again, and the
 * bytes too); the rest is how the workspace shows files. Pure.
 */
export {
  ACCEPT,
  ALLOWED_TYPES as ATTACHMENT_TYPES,
  checkFile,
  contentTypeOf,
  type FileProblem,
  MAX_ATTACHMENT_BYTES,
} from '../../widget/src/core/attachments.js';

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
