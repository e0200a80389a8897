/**
 * The conversation log. Rows are keyed (see core/timeline.ts) and reused, so a bubble moving from
 * "sending" to "sent" to "read" only swaps its ticks. Every text goes in as textContent.
 */
import { isImage } from '../core/attachments.js';
import type { Notice } from '../core/conversation.js';
import { formatSize, initials } from '../core/format.js';
import type { StringKey } from '../core/i18n.js';
import type { Attachment } from '../core/protocol.js';
import { buildTimeline, type TimelineItem } from '../core/timeline.js';
import { h, setAttrs } from './dom.js';
import { icon } from './icons.js';
import { formatTime, isoTime } from './time.js';
import type { Actions, Snapshot } from './view-model.js';

type Status = 'sending' | 'failed' | 'sent' | 'read';

const NOTICE_KEYS: Record<Exclude<Notice['kind'], 'joined'>, StringKey> = {
  transferred: 'notice.transferred',
  ended: 'notice.ended',
  timedOut: 'notice.timedOut',
};

const STATUS_KEY: Record<Status, StringKey> = { sending: 'msg.sending', failed: 'msg.failed', sent: 'msg.sent', read: 'msg.read' };

const authorLabel = (a: Actions, kind: string, name: string | null): string => {
  if (name) return name;
  if (kind === 'bot') return a.t('chat.bot');
  if (kind === 'system') return a.t('chat.system');
  return a.t('chat.agent');
};

export class MessageList {
  readonly el: HTMLElement;
  private readonly rows = new Map<string, { el: HTMLElement; sig: string }>();
  private locale = '';

  constructor(private readonly a: Actions) {
    this.el = h('div', {
      class: 'log',
      role: 'log',
      'aria-live': 'polite',
      'aria-relevant': 'additions',
      'data-testid': 'kefu-messages',
      tabindex: '0',
    });
  }

  update(s: Snapshot): void {
    if (s.locale !== this.locale) {
      // Labels and times are language-bound: rebuild every row once.
      this.rows.clear();
      this.locale = s.locale;
    }
    const items = buildTimeline(s.conversation);
    const keep = new Set<string>();
    const nodes: HTMLElement[] = [];
    for (const item of items) {
      keep.add(item.key);
      const sig = signature(item);
      let row = this.rows.get(item.key);
      if (!row || row.sig !== sig) {
        row = { el: this.row(item, s), sig };
        this.rows.set(item.key, row);
      }
      nodes.push(row.el);
    }
    for (const k of [...this.rows.keys()]) if (!keep.has(k)) this.rows.delete(k);
    if (items.length === 0) nodes.push(h('p', { class: 'empty' }, this.a.t('chat.empty')));
    // replaceChildren moves existing nodes; unchanged rows keep their loaded images and focus.
    if (nodes.length !== this.el.children.length || nodes.some((n, i) => this.el.children[i] !== n)) this.el.replaceChildren(...nodes);
  }

  private row(item: TimelineItem, s: Snapshot): HTMLElement {
    if (item.kind === 'notice') {
      const n = item.notice;
      const text =
        n.kind === 'joined'
          ? n.name
            ? this.a.t('notice.joined', { name: n.name })
            : this.a.t('notice.joinedAnon')
          : this.a.t(NOTICE_KEYS[n.kind]);
      return h('div', { class: 'notice', role: 'status', 'data-testid': 'kefu-notice', 'data-kind': n.kind }, text);
    }
    if (item.kind === 'pending') {
      const p = item.pending;
      const status: Status = p.failed ? 'failed' : 'sending';
      return this.bubbleRow(
        {
          mine: true,
          continues: item.continues,
          body: p.body,
          attachment: p.attachment,
          at: p.createdAt,
          status,
          seq: null,
          clientId: p.clientId,
          author: 'customer',
          name: null,
        },
        s,
      );
    }
    const m = item.message;
    return this.bubbleRow(
      {
        mine: item.mine,
        continues: item.continues,
        body: m.body,
        attachment: m.attachment,
        at: m.at,
        status: item.delivery,
        seq: m.seq,
        clientId: m.clientId,
        author: m.author.kind,
        name: m.author.name,
      },
      s,
    );
  }

  private bubbleRow(
    r: {
      mine: boolean;
      continues: boolean;
      body: string;
      attachment: Attachment | null;
      at: number;
      status: Status | null;
      seq: number | null;
      clientId: string | null;
      author: string;
      name: string | null;
    },
    s: Snapshot,
  ): HTMLElement {
    const label = r.mine ? this.a.t('chat.you') : authorLabel(this.a, r.author, r.name);
    const cls = `row ${r.mine ? 'mine' : 'theirs'}${r.continues ? ' cont' : ''}${r.status === 'failed' ? ' failed' : ''}`;
    const row = h('div', {
      class: cls,
      'data-testid': 'kefu-message',
      'data-author': r.author,
      'data-seq': r.seq ?? '',
      'data-client-id': r.clientId ?? '',
    });
    if (!r.mine && !r.continues) {
      row.append(h('div', { class: 'who' }, label), h('div', { class: 'av', 'aria-hidden': 'true' }, initials(label)));
    }
    // The body is the author's own text: textContent only, white-space kept by CSS.
    const text = r.attachment && r.body === r.attachment.fileName ? null : h('p', { 'data-testid': 'kefu-message-text' }, r.body);
    row.append(
      h(
        'div',
        { class: 'bubble' },
        h('span', { class: 'sr-only' }, `${label}: `),
        text,
        r.attachment ? this.attachment(r.attachment, r.status === 'sending' || r.status === 'failed') : null,
      ),
    );
    const meta = h('div', { class: 'meta' }, h('time', { datetime: isoTime(r.at) }, formatTime(r.at, s.locale)));
    if (r.status) meta.append(this.ticks(r.status, r.clientId));
    row.append(meta);
    return row;
  }

  private ticks(status: Status, clientId: string | null): HTMLElement {
    const name = status === 'read' ? 'checks' : status === 'sent' ? 'check' : status === 'failed' ? 'alert' : 'clock';
    const el = h(
      'span',
      { class: 'ticks', 'data-testid': 'kefu-delivery', 'data-status': status, title: this.a.t(STATUS_KEY[status]) },
      icon(name),
      h('span', { class: 'sr-only' }, this.a.t(STATUS_KEY[status])),
    );
    if (status === 'failed' && clientId) {
      const retry = h('button', { type: 'button', class: 'linkbtn', 'data-testid': 'kefu-retry' }, this.a.t('msg.retry'));
      retry.addEventListener('click', () => this.a.retry(clientId));
      const discard = h('button', { type: 'button', class: 'linkbtn' }, this.a.t('msg.discard'));
      discard.addEventListener('click', () => this.a.discard(clientId));
      el.append(h('span', {}, this.a.t('msg.failed')), retry, discard);
    }
    return el;
  }

  private attachment(att: Attachment, local: boolean): HTMLElement {
    const label = this.a.t('attach.download', { name: att.fileName });
    if (isImage(att.contentType) && !local) {
      const img = h('img', { class: 'thumb', alt: att.fileName, loading: 'lazy' });
      this.a
        .imageUrl(att)
        .then((url) => setAttrs(img, { src: url }))
        .catch(() => setAttrs(img, { alt: `${att.fileName} (${formatSize(att.size)})` }));
      const btn = h(
        'button',
        { type: 'button', class: 'imgbtn', 'aria-label': label, title: label, 'data-testid': 'kefu-attachment' },
        img,
      );
      btn.addEventListener('click', () => this.a.openAttachment(att));
      return btn;
    }
    const btn = h(
      'button',
      { type: 'button', class: 'file', 'aria-label': label, title: label, 'data-testid': 'kefu-attachment' },
      icon('file'),
      h('span', {}, h('span', { class: 'fname' }, att.fileName), h('span', { class: 'fsize' }, formatSize(att.size))),
    );
    btn.addEventListener('click', () => this.a.openAttachment(att));
    return btn;
  }
}

/** What a row shows; when it changes the row is rebuilt. */
const signature = (item: TimelineItem): string => {
  if (item.kind === 'notice') return 'n';
  if (item.kind === 'pending') return `p|${item.pending.failed ?? ''}|${item.continues}`;
  return `m|${item.delivery ?? ''}|${item.continues}|${item.message.attachment?.id ?? ''}`;
};
