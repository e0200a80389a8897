import { describe, expect, it } from 'vitest';
import { assertTransition, CONTACT_STATES, type ContactState, canTransition, TERMINAL_STATES, TRANSITIONS } from './state-machine.js';

const LEGAL: [ContactState, ContactState][] = [
  ['new', 'bot'],
  ['new', 'queued'],
  ['bot', 'queued'],
  ['bot', 'closed'],
  ['queued', 'offered'],
  ['queued', 'abandoned'],
  ['queued', 'timed_out'],
  ['offered', 'assigned'],
  ['offered', 'queued'],
  ['assigned', 'wrap_up'],
  ['assigned', 'transferred'],
  ['transferred', 'queued'],
  ['wrap_up', 'closed'],
];

describe('contact state machine', () => {
  it.each(LEGAL)('should allow %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each([
    ['closed', 'queued'],
    ['assigned', 'closed'],
    ['queued', 'assigned'],
    ['wrap_up', 'assigned'],
    ['abandoned', 'queued'],
  ] as [ContactState, ContactState][])('should refuse %s -> %s with ILLEGAL_TRANSITION', (from, to) => {
    expect(() => assertTransition(from, to)).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
  });

  it('should make terminal states final and every other state leave somewhere', () => {
    for (const s of CONTACT_STATES) expect(TRANSITIONS[s].length === 0).toBe(TERMINAL_STATES.has(s));
  });

  it('should reach closed from new along the happy path', () => {
    const path: ContactState[] = ['new', 'queued', 'offered', 'assigned', 'wrap_up', 'closed'];
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1] as ContactState, path[i] as ContactState)).toBe(true);
  });
});
