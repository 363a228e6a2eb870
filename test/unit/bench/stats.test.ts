import { describe, expect, it } from 'vitest';
import { median, percentile } from '../../../bench/stats.js';

describe('percentile (nearest rank)', () => {
  it('takes the value at the rank, whatever the input order', () => {
    const ms = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(ms, 50)).toBe(5);
    expect(percentile(ms, 95)).toBe(10);
    expect(percentile(ms, 0)).toBe(1);
    expect(median([3, 1, 2])).toBe(2);
  });

  it('is NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});
