/** Geometry for the small inline SVG charts (no chart library): paths and bar sizes. Pure. */
import type { Sample } from './history.js';

const round = (n: number) => Math.round(n * 10) / 10;

/** A polyline through the samples, scaled into w×h (y grows downwards); from `from` to `to` in time. */
export const sparklinePath = (samples: readonly Sample[], w: number, h: number, from: number, to: number, maxY?: number): string => {
  if (samples.length === 0 || to <= from) return '';
  const top = Math.max(1, maxY ?? Math.max(...samples.map((s) => s.value)));
  const x = (at: number) => round(((at - from) / (to - from)) * w);
  const y = (v: number) => round(h - (Math.max(0, v) / top) * h);
  const pts = samples.map((s) => `${x(Math.max(from, s.at))},${y(s.value)}`);
  // A single sample draws as a flat line up to now, so a chart never looks empty while nothing moves.
  const last = samples.at(-1);
  if (last) pts.push(`${x(to)},${y(last.value)}`);
  return `M${pts.join(' L')}`;
};

/** The area under a sparkline path (closed along the bottom edge) for a soft fill. */
export const sparklineArea = (path: string, w: number, h: number): string => {
  if (!path) return '';
  const firstX = /^M([\d.]+),/.exec(path)?.[1] ?? '0';
  return `${path} L${w},${h} L${firstX},${h} Z`;
};

/** The arc of a half-circle gauge filled to `fraction` (0..1), centred at (cx, cy), radius r, drawn left to right. */
export const gaugeArc = (fraction: number, cx: number, cy: number, r: number): string => {
  const f = Math.min(1, Math.max(0, fraction));
  const angle = Math.PI * (1 - f);
  const x = round(cx + r * Math.cos(angle));
  const y = round(cy - r * Math.sin(angle));
  return `M${cx - r},${cy} A${r},${r} 0 0 1 ${x},${y}`;
};

export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly width: number;
}

/** Horizontal bars: each as wide as its share of the largest value (at least 1 so zero bars stay flat). */
export const barWidths = (items: ReadonlyArray<{ label: string; value: number }>, maxWidth: number): Bar[] => {
  const top = Math.max(1, ...items.map((i) => i.value));
  return items.map((i) => ({ label: i.label, value: i.value, width: round((Math.max(0, i.value) / top) * maxWidth) }));
};
