/**
 * The message box: Enter sends, Shift+Enter breaks the line, and Enter while an IME is composing
 * (Chinese input) only confirms the characters. An attach button opens the file picker.
 */
import { ACCEPT } from '../core/attachments.js';
import { h } from './dom.js';
import { icon } from './icons.js';
import type { Actions, Snapshot, View } from './view-model.js';

export const MAX_MESSAGE_CHARS = 4000;

export class Composer implements View {
  readonly el: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly sendBtn: HTMLButtonElement;
  private readonly attachBtn: HTMLButtonElement;
  private readonly file: HTMLInputElement;
  private locale = '';

  constructor(private readonly a: Actions) {
    this.input = h('textarea', { rows: 1, maxlength: MAX_MESSAGE_CHARS, 'data-testid': 'kefu-input', enterkeyhint: 'send' });
    this.sendBtn = h('button', { type: 'submit', class: 'send', 'data-testid': 'kefu-send', disabled: true }, icon('send'));
    this.file = h('input', { type: 'file', accept: ACCEPT, hidden: true, tabindex: '-1', 'data-testid': 'kefu-file' });
    this.attachBtn = h('button', { type: 'button', class: 'iconbtn', 'data-testid': 'kefu-attach' }, icon('attach'));
    const form = h('form', { class: 'composer' }, this.attachBtn, this.file, this.input, this.sendBtn);
    this.el = form;

    this.attachBtn.addEventListener('click', () => this.file.click());
    this.file.addEventListener('change', () => {
      const f = this.file.files?.[0];
      this.file.value = '';
      if (f) this.a.attach(f);
    });
    this.input.addEventListener('input', () => {
      this.grow();
      this.sendBtn.disabled = this.input.value.trim() === '';
      this.a.typing(this.input.value.trim() !== '');
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
      e.preventDefault();
      this.submit();
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
      this.input.focus();
    });
  }

  update(s: Snapshot): void {
    this.attachBtn.disabled = s.uploading;
    if (s.locale === this.locale) return;
    this.locale = s.locale;
    this.input.placeholder = this.a.t('composer.placeholder');
    this.input.setAttribute('aria-label', this.a.t('composer.label'));
    this.sendBtn.setAttribute('aria-label', this.a.t('composer.send'));
    this.sendBtn.title = this.a.t('composer.send');
    this.attachBtn.setAttribute('aria-label', this.a.t('composer.attach'));
    this.attachBtn.title = this.a.t('composer.attach');
  }

  focus(): void {
    this.input.focus();
  }

  private submit(): void {
    const text = this.input.value;
    if (text.trim() === '') return;
    if (this.a.send(text)) {
      this.input.value = '';
      this.sendBtn.disabled = true;
      this.grow();
    }
  }

  private grow(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 120)}px`;
  }
}
