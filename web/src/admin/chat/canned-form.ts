/**
 * The canned-response form: checks mirroring the server's (src/chat/schemas.ts, core/canned.ts),
 * the body sent on create or edit, and the live preview with sample values. Pure.
 */
import type { CannedInput, CannedResponse } from '../../api/types.js';
import { type CannedVars, expandCanned } from '../../workspace/canned.js';

export const CANNED_VARIABLES = ['customer.name', 'agent.name', 'contact.id'] as const;

export const CANNED_LIMITS = { shortcut: 32, title: 80, body: 5000 } as const;

const SHORTCUT = /^[A-Za-z0-9_.-]{1,32}$/;
// The server's pattern (src/chat/core/canned.ts): other {{…}} text is not a variable and is sent as written.
const VARIABLE = /\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g;

export interface CannedForm {
  readonly shortcut: string;
  readonly title: string;
  readonly body: string;
}

export const emptyCannedForm: CannedForm = { shortcut: '', title: '', body: '' };

export const cannedToForm = (c: CannedResponse): CannedForm => ({ shortcut: c.shortcut, title: c.title, body: c.body });

/** Trimmed like the server stores them; the body keeps its spacing, it is the message itself. */
export const cannedFormToInput = (f: CannedForm): CannedInput => ({ shortcut: f.shortcut.trim(), title: f.title.trim(), body: f.body });

export const cannedPatch = (c: CannedResponse, f: CannedForm): Partial<CannedInput> => {
  const next = cannedFormToInput(f);
  return {
    ...(next.shortcut === c.shortcut ? {} : { shortcut: next.shortcut }),
    ...(next.title === c.title ? {} : { title: next.title }),
    ...(next.body === c.body ? {} : { body: next.body }),
  };
};

/** `{{…}}` names in the body that are not known variables; the server refuses such a body. */
export const unknownVariables = (body: string): string[] => {
  const out = new Set<string>();
  for (const m of body.matchAll(VARIABLE)) {
    const name = m[1] ?? '';
    if (!(CANNED_VARIABLES as readonly string[]).includes(name)) out.add(name);
  }
  return [...out];
};

export type CannedIssue = 'required' | 'tooLong' | 'shortcut' | 'unknownVariable';

export interface CannedProblem {
  readonly field: keyof CannedForm;
  readonly issue: CannedIssue;
  readonly names?: readonly string[];
}

export const validateCannedForm = (f: CannedForm): CannedProblem[] => {
  const out: CannedProblem[] = [];
  const shortcut = f.shortcut.trim();
  if (shortcut === '') out.push({ field: 'shortcut', issue: 'required' });
  else if (!SHORTCUT.test(shortcut)) out.push({ field: 'shortcut', issue: 'shortcut' });
  const title = f.title.trim();
  if (title === '') out.push({ field: 'title', issue: 'required' });
  else if (title.length > CANNED_LIMITS.title) out.push({ field: 'title', issue: 'tooLong' });
  if (f.body.trim() === '') out.push({ field: 'body', issue: 'required' });
  else if (f.body.length > CANNED_LIMITS.body) out.push({ field: 'body', issue: 'tooLong' });
  const unknown = unknownVariables(f.body);
  if (unknown.length > 0) out.push({ field: 'body', issue: 'unknownVariable', names: unknown });
  return out;
};

/** The body as an agent would send it, with sample values; the result is text and is shown as text. */
export const previewCanned = (body: string, sample: CannedVars): string => expandCanned(body, sample);

/** Appends a variable at the end of the body, with a space when the text does not already end in one. */
export const appendVariable = (body: string, name: string): string => `${body}${body === '' || /\s$/.test(body) ? '' : ' '}{{${name}}}`;
