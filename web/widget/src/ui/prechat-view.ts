/**
 * The pre-chat form, built from the tenant's configuration: visible fields with their required
 * marks, the topic choice when there is more than one, inline errors tied to fields by
 * aria-describedby. Rebuilt on a language switch with the typed values kept.
 */
import { localLabel } from '../core/i18n.js';
import {
  FIELDS,
  type FieldName,
  type PrechatErrors,
  type PrechatValues,
  showsTopicChoice,
  validatePrechat,
  type WidgetConfig,
} from '../core/prechat.js';
import { h } from './dom.js';
import { icon } from './icons.js';
import type { Actions, Snapshot, View } from './view-model.js';

const LABEL = { name: 'prechat.name', email: 'prechat.email', phone: 'prechat.phone' } as const;
const INPUT_TYPE = { name: 'text', email: 'email', phone: 'tel' } as const;
/** The server's limits (POST .../conversations). */
const MAX_LENGTH = { name: 80, email: 254, phone: 30 } as const;
const AUTOCOMPLETE = { name: 'name', email: 'email', phone: 'tel' } as const;

export class PrechatView implements View {
  readonly el: HTMLElement;
  private built = '';
  private values: Record<FieldName | 'topicId', string> = { name: '', email: '', phone: '', topicId: '' };
  private errors: PrechatErrors = {};
  private form: HTMLFormElement | null = null;

  constructor(private readonly a: Actions) {
    this.el = h('div', { class: 'scroll' });
  }

  update(s: Snapshot): void {
    if (!s.config) return;
    const sig = `${s.locale}|${s.submitting}|${JSON.stringify(this.errors)}`;
    if (sig === this.built) return;
    if (this.built === '') this.values = { ...this.values, name: s.prefill.name, email: s.prefill.email };
    this.readValues();
    this.built = sig;
    this.el.replaceChildren(this.render(s, s.config));
  }

  /** Focus the first field that needs attention (or the first field) when the panel opens. */
  focus(): void {
    const target =
      this.form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.form?.querySelector<HTMLElement>('input, select, button');
    target?.focus();
  }

  private readValues(): void {
    if (!this.form) return;
    for (const el of Array.from(this.form.elements)) {
      if ((el instanceof HTMLInputElement || el instanceof HTMLSelectElement) && el.name in this.values) {
        this.values[el.name as FieldName | 'topicId'] = el.value;
      }
    }
  }

  private render(s: Snapshot, c: WidgetConfig): HTMLElement {
    const t = this.a.t;
    const form = h('form', { class: 'card', novalidate: true, 'data-testid': 'kefu-prechat', 'aria-label': t('prechat.title') });
    if (s.verified) form.append(h('p', { class: 'verified' }, icon('shield'), t('prechat.verified')));
    for (const f of FIELDS) if (c.fields[f] !== 'hidden') form.append(this.field(f, c.fields[f] === 'required', s));
    if (showsTopicChoice(c)) form.append(this.topic(c, s));
    const submit = h(
      'button',
      { type: 'submit', class: 'primary', 'data-testid': 'kefu-prechat-submit', disabled: s.submitting },
      t(s.submitting ? 'prechat.submitting' : 'prechat.submit'),
    );
    form.append(submit);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.readValues();
      const values: PrechatValues = { ...this.values };
      this.errors = validatePrechat(c, values);
      if (Object.keys(this.errors).length > 0) {
        this.built = '';
        this.update(s);
        this.focus();
        return;
      }
      this.a.startChat(values);
    });
    this.form = form;
    return h('div', { class: 'prechat' }, h('h3', {}, t('prechat.title')), h('p', { class: 'intro' }, t('prechat.intro')), form);
  }

  private field(f: FieldName, required: boolean, s: Snapshot): HTMLElement {
    const t = this.a.t;
    const id = `kefu-f-${f}`;
    const err = this.errors[f];
    const input = h('input', {
      id,
      name: f,
      class: 'input',
      type: INPUT_TYPE[f],
      autocomplete: AUTOCOMPLETE[f],
      maxlength: MAX_LENGTH[f],
      required,
      'aria-required': required ? 'true' : 'false',
      'aria-invalid': err ? 'true' : 'false',
      'aria-describedby': err ? `${id}-err` : null,
      'data-testid': `kefu-prechat-${f}`,
      disabled: s.submitting,
    });
    input.value = this.values[f];
    return h(
      'div',
      { class: 'field' },
      h('label', { class: 'label', for: id }, t(LABEL[f]), required ? null : h('span', { class: 'opt' }, ` (${t('prechat.optional')})`)),
      input,
      err ? h('p', { class: 'err', id: `${id}-err` }, t(err)) : null,
    );
  }

  private topic(c: WidgetConfig, s: Snapshot): HTMLElement {
    const t = this.a.t;
    const err = this.errors.topicId;
    const select = h('select', {
      id: 'kefu-f-topic',
      name: 'topicId',
      class: 'input',
      required: true,
      'aria-invalid': err ? 'true' : 'false',
      'aria-describedby': err ? 'kefu-f-topic-err' : null,
      'data-testid': 'kefu-prechat-topic',
      disabled: s.submitting,
    });
    select.append(h('option', { value: '' }, t('prechat.topicPlaceholder')));
    for (const topic of c.topics) select.append(h('option', { value: topic.id }, localLabel(topic.label, s.locale) || topic.id));
    select.value = this.values.topicId;
    return h(
      'div',
      { class: 'field' },
      h('label', { class: 'label', for: 'kefu-f-topic' }, t('prechat.topic')),
      select,
      err ? h('p', { class: 'err', id: 'kefu-f-topic-err' }, t(err)) : null,
    );
  }
}
