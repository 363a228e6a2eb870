import { describe, expect, it } from 'vitest';
import { comparePaths } from '../../../bench/paths.js';
import type { RenderCase } from '../../../bench/results.js';

const row = (id: RenderCase['id'], wallSeconds: number, floorSeconds: number, runWalls?: number[]): RenderCase => ({
  id,
  label: id === 'final-30s' ? '30 s 1080p 16:9, first export' : id,
  quality: 'final',
  width: 1920,
  height: 1080,
  videoSeconds: 29,
  frames: 870,
  wallSeconds,
  cpuSeconds: wallSeconds * 2,
  ffmpegPeakRssBytes: 6e8,
  serverPeakRssBytes: 2e8,
  peakRssTogetherBytes: 8e8,
  sizeBytes: 15e6,
  realTimeFactor: wallSeconds / 29,
  floor: { wallSeconds: floorSeconds, cpuSeconds: floorSeconds * 2, peakRssBytes: 1e8 },
  floorRatio: wallSeconds / floorSeconds,
  ...(runWalls && {
    runs: runWalls.map((w) => ({ wallSeconds: w, cpuSeconds: w * 2, floorSeconds, floorRatio: w / floorSeconds })),
  }),
});

describe('comparePaths', () => {
  it('puts each fresh-machine case beside the same case on the system ffmpeg, with both floors', () => {
    const [first, preview] = comparePaths([
      row('final-30s', 20, 14),
      row('preview-30s', 2.5, 1),
      row('fresh-final-30s', 40, 16),
      row('fresh-preview-30s', 5, 1.25),
    ]);
    expect(first).toEqual({
      label: '30 s 1080p 16:9, first export',
      systemWallSeconds: 20,
      bundledWallSeconds: 40,
      bundledOverSystem: 2,
      systemCpuSeconds: 40,
      bundledCpuSeconds: 80,
      bundledCpuOverSystem: 2,
      systemFloorRatio: 20 / 14,
      bundledFloorRatio: 2.5,
    });
    expect(preview?.bundledOverSystem).toBe(2);
  });

  it('takes the median of each round’s own ratio when both were run in the same rounds', () => {
    // Round 2 was a slow minute for both builds, round 3 only for the system one: the rows'
    // medians (24 and 36 s) come from different minutes and would say 1.5x.
    const [first] = comparePaths([
      row('final-30s', 24, 14, [18, 30, 24]),
      row('fresh-final-30s', 36, 16, [36, 60, 36]),
    ]);
    expect(first?.bundledOverSystem).toBe(2);
    expect(first?.bundledCpuOverSystem).toBe(2);
  });

  it('compares nothing when the fresh-machine cases were not run', () => {
    expect(comparePaths([row('final-30s', 20, 14), row('preview-30s', 2.5, 1)])).toEqual([]);
  });
});
