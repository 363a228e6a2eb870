import type { PathComparison, RenderCase } from './results.js';
import { median } from './stats.js';

/** The fresh-machine cases (the bundled 2018 ffmpeg) and the case on this machine's ffmpeg each mirrors. */
export const FRESH_TWINS = [
  { fresh: 'fresh-final-30s', system: 'final-30s' },
  { fresh: 'fresh-preview-30s', system: 'preview-30s' },
] as const satisfies readonly { fresh: RenderCase['id']; system: RenderCase['id'] }[];

/**
 * Pure: each fresh-machine case beside its twin on this machine's ffmpeg, from the same run. When
 * both were run the same number of times in alternation, the ratio is the median of each round's
 * own ratio (the two renders of a round share the machine's mood of that minute); otherwise the
 * ratio of the two rows' wall times.
 */
export function comparePaths(cases: readonly RenderCase[]): PathComparison[] {
  const byId = new Map(cases.map((c) => [c.id, c]));
  return FRESH_TWINS.flatMap(({ fresh, system }) => {
    const f = byId.get(fresh);
    const s = byId.get(system);
    if (!f || !s) return [];
    const ratio = (pick: (run: { wallSeconds: number; cpuSeconds: number }) => number) =>
      f.runs && s.runs && f.runs.length === s.runs.length
        ? median(
            f.runs.map(
              (run, i) => pick(run) / pick(s.runs?.[i] ?? { wallSeconds: Number.NaN, cpuSeconds: Number.NaN }),
            ),
          )
        : pick(f) / pick(s);
    return [
      {
        label: s.label,
        systemWallSeconds: s.wallSeconds,
        bundledWallSeconds: f.wallSeconds,
        bundledOverSystem: ratio((r) => r.wallSeconds),
        systemCpuSeconds: s.cpuSeconds,
        bundledCpuSeconds: f.cpuSeconds,
        bundledCpuOverSystem: ratio((r) => r.cpuSeconds),
        systemFloorRatio: s.floorRatio,
        bundledFloorRatio: f.floorRatio,
      },
    ];
  });
}
