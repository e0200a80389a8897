/** Small display helpers for durations, countdowns and ratios. Pure. */

/** 5 s → "0:05", 754 s → "12:34", 3723 s → "1:02:03". Negative durations show as zero. */
export const formatDuration = (ms: number): string => {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
};

/** Whole seconds left until `deadline`, rounded up, never below zero. */
export const secondsLeft = (deadline: number, now: number): number => Math.max(0, Math.ceil((deadline - now) / 1000));

/** A 0..1 ratio as a whole percentage, or "—" when there is nothing to measure yet. */
export const formatPct = (ratio: number | null): string => (ratio === null ? '—' : `${Math.round(ratio * 100)}%`);

/** Initials for an avatar: the first letter of the first two words, or the first Chinese character. */
export const initialsOf = (name: string): string => {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0] ?? '';
  if (/^[\u3400-\u9fff]/.test(first)) return first.slice(0, 1);
  return words
    .slice(0, 2)
    .map((w) => w.slice(0, 1).toUpperCase())
    .join('');
};
