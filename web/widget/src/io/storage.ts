/** localStorage behind try/catch: storage can be full, disabled or blocked in third-party frames. */
import { emptyPersisted, type Persisted, parsePersisted, serialisePersisted, storageKeyFor } from '../core/persisted.js';

export interface WidgetStorage {
  load(): Persisted;
  save(p: Persisted): void;
}

export const createStorage = (publicKey: string): WidgetStorage => {
  const key = storageKeyFor(publicKey);
  return {
    load() {
      try {
        return parsePersisted(window.localStorage.getItem(key));
      } catch {
        return emptyPersisted;
      }
    },
    save(p) {
      try {
        window.localStorage.setItem(key, serialisePersisted(p));
      } catch {
        // Full or disabled: the conversation still works for this page; a reload starts over.
      }
    },
  };
};
