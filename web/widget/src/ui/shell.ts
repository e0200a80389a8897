/**
 * The frame around the screens: the floating launcher (with an unread badge) and the panel with
 * its header (company, live status, language switch, minimise). Esc inside the panel closes it and
 * gives focus back to the launcher.
 */
import { ENDED_STATES, unreadCount, WAITING_STATES } from '../core/conversation.js';
import { initials } from '../core/format.js';
import { h, setAttrs, setText } from './dom.js';
import { icon } from './icons.js';
import type { Actions, Snapshot } from './view-model.js';

type Tone = 'ok' | 'wait' | 'bad' | 'idle';

export class Shell {
  readonly root: HTMLElement;
  readonly launcher: HTMLButtonElement;
  readonly panel: HTMLElement;
  readonly body: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;
  private readonly statusText: HTMLElement;
  private readonly dot: HTMLElement;
  private readonly avatar: HTMLElement;
  private readonly lang: HTMLButtonElement;
  private readonly minimise: HTMLButtonElement;
  readonly banner: HTMLElement;
  private readonly footer: HTMLElement;
  private wasOpen = false;

  constructor(private readonly a: Actions) {
    this.badge = h('span', { class: 'badge', 'data-testid': 'kefu-unread', hidden: true });
    this.launcher = h('button', {
      type: 'button',
      class: 'launcher',
      'data-testid': 'kefu-launcher',
      'aria-controls': 'kefu-panel',
      'aria-expanded': 'false',
    });
    this.launcher.addEventListener('click', () => a.toggle());
    this.title = h('h2', { class: 'title', id: 'kefu-title' });
    this.dot = h('span', { class: 'dot', 'aria-hidden': 'true' });
    this.statusText = h('span', {});
    this.status = h(
      'p',
      { class: 'status', 'data-testid': 'kefu-status', role: 'status', 'aria-live': 'polite' },
      this.dot,
      this.statusText,
    );
    this.avatar = h('div', { class: 'avatar', 'aria-hidden': 'true' });
    this.lang = h('button', { type: 'button', class: 'hbtn', 'data-testid': 'kefu-lang' });
    this.lang.addEventListener('click', () => a.switchLocale());
    this.minimise = h('button', { type: 'button', class: 'hbtn', 'data-testid': 'kefu-close' }, icon('chevronDown'));
    this.minimise.addEventListener('click', () => a.close());
    const header = h(
      'header',
      { class: 'header' },
      this.avatar,
      h('div', { class: 'titles' }, this.title, this.status),
      this.lang,
      this.minimise,
    );
    this.banner = h('div', { class: 'banner', role: 'alert', 'data-testid': 'kefu-banner', hidden: true });
    this.body = h('div', { class: 'body' });
    this.footer = h('div', { class: 'footer' });
    this.panel = h(
      'section',
      { class: 'panel', id: 'kefu-panel', role: 'dialog', 'aria-labelledby': 'kefu-title', 'data-testid': 'kefu-panel', hidden: true },
      header,
      this.banner,
      this.body,
      this.footer,
    );
    this.panel.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      a.close();
    });
    this.root = h('div', { class: 'root' }, this.panel, this.launcher);
  }

  update(s: Snapshot): void {
    const t = this.a.t;
    // Focus goes back to the launcher only if it was in the panel: a host page closing the widget
    // by script must not have its own focus taken away.
    const root = this.root.getRootNode();
    const focusInPanel = root instanceof ShadowRoot && root.activeElement !== null && this.panel.contains(root.activeElement);
    setAttrs(this.root, { lang: s.locale, 'data-open': s.open ? 'true' : 'false' });
    this.panel.hidden = !s.open;
    this.launcher.setAttribute('aria-expanded', String(s.open));
    this.launcher.setAttribute('aria-label', t(s.open ? 'launcher.close' : 'launcher.open'));
    if (this.wasOpen !== s.open || this.launcher.childElementCount === 0)
      this.launcher.replaceChildren(icon(s.open ? 'close' : 'chat'), this.badge);
    const unread = s.open ? 0 : unreadCount(s.conversation);
    this.badge.hidden = unread === 0;
    setText(this.badge, unread > 9 ? '9+' : String(unread));
    if (unread > 0) this.launcher.setAttribute('aria-label', `${t('launcher.open')} (${t('launcher.unread', { n: unread })})`);
    const company = s.config?.name ?? '';
    setText(this.title, company);
    this.panel.setAttribute('aria-label', t('panel.label', { name: company }));
    const agent = s.conversation.contact?.agentName ?? null;
    this.avatar.replaceChildren(agent && s.phase === 'chat' ? initials(agent) : icon('headset'));
    const [tone, text] = this.statusLine(s);
    this.dot.setAttribute('data-tone', tone);
    setText(this.statusText, text);
    this.status.setAttribute('data-state', s.conversation.contact?.state ?? s.phase);
    setText(this.lang, t('lang.other'));
    setAttrs(this.lang, { 'aria-label': t('lang.switch'), title: t('lang.switch'), lang: s.locale === 'en' ? 'zh-CN' : 'en' });
    this.minimise.setAttribute('aria-label', t('panel.minimise'));
    this.minimise.title = t('panel.minimise');
    this.banner.hidden = s.banner === null || s.phase === 'unavailable';
    if (s.banner) {
      this.banner.setAttribute('data-tone', s.banner.tone);
      setText(this.banner, t(s.banner.key, s.banner.vars));
    }
    setText(this.footer, t('poweredBy'));
    if (this.wasOpen && !s.open && focusInPanel) this.launcher.focus();
    this.wasOpen = s.open;
  }

  private statusLine(s: Snapshot): [Tone, string] {
    const t = this.a.t;
    const c = s.conversation.contact;
    if (s.phase !== 'chat' || !c) return ['ok', t('status.welcome')];
    if (ENDED_STATES.has(c.state)) return ['idle', t('status.ended')];
    if (s.link === 'offline') return ['bad', t('status.offline')];
    if (s.link === 'connecting') return ['wait', t('status.connecting')];
    if (WAITING_STATES.has(c.state)) return ['wait', t('status.waiting')];
    return ['ok', c.agentName ? t('status.withAgent', { name: c.agentName }) : t('status.withAgentAnon')];
  }
}
