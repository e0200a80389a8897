/**
 * The tenant's widget configuration and the pre-chat form built from it: which fields show, which
 * are required, and the topics (each routed to a queue/product by the server). Validation here is
 * for the visitor's benefit; the server validates again.
 */
import type { StringKey } from './i18n.js';

export type FieldMode = 'required' | 'optional' | 'hidden';
export const FIELDS = ['name', 'email', 'phone'] as const;
export type FieldName = (typeof FIELDS)[number];

export interface Topic {
  readonly id: string;
  readonly label: Readonly<Partial<Record<string, string>>>;
}

export interface WidgetConfig {
  readonly widgetId: string;
  readonly name: string;
  readonly fields: Readonly<Record<FieldName, FieldMode>>;
  readonly topics: readonly Topic[];
  readonly identityRequired: boolean;
}

export interface Identity {
  readonly userId: string;
  readonly timestamp: number;
  readonly signature: string;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const mode = (v: unknown): FieldMode => (v === 'required' || v === 'optional' || v === 'hidden' ? v : 'hidden');

const parseTopic = (v: unknown): Topic | null => {
  if (!isRec(v) || typeof v.id !== 'string' || v.id === '') return null;
  const label: Record<string, string> = {};
  if (isRec(v.label)) for (const [k, s] of Object.entries(v.label)) if (typeof s === 'string') label[k] = s;
  return { id: v.id, label };
};

/** Reads GET /api/v1/widget/:key/config; null when the answer is not a widget configuration. */
export const parseWidgetConfig = (v: unknown): WidgetConfig | null => {
  if (!isRec(v) || typeof v.widgetId !== 'string') return null;
  const prechat = isRec(v.prechat) ? v.prechat : {};
  const fields = isRec(prechat.fields) ? prechat.fields : {};
  const topics = Array.isArray(prechat.topics) ? prechat.topics.map(parseTopic).filter((t): t is Topic => t !== null) : [];
  return {
    widgetId: v.widgetId,
    name: typeof v.name === 'string' ? v.name : '',
    fields: { name: mode(fields.name), email: mode(fields.email), phone: mode(fields.phone) },
    topics,
    identityRequired: v.identityRequired === true,
  };
};

export type PrechatValues = Readonly<Record<FieldName | 'topicId', string>>;
export type PrechatErrors = Partial<Record<FieldName | 'topicId', StringKey>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{5,24}$/;
const digits = (s: string): number => s.replace(/\D/g, '').length;

/** The topic select is shown only when there is a real choice; one topic is chosen silently. */
export const showsTopicChoice = (c: WidgetConfig): boolean => c.topics.length > 1;

export const validatePrechat = (c: WidgetConfig, v: PrechatValues): PrechatErrors => {
  const errors: PrechatErrors = {};
  for (const f of FIELDS) {
    if (c.fields[f] === 'hidden') continue;
    const value = v[f].trim();
    if (value === '') {
      if (c.fields[f] === 'required') errors[f] = 'prechat.required';
      continue;
    }
    if (f === 'email' && !EMAIL.test(value)) errors[f] = 'prechat.invalidEmail';
    if (f === 'phone' && (!PHONE.test(value) || digits(value) < 5)) errors[f] = 'prechat.invalidPhone';
  }
  if (showsTopicChoice(c) && !c.topics.some((t) => t.id === v.topicId)) errors.topicId = 'prechat.required';
  return errors;
};

export interface StartRequest {
  name?: string;
  email?: string;
  phone?: string;
  topicId?: string;
  locale: string;
  identity?: Identity;
}

/** The body of POST .../conversations: hidden and empty fields are left out, not sent empty. */
export const buildStartRequest = (c: WidgetConfig, v: PrechatValues, locale: string, identity: Identity | null): StartRequest => {
  const body: StartRequest = { locale };
  for (const f of FIELDS) {
    const value = v[f].trim();
    if (c.fields[f] !== 'hidden' && value !== '') body[f] = value;
  }
  const topicId = showsTopicChoice(c) ? v.topicId : c.topics[0]?.id;
  if (topicId) body.topicId = topicId;
  if (identity) body.identity = identity;
  return body;
};
