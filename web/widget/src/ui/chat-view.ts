/**
 * The conversation screen: the queue card while waiting, the log, the agent's typing indicator,
 * the end card once it is over, and the composer. Keeps the log pinned to the newest message
 * unless the visitor has scrolled up to read.
 */
import { ENDED_STATES, WAITING_STATES } from '../core/conversation.js';
import { formatWait } from '../core/format.js';
import { Composer } from './composer.js';
import { h, setText } from './dom.js';
import { EndCard } from './end-card.js';
import { icon } from './icons.js';
import { MessageList } from './message-list.js';
import type { Actions, Snapshot, View } from './view-model.js';

export class ChatView implements View {
  readonly el: HTMLElement;
  private readonly waiting: HTMLElement;
  private readonly position: HTMLElement;
  private readonly eta: HTMLElement;
  private readonly hint: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly list: MessageList;
  private readonly typing: HTMLElement;
  private readonly typingText: HTMLElement;
  private readonly end: EndCard;
  private readonly uploading: HTMLElement;
  readonly composer: Composer;
  private lastPending = -1;
  /** Whether the log follows new messages: true until the visitor scrolls up, again once back at the end. */
  private stick = true;

  constructor(private readonly a: Actions) {
    this.position = h('strong', { 'data-testid': 'kefu-position' });
    this.eta = h('p', { 'data-testid': 'kefu-eta' });
    this.hint = h('p', { class: 'hint' });
    this.waiting = h(
      'div',
      { class: 'waiting', role: 'status', 'aria-live': 'polite', 'data-testid': 'kefu-waiting', hidden: true },
      h('div', { class: 'ico' }, icon('people')),
      h('div', {}, this.position, this.eta, this.hint),
    );
    this.list = new MessageList(a);
    this.typingText = h('span', {});
    this.typing = h(
      'div',
      { class: 'typing', 'data-testid': 'kefu-typing', hidden: true },
      h('span', { class: 'dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')),
      this.typingText,
    );
    this.end = new EndCard(a);
    this.scroller = h('div', { class: 'scroll' }, this.list.el, this.typing, this.end.el);
    this.uploading = h('div', { class: 'uploading', role: 'status', hidden: true });
    this.composer = new Composer(a);
    this.el = h('div', { class: 'body' }, this.waiting, this.scroller, this.uploading, this.composer.el);
    this.scroller.addEventListener('scroll', () => {
      this.stick = this.nearBottom();
      if (this.stick) this.a.seen();
    });
    // Banners, loaded images and the typing row change sizes without a scroll event.
    if (typeof ResizeObserver === 'function') {
      const follow = new ResizeObserver(() => {
        if (this.stick) this.scrollToEnd();
      });
      follow.observe(this.scroller);
      follow.observe(this.list.el);
    }
  }

  update(s: Snapshot): void {
    const c = s.conversation;
    const state = c.contact?.state ?? 'queued';
    // While waiting, always say so; the position and estimate show when the server knows them.
    const waiting = WAITING_STATES.has(state);
    this.waiting.hidden = !waiting;
    if (waiting) {
      const w = state === 'offered' ? null : c.wait;
      setText(
        this.position,
        !w ? this.a.t('wait.connecting') : w.position <= 1 ? this.a.t('wait.next') : this.a.t('wait.position', { n: w.position }),
      );
      this.eta.hidden = !w;
      setText(this.eta, w ? this.a.t('wait.eta', { time: formatWait(w.estimatedWaitMs, s.locale) }) : '');
      setText(this.hint, this.a.t('wait.hint'));
    }
    this.list.update(s);
    const ended = ENDED_STATES.has(state);
    this.typing.hidden = !c.agentTyping || ended;
    const agent = c.contact?.agentName;
    setText(this.typingText, agent ? this.a.t('chat.typing', { name: agent }) : this.a.t('chat.typingAnon'));
    this.end.el.hidden = !ended;
    if (ended) this.end.update(s);
    this.composer.el.hidden = ended;
    this.composer.update(s);
    this.uploading.hidden = !s.uploading;
    setText(this.uploading, this.a.t('attach.uploading'));
    // Follow the conversation when the visitor is at the end or has just sent something; leave
    // them where they are when they scrolled up to read.
    if (c.pending.length > this.lastPending) this.stick = true;
    if (this.stick) this.scrollToEnd();
    this.lastPending = c.pending.length;
  }

  focus(): void {
    if (!this.composer.el.hidden) this.composer.focus();
    else this.end.el.querySelector<HTMLElement>('button, a')?.focus();
    this.scrollToEnd();
  }

  private nearBottom(): boolean {
    const el = this.scroller;
    return el.scrollHeight - el.scrollTop - el.clientHeight < 60;
  }

  private scrollToEnd(): void {
    this.stick = true;
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}
