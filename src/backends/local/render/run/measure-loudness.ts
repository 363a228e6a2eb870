import { LetterError } from '../../../../core/errors.js';
import type { Timeline } from '../../../../core/timeline/model.js';
import { loudnessProbeArgs, parseEbur128 } from '../compile/loudness.js';
import type { LoudnessMeasurement } from '../compile/mix.js';
import type { RenderAssets } from '../compile/types.js';
import { ProgramFailed, runProgram } from './ffmpeg-runner.js';

/** Runs the first pass: only the sound is decoded and mixed, so it takes a second or two. */
export function measureLoudness(
  ffmpeg: string,
  timeline: Timeline,
  assets: RenderAssets,
  signal?: AbortSignal,
): Promise<LoudnessMeasurement> {
  return measured(ffmpeg, loudnessProbeArgs(timeline, assets), signal);
}

/** Measures a finished letter's sound as a player hears it, after AAC (0.4 CPU-s for 30 s). */
export function measureLetterLoudness(ffmpeg: string, mp4: string, signal?: AbortSignal): Promise<LoudnessMeasurement> {
  return measured(
    ffmpeg,
    [
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-loglevel',
      'info',
      '-i',
      mp4,
      '-map',
      '0:a',
      '-af',
      'ebur128=peak=true',
      '-f',
      'null',
      '-',
    ],
    signal,
  );
}

async function measured(ffmpeg: string, args: string[], signal?: AbortSignal): Promise<LoudnessMeasurement> {
  let stderr: string;
  try {
    ({ stderr } = await runProgram(ffmpeg, args, { signal }));
  } catch (e) {
    if (!(e instanceof ProgramFailed)) throw e;
    throw new LetterError(
      'render_failed',
      `The sound could not be measured for loudness (${e.stderr.trim() ? e.detail(2, 300) : e.message}).`,
    );
  }
  return parseEbur128(stderr);
}
