/** Creates a chat widget or edits one: name, allowed sites, pre-chat fields, topics, identity rule. */
import { type FormEvent, useRef, useState } from 'react';
import { widgetsApi } from '../../api/endpoints.js';
import {
  type ChatWidget,
  FIELD_RULES,
  type FieldRule,
  PRECHAT_FIELDS,
  type PrechatField,
  type Queue,
  type WidgetWithSecret,
} from '../../api/types.js';
import { useI18n } from '../../i18n/context.js';
import { ErrorBox } from '../../ui/ErrorBox.js';
import { FormActions } from '../../ui/Field.js';
import { useSubmit } from '../../ui/useSubmit.js';
import { InputField, SelectBox, TextAreaField } from './fields.js';
import { widgetProblemText } from './problems.js';
import { TopicRows } from './TopicRows.js';
import {
  emptyWidgetForm,
  type WidgetForm as Form,
  formToInput,
  formToPatch,
  LIMITS,
  newTopic,
  problemsFor,
  type TopicDraft,
  validateWidgetForm,
  widgetToForm,
} from './widget-form.js';

export type WidgetSaved =
  | { readonly kind: 'created'; readonly result: WidgetWithSecret }
  | { readonly kind: 'updated'; readonly widget: ChatWidget }
  | { readonly kind: 'unchanged'; readonly widget: ChatWidget };

interface Props {
  /** The widget to edit; absent to create one. */
  readonly widget?: ChatWidget;
  readonly queues: readonly Queue[];
  readonly onSaved: (s: WidgetSaved) => void;
  readonly onCancel: () => void;
}

export const WidgetForm = ({ widget, queues, onSaved, onCancel }: Props) => {
  const i18n = useI18n();
  const { t } = i18n;
  const [form, setForm] = useState<Form>(() => (widget ? widgetToForm(widget) : emptyWidgetForm(queues[0]?.id ?? '')));
  const [tried, setTried] = useState(false);
  const nextKey = useRef(0);
  const { busy, error, run } = useSubmit();

  const queueIds = new Set(queues.map((q) => q.id));
  const problems = tried ? validateWidgetForm(form, queueIds) : [];
  const errorsFor = (field: string) => problemsFor(problems, field).map((p) => widgetProblemText(p, i18n));
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const setRule = (field: PrechatField, rule: FieldRule) => setForm((f) => ({ ...f, fields: { ...f.fields, [field]: rule } }));
  const changeTopic = (i: number, patch: Partial<TopicDraft>) =>
    setForm((f) => ({ ...f, topics: f.topics.map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
  const addTopic = () => {
    nextKey.current += 1;
    setForm((f) => ({ ...f, topics: [...f.topics, newTopic(`n${nextKey.current}`, queues[0]?.id ?? '')] }));
  };
  const removeTopic = (i: number) => setForm((f) => ({ ...f, topics: f.topics.filter((_, j) => j !== i) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (validateWidgetForm(form, queueIds).length > 0) return;
    await run(async () => {
      if (!widget) return onSaved({ kind: 'created', result: await widgetsApi.create(formToInput(form)) });
      const patch = formToPatch(widget, form);
      if (Object.keys(patch).length === 0) return onSaved({ kind: 'unchanged', widget });
      onSaved({ kind: 'updated', widget: await widgetsApi.update(widget.id, patch) });
    });
  };

  const ruleOptions = FIELD_RULES.map((r) => ({ value: r, label: t(`widgets.rule.${r}`) }));
  return (
    <form className="panel form-panel widget-form" onSubmit={submit} noValidate data-testid="widget-form">
      <h2 className="panel-title">{widget ? t('widgets.edit.title', { name: widget.name }) : t('widgets.new')}</h2>
      <ErrorBox error={error} testId="widget-form-error" />
      {queues.length === 0 && <p className="alert alert-warning">{t('widgets.noQueues')}</p>}
      <div className="widget-form-top">
        <InputField
          label={t('widgets.name')}
          hint={t('widgets.nameHint')}
          value={form.name}
          onChange={(v) => set({ name: v })}
          maxLength={LIMITS.name}
          errors={errorsFor('name')}
          testId="widget-name"
          autoFocus
        />
        <TextAreaField
          label={t('widgets.origins')}
          hint={t('widgets.originsHint')}
          value={form.origins}
          onChange={(v) => set({ origins: v })}
          rows={3}
          mono
          errors={errorsFor('origins')}
          testId="widget-origins"
        />
      </div>

      <fieldset className="form-fieldset">
        <legend>{t('widgets.prechat')}</legend>
        <p className="field-hint">{t('widgets.prechatHint')}</p>
        <div className="prechat-grid">
          {PRECHAT_FIELDS.map((f) => (
            <SelectBox
              key={f}
              label={t(`widgets.prechat.${f}`)}
              value={form.fields[f]}
              options={ruleOptions}
              onChange={(v) => setRule(f, v)}
              testId={`widget-field-${f}`}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="form-fieldset">
        <legend>{t('widgets.topics')}</legend>
        <p className="field-hint">{t('widgets.topicsHint')}</p>
        {errorsFor('topics').map((m) => (
          <p key={m} className="field-error">
            {m}
          </p>
        ))}
        <TopicRows topics={form.topics} queues={queues} errorsFor={errorsFor} onChange={changeTopic} onRemove={removeTopic} />
        {form.topics.length < LIMITS.topics && (
          <button type="button" className="btn btn-small" onClick={addTopic} data-testid="widget-topic-add">
            + {t('widgets.topic.add')}
          </button>
        )}
      </fieldset>

      <label className="checkbox-line identity-line">
        <input
          type="checkbox"
          checked={form.identityRequired}
          onChange={(e) => set({ identityRequired: e.target.checked })}
          data-testid="widget-identity-required"
        />
        <span>
          <span className="identity-line-label">{t('widgets.identityRequired')}</span>
          <span className="field-hint">{t('widgets.identityRequiredHint')}</span>
        </span>
      </label>

      <FormActions>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="widget-submit">
          {busy ? t('common.saving') : widget ? t('common.save') : t('widgets.create.submit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel} data-testid="widget-cancel">
          {t('common.cancel')}
        </button>
      </FormActions>
    </form>
  );
};
