/**
 * The pre-chat form a tenant configures per widget (which details to ask, which topics lead to
 * which queue) and the check of what a visitor filled in against it.
 */
import { AppError, type ErrorDetail, err, ok, type Result } from '../../kernel/index.js';

export const FIELD_RULES = ['required', 'optional', 'hidden'] as const;
export type FieldRule = (typeof FIELD_RULES)[number];
export const PRECHAT_FIELDS = ['name', 'email', 'phone'] as const;
export type PrechatField = (typeof PRECHAT_FIELDS)[number];

export interface TopicLabel {
  readonly 'zh-CN': string;
  readonly en: string;
}

export interface PrechatTopic {
  readonly id: string;
  readonly label: TopicLabel;
  readonly queueId: string;
  readonly product: string | null;
}

export interface Prechat {
  readonly fields: Readonly<Record<PrechatField, FieldRule>>;
  readonly topics: readonly PrechatTopic[];
}

export const DEFAULT_PRECHAT_FIELDS: Readonly<Record<PrechatField, FieldRule>> = { name: 'optional', email: 'optional', phone: 'hidden' };

export interface VisitorInput {
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly topicId: string;
}

export interface VisitorDetails {
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly topic: PrechatTopic;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{1,60}$/;
const PHONE = /^\+?[0-9 ()-]{5,24}$/;

/** Topic ids are unique within a widget; at least one topic, so a conversation always has a queue. */
export const checkPrechat = (p: Prechat, field = 'body.prechat'): Result<Prechat, AppError> => {
  const details: ErrorDetail[] = [];
  if (p.topics.length === 0) details.push({ field: `${field}.topics`, issue: 'needs at least one topic' });
  const seen = new Set<string>();
  p.topics.forEach((t, i) => {
    if (seen.has(t.id)) details.push({ field: `${field}.topics.${i}.id`, issue: `repeats topic id ${t.id}` });
    seen.add(t.id);
  });
  return details.length === 0 ? ok(p) : err(new AppError('VALIDATION_FAILED', undefined, details));
};

const clean = (v: string | undefined): string | null => {
  const t = v?.trim() ?? '';
  return t === '' ? null : t;
};

const fieldProblem = (f: PrechatField, value: string | null, rule: FieldRule): string | null => {
  if (rule === 'required' && value === null) return 'is required';
  if (value === null || rule === 'hidden') return null;
  if (f === 'email' && !EMAIL.test(value)) return 'is not an email address';
  if (f === 'phone' && (!PHONE.test(value) || value.replace(/\D/g, '').length < 5)) return 'is not a phone number';
  return null;
};

/** What a visitor gave, checked against the form; fields the form hides are dropped, not stored. */
export const checkVisitor = (p: Prechat, input: VisitorInput): Result<VisitorDetails, AppError> => {
  const details: ErrorDetail[] = [];
  const values: Record<PrechatField, string | null> = { name: null, email: null, phone: null };
  for (const f of PRECHAT_FIELDS) {
    const rule = p.fields[f];
    const value = clean(input[f]);
    const problem = fieldProblem(f, value, rule);
    if (problem) details.push({ field: `body.${f}`, issue: problem });
    values[f] = rule === 'hidden' ? null : value;
  }
  const topic = p.topics.find((t) => t.id === input.topicId);
  if (!topic) details.push({ field: 'body.topicId', issue: 'is not a topic of this widget' });
  if (details.length > 0 || !topic) return err(new AppError('VALIDATION_FAILED', undefined, details));
  return ok({ ...values, email: values.email?.toLowerCase() ?? null, topic });
};
