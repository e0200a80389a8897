/**
 * Shown when the conversation is over: the CSAT rating (1-5 stars and a comment, once, only in
 * wrap-up or closed), the transcript download and a way to start again.
 */
import { RATEABLE_STATES } from '../core/conversation.js';
import { h } from './dom.js';
import { icon } from './icons.js';
import type { Actions, Snapshot, View } from './view-model.js';

export class EndCard implements View {
  readonly el: HTMLElement;
  private rating = 0;
  private comment = '';
  private sig = '';

  constructor(private readonly a: Actions) {
    this.el = h('div', { class: 'end', 'data-testid': 'kefu-end' });
  }

  update(s: Snapshot): void {
    const state = s.conversation.contact?.state ?? '';
    const sig = `${s.locale}|${s.csat}|${RATEABLE_STATES.has(state)}|${this.rating}`;
    if (sig === this.sig) return;
    this.sig = sig;
    const t = this.a.t;
    const parts: HTMLElement[] = [];
    if (s.csat === 'done') parts.push(h('p', { class: 'thanks', role: 'status', 'data-testid': 'kefu-csat-thanks' }, t('csat.thanks')));
    else if (RATEABLE_STATES.has(state)) parts.push(this.rate(s));
    const transcript = h(
      'a',
      { href: '#', class: 'dl', 'data-testid': 'kefu-transcript', role: 'button' },
      icon('download'),
      t('transcript.download'),
    );
    transcript.addEventListener('click', (e) => {
      e.preventDefault();
      this.a.transcript();
    });
    const restart = h('button', { type: 'button', class: 'secondary', 'data-testid': 'kefu-restart' }, t('chat.restart'));
    restart.addEventListener('click', () => this.a.restart());
    parts.push(h('div', { class: 'endlinks' }, transcript, restart));
    this.el.replaceChildren(...parts);
  }

  private rate(s: Snapshot): HTMLElement {
    const t = this.a.t;
    const stars = h('div', { class: 'stars', role: 'radiogroup', 'aria-label': t('csat.scale') });
    for (let n = 1; n <= 5; n++) {
      const b = h(
        'button',
        {
          type: 'button',
          class: 'star',
          role: 'radio',
          'aria-checked': this.rating === n ? 'true' : 'false',
          'aria-label': t('csat.star', { n }),
          'data-on': n <= this.rating ? 'true' : 'false',
          'data-testid': `kefu-csat-star-${n}`,
          tabindex: n === (this.rating || 1) ? '0' : '-1',
        },
        icon('star'),
      );
      b.addEventListener('click', () => this.choose(n, s));
      b.addEventListener('keydown', (e) => {
        const step = e.key === 'ArrowRight' || e.key === 'ArrowUp' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? -1 : 0;
        if (!step) return;
        e.preventDefault();
        this.choose(Math.min(5, Math.max(1, (this.rating || n) + step)), s);
      });
      stars.append(b);
    }
    const comment = h('textarea', {
      'aria-label': t('csat.comment'),
      placeholder: t('csat.comment'),
      maxlength: 2000,
      'data-testid': 'kefu-csat-comment',
    });
    comment.value = this.comment;
    comment.addEventListener('input', () => {
      this.comment = comment.value;
    });
    const submit = h(
      'button',
      { type: 'submit', class: 'primary', 'data-testid': 'kefu-csat-submit', disabled: s.csat === 'sending' || this.rating === 0 },
      t('csat.submit'),
    );
    const form = h('form', { 'data-testid': 'kefu-csat' }, h('h4', {}, t('csat.title')), stars, comment, submit);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (this.rating > 0) this.a.rate(this.rating, this.comment);
    });
    return form;
  }

  private choose(n: number, s: Snapshot): void {
    this.rating = n;
    this.update(s);
    this.el.querySelector<HTMLElement>(`[data-testid="kefu-csat-star-${n}"]`)?.focus();
  }
}
