import { describe, expect, it } from 'vitest';
import { commandFor, composerKey, type KeyInput } from './shortcuts.js';

const key = (k: Partial<KeyInput>): KeyInput => ({
  key: '',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  inField: false,
  ...k,
});

describe('workspace shortcuts', () => {
  it('should map Alt+letters by physical key, so Option+A on a Mac ("å") still accepts', () => {
    expect(commandFor(key({ key: 'å', code: 'KeyA', altKey: true }))).toEqual({ cmd: 'accept' });
    expect(commandFor(key({ key: 'r', code: 'KeyR', altKey: true, inField: true }))).toEqual({ cmd: 'reject' });
    expect(commandFor(key({ key: 'a', code: 'KeyA', altKey: true, ctrlKey: true }))).toBeNull();
    expect(commandFor(key({ key: 'a', code: 'KeyA' }))).toBeNull();
  });

  it('should switch chats with Alt+arrows and Alt+digits', () => {
    expect(commandFor(key({ key: 'ArrowDown', altKey: true }))).toEqual({ cmd: 'nextChat' });
    expect(commandFor(key({ key: 'ArrowUp', altKey: true }))).toEqual({ cmd: 'prevChat' });
    expect(commandFor(key({ key: '3', code: 'Digit3', altKey: true }))).toEqual({ cmd: 'gotoChat', index: 2 });
  });

  it('should open help with "?" only outside text fields', () => {
    expect(commandFor(key({ key: '?', shiftKey: true }))).toEqual({ cmd: 'help' });
    expect(commandFor(key({ key: '?', shiftKey: true, inField: true }))).toBeNull();
  });

  it('should send on Enter and Ctrl+Enter, keep Shift+Enter for a new line, and leave IME Enter alone', () => {
    expect(composerKey(key({ key: 'Enter' }), false, false)).toBe('send');
    expect(composerKey(key({ key: 'Enter', ctrlKey: true }), false, false)).toBe('send');
    expect(composerKey(key({ key: 'Enter', shiftKey: true }), false, false)).toBeNull();
    expect(composerKey(key({ key: 'Enter' }), false, true)).toBeNull();
  });

  it('should drive the canned picker while it is open', () => {
    expect(composerKey(key({ key: 'ArrowDown' }), true, false)).toBe('pickerDown');
    expect(composerKey(key({ key: 'Enter' }), true, false)).toBe('pickerPick');
    expect(composerKey(key({ key: 'Tab' }), true, false)).toBe('pickerPick');
    expect(composerKey(key({ key: 'Escape' }), true, false)).toBe('pickerClose');
    expect(composerKey(key({ key: 'ArrowDown' }), false, false)).toBeNull();
  });
});
