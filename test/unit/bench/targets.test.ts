import { describe, expect, it } from 'vitest';
import type { RenderCase } from '../../../bench/results.js';
import { checkTargets } from '../../../bench/targets.js';

const render = (id: RenderCase['id'], wallSeconds: number, videoSeconds: number, floorSeconds: number): RenderCase => ({
  id,
  label: id,
  quality: id === 'preview-30s' ? 'preview' : 'final',
  width: 1920,
  height: 1080,
  videoSeconds,
  frames: videoSeconds * 30,
  wallSeconds,
  cpuSeconds: wallSeconds * 2,
  ffmpegPeakRssBytes: 400e6,
  serverPeakRssBytes: 200e6,
  peakRssTogetherBytes: 550e6,
  sizeBytes: 1e6,
  realTimeFactor: wallSeconds / videoSeconds,
  floor: { wallSeconds: floorSeconds, cpuSeconds: floorSeconds * 2, peakRssBytes: 1e8 },
  floorRatio: wallSeconds / floorSeconds,
});

describe('checkTargets', () => {
  it('judges each target of issue 6 from the measured cases', () => {
    const checks = checkTargets(
      [
        render('final-30s', 12, 30, 9),
        render('text-edit-30s', 8, 30, 9),
        render('music-edit-30s', 3, 30, 9),
        render('preview-30s', 3.5, 30, 1),
        render('final-3min', 78, 180, 54),
      ],
      { available: false, wallSeconds: null, note: 'n/a' },
      [{ tool: 'get_state', calls: 30, p50Ms: 2, p95Ms: 60, note: '' }],
    );
    const met = Object.fromEntries(checks.map((c) => [c.target, c.met]));
    expect(met).toEqual({
      '30 s 1080p final ≤ 1.5× x264 floor': true,
      '30 s 1080p final < 15 s wall': true,
      're-export after a text change ≤ 60% of first export': false,
      're-export after a music change ≤ 60% of first export': true,
      '540p preview < 3 s': false,
      'storyboard < 1 s': null,
      '3 min letter linear in length (≤ 1.1× the 30 s time per video second)': true,
      '3 min letter peak RSS < 1 GB': true,
      'get_state p95 < 50 ms': false,
    });
    expect(checks.find((c) => c.target.startsWith('re-export after a text'))?.measured).toBe('67%');
  });
});
