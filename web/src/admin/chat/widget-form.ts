/**
 * The widget form as the admin edits it, and its conversion to and from the API's body. Pure: the
 * screen owns the state, this module owns the rules (origin syntax, topic ids, what changed).
 */
import {
  type ChatWidget,
  type FieldRule,
  PRECHAT_FIELDS,
  type PrechatField,
  type PrechatTopic,
  type WidgetInput,
} from '../../api/types.js';

export interface TopicDraft {
  /** React key; stable while the row exists. */
  readonly key: string;
  /** The stored id, kept on edit so conversations and reports keep pointing at the same topic; null when new. */
  readonly id: string | null;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly queueId: string;
  readonly product: string;
}

export interface WidgetForm {
  readonly name: string;
  /** One origin a line, as typed. */
  readonly origins: string;
  readonly fields: Readonly<Record<PrechatField, FieldRule>>;
  readonly topics: readonly TopicDraft[];
  readonly identityRequired: boolean;
}

/** Limits of src/chat/schemas.ts, checked here so the admin hears about them before saving. */
export const LIMITS = { name: 80, origins: 20, origin: 300, topics: 20, label: 80, product: 80, topicId: 32 } as const;

export const DEFAULT_FIELDS: Readonly<Record<PrechatField, FieldRule>> = { name: 'optional', email: 'optional', phone: 'hidden' };

export const newTopic = (key: string, queueId: string): TopicDraft => ({ key, id: null, labelZh: '', labelEn: '', queueId, product: '' });

export const emptyWidgetForm = (firstQueueId: string, key = 't0'): WidgetForm => ({
  name: '',
  origins: '',
  fields: DEFAULT_FIELDS,
  topics: [newTopic(key, firstQueueId)],
  identityRequired: false,
});

export const widgetToForm = (w: ChatWidget): WidgetForm => ({
  name: w.name,
  origins: w.allowedOrigins.join('\n'),
  fields: { ...DEFAULT_FIELDS, ...w.prechat.fields },
  topics: w.prechat.topics.map((t) => ({
    key: `s-${t.id}`,
    id: t.id,
    labelZh: t.label['zh-CN'],
    labelEn: t.label.en,
    queueId: t.queueId,
    product: t.product ?? '',
  })),
  identityRequired: w.identityRequired,
});

/** The same rule as the server (src/chat/core/origins.ts): scheme, host and port; no path, no wildcard. */
const ORIGIN =
  /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/;

export const normaliseOrigin = (raw: string): string | null => {
  const v = raw.trim().toLowerCase().replace(/\/$/, '');
  return ORIGIN.test(v) ? v : null;
};

/** Non-empty lines, trimmed; blank lines are how people space a list out, not mistakes. */
export const originLines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Normalised and de-duplicated, in the order typed; invalid lines are left out (validation reports them). */
export const parseOrigins = (text: string): string[] => [...new Set(originLines(text).flatMap((l) => normaliseOrigin(l) ?? []))];

/** A readable id from the English label (`Order status` → `order-status`), unique among `taken`. */
export const topicIdFor = (label: string, taken: ReadonlySet<string>): string => {
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, LIMITS.topicId - 3)
      .replace(/-+$/, '') || 'topic';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
};

/** Stored ids stay; new topics get ids that clash with neither the stored ones nor each other. */
export const assignTopicIds = (topics: readonly TopicDraft[]): string[] => {
  const taken = new Set(topics.flatMap((t) => (t.id === null ? [] : [t.id])));
  return topics.map((t) => {
    if (t.id !== null) return t.id;
    const id = topicIdFor(t.labelEn.trim() || t.labelZh.trim(), taken);
    taken.add(id);
    return id;
  });
};

export const formToInput = (f: WidgetForm): WidgetInput => {
  const ids = assignTopicIds(f.topics);
  const topics: PrechatTopic[] = f.topics.map((t, i) => ({
    id: ids[i] ?? `topic-${i + 1}`,
    label: { 'zh-CN': t.labelZh.trim(), en: t.labelEn.trim() },
    queueId: t.queueId,
    product: t.product.trim() === '' ? null : t.product.trim(),
  }));
  const fields = Object.fromEntries(PRECHAT_FIELDS.map((k) => [k, f.fields[k]])) as Record<PrechatField, FieldRule>;
  return {
    name: f.name.trim(),
    allowedOrigins: parseOrigins(f.origins),
    prechat: { fields, topics },
    identityRequired: f.identityRequired,
  };
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed, so the audit log shows the real edit; an empty patch means nothing to send. */
export const formToPatch = (w: ChatWidget, f: WidgetForm): Partial<WidgetInput> => {
  const next = formToInput(f);
  const before = formToInput(widgetToForm(w));
  return {
    ...(next.name === w.name ? {} : { name: next.name }),
    ...(same(next.allowedOrigins, w.allowedOrigins) ? {} : { allowedOrigins: next.allowedOrigins }),
    ...(same(next.prechat, before.prechat) ? {} : { prechat: next.prechat }),
    ...(next.identityRequired === w.identityRequired ? {} : { identityRequired: next.identityRequired }),
  };
};

export type Issue = 'required' | 'tooLong' | 'origin' | 'tooMany' | 'noTopic' | 'noQueue';

export interface Problem {
  /** `name`, `origins`, `topics`, or `topics.<i>.<labelZh|labelEn|queueId|product>`. */
  readonly field: string;
  readonly issue: Issue;
  /** For `origin`: the offending line as typed. */
  readonly value?: string;
}

const text = (field: string, v: string, max: number): Problem[] => {
  const t = v.trim();
  if (t === '') return [{ field, issue: 'required' }];
  return t.length > max ? [{ field, issue: 'tooLong' }] : [];
};

const topicProblems = (t: TopicDraft, i: number, queueIds: ReadonlySet<string>): Problem[] => [
  ...text(`topics.${i}.labelZh`, t.labelZh, LIMITS.label),
  ...text(`topics.${i}.labelEn`, t.labelEn, LIMITS.label),
  ...(queueIds.has(t.queueId) ? [] : [{ field: `topics.${i}.queueId`, issue: 'noQueue' as const }]),
  ...(t.product.trim().length > LIMITS.product ? [{ field: `topics.${i}.product`, issue: 'tooLong' as const }] : []),
];

/** Everything the server would refuse that can be known here; queues must be among `queueIds`. */
export const validateWidgetForm = (f: WidgetForm, queueIds: ReadonlySet<string>): Problem[] => {
  const lines = originLines(f.origins);
  const badOrigins = lines.filter((l) => l.length > LIMITS.origin || normaliseOrigin(l) === null);
  return [
    ...text('name', f.name, LIMITS.name),
    ...badOrigins.map((value) => ({ field: 'origins', issue: 'origin' as const, value })),
    ...(parseOrigins(f.origins).length > LIMITS.origins ? [{ field: 'origins', issue: 'tooMany' as const }] : []),
    ...(f.topics.length === 0 ? [{ field: 'topics', issue: 'noTopic' as const }] : []),
    ...(f.topics.length > LIMITS.topics ? [{ field: 'topics', issue: 'tooMany' as const }] : []),
    ...f.topics.flatMap((t, i) => topicProblems(t, i, queueIds)),
  ];
};

export const problemsFor = (problems: readonly Problem[], field: string): Problem[] => problems.filter((p) => p.field === field);
