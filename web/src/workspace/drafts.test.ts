import { describe, expect, it } from 'vitest';
import { loadDraft, saveDraft } from './drafts.js';

const memory = () => {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    size: () => m.size,
  };
};

describe('drafts', () => {
  it('should keep a draft per user and conversation and forget it once empty', () => {
    const s = memory();
    saveDraft(s, 'u1', 'c1', 'half a sentence');
    expect(loadDraft(s, 'u1', 'c1')).toBe('half a sentence');
    expect(loadDraft(s, 'u2', 'c1')).toBe('');
    saveDraft(s, 'u1', 'c1', '');
    expect(s.size()).toBe(0);
  });

  it('should treat a storage that throws as empty', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    };
    expect(loadDraft(broken, 'u1', 'c1')).toBe('');
    expect(() => saveDraft(broken, 'u1', 'c1', 'x')).not.toThrow();
  });
});
