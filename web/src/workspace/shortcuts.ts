/**
 * Keyboard shortcuts of the agent workspace, as data (the help popover lists the same table) and
 * as pure functions from a key press to a command. Letters are matched by `code` (the physical
 * key), because Option+A on a Mac types "å" and would never match the key "a".
 */
import type { MessageKey } from '../i18n/en.js';

export interface KeyInput {
  readonly key: string;
  readonly code: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  /** True when focus is in a text field, where plain keys belong to the text. */
  readonly inField: boolean;
}

type SimpleCommand = 'accept' | 'reject' | 'nextChat' | 'prevChat' | 'toggleNote' | 'transfer' | 'wrapUp' | 'focusComposer' | 'help';

export type Command = { readonly cmd: SimpleCommand } | { readonly cmd: 'gotoChat'; readonly index: number };

const ALT_LETTERS: Readonly<Record<string, SimpleCommand>> = {
  KeyA: 'accept',
  KeyR: 'reject',
  KeyN: 'toggleNote',
  KeyT: 'transfer',
  KeyW: 'wrapUp',
  KeyC: 'focusComposer',
};

/** Global shortcuts of the workspace page; null for any other key. */
export const commandFor = (k: KeyInput): Command | null => {
  const onlyAlt = k.altKey && !k.ctrlKey && !k.metaKey;
  if (onlyAlt && !k.shiftKey) {
    if (k.key === 'ArrowDown') return { cmd: 'nextChat' };
    if (k.key === 'ArrowUp') return { cmd: 'prevChat' };
    const letter = ALT_LETTERS[k.code];
    if (letter) return { cmd: letter };
    const digit = /^Digit([1-9])$/.exec(k.code);
    if (digit?.[1]) return { cmd: 'gotoChat', index: Number(digit[1]) - 1 };
  }
  if (!k.inField && !k.altKey && !k.ctrlKey && !k.metaKey && k.key === '?') return { cmd: 'help' };
  return null;
};

export type ComposerKey = 'send' | 'pickerUp' | 'pickerDown' | 'pickerPick' | 'pickerClose' | null;

/** Keys inside the composer: Enter or Ctrl+Enter sends, Shift+Enter is a new line; arrows drive the canned picker. */
export const composerKey = (k: KeyInput, pickerOpen: boolean, composing: boolean): ComposerKey => {
  // An IME (Chinese input) uses Enter to confirm its candidate: that Enter is not a send.
  if (composing) return null;
  if (pickerOpen) {
    if (k.key === 'ArrowDown') return 'pickerDown';
    if (k.key === 'ArrowUp') return 'pickerUp';
    if ((k.key === 'Enter' && !k.shiftKey) || k.key === 'Tab') return 'pickerPick';
    if (k.key === 'Escape') return 'pickerClose';
  }
  if (k.key === 'Enter' && !k.shiftKey && !k.altKey) return 'send';
  return null;
};

export interface ShortcutHelp {
  readonly keys: readonly string[];
  readonly label: MessageKey;
}

export const SHORTCUTS: readonly ShortcutHelp[] = [
  { keys: ['Alt', 'A'], label: 'ws.keys.accept' },
  { keys: ['Alt', 'R'], label: 'ws.keys.reject' },
  { keys: ['Enter'], label: 'ws.keys.send' },
  { keys: ['Shift', 'Enter'], label: 'ws.keys.newline' },
  { keys: ['Alt', '↑ / ↓'], label: 'ws.keys.switch' },
  { keys: ['Alt', '1…9'], label: 'ws.keys.goto' },
  { keys: ['/'], label: 'ws.keys.canned' },
  { keys: ['Alt', 'N'], label: 'ws.keys.note' },
  { keys: ['Alt', 'C'], label: 'ws.keys.composer' },
  { keys: ['Alt', 'T'], label: 'ws.keys.transfer' },
  { keys: ['Alt', 'W'], label: 'ws.keys.wrapUp' },
  { keys: ['Esc'], label: 'ws.keys.escape' },
  { keys: ['?'], label: 'ws.keys.help' },
];
