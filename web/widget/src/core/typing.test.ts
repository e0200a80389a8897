import { describe, expect, it } from 'vitest';
import { initialTyping, onKeystroke, onStop, TYPING_REFRESH_MS } from './typing.js';

describe('typing signals', () => {
  it('should send on at the first keystroke and not again until the refresh interval passed', () => {
    const a = onKeystroke(initialTyping, 1000, true);
    expect(a.send).toBe(true);
    const b = onKeystroke(a.state, 1000 + TYPING_REFRESH_MS - 1, true);
    expect(b.send).toBeNull();
    expect(onKeystroke(b.state, 1000 + TYPING_REFRESH_MS, true).send).toBe(true);
  });

  it('should send off once when the visitor stops or clears the input, and nothing if never on', () => {
    const on = onKeystroke(initialTyping, 0, true).state;
    const stopped = onStop(on, 10);
    expect(stopped.send).toBe(false);
    expect(onStop(stopped.state, 20).send).toBeNull();
    expect(onKeystroke(on, 5, false).send).toBe(false);
    expect(onKeystroke(initialTyping, 5, false).send).toBeNull();
  });
});
