/** The success message of a screen, kept as a function of the language so a switch re-translates it. */
import { useCallback, useState } from 'react';
import type { Say } from '../i18n/context.js';

export interface NoticeState {
  readonly say: Say | null;
  readonly show: (say: Say) => void;
  readonly clear: () => void;
}

export const useNotice = (): NoticeState => {
  const [say, setSay] = useState<Say | null>(null);
  // Wrapped because React would call a bare function passed to setState as an updater.
  const show = useCallback((s: Say) => setSay(() => s), []);
  const clear = useCallback(() => setSay(null), []);
  return { say, show, clear };
};
