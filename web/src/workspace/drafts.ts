/**
 * Unsent composer text, kept per user and conversation in localStorage, so a reload (or switching
 * between chats) loses nothing the agent typed. Storage failures (private mode, quota) are ignored:
 * a lost draft is an annoyance, not an error to show.
 */
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const key = (userId: string, contactId: string): string => `kefu.draft.${userId}.${contactId}`;

export const loadDraft = (s: Store, userId: string, contactId: string): string => {
  try {
    return s.getItem(key(userId, contactId)) ?? '';
  } catch {
    return '';
  }
};

export const saveDraft = (s: Store, userId: string, contactId: string, text: string): void => {
  try {
    if (text === '') s.removeItem(key(userId, contactId));
    else s.setItem(key(userId, contactId), text);
  } catch {
    // Ignored on purpose, see above.
  }
};
