/** The topics of a widget's pre-chat form: one row each (labels in both languages, queue, product). */
import type { Queue } from '../../api/types.js';
import { useI18n } from '../../i18n/context.js';
import { InputField, SelectBox } from './fields.js';
import { LIMITS, type TopicDraft } from './widget-form.js';

interface Props {
  readonly topics: readonly TopicDraft[];
  readonly queues: readonly Queue[];
  readonly errorsFor: (field: string) => string[];
  readonly onChange: (i: number, patch: Partial<TopicDraft>) => void;
  readonly onRemove: (i: number) => void;
}

export const TopicRows = ({ topics, queues, errorsFor, onChange, onRemove }: Props) => {
  const { t } = useI18n();
  // A topic whose queue was deleted still shows which id it named, so the admin sees what to fix.
  const options = (current: string) => [
    ...(current === '' || queues.some((q) => q.id === current) ? [] : [{ value: current, label: current }]),
    ...(current === '' ? [{ value: '', label: '—' }] : []),
    ...queues.map((q) => ({ value: q.id, label: q.name })),
  ];
  return (
    <ol className="topic-list">
      {topics.map((topic, i) => (
        <li key={topic.key} className="topic-row" data-testid={`widget-topic-${i}`}>
          <div className="topic-row-head">
            <span className="topic-row-title">{t('widgets.topic.n', { n: i + 1 })}</span>
            {topic.id && <code className="muted">{topic.id}</code>}
            {topics.length > 1 && (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => onRemove(i)}
                aria-label={t('widgets.topic.remove', { n: i + 1 })}
                data-testid={`widget-topic-${i}-remove`}
              >
                ×
              </button>
            )}
          </div>
          <div className="topic-grid">
            <InputField
              label={t('widgets.topic.labelZh')}
              value={topic.labelZh}
              onChange={(v) => onChange(i, { labelZh: v })}
              maxLength={LIMITS.label}
              errors={errorsFor(`topics.${i}.labelZh`)}
              testId={`widget-topic-${i}-label-zh`}
            />
            <InputField
              label={t('widgets.topic.labelEn')}
              value={topic.labelEn}
              onChange={(v) => onChange(i, { labelEn: v })}
              maxLength={LIMITS.label}
              errors={errorsFor(`topics.${i}.labelEn`)}
              testId={`widget-topic-${i}-label-en`}
            />
            <SelectBox
              label={t('widgets.topic.queue')}
              value={topic.queueId}
              options={options(topic.queueId)}
              onChange={(v) => onChange(i, { queueId: v })}
              errors={errorsFor(`topics.${i}.queueId`)}
              testId={`widget-topic-${i}-queue`}
            />
            <InputField
              label={t('widgets.topic.product')}
              optional
              value={topic.product}
              onChange={(v) => onChange(i, { product: v })}
              maxLength={LIMITS.product}
              errors={errorsFor(`topics.${i}.product`)}
              testId={`widget-topic-${i}-product`}
            />
          </div>
        </li>
      ))}
    </ol>
  );
};
