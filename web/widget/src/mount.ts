/**
 * Puts the widget on the host page: one host element with an open shadow root (open so browser
 * tests can reach inside), the styles adopted into it, and the screens switched by phase.
 */
import type { Controller } from './controller.js';
import { ChatView } from './ui/chat-view.js';
import { h } from './ui/dom.js';
import { PrechatView } from './ui/prechat-view.js';
import { Shell } from './ui/shell.js';
import { CSS } from './ui/styles.js';
import type { Phase, Snapshot } from './ui/view-model.js';

const adoptStyles = (root: ShadowRoot): void => {
  // A constructed sheet is not subject to the host page's style-src CSP; <style> is the fallback.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.appendChild(h('style', {}, CSS));
  }
};

export const mountWidget = (c: Controller): HTMLElement => {
  const host = h('div', { 'data-kefu-widget': '' });
  // The host box itself takes no room and ignores the page's styles for divs.
  host.style.cssText = 'all: initial; position: static; display: block; width: 0; height: 0;';
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow);
  const shell = new Shell(c);
  let prechat = new PrechatView(c);
  let chat: ChatView | null = null;
  const loading = h('div', { class: 'center', 'aria-busy': 'true' }, h('div', { class: 'spinner' }));
  let shown: Phase | null = null;
  let shownSession = '';

  c.onRender = (s: Snapshot, focus: boolean) => {
    shell.update(s);
    const session = s.conversation.contact?.id ?? '';
    if (shown !== s.phase || (s.phase === 'chat' && session !== shownSession)) {
      // A new conversation gets fresh screens: nothing typed or rated before carries over.
      if (s.phase === 'prechat' && shown === 'chat') prechat = new PrechatView(c);
      if (s.phase === 'chat') chat = new ChatView(c);
      shell.body.replaceChildren(
        s.phase === 'chat' && chat ? chat.el : s.phase === 'prechat' ? prechat.el : s.phase === 'loading' ? loading : unavailable(c, s),
      );
      shown = s.phase;
      shownSession = session;
    }
    if (s.phase === 'unavailable') shell.body.replaceChildren(unavailable(c, s));
    if (s.phase === 'prechat') prechat.update(s);
    if (s.phase === 'chat') chat?.update(s);
    if (focus && s.open) {
      if (s.phase === 'chat') chat?.focus();
      else if (s.phase === 'prechat') prechat.focus();
      else shell.panel.querySelector<HTMLElement>('button')?.focus();
    }
  };
  shadow.appendChild(shell.root);
  return host;
};

/** The reason (no configuration, identity required) in place of the form, with a way to retry. */
const unavailable = (c: Controller, s: Snapshot): HTMLElement => {
  const retry = h('button', { type: 'button', class: 'secondary', 'data-testid': 'kefu-retry-config' }, c.t('error.retry'));
  retry.addEventListener('click', () => c.reloadConfig());
  return h(
    'div',
    { class: 'center', 'data-testid': 'kefu-unavailable' },
    h('div', {}, h('p', {}, c.t(s.banner?.key ?? 'error.unavailable')), retry),
  );
};
