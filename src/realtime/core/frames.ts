/**
 * The frames clients send over /ws/visitor and /ws/staff (docs/chat.md "WebSocket frames"), and
 * their validation. Pure: a text frame in, a typed frame or a list of problems out. Closed shapes:
 * an unknown field or frame type is refused, as HTTP bodies are.
 */
import type { ErrorDetail } from '../../kernel/index.js';

export const MAX_FRAME_BYTES = 16 * 1024;
export const MAX_BODY_CHARS = 10_000;
const MAX_ID_CHARS = 100;

export type StaffVisibility = 'public' | 'internal';

export type VisitorFrame =
  | { readonly t: 'hello'; readonly token: string; readonly afterSeq: number }
  | { readonly t: 'send'; readonly clientId: string; readonly body: string; readonly attachmentId: string | null }
  | { readonly t: 'typing'; readonly on: boolean }
  | { readonly t: 'read'; readonly seq: number }
  | { readonly t: 'ping' };

export type StaffTopic = 'agent' | 'contact' | 'supervisor';

export type StaffFrame =
  | { readonly t: 'subscribe'; readonly topic: 'agent' | 'supervisor' }
  | { readonly t: 'subscribe'; readonly topic: 'contact'; readonly contactId: string; readonly afterSeq: number }
  | { readonly t: 'unsubscribe'; readonly topic: StaffTopic; readonly contactId: string | null }
  | {
      readonly t: 'send';
      readonly contactId: string;
      readonly clientId: string;
      readonly body: string;
      readonly visibility: StaffVisibility;
      readonly attachmentId: string | null;
    }
  | { readonly t: 'whisper'; readonly contactId: string; readonly clientId: string; readonly body: string }
  | { readonly t: 'typing'; readonly contactId: string; readonly on: boolean }
  | { readonly t: 'read'; readonly contactId: string; readonly seq: number }
  | { readonly t: 'ping' };

export type Parsed<F> =
  | { readonly ok: true; readonly frame: F }
  | { readonly ok: false; readonly problems: readonly ErrorDetail[]; readonly ref: string | null };

type Obj = Readonly<Record<string, unknown>>;

/** Field rules: each returns a problem or null. */
type Rule = (v: unknown) => string | null;

// Strings that one storage dialect cannot hold (NUL, lone surrogates) are refused here as on HTTP.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (s: string): boolean => !s.includes('\u0000') && !LONE_SURROGATE.test(s);

const str =
  (min: number, max: number): Rule =>
  (v) => {
    if (typeof v !== 'string') return 'must be a string';
    if (v.length < min || v.length > max) return `must be ${min} to ${max} characters`;
    return storable(v) ? null : 'contains characters that cannot be stored';
  };
const id = str(1, MAX_ID_CHARS);
const body = (v: unknown): string | null => {
  const base = str(1, MAX_BODY_CHARS)(v);
  if (base) return base;
  return (v as string).trim() === '' ? 'must not be blank' : null;
};
const seq: Rule = (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? null : 'must be a whole number >= 0');
const bool: Rule = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const oneOf =
  (...values: readonly string[]): Rule =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`;

interface Shape {
  readonly required: Readonly<Record<string, Rule>>;
  readonly optional?: Readonly<Record<string, Rule>>;
}

const check = (o: Obj, shape: Shape): ErrorDetail[] => {
  const problems: ErrorDetail[] = [];
  const optional = shape.optional ?? {};
  for (const key of Object.keys(o)) {
    if (key !== 't' && !(key in shape.required) && !(key in optional)) problems.push({ field: key, issue: 'is not an allowed field' });
  }
  for (const [key, rule] of Object.entries(shape.required)) {
    const issue = key in o ? rule(o[key]) : 'is required';
    if (issue) problems.push({ field: key, issue });
  }
  for (const [key, rule] of Object.entries(optional)) {
    const issue = key in o && o[key] !== undefined && o[key] !== null ? rule(o[key]) : null;
    if (issue) problems.push({ field: key, issue });
  }
  return problems;
};

/** Decodes a text frame into an object with a string `t`, or says why it is not one. */
const decode = (text: string): { o: Obj } | { problems: ErrorDetail[]; ref: string | null } => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problems: [{ issue: 'the frame is not valid JSON' }], ref: null };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problems: [{ issue: 'the frame must be a JSON object' }], ref: null };
  }
  const o = value as Obj;
  if (typeof o.t !== 'string') return { problems: [{ field: 't', issue: 'is required' }], ref: refOf(o) };
  return { o };
};

/** The client's correlation id, echoed on errors so it can match them to what it sent. */
export const refOf = (o: Obj): string | null => {
  const r = typeof o.clientId === 'string' ? o.clientId : typeof o.ref === 'string' ? o.ref : null;
  return r !== null && r.length <= MAX_ID_CHARS ? r : null;
};

const optionalString = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const parseWith = <F>(text: string, shapes: Readonly<Record<string, Shape>>, build: (o: Obj) => F): Parsed<F> => {
  const d = decode(text);
  if ('problems' in d) return { ok: false, problems: d.problems, ref: d.ref };
  const shape = shapes[d.o.t as string];
  if (!shape) return { ok: false, problems: [{ field: 't', issue: 'is not a known frame type' }], ref: refOf(d.o) };
  // `ref` is allowed on every frame: clients use it to correlate errors with requests.
  const problems = check(d.o, { required: shape.required, optional: { ref: id, ...shape.optional } });
  if (problems.length > 0) return { ok: false, problems, ref: refOf(d.o) };
  return { ok: true, frame: build(d.o) };
};

const VISITOR_SHAPES: Readonly<Record<string, Shape>> = {
  hello: { required: { token: str(1, 512) }, optional: { afterSeq: seq } },
  send: { required: { clientId: id, body }, optional: { attachmentId: id } },
  typing: { required: { on: bool } },
  read: { required: { seq } },
  ping: { required: {} },
};

export const parseVisitorFrame = (text: string): Parsed<VisitorFrame> =>
  parseWith<VisitorFrame>(text, VISITOR_SHAPES, (o) => {
    switch (o.t) {
      case 'hello':
        return { t: 'hello', token: o.token as string, afterSeq: typeof o.afterSeq === 'number' ? o.afterSeq : 0 };
      case 'send':
        return { t: 'send', clientId: o.clientId as string, body: o.body as string, attachmentId: optionalString(o.attachmentId) };
      case 'typing':
        return { t: 'typing', on: o.on as boolean };
      case 'read':
        return { t: 'read', seq: o.seq as number };
      default:
        return { t: 'ping' };
    }
  });

const STAFF_SHAPES: Readonly<Record<string, Shape>> = {
  subscribe: { required: { topic: oneOf('agent', 'contact', 'supervisor') }, optional: { contactId: id, afterSeq: seq } },
  unsubscribe: { required: { topic: oneOf('agent', 'contact', 'supervisor') }, optional: { contactId: id } },
  send: { required: { contactId: id, clientId: id, body }, optional: { visibility: oneOf('public', 'internal'), attachmentId: id } },
  whisper: { required: { contactId: id, clientId: id, body } },
  typing: { required: { contactId: id, on: bool } },
  read: { required: { contactId: id, seq } },
  ping: { required: {} },
};

const contactTopicProblem: ErrorDetail = { field: 'contactId', issue: 'is required for the contact topic' };

export const parseStaffFrame = (text: string): Parsed<StaffFrame> => {
  const parsed = parseWith<StaffFrame>(text, STAFF_SHAPES, buildStaffFrame);
  if (!parsed.ok) return parsed;
  const f = parsed.frame;
  if ((f.t === 'subscribe' || f.t === 'unsubscribe') && f.topic === 'contact' && !('contactId' in f && f.contactId)) {
    return { ok: false, problems: [contactTopicProblem], ref: null };
  }
  return parsed;
};

const buildStaffFrame = (o: Obj): StaffFrame => {
  const contactId = optionalString(o.contactId);
  switch (o.t) {
    case 'subscribe':
      if (o.topic === 'contact') {
        return { t: 'subscribe', topic: 'contact', contactId: contactId ?? '', afterSeq: typeof o.afterSeq === 'number' ? o.afterSeq : 0 };
      }
      return { t: 'subscribe', topic: o.topic as 'agent' | 'supervisor' };
    case 'unsubscribe':
      return { t: 'unsubscribe', topic: o.topic as StaffTopic, contactId };
    case 'send':
      return {
        t: 'send',
        contactId: contactId ?? '',
        clientId: o.clientId as string,
        body: o.body as string,
        visibility: o.visibility === 'internal' ? 'internal' : 'public',
        attachmentId: optionalString(o.attachmentId),
      };
    case 'whisper':
      return { t: 'whisper', contactId: contactId ?? '', clientId: o.clientId as string, body: o.body as string };
    case 'typing':
      return { t: 'typing', contactId: contactId ?? '', on: o.on as boolean };
    case 'read':
      return { t: 'read', contactId: contactId ?? '', seq: o.seq as number };
    default:
      return { t: 'ping' };
  }
};
