/** What every view reads (a snapshot of the controller) and the actions it may call. */
import type { Conversation } from '../core/conversation.js';
import type { Locale, StringKey, Vars } from '../core/i18n.js';
import type { PrechatValues, WidgetConfig } from '../core/prechat.js';
import type { Attachment } from '../core/protocol.js';
import type { LinkStatus } from '../io/socket.js';

export type Phase = 'loading' | 'unavailable' | 'prechat' | 'chat';

export interface Banner {
  readonly key: StringKey;
  readonly vars?: Vars;
  readonly tone: 'error' | 'info';
}

export interface Snapshot {
  readonly locale: Locale;
  readonly open: boolean;
  readonly phase: Phase;
  readonly config: WidgetConfig | null;
  readonly link: LinkStatus | 'idle';
  readonly conversation: Conversation;
  readonly csat: 'idle' | 'sending' | 'done';
  readonly banner: Banner | null;
  readonly uploading: boolean;
  readonly submitting: boolean;
  readonly prefill: { readonly name: string; readonly email: string };
  readonly verified: boolean;
}

export interface Actions {
  t(key: StringKey, vars?: Vars): string;
  toggle(): void;
  close(): void;
  switchLocale(): void;
  startChat(values: PrechatValues): void;
  send(text: string): boolean;
  retry(clientId: string): void;
  discard(clientId: string): void;
  attach(file: File): void;
  typing(hasText: boolean): void;
  rate(rating: number, comment: string): void;
  transcript(): void;
  openAttachment(a: Attachment): void;
  imageUrl(a: Attachment): Promise<string>;
  restart(): void;
  seen(): void;
  reloadConfig(): void;
}

export interface View {
  readonly el: HTMLElement;
  update(s: Snapshot): void;
}
