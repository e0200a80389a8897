/**
 * The busy flag and error of a form that sends one request. On failure the form is usable again
 * and shows the error; on success it stays busy by default, because the form is about to close or
 * be replaced, and a second click in between would send the request twice.
 */
import { useCallback, useState } from 'react';

export interface Submitting {
  readonly busy: boolean;
  readonly error: unknown;
  /** Runs the request; resolves true when it succeeded. `settle` re-enables the form on success. */
  readonly run: (action: () => Promise<void>, opts?: { readonly settle?: boolean }) => Promise<boolean>;
  readonly clearError: () => void;
}

export const useSubmit = (): Submitting => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (action: () => Promise<void>, opts?: { readonly settle?: boolean }) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      if (opts?.settle) setBusy(false);
      return true;
    } catch (err) {
      setError(err);
      setBusy(false);
      return false;
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
};
