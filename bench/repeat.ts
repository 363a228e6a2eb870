import type { RenderCase } from './results.js';
import { median } from './stats.js';

/**
 * Pure: several runs of one case (each a new letter, nothing cached) as one row of medians. The
 * ratio is the median of each run's own render/floor ratio: a floor measured right after its
 * render shares the machine's mood of that minute, which a ratio of two medians would not. Peaks
 * are the largest of any run, and the runs stay in `runs` for the JSON.
 */
export function medianCase(runs: readonly RenderCase[]): RenderCase {
  const [first] = runs;
  if (!first) throw new Error('medianCase: no runs');
  const mid = (pick: (c: RenderCase) => number) => median(runs.map(pick));
  const largest = (pick: (c: RenderCase) => number | null) => {
    const values = runs.map(pick).filter((v): v is number => v !== null);
    return values.length > 0 ? Math.max(...values) : null;
  };
  const wallSeconds = mid((c) => c.wallSeconds);
  return {
    ...first,
    wallSeconds,
    cpuSeconds: mid((c) => c.cpuSeconds),
    realTimeFactor: wallSeconds / first.videoSeconds,
    floor: {
      wallSeconds: mid((c) => c.floor.wallSeconds),
      cpuSeconds: mid((c) => c.floor.cpuSeconds),
      peakRssBytes: largest((c) => c.floor.peakRssBytes),
    },
    floorRatio: mid((c) => c.floorRatio),
    ffmpegPeakRssBytes: largest((c) => c.ffmpegPeakRssBytes),
    serverPeakRssBytes: largest((c) => c.serverPeakRssBytes),
    peakRssTogetherBytes: largest((c) => c.peakRssTogetherBytes) ?? first.peakRssTogetherBytes,
    sizeBytes: mid((c) => c.sizeBytes),
    runs: runs.map((c) => ({
      wallSeconds: c.wallSeconds,
      cpuSeconds: c.cpuSeconds,
      floorSeconds: c.floor.wallSeconds,
      floorRatio: c.floorRatio,
    })),
  };
}
