/**
 * When to tell the agent the visitor is typing: `on` at the first keystroke and again at most every
 * few seconds while typing continues (so the agent's indicator does not time out), `off` after a pause
 * or when the message is sent. Times come in as parameters.
 */
export interface TypingState {
  readonly on: boolean;
  readonly lastSentAt: number;
}

export const TYPING_REFRESH_MS = 3_000;
export const TYPING_IDLE_MS = 4_000;

export const initialTyping: TypingState = { on: false, lastSentAt: 0 };

/** A keystroke at `now`: returns the next state and whether a `typing on` frame should go out. */
export const onKeystroke = (s: TypingState, now: number, hasText: boolean): { state: TypingState; send: boolean | null } => {
  if (!hasText) return s.on ? { state: { on: false, lastSentAt: now }, send: false } : { state: s, send: null };
  if (!s.on || now - s.lastSentAt >= TYPING_REFRESH_MS) return { state: { on: true, lastSentAt: now }, send: true };
  return { state: s, send: null };
};

/** The visitor paused or sent: a `typing off` frame goes out if the agent was told `on`. */
export const onStop = (s: TypingState, now: number): { state: TypingState; send: boolean | null } =>
  s.on ? { state: { on: false, lastSentAt: now }, send: false } : { state: s, send: null };
