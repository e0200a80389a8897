/** Pages through an audit log newest-first: the server hands back `nextBefore` as the cursor for older entries. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry, AuditPage } from '../api/types.js';

export interface AuditPages {
  readonly items: readonly AuditEntry[];
  readonly hasMore: boolean;
  readonly loading: boolean;
  readonly error: unknown;
  readonly loadMore: () => void;
  readonly retry: () => void;
}

/** `source` is null while the screen cannot ask yet (no tenant chosen); `key` changes when the log does. */
export const useAuditPages = (source: ((before: string | null) => Promise<AuditPage>) | null, key: string): AuditPages => {
  const [items, setItems] = useState<readonly AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const sourceRef = useRef(source);
  // Declared before the loading effect, so that effect always sees the current source.
  useEffect(() => {
    sourceRef.current = source;
  });

  const fetchPage = useCallback((before: string | null, append: boolean) => {
    const src = sourceRef.current;
    if (!src) return;
    const gen = generation.current;
    setLoading(true);
    setError(null);
    src(before).then(
      (page) => {
        // A page for a log we have since left (other tenant) is dropped.
        if (gen !== generation.current) return;
        setItems((old) => (append ? [...old, ...page.items] : page.items));
        setNext(page.nextBefore);
        setLoading(false);
      },
      (e: unknown) => {
        if (gen !== generation.current) return;
        setError(e);
        setLoading(false);
      },
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the trigger: a new log starts from its newest page.
  useEffect(() => {
    generation.current += 1;
    setItems([]);
    setNext(null);
    fetchPage(null, false);
  }, [key, fetchPage]);

  const loadMore = useCallback(() => {
    if (next) fetchPage(next, true);
  }, [next, fetchPage]);

  const retry = useCallback(() => fetchPage(next, items.length > 0), [next, items.length, fetchPage]);

  return { items, hasMore: next !== null, loading, error, loadMore, retry };
};
