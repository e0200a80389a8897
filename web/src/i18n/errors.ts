/**
 * Turns an API failure into text for the reader: the stable code picks a translated sentence,
 * details (which fields, why) are translated where their wording is known, else shown as sent.
 * Known wordings are the password policy's and the JSON-schema validator's (Ajv) English messages.
 */
import { ApiError } from '../api/client.js';
import type { ErrorDetail } from '../api/types.js';
import type { I18n } from './context.js';

export interface ShownError {
  readonly message: string;
  readonly details: readonly string[];
  readonly requestId: string | null;
}

interface Issue {
  /** Set when the message names the field itself (Ajv's "required property"). */
  readonly field?: string;
  readonly text: string;
}

type Rule = readonly [RegExp, (m: RegExpMatchArray, i18n: I18n) => Issue];

const RULES: readonly Rule[] = [
  [/^must be at least (\d+) characters$/, (m, { t }) => ({ text: t('issue.minLength', { n: m[1] ?? '' }) })],
  [/^must (?:be at most|NOT have more than) (\d+) characters$/, (m, { t }) => ({ text: t('issue.maxLength', { n: m[1] ?? '' }) })],
  [
    /^must NOT have fewer than (\d+) characters$/,
    (m, { t }) => ({ text: m[1] === '1' ? t('issue.empty') : t('issue.shorterThan', { n: m[1] ?? '' }) }),
  ],
  [/^must NOT have fewer than (\d+) items$/, (m, { t }) => ({ text: t('issue.minItems', { n: m[1] ?? '' }) })],
  [/^must have required property '([^']+)'$/, (m, { t }) => ({ field: m[1], text: t('issue.required') })],
  [/^must match format "email"$/, (_m, { t }) => ({ text: t('issue.email') })],
  [/^must match (?:format|pattern) /, (_m, { t }) => ({ text: t('issue.format') })],
  [/^must be equal to one of the allowed values$/, (_m, { t }) => ({ text: t('issue.enum') })],
  [/^is too common$/, (_m, { t }) => ({ text: t('issue.tooCommon') })],
  [/^must not repeat one character$/, (_m, { t }) => ({ text: t('issue.repeats') })],
  [/^must not contain your email name$/, (_m, { t }) => ({ text: t('issue.emailName') })],
  [/^must NOT have more than (\d+) items$/, (m, { t }) => ({ text: t('issue.maxItems', { n: m[1] ?? '' }) })],
  // The chat capability's own wordings (src/chat/widgets.service.ts, core/prechat.ts, canned.service.ts).
  [/^must be an origin such as /, (_m, { t }) => ({ text: t('issue.origin') })],
  [/^is not a queue of this organisation$/, (_m, { t }) => ({ text: t('issue.notQueue') })],
  [/^needs at least one topic$/, (_m, { t }) => ({ text: t('issue.noTopic') })],
  [/^repeats topic id /, (_m, { t }) => ({ text: t('issue.repeatsTopic') })],
  [/^uses unknown variables (.*); known:/, (m, { t }) => ({ text: t('issue.unknownVariables', { names: m[1] ?? '' }) })],
];

const translateIssue = (issue: string, i18n: I18n): Issue => {
  for (const [re, fn] of RULES) {
    const m = issue.match(re);
    if (m) return fn(m, i18n);
  }
  return { text: issue };
};

/**
 * Field paths may arrive as `password`, `/body/password` or `admin.password`; the last part names it.
 * A path into a list (`body.allowedOrigins.1`, `body.prechat.topics.0.label.en`) also says which item,
 * counted from 1: "Allowed site 2", "Topic 1 · label (English)".
 */
const fieldLabel = (field: string, i18n: I18n): string => {
  const parts = field.split(/[./]/).filter(Boolean);
  const idx = parts.findLastIndex((p) => /^\d+$/.test(p));
  const last = parts.filter((p) => !/^\d+$/.test(p)).pop() ?? field;
  const name = i18n.tMaybe(`field.${last}`, last);
  if (idx < 1) return name;
  const list = parts[idx - 1] ?? '';
  const item = i18n.tMaybe(`field.${list}.item`, `${i18n.tMaybe(`field.${list}`, list)} ${Number(parts[idx]) + 1}`, {
    n: Number(parts[idx]) + 1,
  });
  return idx === parts.length - 1 ? item : `${item} · ${name}`;
};

interface FieldIssue {
  readonly field: string | undefined;
  readonly issue: Issue;
  readonly empty: boolean;
}

const describeDetails = (details: readonly ErrorDetail[], i18n: I18n): string[] => {
  const issues: FieldIssue[] = details.map((d) => {
    const issue = translateIssue(d.issue, i18n);
    return { field: issue.field ?? d.field, issue, empty: /fewer than 1 characters$/.test(d.issue) };
  });
  // An empty field also fails its pattern; "must not be empty" says all there is to fix.
  const emptyFields = new Set(issues.filter((i) => i.empty).map((i) => i.field));
  const shown = issues.filter((i) => i.empty || !emptyFields.has(i.field));
  const lines = shown.map(({ field, issue }) =>
    field ? `${fieldLabel(field, i18n)}${i18n.lang === 'zh-CN' ? '：' : ': '}${issue.text}` : issue.text,
  );
  return [...new Set(lines)];
};

export const describeError = (e: unknown, i18n: I18n): ShownError => {
  if (!(e instanceof ApiError)) return { message: i18n.t('error.INTERNAL'), details: [], requestId: null };
  return {
    message: i18n.tMaybe(`error.${e.code}`, e.message),
    details: describeDetails(e.details, i18n),
    // The request id only helps when someone must look in the server logs.
    requestId: e.status >= 500 ? e.requestId : null,
  };
};
