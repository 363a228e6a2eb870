import { describe, expect, it } from 'vitest';
import { fixed, formatTable, megabytes } from '../../../bench/table.js';

describe('formatTable', () => {
  it('pads a Markdown table and right-aligns the number columns', () => {
    const table = formatTable(
      ['case', 'wall s', 'ratio'],
      [
        ['30 s final', '12.3', '1.40x'],
        ['preview', 'n/a', '10.00x'],
      ],
    );
    expect(table.split('\n')).toEqual([
      '| case       | wall s |  ratio |',
      '|------------|-------:|-------:|',
      '| 30 s final |   12.3 |  1.40x |',
      '| preview    |    n/a | 10.00x |',
    ]);
  });
});

describe('fixed and megabytes', () => {
  it('shows n/a for missing values', () => {
    expect(fixed(1.234, 1)).toBe('1.2');
    expect(fixed(null, 1)).toBe('n/a');
    expect(fixed(Number.NaN, 1)).toBe('n/a');
    expect(megabytes(12_345_678)).toBe('12.3');
    expect(megabytes(null)).toBe('n/a');
  });
});
