/**
 * The widget's state and the actions on it. Conversation changes go through the pure reducer
 * (core/conversation.ts); this class adds the I/O around it: the HTTP calls, the socket, storage,
 * and re-sending unacknowledged messages after every welcome. Views read a Snapshot and call back.
 */
import { checkFile, contentTypeOf } from './core/attachments.js';
import { type ChatEvent, type Conversation, emptyConversation, reduce } from './core/conversation.js';
import { type Embed, readIdentity } from './core/embed.js';
import { type Locale, otherLocale, type StringKey, translate, type Vars } from './core/i18n.js';
import type { Persisted, Session } from './core/persisted.js';
import { buildStartRequest, type PrechatValues, type WidgetConfig } from './core/prechat.js';
import { type Attachment, frameBytes, MAX_FRAME_BYTES } from './core/protocol.js';
import { type WidgetApi, WidgetApiError } from './io/api.js';
import { saveBlob } from './io/files.js';
import type { LinkStatus } from './io/socket.js';
import type { WidgetStorage } from './io/storage.js';
import { Messenger } from './messenger.js';
import { MAX_MESSAGE_CHARS } from './ui/composer.js';
import type { Actions, Banner, Phase, Snapshot } from './ui/view-model.js';

const toDataUrl = (b: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => (typeof r.result === 'string' ? resolve(r.result) : reject(new Error('unreadable')));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(b);
  });

export class Controller implements Actions {
  private locale: Locale;
  private open = false;
  private phase: Phase = 'loading';
  private config: WidgetConfig | null = null;
  private link: LinkStatus | 'idle' = 'idle';
  private conv: Conversation;
  private session: Session | null;
  private csat: Snapshot['csat'];
  private banner: Banner | null = null;
  private uploading = false;
  private submitting = false;
  private readonly messenger: Messenger;
  private readonly images = new Map<string, Promise<string>>();
  private renderQueued = false;
  private persistQueued = false;
  private bannerTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly embed: Embed,
    private readonly api: WidgetApi,
    private readonly storage: WidgetStorage,
    initial: Persisted,
    locale: Locale,
    /** Draws a snapshot; set by the mount once the views exist. */
    public onRender: (s: Snapshot, focus: boolean) => void = () => {},
  ) {
    this.locale = locale;
    this.session = initial.session;
    this.conv = initial.conversation;
    this.csat = initial.csatDone ? 'done' : 'idle';
    if (this.session) this.phase = 'chat';
    this.messenger = new Messenger(embed.origin, {
      conversation: () => this.conv,
      dispatch: (e) => this.dispatch(e),
      onStatus: (st) => {
        this.link = st;
        this.render();
      },
      onRejected: () => {
        this.restart();
        this.setBanner('error.sessionLost');
      },
      onRateLimited: () => this.setBanner('error.rateLimited', undefined, 'info'),
      isWatching: () => this.open && document.visibilityState !== 'hidden' && this.phase === 'chat',
    });
  }

  start(): void {
    // Messages that arrived while the tab was in the background count as read once it is back.
    document.addEventListener('visibilitychange', () => this.seen());
    this.reloadConfig();
    if (this.session) this.messenger.connect(this.session);
    this.render();
  }

  readonly t = (key: StringKey, vars?: Vars): string => translate(this.locale, key, vars);

  snapshot(): Snapshot {
    return {
      locale: this.locale,
      open: this.open,
      phase: this.phase,
      config: this.config,
      link: this.link,
      conversation: this.conv,
      csat: this.csat,
      banner: this.banner,
      uploading: this.uploading,
      submitting: this.submitting,
      prefill: this.embed.prefill,
      verified: this.identity() !== null,
    };
  }

  // ---- panel ----

  toggle(): void {
    if (this.open) this.close();
    else this.show();
  }

  show(): void {
    this.open = true;
    this.onRender(this.snapshot(), true);
    this.seen();
  }

  close(): void {
    this.open = false;
    this.render();
  }

  switchLocale(): void {
    this.locale = otherLocale(this.locale);
    this.persist();
    this.render();
  }

  reloadConfig(): void {
    this.api
      .config()
      .then((c) => {
        this.config = c;
        if (this.phase === 'loading' || this.phase === 'unavailable') this.phase = 'prechat';
        if (this.phase === 'prechat' && c.identityRequired && !this.embed.identity) this.fail('unavailable', 'error.identity');
        this.render();
      })
      .catch(() => {
        if (this.phase !== 'chat') this.fail('unavailable', 'error.unavailable');
      });
  }

  // ---- starting and ending ----

  /** Read again at start: a host page may set kefuSettings after the async script ran. */
  private identity() {
    return readIdentity(window.kefuSettings) ?? this.embed.identity;
  }

  startChat(values: PrechatValues): void {
    const config = this.config;
    if (!config || this.submitting) return;
    this.submitting = true;
    this.banner = null;
    this.render();
    this.api
      .start(buildStartRequest(config, values, this.locale, this.identity()))
      .then((r) => {
        this.session = { token: r.token, contactId: r.contactId };
        this.conv = { ...emptyConversation, contact: { id: r.contactId, state: r.state, agentName: null }, wait: r.wait };
        this.csat = 'idle';
        this.phase = 'chat';
        this.submitting = false;
        this.persist();
        this.messenger.connect(this.session);
        this.onRender(this.snapshot(), true);
      })
      .catch((e: unknown) => {
        this.submitting = false;
        const code = e instanceof WidgetApiError ? e.code : '';
        this.setBanner(code === 'IDENTITY_INVALID' ? 'error.identity' : code === 'RATE_LIMITED' ? 'error.rateLimited' : 'error.generic');
      });
  }

  restart(): void {
    this.messenger.stop();
    this.session = null;
    this.conv = emptyConversation;
    this.csat = 'idle';
    this.link = 'idle';
    this.banner = null;
    this.phase = this.config ? 'prechat' : 'loading';
    this.persist();
    this.onRender(this.snapshot(), true);
    if (!this.config) this.reloadConfig();
  }

  rate(rating: number, comment: string): void {
    const s = this.session;
    if (!s || this.csat !== 'idle') return;
    this.csat = 'sending';
    this.render();
    this.api
      .rate(s.token, s.contactId, rating, comment)
      .then(() => this.rated())
      .catch((e: unknown) => {
        if (e instanceof WidgetApiError && e.code === 'CONFLICT') return this.rated();
        this.csat = 'idle';
        this.setBanner('error.generic');
      });
  }

  transcript(): void {
    const s = this.session;
    if (!s) return;
    this.api
      .transcript(s.token, s.contactId)
      .then((blob) => saveBlob(blob, `transcript-${s.contactId}.txt`))
      .catch(() => this.setBanner('error.generic'));
  }

  // ---- messages ----

  send(text: string): boolean {
    const body = text.replace(/^\s*\n|\s+$/g, '');
    if (!this.session || body.trim() === '') return false;
    if (
      body.length > MAX_MESSAGE_CHARS ||
      frameBytes({ t: 'send', clientId: 'cw_000000000000000000000000', body }) > MAX_FRAME_BYTES - 256
    ) {
      this.setBanner('composer.tooLong', { n: MAX_MESSAGE_CHARS });
      return false;
    }
    this.messenger.send(body, null);
    return true;
  }

  attach(file: File): void {
    const s = this.session;
    if (!s || this.uploading) return;
    const problem = checkFile(file);
    const type = contentTypeOf(file.name, file.type);
    if (problem || !type) {
      const key: StringKey = problem === 'tooBig' ? 'attach.tooBig' : problem === 'empty' ? 'attach.empty' : 'attach.badType';
      this.setBanner(key, { size: '5 MB' });
      return;
    }
    this.uploading = true;
    this.banner = null;
    this.render();
    this.api
      .upload(s.token, s.contactId, file, file.name, type)
      .then((a) => {
        this.uploading = false;
        this.messenger.send(a.fileName, a);
      })
      .catch((e: unknown) => {
        this.uploading = false;
        const code = e instanceof WidgetApiError ? e.code : '';
        this.setBanner(
          code === 'ATTACHMENT_TOO_LARGE' || code === 'PAYLOAD_TOO_LARGE'
            ? 'attach.tooBig'
            : code === 'ATTACHMENT_TYPE_REFUSED' || code === 'UNSUPPORTED_MEDIA_TYPE'
              ? 'attach.badType'
              : 'attach.failed',
          { size: '5 MB' },
        );
      });
  }

  retry(clientId: string): void {
    this.messenger.retry(clientId);
  }

  discard(clientId: string): void {
    this.dispatch({ t: 'discard', clientId });
  }

  typing(hasText: boolean): void {
    this.messenger.typing(hasText);
  }

  seen(): void {
    if (this.open && document.visibilityState !== 'hidden' && this.phase === 'chat') this.messenger.seen();
  }

  openAttachment(a: Attachment): void {
    const s = this.session;
    if (!s) return;
    this.api
      .attachment(s.token, s.contactId, a.id)
      .then((blob) => saveBlob(blob, a.fileName))
      .catch(() => this.setBanner('error.generic'));
  }

  imageUrl(a: Attachment): Promise<string> {
    const s = this.session;
    if (!s) return Promise.reject(new Error('no conversation'));
    let url = this.images.get(a.id);
    if (!url) {
      // A data: URL, not blob:: pages with a strict CSP (kefu's own demo among them) allow img-src data:.
      url = this.api.attachment(s.token, s.contactId, a.id).then(toDataUrl);
      this.images.set(a.id, url);
    }
    return url;
  }

  /** Test hook: close the socket as a network drop would. */
  dropConnection(): void {
    this.messenger.drop();
  }

  // ---- internals ----

  private rated(): void {
    this.csat = 'done';
    this.persist();
    this.render();
  }

  private dispatch(e: ChatEvent): void {
    const next = reduce(this.conv, e);
    if (next === this.conv) return;
    this.conv = next;
    this.persist();
    this.render();
  }

  private fail(phase: Phase, key: StringKey): void {
    this.phase = phase;
    this.setBanner(key);
  }

  private setBanner(key: StringKey, vars?: Vars, tone: Banner['tone'] = 'error'): void {
    this.banner = vars ? { key, vars, tone } : { key, tone };
    if (this.bannerTimer) clearTimeout(this.bannerTimer);
    // Passing problems (a refused file, a rate limit) fade; a dead widget keeps saying why.
    this.bannerTimer =
      this.phase === 'unavailable'
        ? null
        : setTimeout(() => {
            this.banner = null;
            this.render();
          }, 8_000);
    this.render();
  }

  /** Coalesced like render; the microtask runs long before any reload could intervene. */
  private persist(): void {
    if (this.persistQueued) return;
    this.persistQueued = true;
    queueMicrotask(() => {
      this.persistQueued = false;
      this.storage.save({ session: this.session, conversation: this.conv, csatDone: this.csat === 'done', locale: this.locale });
    });
  }

  /** Coalesced: a replay of many frames draws once. */
  private render(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      this.onRender(this.snapshot(), false);
    });
  }
}
