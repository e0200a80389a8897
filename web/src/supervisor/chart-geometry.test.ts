import { describe, expect, it } from 'vitest';
import { barWidths, gaugeArc, sparklineArea, sparklinePath } from './chart-geometry.js';

describe('chart geometry', () => {
  it('should scale a sparkline into the box and carry the last value on to now', () => {
    const p = sparklinePath(
      [
        { at: 0, value: 0 },
        { at: 50, value: 4 },
      ],
      100,
      40,
      0,
      100,
    );
    expect(p).toBe('M0,40 L50,0 L100,0');
    expect(sparklineArea(p, 100, 40)).toBe('M0,40 L50,0 L100,0 L100,40 L0,40 Z');
    expect(sparklinePath([], 100, 40, 0, 100)).toBe('');
  });

  it('should draw a gauge arc from the left end to the fraction', () => {
    expect(gaugeArc(0, 50, 50, 40)).toBe('M10,50 A40,40 0 0 1 10,50');
    expect(gaugeArc(0.5, 50, 50, 40)).toBe('M10,50 A40,40 0 0 1 50,10');
    expect(gaugeArc(1, 50, 50, 40)).toBe('M10,50 A40,40 0 0 1 90,50');
    expect(gaugeArc(7, 50, 50, 40)).toBe(gaugeArc(1, 50, 50, 40));
  });

  it('should size bars relative to the largest value', () => {
    expect(
      barWidths(
        [
          { label: 'a', value: 2 },
          { label: 'b', value: 8 },
          { label: 'c', value: 0 },
        ],
        200,
      ).map((b) => b.width),
    ).toEqual([50, 200, 0]);
    expect(barWidths([{ label: 'a', value: 0 }], 200)[0]?.width).toBe(0);
  });
});
