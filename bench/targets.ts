import type { RenderCase, Storyboard, TargetCheck, ToolTiming } from './results.js';

const s = (seconds: number) => `${seconds.toFixed(1)} s`;
const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** The speed targets of issue 6, judged against one run's measurements. */
export function checkTargets(
  cases: readonly RenderCase[],
  storyboard: Storyboard,
  tools: readonly ToolTiming[],
): TargetCheck[] {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const checks: TargetCheck[] = [];
  const first = byId.get('final-30s');
  if (first) {
    checks.push({
      target: '30 s 1080p final ≤ 1.5× x264 floor',
      measured: `${first.floorRatio.toFixed(2)}×`,
      met: first.floorRatio <= 1.5,
    });
    checks.push({
      target: '30 s 1080p final < 15 s wall',
      measured: s(first.wallSeconds),
      met: first.wallSeconds < 15,
    });
    for (const id of ['text-edit-30s', 'music-edit-30s'] as const) {
      const edit = byId.get(id);
      if (!edit) continue;
      const ratio = edit.wallSeconds / first.wallSeconds;
      const what = id === 'text-edit-30s' ? 'text' : 'music';
      checks.push({
        target: `re-export after a ${what} change ≤ 60% of first export`,
        measured: pct(ratio),
        met: ratio <= 0.6,
      });
    }
  }
  const preview = byId.get('preview-30s');
  if (preview)
    checks.push({ target: '540p preview < 3 s', measured: s(preview.wallSeconds), met: preview.wallSeconds < 3 });
  checks.push({
    target: 'storyboard < 1 s',
    measured: storyboard.wallSeconds === null ? 'n/a' : s(storyboard.wallSeconds),
    met: storyboard.wallSeconds === null ? null : storyboard.wallSeconds < 1,
  });
  const long = byId.get('final-3min');
  if (long && first) {
    // Linear means no slower per second of video than the short letter, within 10%; a long
    // letter is usually a little cheaper per second, its fixed costs spread thinner.
    const growth = long.realTimeFactor / first.realTimeFactor;
    checks.push({
      target: '3 min letter linear in length (≤ 1.1× the 30 s time per video second)',
      measured: `${growth.toFixed(2)}× the 30 s letter's`,
      met: growth <= 1.1,
    });
  }
  if (long) {
    // What server and ffmpeg held at one moment; the two peaks apart would overstate it (the
    // server peaks while preparing photos, ffmpeg while rendering).
    const together = long.peakRssTogetherBytes;
    checks.push({
      target: '3 min letter peak RSS < 1 GB',
      measured: `${Math.round(together / 1e6)} MB server + ffmpeg together`,
      met: together < 1e9,
    });
  }
  for (const t of tools)
    checks.push({ target: `${t.tool} p95 < 50 ms`, measured: `${t.p95Ms.toFixed(1)} ms`, met: t.p95Ms < 50 });
  return checks;
}
