/**
 * Canned responses: finding one from what follows "/" in the composer, and filling in its
 * variables (`{{customer.name}}`, `{{agent.name}}`, `{{contact.id}}`, docs/chat.md). Pure.
 */
import type { CannedResponse } from '../api/types.js';

export interface CannedVars {
  readonly customerName: string;
  readonly agentName: string;
  readonly contactId: string;
}

const VARIABLE = /\{\{\s*([a-zA-Z]+\.[a-zA-Z]+)\s*\}\}/g;

/** Replaces the known variables; an unknown one stays as written, so the agent sees it before sending. */
export const expandCanned = (body: string, v: CannedVars): string =>
  body.replace(VARIABLE, (whole, name: string) => {
    switch (name) {
      case 'customer.name':
        return v.customerName;
      case 'agent.name':
        return v.agentName;
      case 'contact.id':
        return v.contactId;
      default:
        return whole;
    }
  });

/** The search after a leading "/" while the draft is one line; null when the picker should be closed. */
export const slashQuery = (draft: string): string | null => (draft.startsWith('/') && !draft.includes('\n') ? draft.slice(1) : null);

/** Best first: shortcut starts with the query, then shortcut contains it, then title or body contains it. */
export const matchCanned = (list: readonly CannedResponse[], query: string, limit = 8): CannedResponse[] => {
  const q = query.trim().toLowerCase();
  const rank = (c: CannedResponse): number => {
    if (q === '') return 0;
    const sc = c.shortcut.toLowerCase();
    if (sc.startsWith(q)) return 0;
    if (sc.includes(q)) return 1;
    if (c.title.toLowerCase().includes(q)) return 2;
    if (c.body.toLowerCase().includes(q)) return 3;
    return -1;
  };
  return list
    .map((c) => ({ c, r: rank(c) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.c.shortcut.localeCompare(b.c.shortcut))
    .slice(0, limit)
    .map((x) => x.c);
};
