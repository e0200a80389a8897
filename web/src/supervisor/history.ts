/**
 * A short history of one figure (people waiting) for the sparkline: at most one sample per
 * `stepMs` (the newest value in a step wins), and nothing older than `windowMs`. Pure.
 */
export interface Sample {
  readonly at: number;
  readonly value: number;
}

export interface HistoryOptions {
  readonly stepMs: number;
  readonly windowMs: number;
}

export const HISTORY: HistoryOptions = { stepMs: 5_000, windowMs: 15 * 60_000 };

export const pushSample = (h: readonly Sample[], s: Sample, o: HistoryOptions = HISTORY): Sample[] => {
  const last = h.at(-1);
  // A clock step backwards (or a replayed frame) must not reorder the line.
  if (last && s.at < last.at) return [...h];
  const next = last && s.at - last.at < o.stepMs ? [...h.slice(0, -1), { at: last.at, value: s.value }] : [...h, s];
  return next.filter((x) => x.at > s.at - o.windowMs);
};
