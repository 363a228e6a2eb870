import { LetterError } from '../../../../core/errors.js';
import type { Timeline } from '../../../../core/timeline/model.js';
import type { RenderAssets } from './types.js';
import { FilterGraph } from './graph.js';
import { SILENT_LUFS, type LoudnessMeasurement } from './mix.js';
import { addLevelled } from './sound.js';

/**
 * Pure: ffmpeg arguments for the first loudness pass: what the final gain levels (the foreground,
 * or the music when there is none, see addLevelled) measured by ebur128 (a third of what
 * loudnorm's own measuring costs, which works at 192 kHz throughout).
 */
export function loudnessProbeArgs(timeline: Timeline, assets: RenderAssets): string[] {
  const g = new FilterGraph();
  const levelled = addLevelled(g, timeline, assets);
  g.chain(`[${levelled}]ebur128=peak=true[measured]`);
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'info',
    ...g.inputs,
    '-filter_complex',
    g.toString(),
    '-map',
    '[measured]',
    '-f',
    'null',
    '-',
  ];
}

/** ebur128's summary, printed last on stderr: integrated loudness and true peak. */
export function parseEbur128(stderr: string): LoudnessMeasurement {
  const at = stderr.lastIndexOf('Summary:');
  if (at < 0)
    throw new LetterError(
      'render_failed',
      'The sound could not be measured for loudness: ffmpeg printed no ebur128 summary.',
    );
  const summary = stderr.slice(at);
  // A silent letter measures -70 LUFS and a peak of -inf.
  const value = (pattern: RegExp) => {
    const v = Number(pattern.exec(summary)?.[1]);
    return Number.isFinite(v) ? v : SILENT_LUFS;
  };
  return {
    integrated: value(/Integrated loudness:\s+I:\s+(\S+) LUFS/),
    truePeak: value(/True peak:\s+Peak:\s+(\S+) dBFS/),
  };
}
