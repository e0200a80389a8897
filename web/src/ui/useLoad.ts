/** Loads data for a screen and lets the screen patch it after its own writes, without refetching. */
import { type Dispatch, type SetStateAction, useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  readonly data: T | null;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
  readonly setData: Dispatch<SetStateAction<T | null>>;
}

export const useLoad = <T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> => {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the loader depends on.
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    // A stale answer (the screen moved on) must not overwrite the newer one.
    return () => {
      live = false;
    };
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload, setData };
};
