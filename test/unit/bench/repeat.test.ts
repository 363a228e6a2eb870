import { describe, expect, it } from 'vitest';
import { medianCase } from '../../../bench/repeat.js';
import type { RenderCase } from '../../../bench/results.js';

const run = (wallSeconds: number, floorSeconds: number, peakRssTogetherBytes: number): RenderCase => ({
  id: 'final-30s',
  label: '30 s',
  quality: 'final',
  width: 1920,
  height: 1080,
  videoSeconds: 29,
  frames: 870,
  wallSeconds,
  cpuSeconds: wallSeconds * 2,
  ffmpegPeakRssBytes: peakRssTogetherBytes - 2e8,
  serverPeakRssBytes: 2e8,
  peakRssTogetherBytes,
  sizeBytes: 15e6,
  realTimeFactor: wallSeconds / 29,
  floor: { wallSeconds: floorSeconds, cpuSeconds: floorSeconds * 2, peakRssBytes: 1e8 },
  floorRatio: wallSeconds / floorSeconds,
});

describe('medianCase', () => {
  it('reports the median wall time and the median of each run’s own ratio to its floor', () => {
    const row = medianCase([run(18, 12, 8e8), run(24, 16, 8e8), run(17, 10, 8e8)]);
    expect(row.wallSeconds).toBe(18);
    expect(row.floor.wallSeconds).toBe(12);
    // Ratios 1.5, 1.5 and 1.7: a slow minute slows the render and its floor alike.
    expect(row.floorRatio).toBe(1.5);
    expect(row.realTimeFactor).toBeCloseTo(18 / 29);
    expect(row.runs?.map((r) => r.wallSeconds)).toEqual([18, 24, 17]);
  });

  it('keeps the largest memory peak of any run', () => {
    expect(medianCase([run(18, 12, 8e8), run(18, 12, 9.5e8), run(18, 12, 8.2e8)]).peakRssTogetherBytes).toBe(9.5e8);
  });
});
