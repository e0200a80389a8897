/**
 * The composer's file: picked, checked here (type, size), uploaded with progress, then held until
 * the next message takes it. One per conversation, so switching chats keeps each its own; the
 * upload of a file that is replaced, removed or left behind (the screen closes) is cancelled.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Attachment } from '../api/types.js';
import { type UploadHandle, uploadAttachment } from '../api/uploads.js';
import { checkFile, contentTypeOf, type FileProblem, percentOf } from './attachments.js';

export type ComposerFile =
  | { readonly phase: 'uploading'; readonly fileName: string; readonly size: number; readonly percent: number | null }
  | { readonly phase: 'ready'; readonly attachment: Attachment }
  /** Refused here before any upload. */
  | { readonly phase: 'refused'; readonly fileName: string; readonly problem: FileProblem }
  /** Refused by the server (an ApiError with its code and message) or lost on the way. */
  | { readonly phase: 'failed'; readonly fileName: string; readonly error: unknown };

export interface ComposerFiles {
  readonly current: ComposerFile | null;
  readonly pick: (file: File) => void;
  /** Drops the file (cancelling its upload). */
  readonly remove: () => void;
  /** The file to send with the next message, which takes it; null while none is ready. */
  readonly take: () => Attachment | null;
}

const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

export const useComposerFile = (contactId: string): ComposerFiles => {
  const [files, setFiles] = useState<Readonly<Record<string, ComposerFile>>>({});
  const uploads = useRef(new Map<string, UploadHandle>());

  const put = useCallback((id: string, f: ComposerFile | null) => {
    setFiles((all) => {
      const next = { ...all };
      if (f) next[id] = f;
      else delete next[id];
      return next;
    });
  }, []);

  const cancel = useCallback((id: string) => {
    const h = uploads.current.get(id);
    uploads.current.delete(id);
    h?.abort();
  }, []);

  useEffect(() => {
    const live = uploads.current;
    return () => {
      for (const h of live.values()) h.abort();
      live.clear();
    };
  }, []);

  const pick = useCallback(
    (file: File) => {
      const id = contactId;
      cancel(id);
      const type = contentTypeOf(file.name, file.type);
      const problem = checkFile(file);
      if (problem !== null || type === null) {
        put(id, { phase: 'refused', fileName: file.name, problem: problem ?? 'badType' });
        return;
      }
      const base = { phase: 'uploading', fileName: file.name, size: file.size } as const;
      put(id, { ...base, percent: 0 });
      const h = uploadAttachment({
        contactId: id,
        file,
        fileName: file.name,
        contentType: type,
        onProgress: (loaded, total) => {
          if (uploads.current.get(id) === h) put(id, { ...base, percent: percentOf(loaded, total) });
        },
      });
      uploads.current.set(id, h);
      // Only the newest upload of a chat may settle its state: a replaced or removed one is stale.
      const current = () => uploads.current.get(id) === h;
      h.done.then(
        (attachment) => {
          if (!current()) return;
          uploads.current.delete(id);
          put(id, { phase: 'ready', attachment });
        },
        (error: unknown) => {
          if (!current() || isAbort(error)) return;
          uploads.current.delete(id);
          put(id, { phase: 'failed', fileName: file.name, error });
        },
      );
    },
    [contactId, cancel, put],
  );

  const current = files[contactId] ?? null;
  const remove = useCallback(() => {
    cancel(contactId);
    put(contactId, null);
  }, [contactId, cancel, put]);
  const take = useCallback((): Attachment | null => {
    if (current?.phase !== 'ready') return null;
    put(contactId, null);
    return current.attachment;
  }, [contactId, current, put]);

  return { current, pick, remove, take };
};
