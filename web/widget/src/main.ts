/**
 * Entry of /widget.js. Embedding:
 *   <script src="https://kefu.example/widget.js" data-kefu-key="kfw_..." data-locale="zh-CN" async></script>
 * The script reads its own tag (document.currentScript, found while the script runs), mounts the
 * widget once the body exists, and exposes a small handle on window.kefuWidget.
 */
import { Controller } from './controller.js';
import { type Embed, readEmbed } from './core/embed.js';
import { pickLocale } from './core/i18n.js';
import { createApi } from './io/api.js';
import { createStorage } from './io/storage.js';
import { mountWidget } from './mount.js';

export interface KefuWidgetHandle {
  open(): void;
  close(): void;
  /** A plain-data view of the widget's state, for tests and host pages. */
  state(): Record<string, unknown>;
  /** Closes the socket as a network drop would; the widget reconnects by itself. */
  dropConnection(): void;
}

declare global {
  interface Window {
    kefuWidget?: KefuWidgetHandle;
    kefuSettings?: unknown;
  }
}

const findTag = (): HTMLScriptElement | null => {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.kefuKey !== undefined) return current;
  // Loaded as a module or injected late: fall back to the first tag that carries a key.
  return document.querySelector<HTMLScriptElement>('script[data-kefu-key]');
};

const stateOf = (c: Controller): Record<string, unknown> => {
  const s = c.snapshot();
  const v = s.conversation;
  return {
    open: s.open,
    phase: s.phase,
    locale: s.locale,
    link: s.link,
    contactId: v.contact?.id ?? null,
    contactState: v.contact?.state ?? null,
    agentName: v.contact?.agentName ?? null,
    wait: v.wait,
    lastSeq: v.lastSeq,
    seenSeq: v.seenSeq,
    agentReadSeq: v.agentReadSeq,
    agentTyping: v.agentTyping,
    messages: v.messages.map((m) => ({ seq: m.seq, clientId: m.clientId, author: m.author.kind, body: m.body, attachment: m.attachment })),
    pending: v.pending.map((p) => ({ clientId: p.clientId, body: p.body, failed: p.failed })),
    csat: s.csat,
  };
};

const boot = (embed: Embed): void => {
  const storage = createStorage(embed.key);
  const persisted = storage.load();
  const locale = pickLocale(persisted.locale, embed.locale, navigator.language);
  const controller = new Controller(embed, createApi(embed.origin, embed.key), storage, persisted, locale);
  document.body.appendChild(mountWidget(controller));
  controller.start();
  window.kefuWidget = {
    open: () => controller.show(),
    close: () => controller.close(),
    state: () => stateOf(controller),
    dropConnection: () => controller.dropConnection(),
  };
};

const main = (): void => {
  if (window.kefuWidget) return; // the tag was included twice
  const tag = findTag();
  const embed = readEmbed(
    tag?.src ?? null,
    window.location.href,
    tag?.dataset.kefuKey ?? null,
    tag?.dataset.locale ?? null,
    window.kefuSettings,
  );
  if (!embed) {
    console.warn('[kefu] widget not started: the script tag needs data-kefu-key="<public key>"');
    return;
  }
  if (document.body) boot(embed);
  else document.addEventListener('DOMContentLoaded', () => boot(embed), { once: true });
};

main();
