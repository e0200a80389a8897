/**
 * The conversation's live side: one VisitorSocket, the outgoing queue and the small signals
 * (typing, read). After every welcome it re-sends each unacknowledged message with its clientId
 * (the server stores a clientId once), so a drop or reload loses nothing and duplicates nothing.
 */
import type { ChatEvent, Conversation } from './core/conversation.js';
import { socketUrl } from './core/embed.js';
import { isTransientError, nextToSend, type PendingMessage } from './core/pending.js';
import type { Session } from './core/persisted.js';
import type { Attachment, ClientFrame, ServerFrame } from './core/protocol.js';
import { initialTyping, onKeystroke, onStop, TYPING_IDLE_MS } from './core/typing.js';
import { randomId } from './io/files.js';
import { type LinkStatus, VisitorSocket } from './io/socket.js';

const RESEND_AFTER_REFUSAL_MS = 2_000;

export interface MessengerHooks {
  conversation(): Conversation;
  dispatch(e: ChatEvent): void;
  onStatus(s: LinkStatus): void;
  /** The token no longer opens the conversation (expired, or the site is not allowed). */
  onRejected(code: string): void;
  onRateLimited(): void;
  /** The panel is open and the tab visible: new messages count as seen. */
  isWatching(): boolean;
}

const sendFrame = (p: PendingMessage): ClientFrame =>
  p.attachment
    ? { t: 'send', clientId: p.clientId, body: p.body, attachmentId: p.attachment.id }
    : { t: 'send', clientId: p.clientId, body: p.body };

export class Messenger {
  private socket: VisitorSocket | null = null;
  private typingState = initialTyping;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private sentReadSeq = 0;
  /** clientIds sent on the current connection and not yet answered. */
  private readonly inFlight = new Set<string>();
  private resendTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly origin: string,
    private readonly hooks: MessengerHooks,
  ) {}

  connect(session: Session): void {
    this.stop();
    this.sentReadSeq = 0;
    const socket = new VisitorSocket(socketUrl(this.origin, '/ws/visitor'), session.token, () => this.hooks.conversation().lastSeq, {
      onFrame: (f) => this.onFrame(f),
      onStatus: (s) => {
        // Whatever was on the wire of a lost connection is sent again after the next welcome.
        if (s !== 'open') this.inFlight.clear();
        this.hooks.onStatus(s);
      },
      onRejected: (code) => this.hooks.onRejected(code),
    });
    this.socket = socket;
    socket.start();
  }

  stop(): void {
    this.clearTyping();
    if (this.resendTimer) clearTimeout(this.resendTimer);
    this.resendTimer = null;
    this.inFlight.clear();
    this.socket?.stop();
    this.socket = null;
  }

  /** Queues a message and sends it now if connected; otherwise the next welcome sends it. */
  send(body: string, attachment: Attachment | null): void {
    this.stopTyping();
    const message: PendingMessage = { clientId: randomId('cw_'), body, attachment, createdAt: Date.now(), failed: null };
    this.hooks.dispatch({ t: 'queue', message });
    this.flushPending();
  }

  retry(clientId: string): void {
    this.hooks.dispatch({ t: 'retry', clientId });
    this.flushPending();
  }

  typing(hasText: boolean): void {
    const r = onKeystroke(this.typingState, Date.now(), hasText);
    this.typingState = r.state;
    if (r.send !== null) this.socket?.send({ t: 'typing', on: r.send });
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = hasText ? setTimeout(() => this.stopTyping(), TYPING_IDLE_MS) : null;
  }

  /** Marks everything received as seen and tells the agent, once per new high-water mark. */
  seen(): void {
    this.hooks.dispatch({ t: 'seen' });
    this.sendRead();
  }

  private sendRead(): void {
    const seq = this.hooks.conversation().seenSeq;
    if (seq > this.sentReadSeq && this.socket?.send({ t: 'read', seq })) this.sentReadSeq = seq;
  }

  /** Test hook: close the socket as a network drop would. */
  drop(): void {
    this.socket?.drop();
  }

  private onFrame(f: ServerFrame): void {
    this.hooks.dispatch({ t: 'frame', frame: f });
    switch (f.t) {
      case 'welcome':
        this.inFlight.clear();
        this.flushPending();
        if (this.hooks.isWatching()) this.seen();
        else this.sendRead();
        return;
      case 'ack':
        this.answered(f.clientId);
        return;
      case 'msg':
        if (f.clientId) this.answered(f.clientId);
        if (this.hooks.isWatching()) this.seen();
        return;
      case 'error':
        if (f.ref) this.inFlight.delete(f.ref);
        if (isTransientError(f.code)) this.scheduleResend();
        else if (f.ref) this.flushPending();
        if (f.code === 'RATE_LIMITED') this.hooks.onRateLimited();
        return;
      default:
        return;
    }
  }

  private answered(clientId: string): void {
    if (this.inFlight.delete(clientId)) this.flushPending();
  }

  /** A refused send stays queued; one retry shortly, however many refusals came in. */
  private scheduleResend(): void {
    if (this.resendTimer) return;
    this.resendTimer = setTimeout(() => {
      this.resendTimer = null;
      this.flushPending();
    }, RESEND_AFTER_REFUSAL_MS);
  }

  private flushPending(): void {
    for (const p of nextToSend(this.hooks.conversation().pending, this.inFlight)) {
      if (!this.socket?.send(sendFrame(p))) return;
      this.inFlight.add(p.clientId);
    }
  }

  private stopTyping(): void {
    this.clearTyping();
    const r = onStop(this.typingState, Date.now());
    this.typingState = r.state;
    if (r.send !== null) this.socket?.send({ t: 'typing', on: r.send });
  }

  private clearTyping(): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = null;
  }
}
